// ui.mjs: small widgets shared by the pages: error boxes (with every problem), status chips,
// the connection indicator, copy buttons, the screen-reader announcer and name lookups.
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import * as names from './names.mjs';

/** An error as a box: the message, then every problem on its own line. */
export function errorBox(err, title) {
  const problems = (err && err.problems) || [];
  return el('div', { class: 'error-box', role: 'alert' },
    title ? el('p', { class: 'error-title', text: title }) : null,
    el('p', { class: 'error-message', text: (err && err.message) || String(err) }),
    problems.length && !(problems.length === 1 && problems[0] === err.message)
      ? el('ul', { class: 'problems' }, problems.map((p) => el('li', { text: p })))
      : null);
}

/** Shows an error (or clears the box when err is null). */
export function showError(box, err, title) {
  if (!box) return;
  if (!err) { fill(box); box.hidden = true; return; }
  fill(box, errorBox(err, title));
  box.hidden = false;
}

// A sign beside each status, so that it never rests on colour alone.
const STATUS_ICON = { ready: '○', running: '▶', paused: '❚❚', interrupted: '⚠', finished: '■' };

/** The drill's status as a chip: 開始前, 実施中, 一時停止中, 中断, 終了. */
export function statusChip(status) {
  return el('span', { class: `chip status-chip status-${status}`, dataset: { status } },
    el('span', { class: 'status-icon', 'aria-hidden': 'true', text: STATUS_ICON[status] || '' }), ' ',
    el('span', { class: 'status-text', text: t('drill.' + status) }));
}

/** Fills the connection indicator for a stream state. */
export function renderConnection(node, state) {
  if (!node) return;
  for (const name of Array.from(node.classList)) if (name.startsWith('conn-')) node.classList.remove(name);
  node.classList.add('conn', `conn-${state}`);
  node.textContent = t('conn.' + state);
}

/** A button that copies a text to the clipboard and says so. */
export function copyButton(getText, label, describedBy) {
  const button = el('button', { type: 'button', class: 'btn small', text: label || t('action.copy'), 'aria-describedby': describedBy || null });
  button.addEventListener('click', async () => {
    const text = getText();
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); ok = true; }
    } catch { ok = false; }
    if (!ok) ok = legacyCopy(text);
    const before = label || t('action.copy');
    button.textContent = ok ? t('copy.done') : t('copy.failed');
    setTimeout(() => { button.textContent = before; }, 2000);
    announce(ok ? t('copy.done') : t('copy.failed'));
  });
  return button;
}

function legacyCopy(text) {
  const area = el('textarea', { class: 'visually-hidden', readOnly: true, value: text, 'aria-hidden': 'true' });
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  area.remove();
  return ok;
}

/** Says something to screen readers (a polite live region in each page). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** The name of a role id in a drill ("all" reads as everyone); never the id. */
export function roleName(drill, id) { return names.roleName(drill, id, t); }

/** A role with its department, for choices. */
export function roleLabel(drill, id) { return names.roleLabel(drill, id, t); }

/** A recipient list ("all" or ids) as names. */
export function recipients(drill, to) { return names.recipients(drill, to, t); }

/** The name of an objective id (or the whole drill when none). */
export function objectiveName(objectives, id) {
  if (!id) return t('obs.whole');
  const o = (objectives || []).find((x) => x.id === id);
  return o && o.name ? o.name : t('cond.someObjective');
}

/** A credit of 0..1 as a percentage. */
export function formatCredit(credit) {
  if (credit === null || credit === undefined) return '–';
  return `${Math.round(Number(credit) * 100)}%`;
}
