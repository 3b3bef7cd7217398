import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

const { DrillClock } = await js('clock.mjs');

function fakeClock() {
  let ms = 0;
  const clock = new DrillClock({ now: () => ms, tick: false });
  return { clock, advance: (seconds) => { ms += seconds * 1000; } };
}

test('the clock runs at its speed only while the drill runs', () => {
  const { clock, advance } = fakeClock();
  clock.sync({ drill_seconds: 100, speed: 2, status: 'running' });
  advance(10);
  assert.equal(clock.now(), 120);
  clock.applyEvent({ type: 'paused', at_seconds: 121 });
  advance(60);
  assert.equal(clock.now(), 121);
  clock.applyEvent({ type: 'resumed', at_seconds: 121 });
  advance(1);
  assert.equal(clock.now(), 123);
});

test('speed-changed changes the pace without a jump; clock-advanced jumps', () => {
  const { clock, advance } = fakeClock();
  clock.sync({ drill_seconds: 0, speed: 1, status: 'running' });
  advance(10);
  clock.applyEvent({ type: 'speed-changed', at_seconds: 10, speed: 5 });
  assert.equal(clock.speed, 5);
  advance(2);
  assert.equal(clock.now(), 20);
  clock.applyEvent({ type: 'clock-advanced', at_seconds: 480, from_seconds: 20 });
  assert.equal(clock.now(), 480);
  clock.applyEvent({ type: 'ended', at_seconds: 490, reason: 'ended-by-trainer' });
  assert.equal(clock.status, 'finished');
  advance(100);
  assert.equal(clock.now(), 490);
});

test('listeners hear the time, status and speed', () => {
  const { clock } = fakeClock();
  const heard = [];
  clock.subscribe((seconds, status, speed) => heard.push([seconds, status, speed]));
  clock.sync({ drill_seconds: 5, speed: 3, status: 'paused' });
  assert.deepEqual(heard.at(-1), [5, 'paused', 3]);
});
