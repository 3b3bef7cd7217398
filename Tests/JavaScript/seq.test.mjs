import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

const { SeqTracker } = await js('seq.mjs');

test('each event once, in order: repeats and older events are dropped', () => {
  const seq = new SeqTracker();
  const seen = [];
  for (const e of [{ seq: 0 }, { seq: 1 }, { seq: 1 }, { seq: 3 }, { seq: 2 }, { seq: 4 }]) if (seq.accept(e)) seen.push(e.seq);
  assert.deepEqual(seen, [0, 1, 3, 4]);
  assert.equal(seq.lastSeq, 4);
});

test('the SSE id stands in for a missing seq; events without either are dropped', () => {
  const seq = new SeqTracker();
  assert.equal(seq.accept({}, '7'), true);
  assert.equal(seq.lastSeq, 7);
  assert.equal(seq.accept({}, undefined), false);
  assert.equal(seq.accept({ seq: 7 }, '9'), false, 'the event\'s own seq wins');
});

test('a reconnection resumes after the last event seen', () => {
  const seq = new SeqTracker();
  const base = '/api/v1/drills/r-1/events?as=player';
  assert.equal(seq.url(base), base);
  seq.accept({ seq: 12 });
  assert.equal(seq.url(base), `${base}&last_event_id=12`);
  assert.equal(seq.url('/events'), '/events?last_event_id=12');
});

test('retries wait longer each time, capped, and start over once connected', () => {
  const seq = new SeqTracker({ firstDelay: 1000, maxDelay: 5000 });
  assert.deepEqual([seq.nextDelay(), seq.nextDelay(), seq.nextDelay(), seq.nextDelay(), seq.nextDelay()], [1000, 2000, 4000, 5000, 5000]);
  seq.connected();
  assert.equal(seq.nextDelay(), 1000);
});
