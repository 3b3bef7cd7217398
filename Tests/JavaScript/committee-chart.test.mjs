import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

const chart = await js('committee-chart.mjs');

const v = (value, complete = true, i = 0) => ({ run_id: `r-${i}`, started_at: `2026-0${1 + (i % 9)}-01T00:00:00Z`, value, complete });
const series = (unit, values) => ({ name: 'score', unit, values: values.map(([value, complete], i) => v(value, complete, i)) });

test('series names of the trends API map to words; objective credits keep their objective', () => {
  assert.deepEqual(chart.seriesKind('score'), { key: 'score' });
  assert.deepEqual(chart.seriesKind('time to first action'), { key: 'firstAction' });
  assert.deepEqual(chart.seriesKind('credit of objectives met'), { key: 'deptCredit' }, 'not an objective named "of objectives met"');
  assert.deepEqual(chart.seriesKind('credit escalate-supervisor'), { key: 'credit', objective: 'escalate-supervisor' });
  assert.deepEqual(chart.seriesKind('quiz q1'), { key: 'quiz', question: 'q1' });
  assert.deepEqual(chart.valueRange('share', [0.2, 0.8]), [0, 1], 'a share correct runs from 0 to 1');
  assert.deepEqual(chart.seriesKind('something new'), { key: null });
});

test('the lines: median and p90 of the complete runs among the last five; runs ended early left out', () => {
  const values = [[10], [20], [1000, false], [30], [40], [50], [60]].map(([value, complete], i) => v(value, complete !== false, i));
  const lines = chart.rolling(values);
  assert.deepEqual(lines[0], { median: 10, p90: 10 });
  assert.deepEqual(lines[2], { median: 15, p90: 20 }, 'the run ended early counts for nothing');
  assert.deepEqual(lines[4], { median: 25, p90: 40 });
  assert.deepEqual(lines[6], { median: 45, p90: 60 }, 'only the last five runs: 30, 40, 50, 60 (and the early one)');
  assert.deepEqual(chart.rolling([v(5, false)]), [{ median: null, p90: null }]);
});

test('the table figures leave runs ended early out of median and p90 but count them', () => {
  const figures = chart.seriesFigures([v(10), v(90, false), v(30)]);
  assert.deepEqual(figures, { n: 3, median: 20, p90: 30, latest: 30, incomplete: 1 });
  assert.deepEqual(chart.seriesFigures([]), { n: 0, median: null, p90: null, latest: null, incomplete: 0 });
});

test('value axes as in the reports: points 0–100, credit 0–1, seconds to a round number of minutes', () => {
  assert.deepEqual(chart.valueRange('points', [12]), [0, 100]);
  assert.deepEqual(chart.valueRange('credit', [0.3]), [0, 1]);
  assert.deepEqual(chart.valueRange('seconds', [250]), [0, 300]);
  assert.deepEqual(chart.valueRange('seconds', [290]), [0, 600], 'with 5 % room above the highest');
  assert.deepEqual(chart.valueRange('seconds', [20000]), [0, 22000]);
  assert.deepEqual(chart.valueRange('count', [3.2]), [0, 4]);
  assert.deepEqual(chart.valueRange('count', []), [0, 1]);
});

test('chart geometry: dots inside the plot, oldest left, higher values higher, early runs ringed', () => {
  const g = chart.chartGeometry(series('points', [[20], [80, false], [50]]), { width: 600, height: 200, left: 50, right: 10, top: 10, bottom: 30 });
  assert.equal(g.dots.length, 3);
  assert.deepEqual(g.dots.map((d) => d.x), [50, 320, 590]);
  assert.ok(g.dots[1].y < g.dots[2].y && g.dots[2].y < g.dots[0].y);
  assert.deepEqual(g.dots.map((d) => d.incomplete), [false, true, false]);
  for (const d of g.dots) assert.ok(d.y >= 10 && d.y <= 170);
  assert.equal(g.ticks.length, 5);
  assert.deepEqual([g.ticks[0].value, g.ticks[4].value], [0, 100]);
  assert.equal(g.ticks[0].y, 170, 'zero on the bottom line');
  assert.match(g.path, /^M50 \d+(\.\d+)?L320 /);
  // The median line skips nothing (the first run is complete) and has one point per run.
  assert.equal((g.median.match(/[ML]/g) || []).length, 3);
});

test('one run is drawn in the middle, without a joining line; no complete run, no median line', () => {
  const g = chart.chartGeometry(series('points', [[40, false]]), { width: 400, left: 40, right: 10 });
  assert.equal(g.dots[0].x, 215, 'the middle of the plot, as in the reports');
  assert.equal(g.path, '');
  assert.equal(g.median, '');
  assert.equal(g.p90, '');
  assert.equal(g.dates.length, 1);
});

test('date labels thin out on a narrow chart and always show the last run', () => {
  const many = series('seconds', Array.from({ length: 30 }, (_, i) => [60 + i]));
  const wide = chart.chartGeometry(many, { width: 900 });
  const narrow = chart.chartGeometry(many, { width: 320 });
  assert.ok(narrow.dates.length < wide.dates.length);
  assert.ok(narrow.dates.length >= 2);
  for (const g of [wide, narrow]) {
    assert.equal(g.dates[g.dates.length - 1].index, 29);
    assert.equal(g.dates[g.dates.length - 1].anchor, 'end');
    assert.equal(g.dates[0].anchor, 'start');
    for (let i = 1; i < g.dates.length; i++) assert.ok(g.dates[i].x - g.dates[i - 1].x >= 120 - 1e-9, 'labels do not touch');
  }
});
