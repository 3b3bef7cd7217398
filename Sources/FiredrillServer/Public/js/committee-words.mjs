// committee-words.mjs: how the committee's pages name things: a run by its day and scenario
// title (never its id), a score beside its coverage, a time, a day, a capability element, an
// action's state and strength, an objective by its name, a trend series in words.
import { seriesKind } from './committee-chart.mjs';
import { el } from './dom.mjs';
import { formatClock, formatNumber, formatWallTime } from './format.mjs';
import { lang, t, tOpt } from './i18n.mjs';

/** A day (yyyy-MM-dd) in the page's language: 2026/12/07, Dec 7, 2026. */
export function dayWords(day) {
  if (!day) return '–';
  const [y, m, d] = String(day).slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(day);
  return new Intl.DateTimeFormat(lang() === 'ja' ? 'ja-JP' : 'en', { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/** When a run started, local date and time. */
export function startedWords(run) {
  return formatWallTime(run.started_at, lang());
}

/** A run for a choice or a link: "2026/12/07 20:15 · title". */
export function runLabel(run) {
  if (!run) return t('committee.unknownRun');
  return t('committee.runLabel', { at: startedWords(run), title: run.scenario_title || t('committee.unknownScenario') });
}

/** The official score beside its coverage: 「9 目標中 9 目標で 68.6 点」, or that there is none. */
export function scoreWords(run) {
  if (run.score === null || run.score === undefined) return t('score.none');
  if (run.objectives_total === null || run.objectives_total === undefined) return t('committee.points', { score: formatNumber(run.score) });
  return t('score.coverage', { score: formatNumber(run.score), exercised: run.objectives_exercised ?? 0, total: run.objectives_total });
}

/** A drill time for people: m:ss, as the reports write it; '–' without one. */
export function timeWords(seconds) {
  return seconds === null || seconds === undefined ? '–' : formatClock(seconds);
}

/** A capability element's name (the API answers "Planning" or "planning"). */
export function capabilityWords(capability) {
  const key = String(capability || '').toLowerCase();
  return tOpt('committee.capability.' + key) ?? String(capability || '–');
}

/** An action's state as a chip, with a sign so that it never rests on colour alone. */
export function actionStateChip(state) {
  const sign = { overdue: '⚠', open: '○', closed: '✓' }[state] || '';
  return el('span', { class: `chip action-chip action-${state}`, dataset: { state } },
    el('span', { 'aria-hidden': 'true', text: sign }), ' ', t('committee.state.' + state));
}

/** A corrective action's (or its evidence's) strength as a chip, with a sign so that it never rests on colour alone. */
export function strengthChip(strength) {
  const sign = { strong: '◎', medium: '○', weak: '△' }[strength] || '';
  return el('span', { class: `chip strength-chip strength-${strength}`, dataset: { strength } },
    el('span', { 'aria-hidden': 'true', text: sign }), ' ', t('committee.strength.label.' + strength));
}

/** An objective's name, from the names known for the run's scenario; never its id. */
export function objectiveWords(names, id) {
  if (!id) return t('committee.wholeDrill');
  const name = names && names.get(id);
  return name || t('committee.objectiveUnnamed');
}

/** A series of GET /api/v1/trends in words; an objective's credit by the objective's name. */
export function seriesWords(name, objectiveNames) {
  const kind = seriesKind(name);
  if (kind.key === 'credit') return t('committee.series.credit', { objective: objectiveWords(objectiveNames, kind.objective) });
  if (kind.key === 'quiz') {
    const question = objectiveNames && objectiveNames.get('quiz:' + kind.question);
    return t('committee.series.quiz', { question: question || t('committee.quizUnnamed') });
  }
  if (kind.key) return t('committee.series.' + kind.key);
  return t('committee.series.other');
}

/** A value of a series in its unit: m:ss for times, 0.68 for credit, 72.5 for points. */
export function valueWords(value, unit) {
  if (value === null || value === undefined) return '–';
  if (unit === 'seconds') return formatClock(Math.round(Number(value)));
  if (unit === 'credit' || unit === 'share') return formatNumber(value, 2);
  return formatNumber(value);
}
