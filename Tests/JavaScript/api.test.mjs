import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js } from './support.mjs';

// The page modules read the browser's language; Node 20 has no navigator.
globalThis.navigator ??= { language: 'en', languages: ['en'] };
const { api, MOVING_RETRY } = await js('api.mjs');

/** fetch answering with `answers` in turn, counting the calls. */
function scripted(answers) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body });
    const [status, body] = answers[Math.min(calls.length - 1, answers.length - 1)];
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return calls;
}

const moving = [503, { error: { code: 'drill_moving', message: 'drill r-1 is moving between servers. Nothing was recorded' } }];

test('a drill moving between servers (nothing recorded) is asked again, with the same request, until it answers', async () => {
  MOVING_RETRY.waits = [1, 1, 1];
  const calls = scripted([moving, moving, [201, { seq: 7 }]]);
  const answer = await api('player').post('/drills/r-1/actions', { role: 'support', command: 'say hi' });
  assert.deepEqual(answer, { seq: 7 });
  assert.equal(calls.length, 3);
  assert.ok(calls.every((c) => c.method === 'POST' && c.body === calls[0].body && c.url === '/api/v1/drills/r-1/actions'));
});

test('after the last wait the error is shown; other errors, and an outcome not known, are never sent again', async () => {
  MOVING_RETRY.waits = [1, 1];
  let calls = scripted([moving]);
  await assert.rejects(api('player').post('/drills/r-1/actions', {}), (e) => e.code === 'drill_moving' && e.status === 503);
  assert.equal(calls.length, 3);
  for (const failure of [
    [503, { error: { code: 'outcome_unknown', message: 'look at the events' } }],
    [409, { error: { code: 'drill_paused', message: 'paused' } }],
    [503, { error: { code: 'store_unavailable', message: 'database' } }],
  ]) {
    calls = scripted([failure]);
    await assert.rejects(api('player').post('/drills/r-1/actions', {}), (e) => e.code === failure[1].error.code);
    assert.equal(calls.length, 1, failure[1].error.code);
  }
});
