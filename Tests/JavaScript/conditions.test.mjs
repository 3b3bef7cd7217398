import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, translator } from './support.mjs';

const { normalize, conditionInWords, guardInWords, triggerInWords } = await js('conditions.mjs');
const { nameBook } = await js('names.mjs');
const tJa = await translator('ja');
const tEn = await translator('en');

const names = nameBook(
  [{ id: 'escalate-supervisor', name: '上長に電話または対面で報告する' }, { id: 'answer-partner', name: '提携先へ連絡する' },
    { id: 'replace-file', name: 'パンフレット PDF を差し替える' }],
  [{ id: 'pdf-noticed', subject: 'PDF に未発表の提携が載っていませんか？' }]);

test('negations move onto the names (De Morgan), double negations cancel', () => {
  assert.deepEqual(normalize({ not: { not: { met: 'a' } } }), { atom: 'met', id: 'a', negated: false });
  assert.deepEqual(normalize({ not: { and: [{ met: 'a' }, { delivered: 'b' }] } }), {
    op: 'or', items: [{ atom: 'met', id: 'a', negated: true }, { atom: 'delivered', id: 'b', negated: true }] });
});

test('a guard in Japanese: by name, business Japanese, no ids or syntax', () => {
  assert.equal(guardInWords({ not: { met: 'escalate-supervisor' } }, names, tJa),
    '『上長に電話または対面で報告する』がまだ達成されていない場合');
  assert.equal(guardInWords({ and: [{ not: { met: 'escalate-supervisor' } }, { not: { met: 'answer-partner' } }] }, names, tJa),
    '『上長に電話または対面で報告する』がまだ達成されておらず、かつ『提携先へ連絡する』がまだ達成されていない場合');
  const nested = guardInWords({ and: [{ or: [{ met: 'escalate-supervisor' }, { delivered: 'pdf-noticed' }] }, { not: { met: 'replace-file' } }] }, names, tJa);
  assert.equal(nested, '（『上長に電話または対面で報告する』が達成されたか、または『PDF に未発表の提携が載っていませんか？』が配信された）、かつ『パンフレット PDF を差し替える』がまだ達成されていない場合');
  for (const text of [nested]) assert.doesNotMatch(text, /met\(|escalate-supervisor|pdf-noticed|replace-file|\bnot\b|\band\b/);
});

test('a guard in English, nested and/or/not', () => {
  assert.equal(guardInWords({ not: { or: [{ met: 'escalate-supervisor' }, { met: 'answer-partner' }] } }, names, tEn),
    'if “上長に電話または対面で報告する” has not been met yet and “提携先へ連絡する” has not been met yet');
  assert.equal(conditionInWords({ or: [{ met: 'replace-file' }, { and: [{ delivered: 'pdf-noticed' }, { not: { met: 'answer-partner' } }] }] }, names, tEn),
    '“パンフレット PDF を差し替える” has been met or (“PDF に未発表の提携が載っていませんか？” has been delivered and “提携先へ連絡する” has not been met yet)');
});

test('triggers in words: at a time, after an objective with a delay, ad-lib', () => {
  assert.equal(triggerInWords({ kind: 'at', at_seconds: 180 }, names, tJa), '開始 3 分後');
  assert.equal(triggerInWords({ kind: 'at', at_seconds: 0 }, names, tJa), '開始時');
  assert.equal(triggerInWords({ kind: 'when', when: { met: 'replace-file' }, delay_seconds: 180 }, names, tJa), '『パンフレット PDF を差し替える』の達成から 3 分後');
  assert.equal(triggerInWords({ kind: 'when', when: { met: 'replace-file' }, delay_seconds: 0 }, names, tEn), 'As soon as “パンフレット PDF を差し替える” is met');
  assert.equal(triggerInWords({ kind: 'when', when: { delivered: 'pdf-noticed' }, delay_seconds: 600 }, names, tEn), '10 min after “PDF に未発表の提携が載っていませんか？” is delivered');
  assert.equal(triggerInWords({ kind: 'when', when: { not: { met: 'replace-file' } }, delay_seconds: 90 }, names, tJa),
    '次の条件が成り立ってから 1 分 30 秒後：『パンフレット PDF を差し替える』がまだ達成されていない');
  assert.equal(triggerInWords({ kind: 'adlib' }, names, tJa), 'トレーナーが必要に応じて送信（アドリブ）');
});

test('unknown ids never show: a placeholder name instead', () => {
  const text = guardInWords({ met: 'secret-objective-id' }, names, tJa);
  assert.doesNotMatch(text, /secret-objective-id/);
  assert.match(text, /名前のない目標/);
});
