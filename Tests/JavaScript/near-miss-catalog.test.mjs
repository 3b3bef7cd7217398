import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { js, PUBLIC, pageCatalog, readCatalog, servedPages } from './support.mjs';

const data = await js('near-miss-data.mjs');

// The problems the checks and the server's refusals are said with (nearMiss.problem.*).
const PROBLEMS = ['required', 'tooLong', 'control', 'tooManyTags', 'tagTooLong', 'impact', 'date', 'future',
  'nameRequired', 'nameNotAllowed', 'nameLength', 'invisible', 'rejected'];
const SERVER_LINKS = ['needName', 'issued', 'linkLabel', 'failed', 'issuedAt', 'revokeOf', 'confirmRevoke', 'revokedNow', 'revokeFailed', 'listFailed'];
/** The keys the near-miss pages and the committee's strength ask for by a computed key. */
const COMPUTED = [
  'chrome.nearMiss', 'chrome.nearMisses',
  ...[1, 2, 3, 4, 5].flatMap((n) => [`nearMiss.impact.${n}`, `nearMiss.impactDesc.${n}`]),
  ...PROBLEMS.map((p) => `nearMiss.problem.${p}`),
  ...['priority', 'title', 'tags', 'occurred', 'impact', 'covered', 'reporter'].map((c) => `nearMisses.col.${c}`),
  ...['strong', 'medium', 'weak'].flatMap((s) => [`committee.strength.label.${s}`, `committee.strength.why.${s}`]),
  'committee.strength.of.action', 'committee.strength.of.evidence',
  ...['committee', 'reporter'].flatMap((kind) => SERVER_LINKS.map((key) => `console.${kind}.${key}`)),
  ...['invalid_near_miss', 'too_many_reports', 'unknown_near_miss'].map((code) => `error.${code}`),
];
const FAMILIES = ['nearMiss.', 'nearMisses.', 'console.reporter.', 'committee.strength.', 'committee.review.'];

test('the near-miss pages\' computed keys are in English and Japanese', () => {
  for (const lang of ['en', 'ja']) {
    const catalog = pageCatalog(lang);
    assert.deepEqual(COMPUTED.filter((key) => !(key in catalog)), [], `missing in ${lang}`);
  }
});

test('every problem the checks or the server\'s refusals can give has its words', () => {
  const seen = new Set();
  const today = '2026-12-07';
  const base = { title: 't', what_happened: 'w', tags: [], impact: 3, occurred_on: today, anonymous: true };
  for (const changes of [{ title: '' }, { title: 'x'.repeat(201) }, { title: '\u0007' }, { tags: 'abcdefghi'.split('') }, { tags: ['x'.repeat(41)] },
    { impact: 9 }, { occurred_on: 'x' }, { occurred_on: '2027-01-01' }, { anonymous: false }, { anonymous: false, name: 'x'.repeat(81) },
    { anonymous: false, name: 'a\u200bb' }]) {
    for (const p of data.nearMissProblems({ ...base, ...changes }, today)) seen.add(p.problem);
  }
  for (const message of ["'name': an anonymous report has no name", "'x': ?"]) seen.add(data.serverProblem(message).problem);
  assert.deepEqual([...seen].filter((p) => !PROBLEMS.includes(p)), []);
});

test('every text of the near-miss pages is used: by a literal key in the pages, or as one of the computed keys', () => {
  let code = '';
  for (const file of readdirSync(path.join(PUBLIC, 'js'))) code += readFileSync(path.join(PUBLIC, 'js', file), 'utf8');
  for (const { text } of servedPages()) code += text;
  const keys = Object.keys(readCatalog('pages', 'en')).filter((key) => FAMILIES.some((f) => key.startsWith(f)));
  assert.ok(keys.length > 100);
  const unused = keys.filter((key) => !COMPUTED.includes(key) && !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`:${key}"`));
  assert.deepEqual(unused, []);
});

test('the Japanese near-miss texts are Japanese: no English words, the suggested tags those of the Japanese scenarios', () => {
  const ja = pageCatalog('ja');
  for (const [key, text] of Object.entries(ja)) {
    if (!FAMILIES.some((f) => key.startsWith(f)) && !COMPUTED.includes(key)) continue;
    assert.doesNotMatch(text.replace(/\{[a-z_]+\}/g, ''), /[A-Za-z]/, `${key}: ${text}`);
  }
  assert.equal(ja['nearMiss.field.withName'], '名前を添えて報告する');
  assert.equal(ja['nearMisses.tab.register'], '登録簿');
  assert.equal(ja['nearMisses.backlog.plan'], 'この訓練を計画する');
  assert.equal(ja['nearMisses.digest.pick'], '今月の最優秀ヒヤリハットに選ぶ');
  assert.deepEqual(['強い', '中程度', '弱い'], ['strong', 'medium', 'weak'].map((s) => ja[`committee.strength.label.${s}`]));
  const suggested = data.splitTags(ja['nearMiss.tags.suggestions']);
  assert.equal(suggested.length, 8);
  const scenarios = readdirSync(path.join(PUBLIC, '../../FiredrillScenarios/Scenarios')).filter((f) => f.endsWith('-ja.yaml'))
    .map((f) => readFileSync(path.join(PUBLIC, '../../FiredrillScenarios/Scenarios', f), 'utf8')).join('\n');
  for (const tag of suggested) assert.ok(scenarios.includes(`  - ${tag}\n`), `a bundled Japanese scenario covers ${tag}`);
  assert.equal(data.splitTags(pageCatalog('en')['nearMiss.tags.suggestions']).length, 8);
});
