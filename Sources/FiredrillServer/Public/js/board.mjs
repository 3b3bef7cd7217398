// board.mjs: the live board of objectives (met on time or late, open, waiting, missed, with
// credit and timing), the official score beside its coverage and the score of keyword
// matching alone, and the timing metrics, from GET /drills/ID/progress. Shared by the
// console, the evaluator and the observer pages. ProgressFeed keeps the progress fresh:
// after events (debounced) and every few seconds while the drill runs.
import { enc } from './api.mjs';
import { formatClock } from './clock.mjs';
import { $$, el, fill, reflow } from './dom.mjs';
import { durationWords, formatNumber } from './format.mjs';
import { t } from './i18n.mjs';
import { boardSummary, objectiveState, scoreLine } from './objectives.mjs';
import { formatCredit, roleName, showError } from './ui.mjs';

const lastKey = new WeakMap();   // container → what it last showed

export class ProgressFeed {
  constructor({ ctx, onProgress, errorBox }) {
    this.ctx = ctx;
    this.listeners = onProgress ? [onProgress] : [];
    this.errorBox = errorBox;
    this.timer = null;
    this.inFlight = false;
    this.again = false;
    this.progress = null;
    setInterval(() => {
      if (!document.hidden && ['running', 'paused', 'interrupted'].includes(ctx.clock.status)) this.refresh();
    }, 5000);
  }

  listen(fn) { this.listeners.push(fn); if (this.progress) fn(this.progress); }

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
      for (const fn of this.listeners) fn(this.progress);
    } catch (err) {
      showError(this.errorBox, err, t('board.loadFailed'));
    } finally {
      this.inFlight = false;
      if (this.again) { this.again = false; this.soon(); }
    }
  }
}

const STATE_ICON = { 'met-on-time': '✓', 'met-late': '✓', open: '○', waiting: '…', missed: '✗', 'not-applicable': '–', 'not-exercised': '–' };

/** The score: the official figure large, then the line with coverage and keyword matching. */
export function scoreBlock(progress) {
  const summary = boardSummary(progress);
  return el('div', { class: 'score-line', dataset: { score: summary.score ?? '', automatic: summary.automatic ?? '' } },
    el('p', { class: 'score' },
      el('span', { class: 'score-label', text: t('board.score') }),
      el('span', { class: 'score-value', text: summary.score === null ? '–' : formatNumber(summary.score) }),
      summary.score === null ? null : el('span', { class: 'score-of', text: t('board.outOf') })),
    el('p', { class: 'coverage', text: scoreLine(summary, t) }));
}

/** Renders the board into container. showExpected: staff see what is expected. */
export function renderBoard(container, progress, drill, { showExpected = false, compact = false } = {}) {
  // Re-render only when something changed, so focus and open details stay put.
  const key = JSON.stringify([progress.objectives, progress.metrics, progress.score, progress.automatic_score, progress.coverage, showExpected, compact]);
  if (lastKey.get(container) === key) return;
  lastKey.set(container, key);
  const open = new Set(Array.from(container.querySelectorAll('.objective')).filter((n) => n.querySelector('details[open]')).map((n) => n.dataset.objective));
  fill(container,
    scoreBlock(progress),
    el('ol', { class: 'objectives' }, (progress.objectives || []).map((o) => objectiveItem(o, drill, showExpected, open.has(o.id)))),
    compact ? null : [el('h3', { class: 'metrics-title', text: t('board.metrics') }), metricsList(progress.metrics || {})]);
}

function objectiveItem(o, drill, showExpected, isOpen) {
  const state = objectiveState(o);
  return el('li', { class: `objective state-${state}`, dataset: { objective: o.id } },
    el('div', { class: 'objective-head' },
      el('span', { class: `chip obj-chip obj-${state}` },
        el('span', { 'aria-hidden': 'true', text: STATE_ICON[state] || '' }), ' ', t('obj.' + state)),
      el('span', { class: 'objective-name', lang: drill.language || null, text: o.name || t('cond.someObjective') }),
      el('span', { class: 'objective-kind', text: `${t('kind.' + o.kind)} · ${t('board.weight', { w: formatNumber(o.weight) })}` }),
      o.adjudicated ? el('span', { class: 'tag tag-decided', text: t('board.adjudicated') }) : null),
    el('div', { class: 'objective-facts' },
      o.credit === null || o.credit === undefined ? null : fact(t('board.credit'), formatCredit(o.credit)),
      o.rating ? fact(t('board.rating'), ratingText(o.rating)) : null,
      o.evaluator_rating ? fact(t('board.evaluatorRating'), ratingText(o.evaluator_rating)) : null,
      timing(o),
      o.met_by ? fact(t('board.metBy'), roleName(drill, o.met_by)) : null),
    showExpected && o.expected ? el('details', { class: 'expected', open: isOpen },
      el('summary', { text: t('board.expected') }),
      el('div', { class: 'text', lang: drill.language || null, text: reflow(o.expected) })) : null);
}

/** "P (performed without challenges)" / 「P（課題なく実施）」. */
function ratingText(letter) {
  return t('board.ratingValue', { letter: t(`rating.${letter}`), meaning: t(`rating.${letter}.meaning`) });
}

function fact(label, value) {
  return el('span', { class: 'fact' }, el('span', { class: 'fact-label', text: `${label} ` }), el('span', { class: 'fact-value', text: value }));
}

function timing(o) {
  if (o.status === 'met') return fact(t('board.elapsed'), t('board.elapsedOf', { elapsed: formatClock(o.elapsed_seconds), target: formatClock(o.target_seconds) }));
  if (o.status === 'open') {
    return el('span', { class: 'fact' },
      el('span', { class: 'fact-label', text: `${t('board.due')} ` }),
      el('span', { class: 'fact-value', text: t('board.dueLimit', { due: formatClock(o.due_at_seconds), limit: formatClock(o.limit_at_seconds) }) }),
      el('span', { class: 'due-in', dataset: { dueAt: o.due_at_seconds ?? '', limitAt: o.limit_at_seconds ?? '' } }));
  }
  if (o.status === 'waiting') return el('span', { class: 'fact' }, t('board.targetWithin', { d: durationWords(o.target_seconds, t) }));
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
    if (node.textContent !== (text ? ` ${text}` : '')) node.textContent = text ? ` ${text}` : '';
  }
}

const METRICS = ['detection_at_seconds', 'time_to_acknowledge_seconds', 'time_to_escalate_seconds',
  'time_to_effective_escalation_seconds', 'time_to_first_action_seconds', 'time_to_effective_action_seconds',
  'time_to_first_communication_seconds', 'time_to_report_seconds', 'time_to_resolve_seconds'];

export function metricsList(metrics) {
  const keys = METRICS.filter((k) => k in metrics);
  return el('dl', { class: 'metrics' }, keys.map((k) => [
    el('dt', { title: t(`metric.${k}.meaning`), text: t('metric.' + k) }),
    el('dd', { text: metrics[k] === null || metrics[k] === undefined ? t('metric.none') : formatClock(metrics[k]) }),
  ]));
}
