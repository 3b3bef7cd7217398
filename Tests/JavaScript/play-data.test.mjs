import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { js, PUBLIC, pageCatalog, readCatalog, translator } from './support.mjs';

const { myRoleCards, openQuestions, buildQuizRequest, resultView, scoreText, quizErrorKey } = await js('play-data.mjs');
const tJa = await translator('ja');
const tEn = await translator('en');

const QUIZ = {
  questions: [
    { id: 'q1', question: '誤送信に気づいたら、最初に連絡するのは？', choices: ['上長', '顧客', '取引先'], multiple: false },
    { id: 'q2', question: '報告に含めるものをすべて選んでください', choices: ['宛先', '送った時刻', '自分の感想', '添付ファイル名'], multiple: true },
    { id: 'q3', question: '社外秘の資料は？', choices: ['共有しない', '共有する'], multiple: false },
  ],
  results: [],
  score: 0,
  max: 3,
};

test('a player sees the cards of its own roles only, in the order of its roles, blank lines dropped', () => {
  const drill = {
    my_roles: ['lead', 'desk'],
    role_cards: [
      { role: 'desk', name: '窓口担当', responsibilities: ['5 分以内に上長へ連絡する', '  ', '一次回答を準備する'] },
      { role: 'other', name: '別の役割', responsibilities: ['見えてはいけない'] },
      { role: 'lead', name: '責任者', responsibilities: ['インシデントを宣言する'] },
    ],
  };
  assert.deepEqual(myRoleCards(drill), [
    { role: 'lead', name: '責任者', responsibilities: ['インシデントを宣言する'] },
    { role: 'desk', name: '窓口担当', responsibilities: ['5 分以内に上長へ連絡する', '一次回答を準備する'] },
  ]);
  assert.deepEqual(myRoleCards({ my_roles: ['desk'], role_cards: [] }), [], 'no card, nothing shown');
  assert.deepEqual(myRoleCards({ my_roles: ['desk'], role_cards: [{ role: 'desk', name: 'x', responsibilities: [' '] }] }), [], 'an empty card is no card');
  assert.deepEqual(myRoleCards({ my_roles: [], role_cards: [{ role: 'desk', name: 'x', responsibilities: ['a'] }] }), [], 'staff have no roles of their own');
  assert.deepEqual(myRoleCards({}), []);
});

test('the quiz request: every open question with its choices, ascending, one for a single-answer question', () => {
  const { body, missing } = buildQuizRequest(QUIZ, { 0: [0], 1: [3, 0, 1, 3], 2: [1] });
  assert.deepEqual(missing, []);
  assert.deepEqual(body, { answers: [
    { question: 'q1', choices: [0] },
    { question: 'q2', choices: [0, 1, 3] },
    { question: 'q3', choices: [1] },
  ] });
  // Form values come as strings; a single-answer question never sends two.
  assert.deepEqual(buildQuizRequest(QUIZ, { 0: ['2', '1'], 1: ['1'], 2: ['0'] }).body.answers[0], { question: 'q1', choices: [1] });
});

test('the quiz request: an open question without a choice is named by its number, and nothing is sent', () => {
  const { body, missing } = buildQuizRequest(QUIZ, { 0: [0], 1: [], 2: [7] });
  assert.equal(body, null);
  assert.deepEqual(missing, [2, 3], 'an unknown choice counts as none');
  assert.deepEqual(buildQuizRequest(QUIZ, {}).missing, [1, 2, 3]);
});

test('the quiz request leaves out what is answered already; with nothing open there is nothing to send', () => {
  const partly = { ...QUIZ, results: [{ question: 'q1', correct: true, answer: [0], chosen: [0], explanation: null }] };
  assert.deepEqual(openQuestions(partly).map((q) => q.id), ['q2', 'q3']);
  const { body, missing } = buildQuizRequest(partly, { 0: [1], 1: [0], 2: [0] });
  assert.deepEqual(missing, []);
  assert.deepEqual(body.answers.map((a) => a.question), ['q2', 'q3'], 'q1 is never sent twice');
  const all = { ...QUIZ, results: QUIZ.questions.map((q) => ({ question: q.id, correct: false, answer: [0], chosen: [1] })) };
  assert.deepEqual(openQuestions(all), []);
  assert.deepEqual(buildQuizRequest(all, { 0: [0] }), { body: null, missing: [] });
});

test('a result in words: the correct choices and the chosen ones by their text, and the explanation', () => {
  const view = resultView(QUIZ.questions[1], { question: 'q2', correct: false, answer: [0, 1, 3], chosen: [0, 2], explanation: ' 宛先と時刻があれば影響を見積もれます。 ' }, 1);
  assert.deepEqual(view, {
    number: 2, correct: false,
    answer: ['宛先', '送った時刻', '添付ファイル名'],
    chosen: ['宛先', '自分の感想'],
    explanation: '宛先と時刻があれば影響を見積もれます。',
  });
  const right = resultView(QUIZ.questions[0], { question: 'q1', correct: true, answer: [0], chosen: [0], explanation: null }, 0);
  assert.equal(right.correct, true);
  assert.equal(right.explanation, null, 'no explanation, no line');
  assert.deepEqual(resultView(QUIZ.questions[0], { correct: false, answer: [9], chosen: [] }, 0).answer, [], 'never a number for a text');
});

test('the score: 「5 問中 4 問正解」, and what a partly answered quiz covers', () => {
  const results = (n, right) => Array.from({ length: n }, (_, i) => ({ question: `q${i}`, correct: i < right }));
  assert.equal(scoreText({ questions: [], results: results(5, 4), score: 4, max: 5 }, tJa), '5 問中 4 問正解');
  assert.equal(scoreText({ questions: [], results: results(5, 4), score: 4, max: 5 }, tEn), '4 of 5 correct');
  assert.equal(scoreText({ questions: [], results: results(2, 1), score: 1, max: 5 }, tJa), '回答した 2 問中 1 問正解（全 5 問）');
  assert.equal(scoreText({ ...QUIZ }, tJa), '', 'nothing answered, no score');
});

test('the server\'s refusals of the quiz have words of their own, in both languages', () => {
  assert.equal(quizErrorKey({ status: 409, code: 'already_answered' }), 'quiz.error.answered');
  assert.equal(quizErrorKey({ status: 409, code: 'drill_not_ended' }), 'quiz.error.notEnded');
  for (const code of ['invalid_input', 'no_answers', 'too_many_answers']) assert.equal(quizErrorKey({ status: 422, code }), 'quiz.error.invalid');
  assert.equal(quizErrorKey({ status: 0, code: 'network' }), null, 'the general words for the rest');
  for (const key of ['quiz.error.answered', 'quiz.error.notEnded', 'quiz.error.invalid']) {
    assert.match(tJa(key), /[ぁ-んァ-ン一-龥]/);
    assert.notEqual(tEn(key), key);
  }
  assert.equal(tJa('quiz.title'), '理解度確認');
  assert.match(tJa('quiz.intro'), /個人の評価には使いません/);
  assert.match(tJa('quiz.intro'), /質問ごと・部署ごと/);
  assert.equal(tJa('roleCard.open'), 'あなたの役割');
});

test('every text of the role card and the quiz is used by the pages, and the Japanese ones are Japanese', () => {
  let code = '';
  for (const file of readdirSync(path.join(PUBLIC, 'js'))) code += readFileSync(path.join(PUBLIC, 'js', file), 'utf8');
  for (const file of readdirSync(PUBLIC).filter((f) => f.endsWith('.html'))) code += readFileSync(path.join(PUBLIC, file), 'utf8');
  const families = ['quiz.', 'roleCard.', 'play.'];
  const keys = Object.keys(readCatalog('pages', 'en')).filter((key) => families.some((f) => key.startsWith(f)));
  assert.ok(keys.length > 25);
  const unused = keys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
  assert.deepEqual(unused, []);
  const ja = pageCatalog('ja');
  for (const key of keys) {
    assert.ok(key in ja, key);
    assert.doesNotMatch(ja[key].replace(/\{[a-z_]+\}/g, ''), /[A-Za-z]/, `${key}: ${ja[key]}`);
  }
});
