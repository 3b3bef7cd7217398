// ui.mjs: small widgets shared by the pages: error boxes (with every problem), status chips,
// the connection indicator, copy buttons, the screen-reader announcer and name lookups.
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';

/** An error as a box: the server's message, then every problem on its own line. */
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

/** The drill's status as a chip: ready, running, paused, interrupted, finished. */
export function statusChip(status) {
  return el('span', { class: `chip status-${status}`, text: t('status.' + status) });
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
  const area = el('textarea', { class: 'visually-hidden', readOnly: true, value: text });
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

/** The name of a role id in a drill ("all" reads as everyone). */
export function roleName(drill, id) {
  if (id === 'all') return t('roles.all');
  const role = (drill.roles || []).find((r) => r.id === id);
  return role ? role.name : id;
}

/** A recipient list ("all" or ids) as names. */
export function recipients(drill, to) {
  if (to === 'all' || to === null || to === undefined) return t('roles.all');
  const list = Array.isArray(to) ? to : [to];
  return list.map((id) => roleName(drill, id)).join(', ');
}

/** The name of an objective id, or the id. */
export function objectiveName(objectives, id) {
  if (!id) return t('obs.whole');
  const o = (objectives || []).find((x) => x.id === id);
  return o && o.name ? o.name : id;
}

/** A credit of 0..1 as a percentage. */
export function formatCredit(credit) {
  if (credit === null || credit === undefined) return '–';
  return `${Math.round(Number(credit) * 100)}%`;
}
