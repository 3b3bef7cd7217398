import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, translator } from './support.mjs';

const format = await js('format.mjs');
const tJa = await translator('ja');
const tEn = await translator('en');

test('formatClock writes m:ss and h:mm:ss like the reports, never 01:00', () => {
  assert.equal(format.formatClock(0), '0:00');
  assert.equal(format.formatClock(5), '0:05');
  assert.equal(format.formatClock(60), '1:00');
  assert.equal(format.formatClock(754.9), '12:34');
  assert.equal(format.formatClock(3599.99), '59:59');
  assert.equal(format.formatClock(3600), '1:00:00');
  assert.equal(format.formatClock(3725), '1:02:05');
  assert.equal(format.formatClock(-3), '0:00');
  assert.equal(format.formatClock(null), '–');
  assert.equal(format.formatClock('abc'), '–');
});

test('formatNumber rounds like the reports: whole numbers bare, others to one decimal', () => {
  assert.equal(format.formatNumber(72), '72');
  assert.equal(format.formatNumber(72.46), '72.5');
  assert.equal(format.formatNumber(64.94), '64.9');
  assert.equal(format.formatNumber(0.5, 2), '0.5');
  assert.equal(format.formatNumber(null), '–');
});

test('durations read in words in both languages', () => {
  assert.equal(format.durationWords(180, tJa), '3 分');
  assert.equal(format.durationWords(5400, tJa), '1 時間 30 分');
  assert.equal(format.durationWords(90, tEn), '1 min 30 s');
  assert.equal(format.durationWords(0, tEn), '0 s');
  assert.equal(format.minutesWords(1330, tJa), '22 分');
});

test('the time left is drill time divided by the speed', () => {
  assert.deepEqual(format.timeLeft({ now: 2700, duration: 5400, speed: 2 }), { drill: 2700, real: 1350 });
  assert.deepEqual(format.timeLeft({ now: 6000, duration: 5400, speed: 2 }), { drill: 0, real: 0 });
  assert.equal(format.timeLeft({ now: 0, duration: 60, speed: 0 }).real, null);
  assert.equal(format.timeLeftText({ now: 2700, duration: 5400, speed: 2 }, tJa), '残り 45:00（実時間で約 23 分）');
  assert.equal(format.timeLeftText({ now: 2700, duration: 5400, speed: 45 }, tJa), '残り 45:00（実時間で約 1 分）');
  assert.equal(format.timeLeftText({ now: 2700, duration: 5400, speed: 60 }, tJa), '残り 45:00（実時間で 1 分未満）');
  assert.equal(format.timeLeftText({ now: 5370, duration: 5400, speed: 1 }, tJa), '残り 0:30（実時間で 1 分未満）');
  assert.equal(format.timeLeftText({ now: 0, duration: 3600, speed: 0.5 }, tEn), '1:00:00 left (about 2 h in real time)');
});

test('the next inject: when, how long from now, and in real time while the clock runs', () => {
  assert.equal(format.nextInjectText({ at: 480, now: 180, speed: 5, running: true }, tJa), '8:00 に配信予定（あと 5:00、実時間で約 1 分）');
  assert.equal(format.nextInjectText({ at: 480, now: 180, speed: 10, running: true }, tJa), '8:00 に配信予定（あと 5:00、実時間で 1 分未満）');
  assert.equal(format.nextInjectText({ at: 480, now: 180, speed: 5, running: false }, tEn), 'Due at 8:00 (5:00 of drill time from now)');
  assert.equal(format.nextInjectText({ at: null, now: 180, speed: 5, running: true }, tEn), null);
  assert.equal(format.realSecondsUntil(480, 180, 2), 150);
});

test('speeds and token labels read as words, never as ids', () => {
  assert.equal(format.formatSpeed(0.5, tJa), '0.5 倍');
  assert.equal(format.formatSpeed(10, tEn), '10×');
  assert.equal(format.labelInWords('player-2', tJa), '参加者（2）');
  assert.equal(format.labelInWords('evaluator-1', tEn), 'Evaluator 1');
  assert.equal(format.labelInWords('trainer', tJa), 'トレーナー');
  assert.ok(!format.labelInWords('tok-abc123', tJa).includes('tok-'));
  assert.equal(format.labelInWords(null, tJa), '');
});
