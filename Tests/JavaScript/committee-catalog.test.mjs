import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, pageCatalog } from './support.mjs';

const data = await js('committee-data.mjs');
const chart = await js('committee-chart.mjs');

// Every series name GET /api/v1/trends gives (FiredrillRecords/Views/TrendGroup.swift).
const SERIES = ['score', 'credit ack-leak', 'quiz q1', 'time to acknowledge', 'time to escalate', 'time to first action', 'time to resolve',
  'credit of objectives met', 'objectives met', 'actions taken',
  'time to acknowledge from detection', 'time to escalate from detection', 'time to first action from detection'];

test('the committee page asks for texts by computed keys: each family is there in English and Japanese', () => {
  const keys = [
    'chrome.committee',
    ...data.CAPABILITIES.map((c) => `committee.capability.${c}`),
    ...['open', 'overdue', 'closed'].map((s) => `committee.state.${s}`),
    ...['all', 'open', 'overdue', 'closed'].map((s) => `committee.plan.state.${s}`),
    ...['run', 'objective', 'issue', 'corrective_action', 'capability', 'responsible_org', 'responsible_role', 'start_date', 'due_date', 'evidence']
      .map((f) => `committee.field.${f}`),
    ...['no', 'run', 'objective', 'issue', 'action', 'capability', 'org', 'start', 'due', 'state', 'evidence'].map((c) => `committee.col.${c}`),
    ...['when', 'scenario', 'status', 'score', 'departments', 'plan', 'report'].map((c) => `committee.drills.col.${c}`),
    ...['series', 'n', 'median', 'p90', 'latest', 'early'].map((c) => `committee.trends.col.${c}`),
    ...['when', 'scenario', 'score', 'metric', 'median', 'target', 'met'].map((c) => `committee.sheet.col.${c}`),
    ...['held', 'departments', 'score', 'plan'].map((f) => `committee.sheet.figure.${f}`),
    ...['warn.lead', 'warn.leadClosed', 'trends.groupScenario', 'trends.groupDepartment'].map((k) => `committee.${k}`),
    ...data.METRICS.map((m) => `metric.${m.key}`),
    ...SERIES.map((name) => `committee.series.${chart.seriesKind(name).key}`),
    'committee.series.other', 'committee.quizUnnamed',
    ...['unknown_run', 'invalid_action', 'action_not_found'].map((code) => `error.${code}`),
  ];
  for (const lang of ['en', 'ja']) {
    const catalog = pageCatalog(lang);
    assert.deepEqual(keys.filter((key) => !(key in catalog)), [], `missing in ${lang}`);
  }
  assert.ok(SERIES.every((name) => chart.seriesKind(name).key), 'every series of the API has words');
});

test('the committee\'s Japanese texts name things in words: the capability elements and states as the reports do', () => {
  const ja = pageCatalog('ja');
  assert.equal(ja['committee.capability.equipment'], '装備・システム');
  assert.equal(ja['committee.state.overdue'], '期限超過');
  assert.equal(ja['chrome.committee'], '委員会の記録');
  assert.equal(ja['console.committee.issue'], '委員会用リンクを発行');
  for (const [key, text] of Object.entries(ja)) {
    if (!key.startsWith('committee.') && !key.startsWith('console.committee.')) continue;
    assert.doesNotMatch(text, /ISMS|HSEEP|\bA4\b|p90|ZIP/, key);
  }
});
