// editor-fields.mjs: the scenario editor's form fields. Each field edits one value of the
// scenario held in `state.doc` (by its path), has a visible <label>, and is registered under
// its path's key ('injects.3.subject') so that the server's problems show beside it, linked
// with aria-describedby, and the problem list can take the reader there. A field's label
// comes from its path (FIELD_LABELS), so that a field not drawn yet is named the same.
import { el } from './dom.mjs';
import { durationWords } from './format.mjs';
import { t } from './i18n.mjs';
import { fieldLabelKey, getIn, linesToList, listToLines, parseDuration, pathKey, setIn } from './editor-model.mjs';

/** The DOM id of a path's field: 'injects.3.subject' → 'f-injects-3-subject'. */
export function fieldId(key, prefix = 'f') {
  return `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '-') || 'scenario'}`;
}

/** The label of the field at `path` ('' when the editor has none). */
export function fieldLabel(path) {
  const key = fieldLabelKey(path);
  return key ? t(key) : '';
}

/**
 * Registers a field (or an item, or a section) under `key`: `focus` is what a problem's link
 * focuses, `slot` where its problems are written, `label` and `itemLabel` how the problem
 * list names it; an item whose form is drawn when first opened has `open` (which draws it).
 */
export function register(state, key, entry) {
  state.fields.set(key, entry);
}

/** A problem slot: hidden until it holds a problem. */
function problemSlot(id) {
  return el('div', { class: 'field-problem', id, hidden: true });
}

/** A note under a field that says how a duration reads (「＝ 1 時間 30 分」) or that it cannot be read. */
function durationNote(value) {
  if (value === undefined || value === null || String(value).trim() === '') return '';
  const seconds = parseDuration(value);
  return seconds === null ? t('editor.duration.unreadable') : t('editor.duration.reads', { d: durationWords(seconds, t) });
}

/** How a text box's text becomes the value stored in the scenario. */
function parseValue(kind, text) {
  switch (kind) {
    case 'lines': return linesToList(text);
    case 'number': {
      const s = text.trim();
      if (s === '') return undefined;
      const n = Number(s);
      return Number.isFinite(n) ? n : s;
    }
    case 'duration': {
      const s = text.trim();
      if (s === '') return undefined;
      return /^\d+$/.test(s) ? Number(s) : s;
    }
    default: return kind === 'keep' ? text : (text.trim() === '' ? undefined : text);
  }
}

function shownValue(kind, value) {
  if (kind === 'lines') return listToLines(value);
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A labelled text field for the value at `path`.
 * kind: text | textarea | lines (one item per line) | duration | number | slug | condition.
 * Options: help, lang (of the scenario's text), rows, rerender (rebuild the form when
 * the value is changed: ids and names other parts show; 'soft' for a name or subject: every
 * part but the one being edited), required, readOnly, onInput,
 * onChange, keepEmpty (an emptied field stores '' instead of removing the key).
 */
export function textField(state, opts) {
  const { path, help, kind = 'text', rows, rerender = false, required = false, readOnly = false, onInput, onChange, keepEmpty = false, itemLabel } = opts;
  const key = pathKey(path);
  const label = fieldLabel(path);
  const id = fieldId(key);
  const multiline = kind === 'textarea' || kind === 'lines';
  const value = getIn(state.doc, path);
  const helpId = help ? `${id}-help` : null;
  const noteId = kind === 'duration' ? `${id}-note` : null;
  const input = multiline
    ? el('textarea', { id, rows: rows || (kind === 'lines' ? 3 : 4), lang: opts.lang || null, spellcheck: kind === 'lines' || kind === 'textarea' ? null : 'false' })
    : el('input', {
      id, type: kind === 'number' ? 'text' : 'text', lang: kind === 'text' ? (opts.lang || null) : null, autocomplete: 'off',
      inputmode: kind === 'number' ? 'decimal' : null, spellcheck: kind === 'slug' || kind === 'duration' || kind === 'condition' ? 'false' : null,
      class: kind === 'slug' || kind === 'condition' ? 'mono' : null,
    });
  input.value = shownValue(kind, value);
  if (readOnly) input.readOnly = true;
  if (required) input.setAttribute('aria-required', 'true');
  input.dataset.path = key;
  const note = noteId ? el('p', { class: 'field-note', id: noteId, text: durationNote(value) }) : null;
  input.addEventListener('input', () => {
    const stored = keepEmpty && input.value.trim() === '' ? '' : parseValue(kind === 'textarea' ? 'text' : kind, input.value);
    setIn(state.doc, path, stored);
    if (note) note.textContent = durationNote(input.value);
    if (onInput) onInput(input.value);
    // A name or subject: the item's summary follows as it is typed.
    if (rerender === 'soft' && input.value.trim()) {
      const title = input.closest('details.item')?.querySelector(':scope > summary .item-title');
      if (title) title.textContent = input.value.trim();
    }
    state.changed({ key });
  });
  if (onChange) input.addEventListener('change', () => onChange(input.value));
  // 'soft': the other parts that show this value are rebuilt, not the part being edited.
  if (rerender) input.addEventListener('change', () => state.rerender(rerender === 'soft' ? { keep: input } : {}));
  const slot = problemSlot(`${id}-problem`);
  const describedBy = [helpId, noteId].filter(Boolean);
  if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
  input.dataset.describedBy = describedBy.join(' ');
  register(state, key, { focus: input, slot, label, itemLabel, control: input });
  return el('div', { class: ['field', `field-${kind}`], dataset: { field: key } },
    el('label', { for: id, text: label }),
    help ? el('p', { class: 'field-help', id: helpId, text: help }) : null,
    input, note, slot);
}

/**
 * A labelled select for the value at `path`. options: [{value, label, lang?}], or a function
 * that gives them, called when the select is first used (a long list in many selects: only the
 * current value's option is drawn before); `empty`: the label of a first choice that removes
 * the key.
 */
export function selectField(state, opts) {
  const { path, help, options, empty, rerender = false, itemLabel } = opts;
  const key = pathKey(path);
  const label = fieldLabel(path);
  const id = fieldId(key);
  const helpId = help ? `${id}-help` : null;
  const current = getIn(state.doc, path);
  const later = typeof options === 'function';
  const list = later ? options().filter((o) => o.value === String(current ?? '')) : options.slice();
  // A value the scenario has that the list lacks stays choosable (and is kept).
  if (current !== undefined && current !== null && current !== '' && !list.some((o) => o.value === current)) {
    list.push({ value: String(current), label: String(current) });
  }
  const select = el('select', { id, 'aria-describedby': helpId },
    empty !== undefined ? el('option', { value: '', text: empty }) : null,
    list.map((o) => el('option', { value: o.value, lang: o.lang || null, text: o.label })));
  select.value = current === undefined || current === null ? '' : String(current);
  if (later) {
    const fill = () => {
      if (select.dataset.filled) return;
      select.dataset.filled = 'yes';
      const chosen = select.value;
      const rest = options().filter((o) => o.value !== chosen);
      select.append(...rest.map((o) => el('option', { value: o.value, lang: o.lang || null, text: o.label })));
      select.value = chosen;
    };
    for (const event of ['focus', 'pointerdown', 'keydown']) select.addEventListener(event, fill);
  }
  select.dataset.path = key;
  select.dataset.describedBy = helpId || '';
  select.addEventListener('change', () => {
    setIn(state.doc, path, select.value === '' ? undefined : select.value);
    state.changed({ key });
    if (rerender) state.rerender();
  });
  const slot = problemSlot(`${id}-problem`);
  register(state, key, { focus: select, slot, label, itemLabel, control: select });
  return el('div', { class: 'field field-select', dataset: { field: key } },
    el('label', { for: id, text: label }),
    help ? el('p', { class: 'field-help', id: helpId, text: help }) : null,
    select, slot);
}

/**
 * A group of check boxes for a list of values at `path` (roles, channels): the
 * `options` [{value, label}], `all` (the label of a box that stands for the word all, which
 * the value then is), `help`. No box ticked removes the key (the format's default).
 */
export function checkGroup(state, opts) {
  const { path, options, all, help, rerender = false, itemLabel } = opts;
  const key = pathKey(path);
  const legend = fieldLabel(path);
  const id = fieldId(key);
  const helpId = help ? `${id}-help` : null;
  const current = getIn(state.doc, path);
  const selected = new Set(current === 'all' ? ['all'] : Array.isArray(current) ? current.map(String) : (current ? [String(current)] : []));
  const list = options.slice();
  for (const value of selected) if (value !== 'all' && !list.some((o) => o.value === value)) list.push({ value, label: value });
  const boxes = [];
  const update = () => {
    const allBox = boxes.find((b) => b.value === 'all');
    let value;
    if (allBox && allBox.checked) value = 'all';
    else value = boxes.filter((b) => b.checked && b.value !== 'all').map((b) => b.value);
    for (const b of boxes) if (b.value !== 'all') b.disabled = Boolean(allBox && allBox.checked);
    setIn(state.doc, path, value);
    state.changed({ key });
    if (rerender) state.rerender();
  };
  const row = (value, label, lang) => {
    const box = el('input', { type: 'checkbox', id: `${id}-${value.replace(/[^a-zA-Z0-9_-]/g, '-')}`, value, checked: selected.has(value) });
    box.addEventListener('change', update);
    boxes.push(box);
    return el('label', { class: 'check' }, box, ' ', el('span', { lang: lang || null, text: label }));
  };
  const items = [all ? row('all', all) : null, list.map((o) => row(o.value, o.label, o.lang))];
  if (selected.has('all')) for (const b of boxes) if (b.value !== 'all') b.disabled = true;
  const slot = problemSlot(`${id}-problem`);
  const fieldset = el('fieldset', { class: 'field check-group', id, dataset: { field: key }, 'aria-describedby': helpId },
    el('legend', { text: legend }),
    help ? el('p', { class: 'field-help', id: helpId, text: help }) : null,
    el('div', { class: 'check-list' }, items),
    slot);
  fieldset.dataset.describedBy = helpId || '';
  register(state, key, { focus: boxes[0] || fieldset, slot, label: legend, itemLabel, control: fieldset });
  return fieldset;
}

/**
 * Writes the problems beside their fields: [{field: key, message}] (field '' = the scenario).
 * What the last call wrote is taken away first (only that: 5,000 items have a slot each).
 */
export function showFieldProblems(state, problems) {
  const last = state.marked || { slots: [], controls: [], items: [] };
  for (const node of last.slots) { node.replaceChildren(); node.hidden = true; }
  for (const node of last.controls) {
    node.removeAttribute('aria-invalid');
    const base = node.dataset.describedBy || '';
    if (base) node.setAttribute('aria-describedby', base); else node.removeAttribute('aria-describedby');
  }
  for (const node of last.items) node.classList.remove('has-problem');
  const marked = { slots: [], controls: [], items: [] };
  state.marked = marked;
  for (const p of problems) {
    const entry = state.fields.get(p.field);
    if (!entry || !entry.slot) continue;
    entry.slot.append(el('p', { text: p.message }));
    entry.slot.hidden = false;
    marked.slots.push(entry.slot);
    if (entry.control) {
      marked.controls.push(entry.control);
      entry.control.setAttribute('aria-invalid', 'true');
      const ids = new Set((entry.control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      ids.add(entry.slot.id);
      entry.control.setAttribute('aria-describedby', Array.from(ids).join(' '));
    }
    // A closed item shows that something inside it needs a look: a mark in its summary.
    for (let node = entry.slot.parentElement; node; node = node.parentElement) {
      if (node.tagName !== 'DETAILS') continue;
      node.classList.add('has-problem');
      marked.items.push(node);
      const summary = node.querySelector(':scope > summary');
      if (summary && !summary.querySelector('.item-problem-mark')) summary.append(el('span', { class: 'item-problem-mark', text: t('editor.item.hasProblem') }));
    }
  }
}

/** Opens every closed <details> around a node, then focuses it. */
export function reveal(node) {
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    if (parent.tagName === 'DETAILS' && !parent.open) parent.open = true;
  }
  node.scrollIntoView({ block: 'center' });
  node.focus({ preventScroll: true });
}
