import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, translator } from './support.mjs';

const { objectiveState, boardSummary, scoreLine } = await js('objectives.mjs');
const tJa = await translator('ja');
const tEn = await translator('en');

const progress = (over = {}) => ({
  score: 72.46, automatic_score: 64.94,
  coverage: { objectives_exercised: 4, objectives_total: 9, weight_exercised: 6, weight_total: 11, complete: false },
  objectives: [
    { id: 'a', status: 'met', on_time: true, adjudicated: true },
    { id: 'b', status: 'met', on_time: false, adjudicated: false },
    { id: 'c', status: 'open' }, { id: 'd', status: 'missed' }, { id: 'e', status: 'waiting' },
  ],
  ...over,
});

test('objective states tell met on time from met late', () => {
  assert.equal(objectiveState({ status: 'met', on_time: true }), 'met-on-time');
  assert.equal(objectiveState({ status: 'met', on_time: false }), 'met-late');
  assert.equal(objectiveState({ status: 'missed' }), 'missed');
  assert.equal(objectiveState(null), 'unknown');
});

test('the board summary counts states and decisions', () => {
  const s = boardSummary(progress());
  assert.equal(s.score, 72.46);
  assert.equal(s.automatic, 64.94);
  assert.equal(s.exercised, 4);
  assert.equal(s.total, 9);
  assert.equal(s.adjudicated, 1);
  assert.equal(s.met, 2);
  assert.equal(s.counts.open, 1);
  assert.equal(s.counts['met-late'], 1);
});

test('the score line puts the official score beside coverage and the automatic score', () => {
  assert.equal(scoreLine(boardSummary(progress()), tJa), '評価者の判定後 72.5 点（9 目標中 4 目標）・キーワード照合のみ 64.9 点');
  const noDecision = progress({ objectives: [{ id: 'a', status: 'met', on_time: true }] });
  assert.equal(scoreLine(boardSummary(noDecision), tJa), '72.5 点（9 目標中 4 目標）・キーワード照合のみ 64.9 点');
  assert.equal(scoreLine(boardSummary(progress()), tEn), "72.5 after the evaluators' decisions (4 of 9 objectives) · keyword matching alone: 64.9");
  assert.equal(scoreLine(boardSummary(progress({ score: null, automatic_score: null })), tJa), 'まだ採点できません');
});
