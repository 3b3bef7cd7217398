// board.mjs: the live board of objectives (met on time / late, open, waiting, missed, with
// credit and timing), the score with its coverage, and the timing metrics, from
// GET /drills/ID/progress. Shared by the console, the evaluator and the observer pages.
// ProgressFeed keeps the progress fresh: after events (debounced) and every few seconds
// while the drill runs.
import { enc } from './api.mjs';
import { formatClock } from './clock.mjs';
import { $$, el, fill, reflow } from './dom.mjs';
import { t } from './i18n.mjs';
import { formatCredit, roleName, showError } from './ui.mjs';

const lastKey = new WeakMap();   // container → what it last showed

export class ProgressFeed {
  constructor({ ctx, onProgress, errorBox }) {
    this.ctx = ctx;
    this.onProgress = onProgress;
    this.errorBox = errorBox;
    this.timer = null;
    this.inFlight = false;
    this.again = false;
    this.progress = null;
    setInterval(() => {
      if (!document.hidden && ['running', 'paused', 'interrupted'].includes(ctx.clock.status)) this.refresh();
    }, 5000);
  }

  /** Fetch soon (several calls within 250 ms make one request). */
  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 250);
  }

  async refresh() {
    if (this.inFlight) { this.again = true; return; }
    this.inFlight = true;
    try {
      this.progress = await this.ctx.client.get(`/drills/${enc(this.ctx.drillId)}/progress`);
      showError(this.errorBox, null);
      this.onProgress(this.progress);
    } catch (err) {
      showError(this.errorBox, err, t('board.loadFailed'));
    } finally {
      this.inFlight = false;
      if (this.again) { this.again = false; this.soon(); }
    }
  }
}

/** The label of an objective's state: met on time, met late, open, waiting, missed, ... */
export function objectiveState(o) {
  if (o.status === 'met') return o.on_time ? 'met-on-time' : 'met-late';
  return o.status;
}

const STATE_ICON = { 'met-on-time': '✓', 'met-late': '✓', open: '○', waiting: '…', missed: '✗', 'not-applicable': '–', 'not-exercised': '–' };

/** Renders the board into container. showExpected: staff see what is expected. */
export function renderBoard(container, progress, drill, { showExpected = false } = {}) {
  // Re-render only when something changed, so focus and open details stay put.
  const key = JSON.stringify([progress.objectives, progress.metrics, progress.score, progress.coverage, showExpected]);
  if (lastKey.get(container) === key) return;
  lastKey.set(container, key);
  const cov = progress.coverage || {};
  const open = new Set(Array.from(container.querySelectorAll('.objective')).filter((n) => n.querySelector('details[open]')).map((n) => n.dataset.objective));
  const score = progress.score === null || progress.score === undefined ? '–' : String(progress.score);
  fill(container,
    el('div', { class: 'score-line' },
      el('div', { class: 'score' },
        el('span', { class: 'score-label', text: t('board.score') }),
        el('span', { class: 'score-value', text: score }),
        el('span', { class: 'score-of', text: '/ 100' })),
      el('p', { class: 'coverage', text: t('board.coverage', {
        n: cov.objectives_exercised ?? 0, total: cov.objectives_total ?? 0,
        w: cov.weight_exercised ?? 0, wt: cov.weight_total ?? 0 }) })),
    el('ol', { class: 'objectives' }, (progress.objectives || []).map((o) => objectiveItem(o, drill, showExpected, open.has(o.id)))),
    el('h3', { class: 'metrics-title', text: t('board.metrics') }),
    metricsList(progress.metrics || {}));
}

function objectiveItem(o, drill, showExpected, isOpen) {
  const state = objectiveState(o);
  return el('li', { class: `objective state-${state}`, dataset: { objective: o.id } },
    el('div', { class: 'objective-head' },
      el('span', { class: `chip obj-chip obj-${state}` },
        el('span', { 'aria-hidden': 'true', text: STATE_ICON[state] || '' }), ' ', t('obj.' + state)),
      el('span', { class: 'objective-name', lang: drill.language || null, text: o.name || o.id }),
      el('span', { class: 'objective-kind', text: `${t('kind.' + o.kind)} · ${t('board.weight', { w: o.weight })}` })),
    el('div', { class: 'objective-facts' },
      fact(t('board.credit'), formatCredit(o.credit)),
      o.rating ? fact(t('board.rating'), o.rating) : null,
      o.evaluator_rating ? fact(t('board.evaluatorRating'), o.evaluator_rating) : null,
      timing(o),
      o.met_by ? fact(t('board.metBy'), roleName(drill, o.met_by)) : null),
    showExpected && o.expected ? el('details', { class: 'expected', open: isOpen },
      el('summary', { text: t('board.expected') }),
      el('div', { class: 'text', lang: drill.language || null, text: reflow(o.expected) })) : null);
}

function fact(label, value) {
  return el('span', { class: 'fact' }, el('span', { class: 'fact-label', text: `${label} ` }), el('span', { class: 'fact-value', text: value }));
}

function timing(o) {
  if (o.status === 'met') return fact(t('board.elapsed'), `${formatClock(o.elapsed_seconds)} (${t('board.target')} ${formatClock(o.target_seconds)})`);
  if (o.status === 'open') {
    return el('span', { class: 'fact' },
      el('span', { class: 'fact-label', text: `${t('board.due')} ` }),
      el('span', { class: 'fact-value', text: `${formatClock(o.due_at_seconds)} · ${t('board.limit')} ${formatClock(o.limit_at_seconds)}` }),
      el('span', { class: 'due-in', dataset: { dueAt: o.due_at_seconds ?? '', limitAt: o.limit_at_seconds ?? '' } }));
  }
  if (o.status === 'waiting') return fact(t('board.target'), formatClock(o.target_seconds));
  return null;
}

/** Updates the "due in" countdowns of open objectives from the drill clock. */
export function tickBoard(container, now) {
  for (const node of $$('.due-in', container)) {
    const due = Number.parseFloat(node.dataset.dueAt);
    const limit = Number.parseFloat(node.dataset.limitAt);
    let text = '';
    if (Number.isFinite(due) && now <= due) text = t('board.dueIn', { t: formatClock(due - now) });
    else if (Number.isFinite(limit) && now <= limit) text = t('board.late', { t: formatClock(limit - now) });
    if (node.textContent !== ` ${text}`) node.textContent = text ? ` ${text}` : '';
  }
}

const METRICS = ['detection_at_seconds', 'time_to_acknowledge_seconds', 'time_to_escalate_seconds',
  'time_to_effective_escalation_seconds', 'time_to_first_action_seconds', 'time_to_effective_action_seconds',
  'time_to_first_communication_seconds', 'time_to_report_seconds', 'time_to_resolve_seconds'];

export function metricsList(metrics) {
  const keys = METRICS.filter((k) => k in metrics).concat(Object.keys(metrics).filter((k) => !METRICS.includes(k)));
  return el('dl', { class: 'metrics' }, keys.map((k) => [
    el('dt', { text: t('metric.' + k) === 'metric.' + k ? k : t('metric.' + k) }),
    el('dd', { text: metrics[k] === null || metrics[k] === undefined ? t('metric.none') : formatClock(metrics[k]) }),
  ]));
}
