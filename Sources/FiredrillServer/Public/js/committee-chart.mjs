// committee-chart.mjs: the geometry of a trend chart, without the DOM (unit-tested under
// Node), drawn as the reports draw theirs (FiredrillReporting/TrendsHTMLRenderer.swift):
// every run's value oldest first, joined by a thin line; the median and the 90th percentile
// (nearest rank) of the complete runs among the last five at each run; runs ended early
// ringed and left out of both lines and of the table's figures. The page's module
// (committee-trends.mjs) turns the geometry into SVG.
import { median, percentile } from './committee-data.mjs';

/** How many runs the median and p90 drawn over time look back on (as in the reports). */
export const WINDOW = 5;

/** The series names of GET /api/v1/trends that have words of their own (catalog key committee.series.NAME). */
const NAMED = new Map([
  ['score', 'score'],
  ['time to acknowledge', 'ack'],
  ['time to escalate', 'escalate'],
  ['time to first action', 'firstAction'],
  ['time to resolve', 'resolve'],
  ['credit of objectives met', 'deptCredit'],
  ['objectives met', 'deptMet'],
  ['actions taken', 'deptActions'],
  ['time to acknowledge from detection', 'deptAck'],
  ['time to escalate from detection', 'deptEscalate'],
  ['time to first action from detection', 'deptFirstAction'],
]);

/**
 * What a series is: {key} for the named ones (see NAMED), {key: 'credit', objective: ID} for
 * an objective's credit ("credit ID"), {key: 'quiz', question: ID} for a quiz question's share
 * correct ("quiz ID"), else {key: null}.
 */
export function seriesKind(name) {
  if (NAMED.has(name)) return { key: NAMED.get(name) };
  if (name.startsWith('credit ')) return { key: 'credit', objective: name.slice('credit '.length) };
  if (name.startsWith('quiz ')) return { key: 'quiz', question: name.slice('quiz '.length) };
  return { key: null };
}

/** The median and p90 of the complete runs among the last `window` at each run. */
export function rolling(values, window = WINDOW) {
  return values.map((_, index) => {
    const recent = values.slice(Math.max(0, index - window + 1), index + 1).filter((v) => v.complete !== false).map((v) => v.value);
    return { median: median(recent), p90: percentile(90, recent) };
  });
}

/** The figures of a series' table row: runs, median and p90 of the complete ones, the latest value, how many ended early. */
export function seriesFigures(values) {
  const complete = values.filter((v) => v.complete !== false).map((v) => v.value);
  return {
    n: values.length,
    median: median(complete),
    p90: percentile(90, complete),
    latest: values.length ? values[values.length - 1].value : null,
    incomplete: values.length - complete.length,
  };
}

const TIME_STEPS = [60, 120, 240, 300, 600, 1200, 1800, 3600, 7200, 14400];

/** The value axis: 0–100 points, 0–1 credit, counts up to a whole number, seconds up to a round number of minutes. */
export function valueRange(unit, values) {
  const max = values.length ? Math.max(...values) : 0;
  if (unit === 'points') return [0, 100];
  if (unit === 'credit' || unit === 'share') return [0, 1];
  if (unit === 'seconds') return [0, TIME_STEPS.find((s) => s >= max * 1.05) ?? Math.max(60, max * 1.1)];
  return [0, Math.max(1, Math.ceil(max))];
}

const n2 = (v) => String(Math.round(v * 100) / 100);

/**
 * The chart of one series of GET /api/v1/trends at a width (px): {width, height, ticks: [{y,
 * value}], dates: [{x, index, anchor}], path (all values), median, p90 (SVG path data, '' when
 * none), dots: [{x, y, value, incomplete, run_id, started_at}]}. Five value ticks; at most
 * one date label per `dateEvery` px, always the last run's.
 */
export function chartGeometry(series, { width = 900, height = 190, left = 56, right = 16, top = 12, bottom = 26, dateEvery = 120 } = {}) {
  const values = (series.values || []).map((v) => ({ ...v, value: Number(v.value) }));
  const [low, high] = valueRange(series.unit, values.map((v) => v.value));
  const count = values.length;
  const x = (i) => (count < 2 ? (left + width - right) / 2 : left + (i / (count - 1)) * (width - left - right));
  const y = (v) => top + (1 - (Math.min(Math.max(v, low), high) - low) / (high - low)) * (height - top - bottom);
  const ticks = [0, 1, 2, 3, 4].map((step) => {
    const value = low + (step / 4) * (high - low);
    return { value, y: y(value) };
  });
  const most = Math.max(1, Math.floor((width - left - right) / dateEvery) + 1);
  const every = most > 1 ? Math.max(1, Math.ceil((count - 1) / (most - 1))) : Math.max(1, count);
  const dates = [];
  values.forEach((v, i) => {
    if (i % every !== 0 && i !== count - 1) return;
    // The last label wins over one that would touch it.
    if (i === count - 1 && dates.length && x(i) - dates[dates.length - 1].x < dateEvery) dates.pop();
    const anchor = count > 1 && i === 0 ? 'start' : count > 1 && i === count - 1 ? 'end' : 'middle';
    dates.push({ x: x(i), index: i, anchor, started_at: v.started_at });
  });
  const pathOf = (points) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n2(p[0])} ${n2(p[1])}`).join('');
  const lines = rolling(values);
  const lineOf = (pick) => pathOf(lines.map((entry, i) => [i, pick(entry)]).filter(([, v]) => v !== null).map(([i, v]) => [x(i), y(v)]));
  return {
    width, height, left, right, top, bottom,
    ticks,
    dates,
    path: count > 1 ? pathOf(values.map((v, i) => [x(i), y(v.value)])) : '',
    median: lineOf((e) => e.median),
    p90: lineOf((e) => e.p90),
    dots: values.map((v, i) => ({ x: x(i), y: y(v.value), value: v.value, incomplete: v.complete === false, run_id: v.run_id, started_at: v.started_at })),
  };
}
