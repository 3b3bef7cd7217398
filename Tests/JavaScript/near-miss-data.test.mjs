import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

const data = await js('near-miss-data.mjs');

/** A body the server takes, with some fields changed. */
function body(changes = {}) {
  return {
    title: 'メールの宛先を取り違えそうになった',
    what_happened: '送信直前に、社外の同姓の方が宛先に入っていることに気づいた。',
    tags: ['誤送信', 'メール'],
    impact: 3,
    occurred_on: '2026-12-07',
    anonymous: true,
    ...changes,
  };
}

test('tags: split at commas, full-width commas, 、 and ､; trimmed; repeats once, compared by width and case', () => {
  assert.deepEqual(data.splitTags('誤送信、メール, ＰＤＦ，pdf､ 　VPN 　'), ['誤送信', 'メール', 'ＰＤＦ', 'VPN']);
  assert.deepEqual(data.splitTags('a,,b、、 ,c'), ['a', 'b', 'c']);
  assert.deepEqual(data.splitTags('phishing\nPhishing\nclick'), ['phishing', 'click'], 'a pasted list: one a line');
  assert.deepEqual(data.splitTags(''), []);
  assert.deepEqual(data.splitTags('  、 ， '), []);
  assert.deepEqual(data.splitTags(undefined), []);
  assert.deepEqual(data.splitTags('ID 管理'), ['ID 管理'], 'a space inside a tag stays');
});

test('a tag compares like the register compares it: compatibility form, trimmed, lower case', () => {
  assert.equal(data.tagKey('ＮＥＷＳＬＥＴＴＥＲ'), 'newsletter');
  assert.equal(data.tagKey(' Newsletter '), 'newsletter');
  assert.equal(data.tagKey('ﾒｰﾙ'), 'メール', 'half-width kana as full-width');
  assert.equal(data.tagKey('　誤送信　'), '誤送信', 'an ideographic space is trimmed');
});

test('a suggested tag is added once, in the way the language writes a list', () => {
  assert.equal(data.addTag('', '誤送信'), '誤送信');
  assert.equal(data.addTag('誤送信, メール', 'フィッシング', 'ja'), '誤送信、メール、フィッシング');
  assert.equal(data.addTag('誤送信、メール', 'メール', 'ja'), '誤送信、メール');
  assert.equal(data.addTag('cloud', 'Phishing', 'en'), 'cloud, Phishing');
  assert.equal(data.addTag('CLOUD', 'cloud', 'en'), 'CLOUD');
});

test('characters are counted as people see them (and as Swift counts them)', () => {
  assert.equal(data.charCount('ヒヤリハット'), 6);
  assert.equal(data.charCount('👍🏽'), 1, 'an emoji with its skin tone');
  assert.equal(data.charCount('か\u3099'), 1, 'a kana with a combining mark');
  assert.equal(data.charCount('🇯🇵'), 1, 'a flag');
  assert.equal(data.charCount(''), 0);
});

test('the characters the server refuses: control characters, DEL, C1 and bidirectional controls; tab always allowed', () => {
  assert.equal(data.forbiddenCharacter('ok\ttab'), null);
  assert.deepEqual(data.forbiddenCharacter('a\u001bb'), { offset: 2, code: 'U+001B' });
  assert.deepEqual(data.forbiddenCharacter('line\nbreak'), { offset: 5, code: 'U+000A' });
  assert.equal(data.forbiddenCharacter('line\nbreak', { newlines: true }), null);
  assert.deepEqual(data.forbiddenCharacter('x\r', { newlines: true }), { offset: 2, code: 'U+000D' });
  assert.deepEqual(data.forbiddenCharacter('名前\u202e'), { offset: 3, code: 'U+202E' });
  assert.deepEqual(data.forbiddenCharacter('\u0085'), { offset: 1, code: 'U+0085' });
  assert.equal(data.forbiddenCharacter('👍🏽 fine'), null);
  assert.ok(data.invisibleCharacter('山\u200b田'));
  assert.ok(!data.invisibleCharacter('山田 太郎'));
});

test('the request body: anonymous unless the name is asked for, texts trimmed, tags split, line breaks as LF', () => {
  const values = { title: '  件名  ', what_happened: ' 一行目\r\n二行目 ', tags: '誤送信、 メール', impact: '4', occurred_on: '2026-12-07', withName: false, name: '山田' };
  assert.deepEqual(data.nearMissBody(values), {
    title: '件名', what_happened: '一行目\n二行目', tags: ['誤送信', 'メール'], impact: 4, occurred_on: '2026-12-07', anonymous: true,
  }, 'a name typed and then unticked is not sent');
  assert.deepEqual(data.nearMissBody({ ...values, withName: true, name: ' 山田 花子 ' }).name, '山田 花子');
  assert.equal(data.nearMissBody({ ...values, withName: true }).anonymous, false);
  assert.equal(data.nearMissBody({ ...values, impact: '' }).impact, null);
  assert.deepEqual(data.nearMissBody({}).tags, []);
});

test('checks before sending: what the server refuses, one problem a field, in the form\'s order', () => {
  const today = '2026-12-07';
  assert.deepEqual(data.nearMissProblems(body(), today), []);
  assert.deepEqual(data.nearMissProblems(body({ title: '', what_happened: '', impact: null, occurred_on: '' }), today).map((p) => [p.field, p.problem]),
    [['title', 'required'], ['what_happened', 'required'], ['impact', 'impact'], ['occurred_on', 'date']]);
  assert.deepEqual(data.nearMissProblems(body({ title: 'あ'.repeat(200) }), today), []);
  assert.deepEqual(data.nearMissProblems(body({ title: 'あ'.repeat(201) }), today), [{ field: 'title', problem: 'tooLong', vars: { n: 201, limit: 200 } }]);
  assert.deepEqual(data.nearMissProblems(body({ title: '👍🏽'.repeat(200) }), today), [], 'counted as characters, not code units');
  assert.deepEqual(data.nearMissProblems(body({ what_happened: 'x'.repeat(4001) }), today)[0].vars, { n: 4001, limit: 4000 });
  assert.deepEqual(data.nearMissProblems(body({ what_happened: '一行目\n二行目' }), today), [], 'line breaks in what happened');
  assert.equal(data.nearMissProblems(body({ title: '件名\u0007' }), today)[0].problem, 'control');
  const nine = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  assert.deepEqual(data.nearMissProblems(body({ tags: nine }), today), [{ field: 'tags', problem: 'tooManyTags', vars: { n: 9, limit: 8 } }]);
  assert.deepEqual(data.nearMissProblems(body({ tags: nine.slice(0, 8) }), today), []);
  assert.deepEqual(data.nearMissProblems(body({ tags: ['x'.repeat(41)] }), today), [{ field: 'tags', problem: 'tagTooLong', vars: { tag: 'x'.repeat(41), limit: 40 } }]);
  for (const impact of [0, 6, 2.5, null]) assert.equal(data.nearMissProblems(body({ impact }), today)[0]?.problem, 'impact', String(impact));
  assert.deepEqual(data.nearMissProblems(body({ impact: 1 }), today), []);
  assert.deepEqual(data.nearMissProblems(body({ impact: 5 }), today), []);
  assert.equal(data.nearMissProblems(body({ occurred_on: '2026-02-30' }), today)[0].problem, 'date');
  assert.equal(data.nearMissProblems(body({ occurred_on: '2026/12/07' }), today)[0].problem, 'date');
  assert.deepEqual(data.nearMissProblems(body({ occurred_on: '2026-12-08' }), today), [], 'tomorrow is allowed (time zones)');
  assert.equal(data.nearMissProblems(body({ occurred_on: '2026-12-09' }), today)[0].problem, 'future');
  assert.deepEqual(data.nearMissProblems(body({ occurred_on: '2027-01-01' }), '2026-12-31'), [], 'tomorrow across a year');
  assert.equal(data.nearMissProblems(body({ anonymous: false }), today)[0].problem, 'nameRequired');
  assert.equal(data.nearMissProblems(body({ anonymous: false, name: '' }), today)[0].problem, 'nameRequired');
  assert.deepEqual(data.nearMissProblems(body({ anonymous: false, name: '山田 花子' }), today), []);
  assert.deepEqual(data.nearMissProblems(body({ anonymous: false, name: 'あ'.repeat(81) }), today)[0], { field: 'name', problem: 'nameLength', vars: { limit: 80 } });
  assert.equal(data.nearMissProblems(body({ anonymous: false, name: '山\u200b田' }), today)[0].problem, 'invisible');
});

test('a refusal of the server names its field in quotes: the field and the problem in the page\'s words', () => {
  const cases = [
    ["'title': write a few words; it is required", 'title', 'required', {}],
    ["'title': 205 characters; the limit is 200", 'title', 'tooLong', { n: 205, limit: 200 }],
    ["'what_happened': contains the control character U+001B (ESC) at character 3; type plain text", 'what_happened', 'control', {}],
    ["'tags': 9 tags; at most 8", 'tags', 'tooManyTags', { n: 9, limit: 8 }],
    ["'tags': at most 8 tags", 'tags', 'tooManyTags', { n: 9, limit: 8 }],
    ["'tags': 45 characters; the limit is 40", 'tags', 'tooLong', { n: 45, limit: 40 }],
    ["'impact': 7 is not 1 (minor) to 5 (severe)", 'impact', 'impact', {}],
    ["'occurred_on': 'yesterday' is not a date written yyyy-MM-dd", 'occurred_on', 'date', {}],
    ["'occurred_on': 2030-01-01 is in the future", 'occurred_on', 'future', {}],
    ["'name': an anonymous report has no name: leave the name out, or set anonymous to false", 'name', 'nameNotAllowed', {}],
    ["'name': a report that is not anonymous gives the reporter's name", 'name', 'nameRequired', {}],
    ["'name': a name has 1 to 80 characters", 'name', 'nameLength', { limit: 80 }],
    ["'name': a name cannot contain the invisible character U+200B (ZERO WIDTH SPACE); type it again without it", 'name', 'invisible', {}],
    ["'mood': something new", null, 'rejected', {}],
    ['no field at all', null, 'rejected', {}],
    [undefined, null, 'rejected', {}],
  ];
  for (const [message, field, problem, vars] of cases) assert.deepEqual(data.serverProblem(message), { field, problem, vars }, String(message));
});

test('days and months: real days only, moved across months and years', () => {
  assert.ok(data.isDay('2028-02-29'));
  assert.ok(!data.isDay('2026-02-29'));
  assert.ok(!data.isDay('2026-13-01'));
  assert.ok(!data.isDay('26-12-07'));
  assert.equal(data.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(data.addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(data.localDay(new Date(2026, 11, 7, 23, 59)), '2026-12-07');
  assert.equal(data.monthOf('2026-12-07'), '2026-12');
  assert.deepEqual(data.monthsBack('2026-02-15', 3), ['2026-02', '2026-01', '2025-12']);
  assert.equal(data.monthsBack('2026-12-01', 24).length, 24);
  assert.equal(data.addMonths('2026-12', 1), '2027-01');
  assert.equal(data.addMonths('2026-01', -1), '2025-12');
  assert.ok(data.isMonth('2026-12') && !data.isMonth('2026-13') && !data.isMonth('2026-1') && !data.isMonth(''));
});

test('the register a page at a time: the query, and where the page stands', () => {
  assert.equal(data.registerQuery({ limit: 20, offset: 40 }), '?limit=20&offset=40');
  assert.equal(data.registerQuery({ limit: 20, offset: 0, tag: '誤送信', month: '2026-12' }),
    '?limit=20&offset=0&tag=%E8%AA%A4%E9%80%81%E4%BF%A1&month=2026-12');
  assert.equal(data.registerQuery({ tag: 'a&b=c' }), '?limit=50&offset=0&tag=a%26b%3Dc');
  assert.deepEqual(data.pageRange({ total: 0, limit: 20, offset: 0 }), { from: 0, to: 0, prev: null, next: null });
  assert.deepEqual(data.pageRange({ total: 45, limit: 20, offset: 0 }), { from: 1, to: 20, prev: null, next: 20 });
  assert.deepEqual(data.pageRange({ total: 45, limit: 20, offset: 20 }), { from: 21, to: 40, prev: 0, next: 40 });
  assert.deepEqual(data.pageRange({ total: 45, limit: 20, offset: 40 }), { from: 41, to: 45, prev: 20, next: null });
  assert.deepEqual(data.pageRange({ total: 45, limit: 20, offset: 10 }), { from: 11, to: 30, prev: 0, next: 30 });
  assert.deepEqual(data.pageRange({ total: 5, limit: 20, offset: 40 }), { from: 0, to: 0, prev: 20, next: null }, 'past the end: back is possible');
});

test('planning a drill: the editor\'s address with the tags, each encoded (a comma inside a tag stays in it)', async () => {
  const { plannedScenario } = await js('editor-model.mjs');
  assert.equal(data.planHref(['誤送信']), '/editor.html?new=1&tags=%E8%AA%A4%E9%80%81%E4%BF%A1');
  assert.equal(data.planHref(['cloud', 'a,b', ' ']), '/editor.html?new=1&tags=cloud,a%2Cb');
  assert.equal(data.planHref('phishing'), '/editor.html?new=1&tags=phishing');
  assert.equal(data.planHref([]), '/editor.html?new=1');
  const href = data.planHref(['誤送信', 'a,b', 'ID 管理']);
  assert.deepEqual(plannedScenario(href.slice(href.indexOf('?'))), { fresh: true, tags: ['誤送信', 'a,b', 'ID 管理'] });
});
