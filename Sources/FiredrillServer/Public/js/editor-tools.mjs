// editor-tools.mjs: the scenario editor's views over the whole scenario: the timeline of
// injects in drill-time order (each one's time can be changed there), find and replace over
// every text with a preview, and what a chosen role will see.
import { triggerInWords } from './conditions.mjs';
import { el, fill, reflow, whenIdle } from './dom.mjs';
import { formatClock } from './format.mjs';
import { channelName, t } from './i18n.mjs';
import { announce } from './ui.mjs';
import { fieldId } from './editor-fields.mjs';
import { drawingSteps, findMatches, moveInject, parseCondition, parseTime, replaceMatches, rolePreview, snippets, timeline } from './editor-model.mjs';
import { LONG_LIST, currentBook, injectTitle, roleTitle } from './editor-forms.mjs';

const STEP = 5 * 60;   // the earlier / later buttons move an inject by five minutes
const FIRST_ROWS = 100;   // a long list's rows drawn at once; the others follow, ROWS_PER_STEP a task
const ROWS_PER_STEP = 250;

/**
 * Fills `list` with `make(item)` for each of `items`: the first `first` now, the others in
 * tasks of their own when the page is idle, so that it is shown and answers in between; every row
 * is in the list a moment later, for find in page and screen readers alike. A list that is
 * no longer on the page (drawn again meanwhile) is left as it is.
 */
function appendInSteps(list, items, make, first = FIRST_ROWS) {
  const steps = drawingSteps(items.length, first, ROWS_PER_STEP);
  const next = () => {
    const [start, end] = steps.shift();
    list.append(...items.slice(start, end).map(make));
    if (steps.length) whenIdle(() => { if (list.isConnected) next(); });
  };
  if (steps.length) next();
  return list;
}

/** Who an inject goes to, in words. */
function recipientsText(doc, to) {
  if (to === 'all' || (Array.isArray(to) && to.includes('all'))) return t('recipients.all');
  const list = Array.isArray(to) ? to : (to ? [to] : []);
  return list.map((id) => {
    const role = (doc.roles || []).find((r) => r && r.id === id);
    return role ? roleTitle(role) : t('names.someRole');
  }).join(t('names.separator'));
}

/** When a `when` inject goes out, in words. */
function triggerText(state, when, delaySeconds) {
  const parsed = parseCondition(when);
  if (!parsed) return t('editor.condition.unreadable');
  return triggerInWords({ kind: 'when', when: parsed, delay_seconds: delaySeconds || 0 }, currentBook(state), t);
}

// ---------------------------------------------------------------- timeline

export function renderTimeline(state, container) {
  const { doc } = state;
  const { scheduled, triggered } = timeline(doc);
  const move = (entry, seconds) => {
    moveInject(doc, entry.index, seconds);
    state.changed({ key: `injects.${entry.index}.at` });
    announce(t('editor.timeline.moved', { name: injectTitle(doc.injects[entry.index]), at: formatClock(Math.max(0, seconds)) }));
    // Sorted again (with the inject's summary and, when it is open, its form) once the focus
    // has moved on; the focus stays on the same row's control.
    state.rerender();
  };
  const row = (entry) => {
    const inject = doc.injects[entry.index];
    const id = `tl-${entry.index}`;
    const labelId = `${id}-label`;
    const input = el('input', {
      id, type: 'text', class: 'tl-time-input mono', autocomplete: 'off', spellcheck: 'false', inputmode: 'numeric',
      value: entry.seconds === null ? String(entry.at ?? '') : formatClock(entry.seconds), 'aria-describedby': `${id}-meta`,
      dataset: { inject: String(entry.index) },
    });
    const shift = (delta) => move(entry, Math.max(0, (entry.seconds ?? 0) + delta));
    const line = el('li', { class: 'tl-row', dataset: { inject: String(entry.index) } },
      el('label', { for: id, id: labelId, class: 'tl-subject', lang: state.lang, text: injectTitle(inject) }),
      el('p', { class: 'tl-meta', id: `${id}-meta` },
        t('editor.timeline.meta', { to: recipientsText(doc, inject.to), channel: channelName(inject.channel) }),
        inject.if ? el('span', { class: 'tag', text: t('editor.timeline.guarded') }) : null),
      input,
      el('button', { type: 'button', class: 'btn small', id: `${id}-earlier`, text: t('editor.timeline.earlier'), 'aria-describedby': labelId, onclick: () => shift(-STEP), disabled: entry.seconds === null || entry.seconds === 0 }),
      el('button', { type: 'button', class: 'btn small', id: `${id}-later`, text: t('editor.timeline.later'), 'aria-describedby': labelId, onclick: () => shift(STEP), disabled: entry.seconds === null }));
    input.addEventListener('change', () => {
      const seconds = parseTime(input.value);
      if (seconds === null) {
        // The row's problem, added when there is one.
        const problem = line.querySelector('.tl-problem') || line.appendChild(el('p', { class: 'tl-problem', id: `${id}-problem` }));
        problem.textContent = t('editor.timeline.unreadable');
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${id}-meta ${problem.id}`);
        return;
      }
      move(entry, seconds);
    });
    return line;
  };
  // The row that has the focus (its time just changed, the timeline is drawn again around it) is drawn at once.
  const focused = container.contains(document.activeElement) ? document.activeElement.closest('.tl-row') : null;
  const focusedAt = focused ? scheduled.findIndex((entry) => String(entry.index) === focused.dataset.inject) : -1;
  fill(container,
    scheduled.length
      ? appendInSteps(el('ol', { class: ['tl-edit', scheduled.length >= LONG_LIST && 'long'] }), scheduled, row, Math.max(FIRST_ROWS, focusedAt + 1))
      : el('p', { class: 'hint', text: t('editor.timeline.none') }),
    triggered.length ? [
      el('h3', { text: t('editor.timeline.triggered') }),
      appendInSteps(el('ul', { class: 'tl-triggered' }), triggered, (entry) => el('li', {},
        el('a', { href: `#${fieldId(`injects.${entry.index}`, 'item')}`, class: 'tl-subject', lang: state.lang, text: injectTitle(doc.injects[entry.index]), onclick: (e) => { e.preventDefault(); state.reveal(`injects.${entry.index}`); } }),
        el('p', { class: 'tl-meta', lang: state.lang, text: triggerText(state, entry.when, entry.delaySeconds) }))),
    ] : null);
}

// ---------------------------------------------------------------- find and replace

export class FindReplace {
  constructor(state) {
    this.state = state;
    this.find = document.getElementById('find-text');
    this.replace = document.getElementById('replace-text');
    this.count = document.getElementById('find-count');
    this.preview = document.getElementById('find-preview');
    this.button = document.getElementById('replace-button');
    this.excluded = new Set();
    let timer = null;
    const soon = () => { clearTimeout(timer); timer = setTimeout(() => this.update(), 150); };
    this.justReplaced = '';
    this.find.addEventListener('input', () => { this.excluded.clear(); this.justReplaced = ''; soon(); });
    this.replace.addEventListener('input', () => { this.justReplaced = ''; soon(); });
    this.button.addEventListener('click', () => this.apply());
  }

  update() {
    const needle = this.find.value;
    const replacement = this.replace.value;
    const { matches, total } = findMatches(this.state.doc, needle, replacement);
    this.matches = matches;
    if (!needle) {
      this.count.textContent = '';
      fill(this.preview);
      this.button.disabled = true;
      return;
    }
    // After a replacement the count says what was done until the reader types again.
    this.count.textContent = total ? t('editor.find.count', { n: total, fields: matches.length }) : (this.justReplaced || t('editor.find.none'));
    this.button.disabled = matches.every((m) => this.excluded.has(m.key));
    fill(this.preview, matches.map((m, i) => {
      const boxId = `find-${i}`;
      const box = el('input', { type: 'checkbox', id: boxId, checked: !this.excluded.has(m.key) });
      box.addEventListener('change', () => {
        if (box.checked) this.excluded.delete(m.key); else this.excluded.add(m.key);
        this.button.disabled = this.matches.every((x) => this.excluded.has(x.key));
      });
      return el('li', { class: 'find-item' },
        el('div', { class: 'check-line' }, box,
          el('label', { for: boxId }, this.state.describe(m.key), ' ', el('span', { class: 'find-n', text: t('editor.find.inField', { n: m.count }) }))),
        el('div', { class: 'find-snippets', lang: this.state.lang }, snippets(m.value, needle).map((s) => el('p', { class: 'find-snippet' },
          s.before, el('del', { text: s.match }), el('ins', { text: replacement }), s.after))));
    }));
  }

  apply() {
    const needle = this.find.value;
    if (!needle) return;
    const keys = (this.matches || []).filter((m) => !this.excluded.has(m.key)).map((m) => m.key);
    const n = replaceMatches(this.state.doc, needle, this.replace.value, keys);
    this.excluded.clear();
    this.state.changed({ key: '', structural: true });
    this.state.rerender();
    const message = t('editor.find.replaced', { n });
    this.justReplaced = message;
    this.update();
    announce(message);
  }
}

// ---------------------------------------------------------------- what a role sees

export function renderPreviewRoles(state, select) {
  const roles = (state.doc.roles || []).filter((r) => r && r.id && !(r.persona && typeof r.persona === 'object'));
  const before = select.value;
  fill(select, roles.map((r) => el('option', { value: r.id, lang: state.lang, text: roleTitle(r) })));
  if (roles.some((r) => r.id === before)) select.value = before;
}

export function renderPreview(state, container, roleId) {
  const { doc } = state;
  const view = rolePreview(doc, roleId);
  if (!view.role) { fill(container, el('p', { class: 'hint', text: t('editor.preview.noRole') })); return; }
  const lang = state.lang;
  fill(container, el('article', { class: 'preview-box', 'aria-label': t('editor.preview.label', { name: view.role.name || t('editor.role.unnamed') }) },
    el('p', { class: 'preview-title', lang, text: view.title }),
    el('h3', { text: t('briefing.title') }),
    view.briefing ? el('div', { class: 'text briefing-text', lang, text: reflow(view.briefing) }) : el('p', { class: 'hint', text: t('editor.preview.noBriefing') }),
    el('h3', { text: t('editor.preview.card', { name: view.role.name || t('editor.role.unnamed') }) }),
    view.role.department ? el('p', { class: 'role-dept', lang, text: view.role.department }) : null,
    view.responsibilities.length
      ? el('ul', { class: 'role-card', lang }, view.responsibilities.map((r) => el('li', { text: r })))
      : el('p', { class: 'hint', text: t('editor.preview.noCard') }),
    el('h3', { text: t('editor.preview.messages', { n: view.injects.length }) }),
    view.injects.length ? appendInSteps(el('ol', { class: 'preview-messages' }), view.injects, (m) => el('li', { class: 'preview-msg' },
      el('p', { class: 'msg-head' },
        el('span', { class: 'msg-time', text: m.seconds === null ? t('editor.preview.whenCondition') : formatClock(m.seconds) }),
        el('span', { class: 'ch-label', text: channelName(m.channel) }),
        m.from ? el('span', { lang, text: m.from }) : null,
        m.conditional && m.seconds !== null ? el('span', { class: 'tag', text: t('editor.preview.mayBeSkipped') }) : null),
      el('p', { class: 'msg-subject', lang, text: m.subject || t('editor.inject.unnamed') }),
      m.body ? el('div', { class: 'text', lang, text: reflow(m.body) }) : null))
      : el('p', { class: 'hint', text: t('editor.preview.noMessages') })));
}
