import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { responsesFrames } from '../helpers/fake-model-replies.js';
import { reply, script, startFakeModelServer } from '../helpers/fake-model-server.js';

const sample = (name: string): string => readFileSync(join(FIXTURES, 'codex', 'sse-samples', name), 'utf8');

test('Responses rendering reproduces every fixture SSE sample byte for byte', () => {
  assert.equal(
    responsesFrames(reply.execCommand('echo hi', { yield_time_ms: 2000 }), 'resp_163').join(''),
    sample('turn1-function-call.sse'),
  );
  assert.equal(
    responsesFrames(reply.text('The command printed hi. Done.'), 'resp_164').join(''),
    sample('turn2-final-message.sse'),
  );
  assert.equal(
    responsesFrames(reply.reasoning('**Thinking** about it', 'Reasoned answer.'), 'resp_165').join(''),
    sample('reasoning-and-message.sse'),
  );
  assert.equal(
    responsesFrames(
      reply.applyPatch('*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n'),
      'resp_166',
    ).join(''),
    sample('apply-patch-custom-tool-call.sse'),
  );
  assert.equal(
    responsesFrames(reply.responseFailed('mock failure in stream'), 'resp_167').join(''),
    sample('response-failed.sse'),
  );
});

test('server serves the script in order, records requests, then reports exhaustion', async () => {
  const s = await startFakeModelServer({
    replies: script().text('one').httpError(503, 'busy').build(),
    firstResponseNumber: 164,
  });
  try {
    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${s.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify(body),
      });
    const r1 = await post('/v1/responses', { model: 'm' });
    assert.equal(r1.headers.get('content-type'), 'text/event-stream');
    assert.match(await r1.text(), /"id":"resp_164"/);
    const r2 = await post('/v1/responses', {});
    assert.equal(r2.status, 503);
    assert.equal(await r2.text(), 'busy');
    const r3 = await post('/v1/responses', {});
    assert.equal(r3.status, 400);
    assert.match(await r3.text(), /script exhausted/);
    const r4 = await post('/v1/nothing', {});
    assert.equal(r4.status, 404);
    await r4.text();
    const reqs = await s.waitForRequests(4);
    assert.deepEqual(
      reqs.map((r) => [r.n, r.wire, r.url]),
      [
        [1, 'responses', '/v1/responses'],
        [2, 'responses', '/v1/responses'],
        [3, 'responses', '/v1/responses'],
        [4, 'other', '/v1/nothing'],
      ],
    );
    assert.deepEqual(reqs[0]?.body, { model: 'm' });
    assert.equal(reqs[0]?.headers['authorization'], 'Bearer k');
  } finally {
    await s.close();
  }
});

test('chat wire: usage chunk only when asked, [DONE] terminator', async () => {
  const s = await startFakeModelServer({ replies: [reply.text('hi'), reply.text('hi')] });
  try {
    const post = (body: unknown) =>
      fetch(`${s.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.text());
    const withUsage = await post({ stream: true, stream_options: { include_usage: true } });
    const without = await post({ stream: true });
    assert.match(withUsage, /"choices":\[\],"usage":\{"prompt_tokens":1200/);
    assert.equal(without.includes('usage'), false);
    assert.ok(withUsage.endsWith('data: [DONE]\n\n') && without.endsWith('data: [DONE]\n\n'));
  } finally {
    await s.close();
  }
});

test('waitForRequests resolves on arrival, not on a timer', async () => {
  const s = await startFakeModelServer({ replies: [reply.text('x')] });
  try {
    let resolved = false;
    const waiting = s.waitForRequests(1).then((r) => {
      resolved = true;
      return r;
    });
    await Promise.resolve();
    assert.equal(resolved, false);
    await (await fetch(`${s.baseUrl}/responses`, { method: 'POST', body: '{}' })).text();
    assert.equal((await waiting).length, 1);
  } finally {
    await s.close();
  }
});
