import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { js, pageCatalog, ROOT, translator } from './support.mjs';

const model = await js('editor-model.mjs');
const { conditionInWords } = await js('conditions.mjs');
const { nameBook } = await js('names.mjs');

/** A small scenario in the shape the server's convert gives (keys in the file's order). */
function sample() {
  return {
    firedrill: 1,
    id: 'newsletter-brochure-leak',
    title: 'ハルカソフトのパンフレット漏えい',
    briefing: 'あなたたちはハルカソフト株式会社の社員です。',
    summary: '山本部長はチャットを見ない。',
    language: 'ja',
    tags: ['ハルカソフト', '情報漏えい'],
    duration: '1時間30分',
    roles: [
      { id: 'promotion', name: 'プロモーション担当', department: 'プロモーション部', responsibilities: ['上長に電話で報告する'] },
      { id: 'planning', name: '商品企画担当' },
      { id: 'supervisor', name: '上長（山本部長）', persona: { channels: ['phone'], delay: '4m', reply: '山本です。' } },
    ],
    injects: [
      { id: 'late', at: '25m', to: ['promotion', 'planning'], channel: 'email', subject: '抗議', expect: '秘密', notes: '内緒', 'x-owner': 'ハルカソフト' },
      { id: 'start', at: '0s', to: 'all', channel: 'email', from: '配信システム', subject: '配信完了', body: 'ハルカソフトより' },
      { id: 'chat', at: '3分', to: ['promotion'], channel: 'chat', from: '営業部 佐藤', subject: 'PDF に未発表の提携' },
      { id: 'after', when: 'met(esc)', delay: '15m', to: ['planning'], channel: 'phone', subject: 'まだ？' },
      { id: 'other', at: '3m', to: ['planning'], channel: 'chat', subject: '企画だけ' },
    ],
    objectives: [{ id: 'esc', name: '上長に報告する', kind: 'escalate', to: 'supervisor', target: '10m' }],
    survey: ['役に立ちましたか？', { question: '振り返り', kind: 'text' }],
  };
}

test('the JSON text is laid out like JSON.stringify(…, null, 2), and each line knows its value', () => {
  const doc = sample();
  const { text, paths } = model.toJSONText(doc);
  assert.equal(text, JSON.stringify(doc, null, 2) + '\n');
  assert.equal(paths.length, text.split('\n').length - 1);
  const lines = text.split('\n');
  const lineOf = (needle) => lines.findIndex((l) => l.includes(needle));
  assert.deepEqual(paths[lineOf('"subject": "抗議"')], ['injects', 0, 'subject']);
  assert.deepEqual(paths[lines.indexOf('        "planning"')], ['injects', 0, 'to', 1]);
  assert.deepEqual(paths[lineOf('"上長に電話で報告する"')], ['roles', 0, 'responsibilities', 0]);
  // The line that opens the second inject is that inject (a missing key is reported there).
  const second = lines.findIndex((l, i) => l === '    {' && paths[i][0] === 'injects' && paths[i][1] === 1);
  assert.deepEqual(paths[second], ['injects', 1]);
  assert.deepEqual(paths[0], []);
  // Empty lists and objects stay on one line.
  const empty = model.toJSONText({ a: [], b: {}, c: [1] });
  assert.equal(empty.text, '{\n  "a": [],\n  "b": {},\n  "c": [\n    1\n  ]\n}\n');
  assert.deepEqual(empty.paths[4], ['c', 0]);
});

test('problems name a line; each is mapped to the field that line belongs to', () => {
  const doc = sample();
  const { text, paths } = model.toJSONText(doc);
  const lines = text.split('\n');
  const line = (needle) => lines.findIndex((l) => l.includes(needle)) + 1;
  const planning = lines.indexOf('        "planning"') + 1;
  const fields = new Set(['title', 'injects.0.to', 'injects.0', 'injects.1', 'roles.0.responsibilities', 'objectives.0.target']);
  const problems = [
    `upload:${planning}:9: unknown role 'planning'`,
    `upload:${line('"x-owner"')}:7: unknown key 'x-owner' in an inject`,
    `upload:${line('"target"')}:17: 'target' is not a duration`,
    'upload: the file is empty',
  ];
  const mapped = model.problemsWithPaths(problems, paths).map((p) => ({ ...p, field: model.fieldFor(p.path, (k) => fields.has(k)) }));
  assert.equal(mapped[0].field, 'injects.0.to');
  assert.equal(mapped[0].message, "unknown role 'planning'");
  assert.equal(mapped[1].field, 'injects.0', 'an unknown key falls back to its item');
  assert.equal(mapped[2].field, 'objectives.0.target');
  assert.equal(mapped[3].field, '', 'a problem without a line belongs to the whole scenario');
  assert.equal(mapped[3].line, null);
  assert.deepEqual(model.parseProblem('upload:12:7: message: with colons'), { line: 12, column: 7, message: 'message: with colons' });
  assert.equal(model.problemsWithPaths(['upload:9999:1: x'], paths)[0].path, null, 'a line past the end names nothing');
});

test('a field is named by its path, drawn or not: the forms and a closed item\'s problems use one table', async () => {
  assert.deepEqual(model.keyPath('injects.3.to.0'), ['injects', 3, 'to', 0]);
  assert.deepEqual(model.keyPath(''), []);
  assert.equal(model.pathKey(model.keyPath('roles.0.persona.reply')), 'roles.0.persona.reply');
  assert.equal(model.fieldLabelKey(['injects', 3, 'subject']), 'editor.field.subject');
  assert.equal(model.fieldLabelKey(['injects', 3, 'to', 0]), 'editor.field.to', 'a recipient is in the recipients field');
  assert.equal(model.fieldLabelKey(['objectives', 0, 'from']), 'editor.field.objectiveFrom', 'the same key, another list, another label');
  assert.equal(model.fieldLabelKey(['roles', 2, 'persona', 'reply']), 'editor.field.personaReply');
  assert.equal(model.fieldLabelKey(['survey', 1]), 'editor.field.question', 'a question written as a bare text');
  assert.equal(model.fieldLabelKey(['duration']), 'editor.field.duration');
  assert.equal(model.fieldLabelKey(['injects', 0, 'x-owner']), null, 'a key the editor has no field for');
  assert.equal(model.fieldLabelKey(['injects', 0]), null, 'an item is not a field');
  assert.equal(model.fieldLabelKey([]), null);
  const t = await translator('ja');
  assert.equal(t(model.fieldLabelKey(['injects', 3, 'at'])), '開始からの時間');
  for (const lang of ['en', 'ja']) {
    const catalog = pageCatalog(lang);
    const missing = Object.values(model.FIELD_LABELS).map((name) => `editor.field.${name}`).filter((key) => !(key in catalog));
    assert.deepEqual(missing, [], `every label is in the ${lang} catalog`);
  }
});

test('durations are read as the server reads them, Japanese forms included', () => {
  const cases = { '90s': 90, '5m': 300, '1h': 3600, '1h30m': 5400, '2m30s': 150, 90: 90, '600': 600,
    '20分': 1200, '1時間30分': 5400, '90秒': 90, '1時間半': 5400, '1分半': 90, '１時間３０分': 5400, '1時間 30分': 5400 };
  for (const [text, seconds] of Object.entries(cases)) assert.equal(model.parseDuration(text), seconds, text);
  assert.equal(model.parseDuration(90), 90);
  for (const bad of ['', 'soon', '5 minutes', '30分1時間', '約20分', '-5m', '1.5h', null, undefined]) assert.equal(model.parseDuration(bad), null, String(bad));
  // The timeline also takes clock times.
  assert.equal(model.parseTime('12:00'), 720);
  assert.equal(model.parseTime('1:05:00'), 3900);
  assert.equal(model.parseTime('１２：３０'), 750);
  assert.equal(model.parseTime('12:75'), null);
  assert.equal(model.parseTime('10分'), 600);
});

test('durations are written back in the style they were typed', () => {
  assert.equal(model.formatDuration(4500, 'en'), '1h15m');
  assert.equal(model.formatDuration(4500, 'ja'), '1時間15分');
  assert.equal(model.formatDuration(150, 'en'), '2m30s');
  assert.equal(model.formatDuration(0, 'en'), '0s');
  assert.equal(model.formatDuration(0, 'ja'), '0秒');
  assert.equal(model.formatDuration(3600, 'ja'), '1時間');
  assert.equal(model.durationStyle('3分'), 'ja');
  assert.equal(model.durationStyle('3m'), 'en');
  assert.equal(model.durationStyle(180), 'en');
  for (const s of [0, 59, 60, 61, 3599, 3600, 5430]) {
    for (const style of ['en', 'ja']) assert.equal(model.parseDuration(model.formatDuration(s, style)), s, `${s} ${style}`);
  }
});

test('the timeline sorts scheduled injects by time, then file order, and keeps triggered ones apart', () => {
  const doc = sample();
  const { scheduled, triggered } = model.timeline(doc);
  assert.deepEqual(scheduled.map((e) => e.id), ['start', 'chat', 'other', 'late']);
  assert.deepEqual(scheduled.map((e) => e.seconds), [0, 180, 180, 1500]);
  assert.deepEqual(triggered.map((e) => [e.id, e.when, e.delaySeconds]), [['after', 'met(esc)', 900]]);
  doc.injects[2].at = 'soon';
  assert.equal(model.timeline(doc).scheduled.at(-1).id, 'chat', 'an unreadable time comes last');
});

test('a long list is drawn in steps: the first rows at once, then a few hundred at a time, each row once', () => {
  assert.deepEqual(model.drawingSteps(0, 100, 250), [], 'nothing to draw');
  assert.deepEqual(model.drawingSteps(40, 100, 250), [[0, 40]], 'a short list at once');
  assert.deepEqual(model.drawingSteps(700, 100, 250), [[0, 100], [100, 350], [350, 600], [600, 700]]);
  assert.deepEqual(model.drawingSteps(700, 400, 250), [[0, 400], [400, 650], [650, 700]], 'more at once (the row that has the focus)');
  const steps = model.drawingSteps(3750, 100, 250);
  assert.equal(steps.length, 16);
  steps.forEach(([start, end], i) => {
    assert.ok(start < end);
    assert.equal(start, i === 0 ? 0 : steps[i - 1][1], 'no gap, no row twice');
  });
  assert.equal(steps.at(-1)[1], 3750);
});

test('moving an inject changes only its time, in its own style, and re-sorts the timeline', () => {
  const doc = sample();
  const before = JSON.stringify(doc.injects[0]);
  assert.equal(model.moveInject(doc, 0, 1500 - 15 * 60), '10m');
  assert.equal(model.moveInject(doc, 2, 180 + 60), '4分');
  assert.equal(model.moveInject(doc, 1, -300), '0s', 'never before the start');
  assert.deepEqual(Object.keys(doc.injects[0]), Object.keys(JSON.parse(before)), 'the keys keep their places');
  assert.equal(doc.injects[0]['x-owner'], 'ハルカソフト');
  assert.deepEqual(model.timeline(doc).scheduled.map((e) => e.id), ['start', 'other', 'chat', 'late']);
});

test('find and replace covers every text people read, never ids, times, conditions or unknown keys', () => {
  const doc = sample();
  const found = model.findMatches(doc, 'ハルカソフト', 'ミナトシステム');
  assert.equal(found.total, 4);
  assert.deepEqual(found.matches.map((m) => m.key), ['title', 'briefing', 'tags.0', 'injects.1.body']);
  assert.equal(found.matches[1].after, 'あなたたちはミナトシステム株式会社の社員です。');
  // A preview changes nothing.
  assert.equal(doc.title, 'ハルカソフトのパンフレット漏えい');
  // Names in roles, persona replies, senders, survey questions.
  assert.deepEqual(model.findMatches(doc, '山本').matches.map((m) => m.key), ['summary', 'roles.2.name', 'roles.2.persona.reply']);
  assert.deepEqual(model.findMatches(doc, '佐藤').matches.map((m) => m.key), ['injects.2.from']);
  assert.deepEqual(model.findMatches(doc, '振り返り').matches.map((m) => m.key), ['survey.1.question']);
  // Only the chosen fields, then everything.
  assert.equal(model.replaceMatches(doc, 'ハルカソフト', 'ミナトシステム', ['title']), 1);
  assert.equal(doc.title, 'ミナトシステムのパンフレット漏えい');
  assert.equal(doc.briefing, 'あなたたちはハルカソフト株式会社の社員です。');
  assert.equal(model.replaceMatches(doc, 'ハルカソフト', 'ミナトシステム'), 3);
  assert.equal(model.findMatches(doc, 'ハルカソフト').total, 0);
  assert.equal(doc.injects[0]['x-owner'], 'ハルカソフト', 'a key the editor does not know is left untouched');
  // Ids and references are not text.
  assert.equal(model.findMatches(doc, 'promotion').total, 0);
  assert.equal(model.findMatches(doc, 'esc').total, 0);
  assert.equal(model.findMatches(doc, '').total, 0);
  // Several in one text.
  assert.equal(model.findMatches({ title: 'aXbXc' }, 'X').total, 2);
  assert.deepEqual(model.snippets('一二三四五六七八九十', '五', 2), [{ before: '…三四', match: '五', after: '六七…' }]);
});

test('a copy gets an id and a title of its own', () => {
  assert.equal(model.deriveCopyId('newsletter-brochure-leak'), 'newsletter-brochure-leak-copy');
  assert.equal(model.deriveCopyId('newsletter-brochure-leak', ['newsletter-brochure-leak-copy']), 'newsletter-brochure-leak-copy-2');
  assert.equal(model.deriveCopyId('a-copy', ['a-copy', 'a-copy-2']), 'a-copy-3');
  const long = 'x'.repeat(64);
  const id = model.deriveCopyId(long);
  assert.ok(id.length <= 64 && id.endsWith('-copy') && model.isSlug(id), id);
  assert.equal(model.copyTitle('ニュースレターの漏えい', 'ja'), 'ニュースレターの漏えい（コピー）');
  assert.equal(model.copyTitle('Newsletter leak', 'en'), 'Newsletter leak (copy)');
  assert.equal(model.freshId([{ id: 'inject-1' }, { id: 'inject-3' }], 'inject'), 'inject-4');
  assert.equal(model.freshId([{ id: 'inject-3' }, { id: 'x' }], 'inject'), 'inject-4');
  assert.ok(!model.isSlug('Has Caps'));
});

test('a role sees its briefing, its card and the injects addressed to it, in time order, nothing for staff', () => {
  const doc = sample();
  const promotion = model.rolePreview(doc, 'promotion');
  assert.equal(promotion.briefing, doc.briefing);
  assert.deepEqual(promotion.responsibilities, ['上長に電話で報告する']);
  assert.deepEqual(promotion.injects.map((i) => i.subject), ['配信完了', 'PDF に未発表の提携', '抗議']);
  assert.deepEqual(promotion.injects.map((i) => i.seconds), [0, 180, 1500]);
  const text = JSON.stringify(promotion);
  for (const secret of ['秘密', '内緒', '山本部長はチャットを見ない', 'x-owner']) assert.ok(!text.includes(secret), secret);
  const planning = model.rolePreview(doc, 'planning');
  assert.deepEqual(planning.injects.map((i) => i.subject), ['配信完了', '企画だけ', '抗議', 'まだ？']);
  assert.equal(planning.injects.at(-1).seconds, null);
  assert.equal(planning.injects.at(-1).delaySeconds, 900);
  assert.deepEqual(planning.responsibilities, []);
  assert.ok(model.reaches(['all'], 'x') && model.reaches('all', 'x') && !model.reaches(['a'], 'b'));
});

test('a new key goes where it is usually written; an emptied key is removed', () => {
  const inject = { id: 'a', to: 'all', channel: 'chat', subject: 's', at: '1m', notes: 'n' };
  model.setKey(inject, 'from', 'CTO', model.KEY_ORDER.inject);
  assert.deepEqual(Object.keys(inject), ['id', 'to', 'channel', 'from', 'subject', 'at', 'notes']);
  model.setKey(inject, 'at', undefined, model.KEY_ORDER.inject);
  model.setKey(inject, 'when', 'met(x)', model.KEY_ORDER.inject);
  assert.deepEqual(Object.keys(inject), ['id', 'to', 'channel', 'from', 'subject', 'when', 'notes']);
  model.setKey(inject, 'x-unknown', 1, model.KEY_ORDER.inject);
  assert.equal(Object.keys(inject).at(-1), 'x-unknown');
  const doc = { firedrill: 1, id: 'x', title: 't', duration: '1h', roles: [{ id: 'r', name: 'n' }] };
  model.setIn(doc, ['roles', 0, 'persona', 'delay'], '2m');
  assert.deepEqual(doc.roles[0].persona, { delay: '2m' });
  model.setIn(doc, ['briefing'], 'b');
  assert.deepEqual(Object.keys(doc), ['firedrill', 'id', 'title', 'briefing', 'duration', 'roles']);
  model.setIn(doc, ['tags'], []);
  assert.ok(!('tags' in doc));
  model.setIn(doc, ['quiz', 0, 'question'], '');
  assert.ok(!('quiz' in doc), 'nothing is created for an empty value');
  assert.deepEqual(model.linesToList(' a \n\n b\n'), ['a', 'b']);
  assert.equal(model.listToLines(['a', 'b']), 'a\nb');
});

test('conditions are read into the shape that is put into words, with names for ids', async () => {
  assert.deepEqual(model.parseCondition('met(a)'), { met: 'a' });
  assert.deepEqual(model.parseCondition('not met(escalate-supervisor) and not met(answer-partner)'),
    { and: [{ not: { met: 'escalate-supervisor' } }, { not: { met: 'answer-partner' } }] });
  assert.deepEqual(model.parseCondition('delivered(x) or (met(a) and met(b))'),
    { or: [{ delivered: 'x' }, { and: [{ met: 'a' }, { met: 'b' }] }] });
  for (const bad of ['', 'met(', 'met(a) and', 'foo(a)', '(met(a)', 'met(a) met(b)']) assert.equal(model.parseCondition(bad), null, bad);
  const t = await translator('ja');
  const names = nameBook([{ id: 'esc', name: '上長に報告する' }], []);
  assert.equal(conditionInWords(model.parseCondition('not met(esc)'), names, t), '『上長に報告する』がまだ達成されていない');
});

test('a bundled scenario as the server converts it goes through the JSON text unchanged', () => {
  // The editor writes back exactly the JSON it holds: nothing it does not edit moves.
  const yaml = readFileSync(path.join(ROOT, 'scenarios/newsletter-brochure-leak-ja.yaml'), 'utf8');
  assert.ok(yaml.includes('id: newsletter-brochure-leak'));
  const doc = model.blankScenario('ja');
  assert.equal(model.parseDuration(doc.duration), 3600);
  assert.deepEqual(model.timeline(doc).scheduled.map((e) => e.seconds), [0]);
  const round = JSON.parse(model.toJSONText(doc).text);
  assert.deepEqual(round, doc);
  assert.deepEqual(Object.keys(round), Object.keys(doc));
});

test('a drill planned from the near-miss backlog: ?new=1&tags=… starts a new scenario with those tags, in their place', () => {
  assert.deepEqual(model.plannedScenario('?new=1&tags=%E8%AA%A4%E9%80%81%E4%BF%A1,%E3%83%A1%E3%83%BC%E3%83%AB'), { fresh: true, tags: ['誤送信', 'メール'] });
  assert.deepEqual(model.plannedScenario('?new=1&tags=TAG1,TAG2'), { fresh: true, tags: ['TAG1', 'TAG2'] });
  assert.deepEqual(model.plannedScenario('?new=1&tags=a%2Cb,,c,c, '), { fresh: true, tags: ['a,b', 'c'] }, 'an encoded comma stays in its tag; blanks and repeats go');
  assert.deepEqual(model.plannedScenario('?tags=x+y'), { fresh: false, tags: ['x y'] }, 'without new=1 the editor starts as usual');
  assert.deepEqual(model.plannedScenario('?new=1'), { fresh: true, tags: [] });
  assert.deepEqual(model.plannedScenario('?new=0&tags=a'), { fresh: false, tags: ['a'] });
  assert.deepEqual(model.plannedScenario('?scenario=x'), { fresh: false, tags: [] });
  assert.deepEqual(model.plannedScenario('?new=1&tags=%E0%A4%A'), { fresh: true, tags: ['%E0%A4%A'] }, 'a broken escape is kept as written');
  assert.deepEqual(model.plannedScenario(''), { fresh: false, tags: [] });

  const doc = model.blankScenario('ja', { tags: ['誤送信', 'メール'] });
  assert.deepEqual(doc.tags, ['誤送信', 'メール']);
  assert.deepEqual(Object.keys(doc), ['firedrill', 'id', 'title', 'language', 'tags', 'duration', 'roles', 'injects', 'objectives'],
    'the tags where the format puts them, after the language');
  const ordered = model.KEY_ORDER.top.filter((key) => key in doc);
  assert.deepEqual(Object.keys(doc), ordered);
  assert.ok(!('tags' in model.blankScenario('ja')), 'no tags key without tags');
  assert.ok(!('tags' in model.blankScenario('en', { tags: [] })));
});

test('renaming an id renames every reference to it, and nothing else', () => {
  const doc = sample();
  doc.injects[0].if = 'not met(esc) and delivered(chat)';
  doc.objectives[0].from = 'chat';
  doc.objectives[0].by = ['promotion'];
  model.renameId(doc, 'role', 'promotion', 'promo');
  assert.deepEqual(doc.injects[0].to, ['promo', 'planning']);
  assert.equal(doc.injects[1].to, 'all');
  assert.deepEqual(doc.objectives[0].by, ['promo']);
  model.renameId(doc, 'role', 'supervisor', 'boss');
  assert.equal(doc.objectives[0].to, 'boss');
  model.renameId(doc, 'inject', 'chat', 'sales-chat');
  assert.equal(doc.objectives[0].from, 'sales-chat');
  assert.equal(doc.injects[0].if, 'not met(esc) and delivered(sales-chat)');
  model.renameId(doc, 'objective', 'esc', 'escalate-boss');
  assert.equal(doc.injects[0].if, 'not met(escalate-boss) and delivered(sales-chat)');
  assert.equal(doc.injects[3].when, 'met(escalate-boss)');
  // A longer id that starts the same is not touched.
  const other = { injects: [{ id: 'x', when: 'met(esc-late) or met(esc)' }], objectives: [] };
  model.renameId(other, 'objective', 'esc', 'e');
  assert.equal(other.injects[0].when, 'met(esc-late) or met(e)');
});
