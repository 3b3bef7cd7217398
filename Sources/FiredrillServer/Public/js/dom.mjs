// dom.mjs: a tiny element builder. Text is always set with textContent (or text nodes),
// never parsed as HTML, so whatever a scenario or a participant wrote stays text.

// Properties set directly on the element; everything else becomes an attribute.
const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'open', 'tabIndex', 'htmlFor', 'required', 'readOnly']);

/** el('p', {class: 'x', text: 'hello'}, child, 'more text', [children]) */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'href') node.setAttribute('href', safeHref(value));
    else if (PROPS.has(key)) node[key] = value;
    else if (key === 'innerHTML' || key === 'outerHTML') throw new Error('dom.mjs never sets HTML');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends strings (as text), nodes and (nested) arrays; skips null, undefined and false. */
export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);
/** Runs `fn` when the page has nothing more urgent to do (Safari has no requestIdleCallback). */
export const whenIdle = (fn) => (window.requestIdleCallback || setTimeout)(fn);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Only same-origin paths and http(s) URLs may become links. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  if (s.startsWith('#')) return s;
  try {
    const url = new URL(s, location.href);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'blob:') return url.href;
  } catch { /* fall through */ }
  return '#';
}

/** Scenario texts (YAML block scalars) end with a line break: drop trailing blanks for display. */
export function trimEnd(text) {
  return String(text ?? '').replace(/\s+$/, '');
}

// Scenario prose is often wrapped by hand at ~100 columns; on a phone those breaks make
// ragged lines. reflow() joins a long line with the next one (a space between Latin words,
// nothing between Japanese characters) and keeps short lines, blank lines and list items.
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const LIST_ITEM = /^\s*([-*•・●◆■]|\d+[.)、．]|[（(]?\d+[）)])\s*/;

function width(line) {
  let w = 0;
  for (const ch of line) w += CJK.test(ch) ? 2 : 1;
  return w;
}

export function reflow(text) {
  const out = [];
  let lastWidth = 0;   // the width of the previous line as written
  for (const line of trimEnd(text).split('\n')) {
    const prev = out.length ? out[out.length - 1] : null;
    const joinable = prev !== null && prev.trim() !== '' && line.trim() !== '' &&
      lastWidth >= 60 && !LIST_ITEM.test(line) && !/[:：]\s*$/.test(prev);
    if (joinable) {
      const a = prev.trimEnd().slice(-1);
      const b = line.trimStart().charAt(0);
      out[out.length - 1] = prev.trimEnd() + (CJK.test(a) && CJK.test(b) ? '' : ' ') + line.trimStart();
    } else {
      out.push(line);
    }
    lastWidth = width(line);
  }
  return out.join('\n');
}
