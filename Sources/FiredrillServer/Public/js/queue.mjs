// queue.mjs: the evaluators' queue (GET/POST /drills/ID/adjudications), for the evaluator
// page and, compact, the console. Each item is an action keyword matching did not count
// although an objective it may have meant is open or missed ("unmatched"), or an automatic
// match nobody has confirmed ("automatic"): its text, role, drill time and kind, and for
// each candidate objective its name, state and expected response, with one button per
// decision (「達成と認める」 / 「達成と認めない」) and an optional note. Decisions change the
// official score; the queue reads itself again after events.
import { enc } from './api.mjs';
import { actionSummary } from './cards.mjs';
import { formatClock } from './clock.mjs';
import { el, fill, reflow } from './dom.mjs';
import { t } from './i18n.mjs';
import { announce, roleName, showError } from './ui.mjs';

const REFRESH_ON = new Set(['action', 'adjudication', 'inject-delivered', 'ended', 'started']);

export class AdjudicationQueue {
  constructor({ container, errorBox, statusNode, countNode, ctx, compact = false, onDecided }) {
    this.container = container;
    this.errorBox = errorBox;
    this.statusNode = statusNode;
    this.countNode = countNode;
    this.ctx = ctx;
    this.compact = compact;
    this.onDecided = onDecided;
    this.notes = new Map();      // action seq → the note being written
    this.lastKey = '';
    this.timer = null;
    this.refresh();
  }

  /** Reads the queue again after an event that may change it. */
  event(event) {
    if (REFRESH_ON.has(event.type)) this.soon();
  }

  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  async refresh() {
    try {
      const { items } = await this.ctx.client.get(`/drills/${enc(this.ctx.drillId)}/adjudications`);
      showError(this.errorBox, null);
      this.render(items || []);
    } catch (err) {
      showError(this.errorBox, err, t('queue.loadFailed'));
    }
  }

  render(all) {
    // What keyword matching missed comes first; unconfirmed automatic matches after it.
    const items = [...all].sort((a, b) => (a.reason === b.reason ? a.at_seconds - b.at_seconds : a.reason === 'unmatched' ? -1 : 1));
    const key = JSON.stringify(items);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (this.countNode) this.countNode.textContent = items.length ? t('queue.count', { n: items.length }) : '';
    // Keep focus on the same button or note field when the list is drawn again.
    const active = document.activeElement;
    const focusKey = active && this.container.contains(active) ? active.dataset.focusKey : null;
    if (items.length === 0) {
      fill(this.container, el('p', { class: 'queue-empty hint', text: t('queue.empty') }));
    } else {
      fill(this.container, el('ol', { class: ['queue', this.compact ? 'compact' : null] }, items.map((item) => this.itemNode(item))));
    }
    if (focusKey) {
      const again = this.container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (again) again.focus();
    }
  }

  itemNode(item) {
    const drill = this.ctx.drill;
    const lang = drill.language || null;
    const noteId = `queue-note-${item.action}`;
    const note = el('input', { id: noteId, type: 'text', class: 'queue-note', maxlength: String(drill.limits?.text || 2000),
      autocomplete: 'off', value: this.notes.get(item.action) || '', dataset: { focusKey: `note-${item.action}` } });
    note.addEventListener('input', () => this.notes.set(item.action, note.value));
    const headId = `queue-head-${item.action}`;
    return el('li', { class: `queue-item reason-${item.reason}`, dataset: { action: item.action } },
      el('p', { class: 'queue-head', id: headId },
        el('time', { class: 'tl-time', text: formatClock(item.at_seconds) }), ' ',
        el('strong', { lang, text: roleName(drill, item.role) }), ' ',
        el('span', { text: actionSummary(item, drill) }), ' ',
        el('span', { class: `tag reason reason-${item.reason}`, text: t(`queue.reason.${item.reason}`) })),
      item.text ? el('blockquote', { class: 'text queue-text', text: item.text }) : el('p', { class: 'hint', text: t('queue.noText') }),
      this.compact ? null : el('p', { class: 'hint queue-why', text: t(`queue.why.${item.reason}`) }),
      el('ul', { class: 'candidates' }, item.candidates.map((c) => this.candidateNode(item, c, note, headId))),
      el('label', { class: 'field queue-note-field', for: noteId }, el('span', { text: t('queue.note') }), note));
  }

  candidateNode(item, c, note, headId) {
    const drill = this.ctx.drill;
    const lang = drill.language || null;
    const nameId = `cand-${item.action}-${c.objective}`;
    const button = (decision) => el('button', {
      type: 'button', class: ['btn', 'small', decision === 'credit' ? 'primary' : null, `decide-${decision}`],
      'aria-describedby': `${nameId} ${headId}`, dataset: { focusKey: `${decision}-${item.action}-${c.objective}` },
      text: t(`queue.${decision}`), onclick: (e) => this.decide(item, c, decision, note.value, e.currentTarget),
    });
    return el('li', { class: 'candidate', dataset: { objective: c.objective } },
      el('p', { class: 'candidate-head' },
        el('span', { class: 'candidate-name', id: nameId, lang, text: t('queue.objective', { name: c.name || t('cond.someObjective') }) }), ' ',
        el('span', { class: `chip obj-chip obj-${c.status}`, text: t('objective.' + c.status) })),
      c.expected ? (this.compact
        ? el('details', { class: 'expected' }, el('summary', { text: t('board.expected') }), el('div', { class: 'text', lang, text: reflow(c.expected) }))
        : el('div', { class: 'expected-inline' }, el('span', { class: 'fact-label', text: t('board.expected') }), el('div', { class: 'text', lang, text: reflow(c.expected) })))
        : null,
      el('div', { class: 'btn-row' }, button('credit'), button('reject')));
  }

  async decide(item, candidate, decision, noteText, button) {
    const drill = this.ctx.drill;
    const body = { action: item.action, objective: candidate.objective, decision };
    if (noteText && noteText.trim()) body.note = noteText.trim();
    for (const b of this.container.querySelectorAll(`[data-action="${item.action}"] button`)) b.disabled = true;
    if (this.statusNode) this.statusNode.textContent = t('send.pending');
    try {
      await this.ctx.client.post(`/drills/${enc(this.ctx.drillId)}/adjudications`, body);
      this.notes.delete(item.action);
      const said = t(`queue.done.${decision}`, { name: candidate.name || t('cond.someObjective'), role: roleName(drill, item.role) });
      if (this.statusNode) this.statusNode.textContent = said;
      announce(said);
      this.lastKey = '';
      await this.refresh();
      // The decided buttons are gone: keep the keyboard in the queue.
      if (!this.container.contains(document.activeElement)) {
        const next = this.container.querySelector('.decide-credit');
        if (next) next.focus();
        else { this.container.tabIndex = -1; this.container.focus(); }
      }
      if (this.onDecided) this.onDecided();
    } catch (err) {
      if (this.statusNode) this.statusNode.textContent = '';
      showError(this.errorBox, err, t('queue.failed'));
      if (button && button.isConnected) for (const b of this.container.querySelectorAll(`[data-action="${item.action}"] button`)) b.disabled = false;
    }
  }
}
