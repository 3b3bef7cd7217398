import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, translator } from './support.mjs';

const { buildAction, suggestionOf, asSuggested, asConfirmed, didYouMeanTexts, cleanText } = await js('actions.mjs');
const tJa = await translator('ja');
const tEn = await translator('en');

test('a structured action: kind and text, line breaks kept, no command string', () => {
  const { payload } = buildAction({ role: 'promotion', kind: 'communicate', text: '\n方針：\r\n差し替えます  \n', inReplyTo: null });
  assert.deepEqual(payload, { role: 'promotion', kind: 'communicate', text: '方針：\n差し替えます' });
  assert.ok(!('command' in payload));
});

test('an escalation carries target and channel, a reply carries in_reply_to', () => {
  const { payload } = buildAction({ role: 'promotion', kind: 'escalate', text: '至急', target: 'supervisor', channel: 'phone', inReplyTo: 'pdf-noticed' });
  assert.deepEqual(payload, { role: 'promotion', kind: 'escalate', text: '至急', target: 'supervisor', channel: 'phone', in_reply_to: 'pdf-noticed' });
  const ack = buildAction({ role: 'promotion', kind: 'acknowledge', text: '', target: 'supervisor', channel: 'phone' }).payload;
  assert.equal(ack.target, undefined, 'no target outside escalations');
  assert.equal(ack.in_reply_to, undefined);
});

test('what is missing is named: kind, text, target, channel, length', () => {
  assert.equal(buildAction({ role: 'r', kind: '', text: 'x' }).problem, 'kind');
  assert.equal(buildAction({ role: 'r', kind: 'report', text: '   ' }).problem, 'text');
  assert.equal(buildAction({ role: 'r', kind: 'escalate', text: '', channel: 'phone' }).problem, 'target');
  assert.equal(buildAction({ role: 'r', kind: 'escalate', text: '', target: 'boss' }).problem, 'channel');
  assert.equal(buildAction({ role: 'r', kind: 'action', text: 'あ'.repeat(11), maxText: 10 }).problem, 'tooLong');
  assert.equal(buildAction({ role: 'r', kind: 'acknowledge', text: '' }).problem, undefined, 'acknowledging needs no text');
  assert.equal(cleanText('\n\n  a\n b \n\n'), '  a\n b');
});

test('did_you_mean: resend as the suggested escalation, or keep it confirmed', () => {
  const error = { code: 'did_you_mean', suggestion: { kind: 'escalate', target: 'supervisor', channel: 'phone', target_name: '上長（山本部長）' } };
  const sent = { role: 'promotion', kind: 'report', text: '山本部長に電話で報告しました', in_reply_to: 'pdf-noticed' };
  const suggestion = suggestionOf(error);
  assert.deepEqual(asSuggested(sent, suggestion), { role: 'promotion', kind: 'escalate', text: '山本部長に電話で報告しました', in_reply_to: 'pdf-noticed', target: 'supervisor', channel: 'phone', confirmed: true });
  assert.deepEqual(asConfirmed(sent), { ...sent, confirmed: true });
  assert.equal(suggestionOf({ code: 'drill_paused' }), null);
  assert.equal(suggestionOf(null), null);
});

test('the question back reads as business Japanese with the role by name', () => {
  const suggestion = { kind: 'escalate', target: 'supervisor', channel: 'phone', target_name: '上長（山本部長）' };
  const helpers = (t) => ({ t, roleName: () => 'x', channelName: (c) => t('channel.' + c) });
  const ja = didYouMeanTexts({ kind: 'report' }, suggestion, helpers(tJa));
  assert.equal(ja.question, 'この報告は「上長（山本部長）」に触れています。「上長（山本部長）」への連絡（エスカレーション）のつもりですか？');
  assert.equal(ja.suggested, '上長（山本部長）へ電話で連絡する（エスカレーション）');
  assert.equal(ja.keep, '報告のまま送る');
  const en = didYouMeanTexts({ kind: 'report' }, { ...suggestion, target_name: null }, { t: tEn, roleName: () => 'Supervisor', channelName: () => 'Phone' });
  assert.equal(en.suggested, 'Contact Supervisor by Phone (escalation)');
});
