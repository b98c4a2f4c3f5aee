import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HexecError } from '../errors/index.js';
import {
  abortError,
  classifyHttpFailure,
  classifyStreamError,
  isAbortError,
  HTTP_500_MESSAGE,
  type HttpFailureInput,
} from './failure.js';

const base: Omit<HttpFailureInput, 'status' | 'body'> = {
  url: 'http://127.0.0.1:9/v1/responses',
  retryAfterMs: undefined,
  provider: { id: 'mock', baseUrl: 'http://127.0.0.1:9/v1', wireApi: 'responses', envKey: 'MOCK_KEY' },
  auth: { kind: 'bearer', token: 'sk-secret', source: 'env:MOCK_KEY' },
};
const http = (status: number, body = '', extra: Partial<HttpFailureInput> = {}) =>
  classifyHttpFailure({ ...base, status, body, ...extra });

test("HTTP 500 → retryable with codex's high-demand text", () => {
  const f = http(500, 'boom');
  assert.deepEqual(f, { kind: 'retryable', message: HTTP_500_MESSAGE, requestLevel: true });
  assert.equal(HTTP_500_MESSAGE, 'We’re currently experiencing high demand, which may cause temporary errors.');
});

test('502/503/504, 429 and 408 are retryable and carry Retry-After', () => {
  for (const s of [502, 503, 504, 429, 408]) {
    const f = http(s, 'x', { retryAfterMs: 1000 });
    assert.equal(f.kind, 'retryable', String(s));
    if (f.kind === 'retryable') {
      assert.equal(f.retryAfterMs, 1000);
      assert.match(f.message, new RegExp(`^unexpected status ${s} `));
    }
  }
});

test('other 4xx are fatal with the raw body verbatim', () => {
  const body = '{"error":{"message":"mock bad request","type":"invalid_request_error"}}';
  for (const s of [400, 404, 422]) {
    const f = http(s, body);
    assert.equal(f.kind, 'fatal');
    if (f.kind === 'fatal') {
      assert.equal(f.error.kind, 'run');
      assert.equal(f.error.message, body);
    }
  }
  const empty = http(404, '');
  assert.ok(empty.kind === 'fatal' && empty.error.message.startsWith('unexpected status 404 Not Found'));
});

test('401/403 → auth error (exit 7) naming the variable, never the key', () => {
  for (const s of [401, 403]) {
    const f = http(s, '{"error":"bad key"}');
    assert.ok(f.kind === 'fatal');
    if (f.kind !== 'fatal') continue;
    assert.equal(f.error.kind, 'auth');
    assert.equal(f.error.exitCode, 7);
    assert.match(f.error.message, /MOCK_KEY/);
    assert.equal(f.error.message.includes('sk-secret'), false);
  }
  const keyless = http(401, '', {
    auth: { kind: 'none', source: 'none' },
    provider: { id: 'l', baseUrl: 'x', wireApi: 'chat' },
  });
  assert.ok(keyless.kind === 'fatal' && /no env_key/.test(keyless.error.message));
});

test('quota and context-window errors are fatal on both paths', () => {
  assert.equal(http(429, '{"error":{"code":"insufficient_quota","message":"q"}}').kind, 'fatal');
  assert.equal(http(400, '{"error":{"code":"context_length_exceeded"}}').kind, 'fatal');
  assert.equal(classifyStreamError('context_length_exceeded', 'too long').kind, 'fatal');
  assert.equal(classifyStreamError('insufficient_quota', 'q').kind, 'fatal');
});

test('stream errors are retryable disconnects; rate limits carry the suggested delay', () => {
  assert.deepEqual(classifyStreamError('server_error', 'mock failure in stream'), {
    kind: 'retryable',
    message: 'stream disconnected before completion: mock failure in stream',
    requestLevel: false,
  });
  const rl = classifyStreamError('rate_limit_exceeded', 'Please try again in 2s');
  assert.ok(rl.kind === 'retryable' && rl.retryAfterMs === 2000);
});

test('abort errors map SIGINT/SIGTERM to interrupted/terminated', () => {
  const i = abortError('SIGINT');
  const t = abortError('SIGTERM');
  assert.equal(i.kind, 'interrupted');
  assert.equal(t.kind, 'terminated');
  assert.equal(abortError(new Error('x')).kind, 'interrupted');
  assert.ok(isAbortError(i) && isAbortError(t));
  assert.equal(isAbortError(new HexecError('run', 'x')), false);
});
