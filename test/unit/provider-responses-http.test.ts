import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HexecError } from '../../src/errors/index.js';
import {
  createModelClient,
  HTTP_500_MESSAGE,
  type ModelEvent,
  type ModelRequest,
  type ProviderInfo,
  type RetryNotice,
} from '../../src/provider/index.js';
import { reply, script, startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';

const KEY = 'sk-test-secret-123';
const REQ: ModelRequest = {
  body: {
    model: 'gpt-5.5',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    store: false,
  },
  headers: { originator: 'codex_exec', 'session-id': 'S1' },
};

function client(
  s: FakeModelServer,
  over: Partial<ProviderInfo> = {},
  extra: { backoffBaseMs?: number; vars?: Record<string, string> } = {},
) {
  return createModelClient({
    provider: { id: 'mock', baseUrl: s.baseUrl, wireApi: 'responses', envKey: 'MOCK_KEY', ...over },
    auth: { kind: 'bearer', token: KEY, source: 'env:MOCK_KEY' },
    backoffBaseMs: extra.backoffBaseMs ?? 1,
    random: () => 0.5,
    vars: extra.vars ?? {},
  });
}

interface Outcome {
  events: ModelEvent[];
  notices: RetryNotice[];
  error: unknown;
}

async function run(c: ReturnType<typeof client>, signal = new AbortController().signal, req = REQ): Promise<Outcome> {
  const out: Outcome = { events: [], notices: [], error: undefined };
  try {
    for await (const ev of c.stream(req, { signal, onRetry: (n) => out.notices.push(n) })) out.events.push(ev);
  } catch (e) {
    out.error = e;
  }
  return out;
}

async function withServer(
  opts: Parameters<typeof startFakeModelServer>[0],
  fn: (s: FakeModelServer) => Promise<void>,
): Promise<void> {
  const s = await startFakeModelServer(opts);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('text reply: events, headers, provider headers, query params, body', () =>
  withServer({ replies: [reply.text('Hello there.')] }, async (s) => {
    const c = client(
      s,
      {
        queryParams: { 'api-version': '2025' },
        httpHeaders: { 'X-Static': 'a' },
        envHttpHeaders: { 'x-org': 'ORG_VAR', 'x-missing': 'NOPE' },
      },
      { vars: { ORG_VAR: 'org-1' } },
    );
    const o = await run(c);
    assert.equal(o.error, undefined);
    assert.deepEqual(
      o.events.map((e) => e.type),
      ['created', 'output_item_added', 'output_text_delta', 'output_text_delta', 'output_item_done', 'completed'],
    );
    const done = o.events.at(-1);
    assert.ok(
      done?.type === 'completed' &&
        done.usage.input_tokens === 1200 &&
        done.usage.cached_input_tokens === 200 &&
        done.usage.output_tokens === 30,
    );
    const [r] = await s.waitForRequests(1);
    assert.equal(r?.url, '/v1/responses?api-version=2025');
    assert.equal(r?.headers['authorization'], `Bearer ${KEY}`);
    assert.equal(r?.headers['accept'], 'text/event-stream');
    assert.equal(r?.headers['content-type'], 'application/json');
    assert.equal(r?.headers['originator'], 'codex_exec');
    assert.equal(r?.headers['session-id'], 'S1');
    assert.equal(r?.headers['x-static'], 'a');
    assert.equal(r?.headers['x-org'], 'org-1');
    assert.equal(r?.headers['x-missing'], undefined);
    assert.deepEqual(r?.body, { ...REQ.body, stream: true });
  }));

test('keyless provider sends no Authorization header', () =>
  withServer({ replies: [reply.text('x')] }, async (s) => {
    const c = createModelClient({
      provider: { id: 'local', baseUrl: s.baseUrl, wireApi: 'responses' },
      auth: { kind: 'none', source: 'none' },
    });
    assert.equal((await run(c)).error, undefined);
    assert.equal((await s.waitForRequests(1))[0]?.headers['authorization'], undefined);
  }));

test('persistent HTTP 500 with default limits: 30 requests, 5 notices, codex text (fixture 05)', () =>
  withServer({ whenExhausted: reply.httpError(500, 'internal') }, async (s) => {
    const o = await run(client(s));
    assert.equal(s.requests.length, 30);
    assert.deepEqual(
      o.notices.map((n) => n.text),
      [1, 2, 3, 4, 5].map((n) => `Reconnecting... ${n}/5 (${HTTP_500_MESSAGE})`),
    );
    assert.ok(o.error instanceof HexecError && o.error.kind === 'run');
    assert.equal(o.error.message, HTTP_500_MESSAGE);
    assert.deepEqual(o.events, []);
  }));

test('HTTP 500 with request_max_retries = stream_max_retries = 0: one request (fixture 05b)', () =>
  withServer({ whenExhausted: reply.httpError(500, '') }, async (s) => {
    const o = await run(client(s, { requestMaxRetries: 0, streamMaxRetries: 0 }));
    assert.equal(s.requests.length, 1);
    assert.deepEqual(o.notices, []);
    assert.equal((o.error as HexecError).message, HTTP_500_MESSAGE);
  }));

test('HTTP 400 is fatal at once with the body verbatim (fixture 06)', () => {
  const body = '{"error":{"message":"mock bad request","type":"invalid_request_error"}}';
  return withServer({ replies: [reply.httpError(400, body)] }, async (s) => {
    const o = await run(client(s));
    assert.equal(s.requests.length, 1);
    assert.ok(o.error instanceof HexecError);
    assert.equal(o.error.kind, 'run');
    assert.equal(o.error.message, body);
  });
});

test('HTTP 401 → auth error (exit 7) naming the variable, never the key', () =>
  withServer(
    { replies: [reply.httpError(401, '{"error":{"message":"Incorrect API key provided: sk-test-secret-123"}}')] },
    async (s) => {
      const o = await run(client(s));
      assert.equal(s.requests.length, 1);
      assert.ok(o.error instanceof HexecError && o.error.kind === 'auth' && o.error.exitCode === 7);
      assert.match(o.error.message, /MOCK_KEY/);
    },
  ));

test('response.failed: 6 stream attempts with codex notices (fixture 07)', () =>
  withServer({ whenExhausted: reply.responseFailed('mock failure in stream') }, async (s) => {
    const o = await run(client(s));
    const msg = 'stream disconnected before completion: mock failure in stream';
    assert.equal(s.requests.length, 6);
    assert.deepEqual(
      o.notices.map((n) => n.text),
      [1, 2, 3, 4, 5].map((n) => `Reconnecting... ${n}/5 (${msg})`),
    );
    assert.equal((o.error as HexecError).message, msg);
    assert.equal(o.events.filter((e) => e.type === 'created').length, 6);
  }));

test('a failed stream followed by success: one notice, the reply restarts at created', () =>
  withServer({ replies: [reply.responseFailed('flaky'), reply.text('ok')] }, async (s) => {
    const o = await run(client(s));
    assert.equal(o.error, undefined);
    assert.equal(o.notices.length, 1);
    assert.deepEqual(o.events.map((e) => e.type).slice(0, 2), ['created', 'created']);
    assert.equal(o.events.at(-1)?.type, 'completed');
  }));

test('429 honours Retry-After (fractional seconds) at the request level', () =>
  withServer({ replies: [reply.rateLimited('0.2'), reply.text('ok')] }, async (s) => {
    const t0 = performance.now();
    const o = await run(client(s));
    const elapsed = performance.now() - t0;
    assert.equal(o.error, undefined);
    assert.equal(s.requests.length, 2);
    assert.deepEqual(o.notices, []);
    assert.ok(elapsed >= 190, `waited ${elapsed} ms`);
  }));

test('mid-stream disconnect and clean early end are retryable with codex messages', () =>
  withServer(
    {
      replies: [
        reply.disconnect(reply.text('partial'), 2),
        reply.endEarly(reply.text('partial'), 3),
        reply.text('whole'),
      ],
    },
    async (s) => {
      const o = await run(client(s));
      assert.equal(o.error, undefined);
      assert.deepEqual(
        o.notices.map((n) => n.message),
        [
          'stream disconnected before completion: Transport error: network error: error decoding response body',
          'stream disconnected before completion: stream closed before response.completed',
        ],
      );
      const done = o.events.filter((e) => e.type === 'output_item_done').at(-1);
      assert.ok(done?.type === 'output_item_done' && done.item.type === 'message');
    },
  ));

test('connection refused is a retryable send error naming the url', async () => {
  const s = await startFakeModelServer();
  const c = client(s, { requestMaxRetries: 1, streamMaxRetries: 1 });
  await s.close();
  const o = await run(c);
  assert.deepEqual(
    o.notices.map((n) => n.text),
    [
      `Reconnecting... 1/1 (stream disconnected before completion: error sending request for url (${s.baseUrl}/responses))`,
    ],
  );
  assert.ok(o.error instanceof HexecError && o.error.kind === 'run');
});

test('idle timeout: no SSE bytes for stream_idle_timeout_ms → retryable, connection dropped', () =>
  withServer({ whenExhausted: reply.hang(2) }, async (s) => {
    const o = await run(client(s, { streamIdleTimeoutMs: 60, streamMaxRetries: 1 }));
    assert.deepEqual(
      o.notices.map((n) => n.message),
      ['stream disconnected before completion: idle timeout waiting for SSE'],
    );
    assert.equal(
      (o.error as HexecError).message,
      'stream disconnected before completion: idle timeout waiting for SSE',
    );
    await s.waitForClientAborts(2);
  }));

test('a slow drip within the idle timeout succeeds (the timer resets per chunk)', () =>
  withServer({ replies: [reply.drip(reply.text('slow but steady'), 25)] }, async (s) => {
    const o = await run(client(s, { streamIdleTimeoutMs: 400 }));
    assert.equal(o.error, undefined);
    assert.equal(o.events.at(-1)?.type, 'completed');
  }));

for (const [reason, kind] of [
  ['SIGINT', 'interrupted'],
  ['SIGTERM', 'terminated'],
] as const) {
  test(`abort (${reason}) while the stream hangs stops at once with kind ${kind}`, () =>
    withServer({ replies: [reply.hang(1)] }, async (s) => {
      const ac = new AbortController();
      const running = run(client(s), ac.signal);
      await s.waitForRequests(1);
      ac.abort(reason);
      const o = await running;
      assert.ok(o.error instanceof HexecError && o.error.kind === kind, String(o.error));
      assert.deepEqual(o.notices, []);
      await s.waitForClientAborts(1);
    }));
}

test('abort during a retry backoff does not wait for the delay', () =>
  withServer({ whenExhausted: reply.httpError(500, '') }, async (s) => {
    const ac = new AbortController();
    const t0 = performance.now();
    const running = run(client(s, {}, { backoffBaseMs: 60_000 }), ac.signal);
    await s.waitForRequests(1);
    ac.abort('SIGINT');
    const o = await running;
    assert.ok(o.error instanceof HexecError && o.error.kind === 'interrupted');
    assert.ok(performance.now() - t0 < 10_000);
    assert.equal(s.requests.length, 1);
  }));

test('an already-aborted signal sends nothing', () =>
  withServer({ replies: [reply.text('x')] }, async (s) => {
    const ac = new AbortController();
    ac.abort('SIGINT');
    const o = await run(client(s), ac.signal);
    assert.ok(o.error instanceof HexecError && o.error.kind === 'interrupted');
    assert.equal(s.requests.length, 0);
  }));

test('the function-call / final-message pair of fixture 01 round-trips', () =>
  withServer(
    { replies: script().execCommand('echo hi', { yield_time_ms: 2000 }).text('The command printed hi. Done.').build() },
    async (s) => {
      const c = client(s);
      const first = await run(c);
      const call = first.events.find((e) => e.type === 'output_item_done');
      assert.ok(call?.type === 'output_item_done' && call.item.type === 'function_call');
      const second = await run(c, undefined, {
        body: {
          ...REQ.body,
          input: [
            ...REQ.body.input,
            call.item,
            { type: 'function_call_output', call_id: call.item.call_id, output: 'hi\n' },
          ],
        },
      });
      const last = second.events.filter((e) => e.type === 'output_item_done').at(-1);
      assert.ok(last?.type === 'output_item_done' && last.item.type === 'message');
      const reqs = await s.waitForRequests(2);
      const input = (reqs[1]?.body as { input: { type: string }[] }).input;
      assert.deepEqual(
        input.map((i) => i.type),
        ['message', 'function_call', 'function_call_output'],
      );
    },
  ));

test('a consumer that stops early closes the connection', () =>
  withServer({ replies: [reply.hang(2)] }, async (s) => {
    for await (const ev of client(s).stream(REQ, { signal: new AbortController().signal })) {
      assert.equal(ev.type, 'created');
      break;
    }
    await s.waitForClientAborts(1);
  }));

test('non-ASCII header values are sent as \\u escapes, not a crash', () =>
  withServer({ replies: [reply.text('x')] }, async (s) => {
    const meta = JSON.stringify({ workspaces: { '/tmp/café': {} } });
    const o = await run(client(s), undefined, { ...REQ, headers: { 'x-codex-turn-metadata': meta } });
    assert.equal(o.error, undefined);
    const sent = (await s.waitForRequests(1))[0]?.headers['x-codex-turn-metadata'] ?? '';
    assert.deepEqual(JSON.parse(sent), JSON.parse(meta));
  }));

test('an invalid base_url is a config error, not a retried network failure', async () => {
  const c = createModelClient({
    provider: { id: 'bad', baseUrl: 'not a url', wireApi: 'responses' },
    auth: { kind: 'none', source: 'none' },
  });
  const o = await run(c);
  assert.ok(o.error instanceof HexecError && o.error.kind === 'config' && o.error.exitCode === 2);
  assert.deepEqual(o.notices, []);
});

test('aborting with a HexecError reason rethrows that error (e.g. a budget stop)', () =>
  withServer({ replies: [reply.hang(1)] }, async (s) => {
    const ac = new AbortController();
    const running = run(client(s), ac.signal);
    await s.waitForRequests(1);
    const budget = new HexecError('budget', 'token budget exhausted');
    ac.abort(budget);
    assert.equal((await running).error, budget);
  }));
