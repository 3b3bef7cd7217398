// objectives.mjs: the objective board in figures and words: each objective's state, the
// official score (after the evaluators' decisions) beside its coverage and the score of
// keyword matching alone. No DOM: unit-tested under Node.
import { formatNumber } from './format.mjs';

/** The state of an objective: met-on-time, met-late, open, waiting, missed, … */
export function objectiveState(o) {
  if (!o) return 'unknown';
  if (o.status === 'met') return o.on_time ? 'met-on-time' : 'met-late';
  return o.status;
}

/** The figures of a progress answer (GET …/progress). */
export function boardSummary(progress) {
  const objectives = (progress && progress.objectives) || [];
  const cov = (progress && progress.coverage) || {};
  const counts = {};
  for (const o of objectives) {
    const state = objectiveState(o);
    counts[state] = (counts[state] || 0) + 1;
  }
  const num = (v) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v));
  return {
    score: num(progress?.score),
    automatic: num(progress?.automatic_score),
    exercised: cov.objectives_exercised ?? objectives.filter((o) => !['waiting', 'not-exercised', 'not-applicable'].includes(o.status)).length,
    total: cov.objectives_total ?? objectives.length,
    complete: Boolean(cov.complete),
    adjudicated: objectives.filter((o) => o.adjudicated).length,
    met: (counts['met-on-time'] || 0) + (counts['met-late'] || 0),
    counts,
  };
}

/**
 * The score line: 「評価者の判定後 72.5 点（9 目標中 4 目標）・キーワード照合のみ 64.9 点」, or
 * "72.5 (4 of 9 objectives) · keyword matching alone: 64.9"; 「まだ採点できません」 before any.
 */
export function scoreLine(summary, t) {
  if (summary.score === null) return t('score.none');
  const vars = { score: formatNumber(summary.score), exercised: summary.exercised, total: summary.total };
  const official = t(summary.adjudicated > 0 ? 'board.scoreAdjudicated' : 'board.scoreLine', vars);
  if (summary.automatic === null) return official;
  return t('board.scoreAnd', { official, automatic: t('board.scoreAutomatic', { score: formatNumber(summary.automatic) }) });
}
