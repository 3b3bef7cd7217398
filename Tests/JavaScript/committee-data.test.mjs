import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

const data = await js('committee-data.mjs');

// Runs as GET /api/v1/history gives them (newest first), at noon UTC so that the local day is the same in any time zone from UTC−11 to UTC+11.
const RUNS = [
  { run_id: 'r-4', scenario_id: 'leak', scenario_title: '漏えい', status: 'ready', started_at: '2026-12-05T12:00:00Z', score: null, complete: null },
  { run_id: 'r-3', scenario_id: 'phish', scenario_title: 'フィッシング', status: 'finished', started_at: '2026-11-20T12:00:00Z', score: 80, complete: true,
    time_to_acknowledge_seconds: 120, time_to_escalate_seconds: 900, time_to_first_action_seconds: null, time_to_resolve_seconds: 3000 },
  { run_id: 'r-2', scenario_id: 'leak', scenario_title: '漏えい', status: 'finished', started_at: '2026-10-02T12:00:00Z', score: 10, complete: false,
    time_to_acknowledge_seconds: 30, time_to_escalate_seconds: null, time_to_first_action_seconds: null, time_to_resolve_seconds: null },
  { run_id: 'r-1', scenario_id: 'leak', scenario_title: '漏えい', status: 'finished', started_at: '2026-09-15T12:00:00Z', score: 60, complete: true,
    time_to_acknowledge_seconds: 400, time_to_escalate_seconds: 500, time_to_first_action_seconds: 1200, time_to_resolve_seconds: null },
  { run_id: 'r-0', scenario_id: 'leak', scenario_title: '漏えい', status: 'finished', started_at: '2026-03-01T12:00:00Z', score: 90, complete: true },
];

const TRENDS = {
  by: 'department', incomplete_left_out: 0, groups: [
    { name: '商品企画部', series: [{ name: 'actions taken', values: [{ run_id: 'r-1' }, { run_id: 'r-2' }] }, { name: 'objectives met', values: [{ run_id: 'r-1' }] }] },
    { name: '人事部', series: [{ name: 'actions taken', values: [{ run_id: 'r-3' }] }] },
    { name: 'カスタマーサクセス部', series: [{ name: 'actions taken', values: [{ run_id: 'r-1' }, { run_id: 'r-3' }] }] },
  ],
};

const ACTIONS = [
  { id: 1, run_id: 'r-1', status: 'open', due_date: '2026-11-30', created_at: '2026-09-16T09:00:00Z' },
  { id: 2, run_id: 'r-1', status: 'in-progress', due_date: '2027-01-31', created_at: '2026-09-16T09:00:00Z' },
  { id: 3, run_id: 'r-3', status: 'closed', due_date: '2026-10-01', closed_at: '2026-11-25T12:00:00Z', created_at: '2026-11-21T09:00:00Z' },
  { id: 4, run_id: 'r-3', status: 'open', due_date: null, created_at: '2026-11-21T09:00:00Z' },
  { id: 5, run_id: 'r-3', status: 'open', due_date: '2026-12-06', created_at: '2026-11-21T09:00:00Z' },
];

test('median and p90 are those of the reports: middle value (mean of two), nearest rank', () => {
  assert.equal(data.median([]), null);
  assert.equal(data.median([3, 1, 2]), 2);
  assert.equal(data.median([4, 1, 3, 2]), 2.5);
  assert.equal(data.median([null, 5, undefined]), 5, 'missing values are left out');
  assert.equal(data.percentile(90, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), 90);
  assert.equal(data.percentile(90, [1, 2, 3]), 3);
  assert.equal(data.percentile(90, [7]), 7);
  assert.equal(data.percentile(90, []), null);
});

test('an action is overdue only while open and past its due day; in progress counts as open', () => {
  const today = '2026-12-07';
  assert.equal(data.actionState(ACTIONS[0], today), 'overdue');
  assert.equal(data.actionState(ACTIONS[1], today), 'open');
  assert.equal(data.actionState(ACTIONS[2], today), 'closed', 'a closed action past its date is not overdue');
  assert.equal(data.actionState(ACTIONS[3], today), 'open', 'no due date: never overdue');
  assert.equal(data.actionState(ACTIONS[4], '2026-12-06'), 'open', 'due today is not overdue yet');
  assert.equal(data.actionState(ACTIONS[4], today), 'overdue');
  assert.deepEqual(data.planCounts(ACTIONS, today), { total: 5, open: 4, overdue: 2, closed: 1 });
});

test('the plan filters: open includes overdue, overdue first then by due date, one run', () => {
  const today = '2026-12-07';
  assert.deepEqual(data.filterActions(ACTIONS, { state: 'open' }, today).map((a) => a.id), [1, 5, 2, 4]);
  assert.deepEqual(data.filterActions(ACTIONS, { state: 'overdue' }, today).map((a) => a.id), [1, 5]);
  assert.deepEqual(data.filterActions(ACTIONS, { state: 'closed' }, today).map((a) => a.id), [3]);
  assert.deepEqual(data.filterActions(ACTIONS, { state: 'all', run: 'r-3' }, today).map((a) => a.id), [5, 4, 3]);
  assert.equal(data.filterActions(ACTIONS, {}, today).length, 5);
});

test('departments per run come from the department trends, every series counted once', () => {
  const byRun = data.departmentsByRun(TRENDS);
  assert.deepEqual(byRun.get('r-1'), ['カスタマーサクセス部', '商品企画部']);
  assert.deepEqual(byRun.get('r-2'), ['商品企画部']);
  assert.deepEqual(byRun.get('r-3'), ['カスタマーサクセス部', '人事部']);
  assert.equal(byRun.get('r-0'), undefined);
  assert.deepEqual(data.allDepartments(byRun), ['カスタマーサクセス部', '商品企画部', '人事部']);
  assert.equal(data.departmentsByRun(null).size, 0);
});

test('the drill filters: scenario, department and a period of days, both ends included; not started left out', () => {
  const byRun = data.departmentsByRun(TRENDS);
  const ids = (f) => data.filterRuns(RUNS, f, byRun).map((r) => r.run_id);
  assert.deepEqual(ids({}), ['r-3', 'r-2', 'r-1', 'r-0']);
  assert.deepEqual(ids({ ready: true }), ['r-4', 'r-3', 'r-2', 'r-1', 'r-0']);
  assert.deepEqual(ids({ scenario: 'leak' }), ['r-2', 'r-1', 'r-0']);
  assert.deepEqual(ids({ department: '商品企画部' }), ['r-2', 'r-1']);
  assert.deepEqual(ids({ since: '2026-09-15', until: '2026-10-02' }), ['r-2', 'r-1']);
  assert.deepEqual(ids({ since: '2026-10-03' }), ['r-3']);
  assert.deepEqual(ids({ until: '2026-03-01' }), ['r-0']);
  assert.deepEqual(ids({ scenario: 'phish', department: '商品企画部' }), []);
  assert.deepEqual(data.scenariosOf(RUNS), [{ id: 'phish', title: 'フィッシング' }, { id: 'leak', title: '漏えい' }]);
});

test('a run\'s timing targets: the earliest objective of each kind whose clock started', () => {
  const report = {
    objectives: [
      { id: 'a', kind: 'acknowledge', target_seconds: 300, clock_start_seconds: 180 },
      { id: 'b', kind: 'escalate', target_seconds: 600, clock_start_seconds: 0 },
      { id: 'c', kind: 'escalate', target_seconds: 300, clock_start_seconds: 120 },
      { id: 'd', kind: 'action', target_seconds: 900, clock_start_seconds: null },
    ],
  };
  assert.deepEqual(data.metricTargets(report), {
    time_to_acknowledge_seconds: 480, time_to_escalate_seconds: 420, time_to_first_action_seconds: null, time_to_resolve_seconds: null,
  });
  assert.deepEqual(data.metricTargets(null).time_to_resolve_seconds, null);
  assert.equal(data.objectiveNames(report).get('c'), '');
});

test('the period summary: drills held, ended early, departments, median score of complete drills, timings against targets, plan', () => {
  const byRun = data.departmentsByRun(TRENDS);
  const targets = new Map([
    ['r-1', { time_to_acknowledge_seconds: 300, time_to_escalate_seconds: 600, time_to_first_action_seconds: 1800, time_to_resolve_seconds: null }],
    ['r-3', { time_to_acknowledge_seconds: 180, time_to_escalate_seconds: 600, time_to_first_action_seconds: 900, time_to_resolve_seconds: 4000 }],
  ]);
  const s = data.summarize({ runs: RUNS, byRun, actions: ACTIONS, targets, since: '2026-09-01', until: '2026-12-07', today: '2026-12-07' });
  assert.deepEqual(s.held.map((r) => r.run_id), ['r-1', 'r-2', 'r-3'], 'oldest first, the one not started left out');
  assert.equal(s.endedEarly, 1);
  assert.deepEqual(s.scenarios, [{ id: 'leak', title: '漏えい', count: 2 }, { id: 'phish', title: 'フィッシング', count: 1 }]);
  assert.deepEqual(s.departments, [{ name: 'カスタマーサクセス部', count: 2 }, { name: '商品企画部', count: 2 }, { name: '人事部', count: 1 }]);
  assert.deepEqual(s.score, { median: 70, n: 2 }, 'the drill ended early (10 points) is left out');
  const ack = s.timings.find((x) => x.kind === 'acknowledge');
  assert.deepEqual([ack.n, ack.median, ack.target, ack.targeted, ack.met], [3, 120, 240, 2, 1]);
  const action = s.timings.find((x) => x.kind === 'action');
  assert.deepEqual([action.n, action.median, action.targeted, action.met], [1, 1200, 2, 1], 'a drill with a target and no action did not meet it');
  const resolve = s.timings.find((x) => x.kind === 'resolve');
  assert.deepEqual([resolve.median, resolve.target, resolve.met], [3000, 4000, 1]);
  assert.equal(s.plan.open, 4);
  assert.equal(s.plan.overdue, 2);
  assert.equal(s.plan.closedInPeriod, 1);
  assert.equal(s.plan.addedInPeriod, 5);
  assert.deepEqual(s.plan.overdueItems.map((a) => a.id), [1, 5]);
});

test('an empty period summarises to nothing held and no medians', () => {
  const s = data.summarize({ runs: RUNS, since: '2025-01-01', until: '2025-12-31', today: '2026-12-07' });
  assert.equal(s.held.length, 0);
  assert.equal(s.score.median, null);
  assert.ok(s.timings.every((x) => x.n === 0 && x.median === null && x.target === null));
  assert.deepEqual(s.departments, []);
});

test('the new action: trimmed, optional fields left out when empty, and what is missing', () => {
  const body = data.actionBody({ run: 'r-1', objective: '', issue: '  報告が遅れた ', corrective_action: '手順を見直す', capability: 'planning', responsible_org: '総務部', responsible_role: ' ', due_date: '2027-01-31' });
  assert.deepEqual(body, { run: 'r-1', issue: '報告が遅れた', corrective_action: '手順を見直す', capability: 'planning', responsible_org: '総務部', due_date: '2027-01-31' });
  assert.deepEqual(data.actionProblems(body), []);
  assert.deepEqual(data.actionProblems(data.actionBody({ run: 'r-1', capability: 'planning' })), ['issue', 'corrective_action', 'responsible_org']);
  assert.deepEqual(data.actionProblems({ ...body, start_date: '2027-02-01' }), ['due_date'], 'due before start');
});

test('a warning\'s passage with every matched word marked', () => {
  assert.deepEqual(data.markPassage('担当者の不注意で遅れた。不注意は', '不注意'), [
    { text: '担当者の', mark: false }, { text: '不注意', mark: true }, { text: 'で遅れた。', mark: false }, { text: '不注意', mark: true }, { text: 'は', mark: false },
  ]);
  assert.deepEqual(data.markPassage('abc', 'x'), [{ text: 'abc', mark: false }]);
  assert.deepEqual(data.markPassage('abc', ''), [{ text: 'abc', mark: false }]);
});

test('local days and months for the period fields', () => {
  assert.equal(data.localDay(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(data.localDay('not a date'), '');
  assert.equal(data.addMonths('2026-12-07', -3), '2026-09-07');
  assert.equal(data.addMonths('2026-05-31', -3), '2026-02-28', 'the month\'s last day when it is shorter');
  assert.equal(data.addMonths('2026-01-15', -1), '2025-12-15');
  assert.ok(data.inPeriod('2026-01-01', '', ''));
  assert.ok(!data.inPeriod('', '', ''));
});

test('the evidence archive of the drills shown: by scenario and period, or by id when a department is chosen', () => {
  const shown = RUNS.slice(1, 3);
  assert.equal(data.exportHref({ scenario: 'leak', since: '2026-10-01', until: '2026-12-31', department: '' }, shown, { language: 'ja', timeZone: 'Asia/Tokyo' }),
    '/api/v1/exports?scenario=leak&since=2026-10-01&until=2026-12-31&lang=ja&tz=Asia%2FTokyo');
  assert.equal(data.exportHref({ department: '営業部' }, shown), '/api/v1/exports?run=r-3&run=r-2');
  assert.equal(data.exportHref({}, shown), '/api/v1/exports');
  assert.equal(data.exportHref({ department: '' }, []), null, 'nothing shown, nothing to download');
  const many = Array.from({ length: data.EXPORT_BY_ID_LIMIT + 1 }, (_, i) => ({ run_id: `r-${i}` }));
  assert.equal(data.exportHref({ department: '営業部' }, many), null, 'too many to name one by one');
  assert.ok(data.exportHref({ department: '' }, many).startsWith('/api/v1/exports'), 'by period there is no limit');
});

test('objective names and quiz questions of a report, for the trends: quiz questions under quiz:ID', () => {
  const names = data.objectiveNames({ objectives: [{ id: 'ack', name: '受領' }], quiz: [{ id: 'q1', question: '誰が判断しますか' }] });
  assert.equal(names.get('ack'), '受領');
  assert.equal(names.get('quiz:q1'), '誰が判断しますか');
});
