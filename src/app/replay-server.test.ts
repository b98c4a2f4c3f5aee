import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cassette } from '../provider/index.js';
import { attemptsOf, startReplayServer } from './replay-server.js';

const usage = {
  input_tokens: 10,
  cached_input_tokens: 0,
  cache_write_input_tokens: 0,
  output_tokens: 2,
  reasoning_output_tokens: 0,
  total_tokens: 12,
};
const msg = {
  type: 'message' as const,
  id: 'msg_1',
  role: 'assistant' as const,
  status: 'completed' as const,
  content: [{ type: 'output_text' as const, text: 'hi', annotations: [] }],
};

const cassette: Cassette = {
  header: {
    type: 'header',
    format: 'hexec-cassette',
    version: 1,
    hexec_version: 't',
    config_fingerprint: 'f',
    wire: 'responses',
    created_at: '2026-01-01T00:00:00Z',
  },
  interactions: [
    {
      type: 'interaction',
      n: 1,
      request: { body: { model: 'm', input: [] }, headers: {} },
      // attempt 1 failed before any event (HTTP 500), attempt 2 streamed `created` then dropped, attempt 3 completed
      events: [
        { type: 'created', response_id: 'r1' },
        { type: 'created', response_id: 'r1' },
        { type: 'output_item_done', output_index: 0, item: msg },
        { type: 'completed', response_id: 'r1', usage },
      ],
      retries: [
        {
          after_event: 0,
          notice: { attempt: 1, max: 5, message: 'high demand', text: 'Reconnecting... 1/5 (high demand)', delayMs: 0 },
        },
        {
          after_event: 1,
          notice: {
            attempt: 2,
            max: 5,
            message: 'stream disconnected',
            text: 'Reconnecting... 2/5 (stream disconnected)',
            delayMs: 0,
          },
        },
      ],
      timing: { first_event_ms: 1, total_ms: 2 },
    },
  ],
};

test('attemptsOf splits an interaction at its recorded retries', () => {
  const entry = cassette.interactions[0];
  assert.ok(entry !== undefined);
  assert.deepEqual(
    attemptsOf(entry).map((a) => a.length),
    [0, 1, 3],
  );
});

test('recorded retries are served as failed attempts, then the reply; then the cassette is exhausted', async () => {
  const server = await startReplayServer({ cassette, host: '127.0.0.1', port: 0, strict: false });
  try {
    const url = `http://127.0.0.1:${server.port}/v1/responses`;
    const post = (): Promise<Response> => fetch(url, { method: 'POST', body: '{"model":"m","input":[]}' });
    const first = await post();
    assert.equal(first.status, 500);
    assert.equal(await first.text(), 'high demand');
    const second = await post();
    assert.equal(second.status, 200);
    await assert.rejects(second.text(), 'the second attempt is cut off mid-stream');
    const third = await post();
    assert.equal(third.status, 200);
    const sse = await third.text();
    assert.match(sse, /event: response.output_item.done\n/);
    assert.match(sse, /"usage":\{"input_tokens":10,/);
    assert.ok(sse.trimEnd().endsWith('}'), 'ends with response.completed');
    assert.equal(server.served(), 1);
    const fourth = await post();
    assert.equal(fourth.status, 400);
    assert.match(await fourth.text(), /cassette exhausted/);
  } finally {
    await server.close();
  }
});
