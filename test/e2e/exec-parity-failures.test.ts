import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import { parseValidEvents } from '../helpers/event-schema.js';
import {
  assertEventShapes,
  assertEventsEqualFixture,
  assertSameBodyKeys,
  fixtureEvents,
  fixtureExit,
  fixtureRequest,
  normaliseEvents,
  startExecCase,
} from '../helpers/exec-parity.js';
import { CLI_PATH } from '../helpers/paths.js';

/**
 * Model failures (fixtures 05, 05b, 06, 07, 07b): codex's events, the configured number
 * of requests, -o untouched, exit codes per hexec's contract (run failure 1, SIGINT 130,
 * SIGTERM 143). Retries use HEXEC_RETRY_BACKOFF_BASE_MS=1 so they cost no waiting.
 */

const HIGH_DEMAND = 'We’re currently experiencing high demand, which may cause temporary errors.';
const FAST = { HEXEC_RETRY_BACKOFF_BASE_MS: '1' };
const fail500 = reply.httpError(500, '{"error":{"message":"mock internal error","type":"server_error"}}');
const fail400 = reply.httpError(400, '{"error":{"message":"mock bad request","type":"invalid_request_error"}}');

describe('codex parity: model failures', { concurrency: true }, () => {
  test('05: persistent 500 with codex default retries (4 request, 5 stream): 30 requests, then exit 1', async (t) => {
    const stamps: number[] = [];
    const c = await startExecCase(t, {
      whenExhausted: fail500,
      vars: FAST,
      onRequest: () => stamps.push(performance.now()),
    });
    c.sb.write(join(c.sb.workspace, 'last.txt'), '');
    const r = await c.runJson(['-o', 'last.txt', 'hi']);
    assert.equal(fixtureExit('05-http-500-default-retries'), 1);
    assert.equal(r.code, 1);
    assert.equal(c.srv.requests.length, 30, '6 stream attempts × 5 HTTP attempts');
    // codex took 24.5 s; HEXEC_RETRY_BACKOFF_BASE_MS=1 shrinks the backoff, not the attempts.
    assert.ok((stamps[29] ?? 0) - (stamps[0] ?? 0) < 5000, 'the backoff base override is honoured');
    assertEventsEqualFixture(r.events, '05-http-500-default-retries', c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '', '-o left untouched (fixture: 0 bytes)');
    for (const q of c.srv.requests)
      assertSameBodyKeys(q, fixtureRequest('05-http-500-default-retries', 1).body, `05 request-${q.n}`);
    assert.deepEqual(c.srv.requests[29]!.body, c.srv.requests[0]!.body, 'retries resend the same body');
    assert.equal(
      r.stderr.split('\n').filter((l) => l.trim() !== '').length <= 1,
      true,
      `one clear error at most on stderr: ${r.stderr}`,
    );
  });

  test('05: small request_max_retries / stream_max_retries: exactly (1+r)×(1+s) requests', async (t) => {
    const c = await startExecCase(t, {
      whenExhausted: fail500,
      providerExtra: 'request_max_retries = 1\nstream_max_retries = 2',
      vars: FAST,
    });
    const r = await c.runJson(['-o', 'last.txt', 'hi']);
    assert.equal(r.code, 1);
    assert.equal(c.srv.requests.length, 6);
    const codex = fixtureEvents('05-http-500-default-retries');
    const expected = [
      ...codex.slice(0, 2),
      ...[1, 2].map((n) => ({ type: 'error', message: `Reconnecting... ${n}/2 (${HIGH_DEMAND})` })),
      ...codex.slice(-2),
    ];
    assertEventShapes(r.events, expected, '05 (small retries)');
    assert.deepEqual(normaliseEvents(r.events, c.sb.workspace), normaliseEvents(expected, ''));
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '', '-o created at start-up, left empty');
  });

  test('05b: request_max_retries = 0, stream_max_retries = 0: one request, error + turn.failed', async (t) => {
    const c = await startExecCase(t, {
      whenExhausted: fail500,
      providerExtra: 'request_max_retries = 0\nstream_max_retries = 0',
    });
    c.sb.write(join(c.sb.workspace, 'last.txt'), 'previous content');
    const r = await c.runJson(['-o', 'last.txt', 'hi']);
    assert.equal(r.code, fixtureExit('05b-http-500-no-retries'));
    assert.equal(c.srv.requests.length, 1);
    assertEventsEqualFixture(r.events, '05b-http-500-no-retries', c.sb.workspace);
    assert.equal(
      readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'),
      'previous content',
      'prior -o content survives a failed turn',
    );
  });

  test('06: HTTP 400 is not retried; the body is the error message', async (t) => {
    const c = await startExecCase(t, { replies: [fail400], whenExhausted: reply.text('must not be asked') });
    const r = await c.runJson(['hi']);
    assert.equal(r.code, fixtureExit('06-http-400'));
    assert.equal(c.srv.requests.length, 1);
    assertEventsEqualFixture(r.events, '06-http-400', c.sb.workspace);
  });

  test('07: response.failed in the stream is a retryable disconnect: 6 requests, then exit 1', async (t) => {
    const c = await startExecCase(t, { whenExhausted: reply.responseFailed('mock failure in stream'), vars: FAST });
    const r = await c.runJson(['hi']);
    assert.equal(r.code, fixtureExit('07-response-failed-event'));
    assert.equal(c.srv.requests.length, 6);
    assertEventsEqualFixture(r.events, '07-response-failed-event', c.sb.workspace);
  });

  test('429 with Retry-After: 1 waits about a second, then succeeds', async (t) => {
    const stamps: number[] = [];
    const c = await startExecCase(t, {
      replies: [reply.rateLimited('1'), reply.text('Hello from mock.')],
      onRequest: () => stamps.push(performance.now()),
    });
    const r = await c.runJson(['-o', 'last.txt', 'hi']);
    assert.equal(r.code, 0);
    assert.equal(c.srv.requests.length, 2);
    const waited = (stamps[1] ?? 0) - (stamps[0] ?? 0);
    assert.ok(waited >= 900, `second request ${waited.toFixed(0)} ms after the first`);
    assert.ok(waited < 5000, `waited ${waited.toFixed(0)} ms`);
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), 'Hello from mock.');
    // Request-level retries are silent in codex (fixture 05: 30 requests, 5 notices).
    assertEventsEqualFixture(r.events, '14-default-model-request', c.sb.workspace);
  });
});

/** Spawns the CLI, waits for the fake server to receive the request, then signals it. */
async function signalDuringHang(t: { after(fn: () => Promise<void> | void): void }, sig: 'SIGINT' | 'SIGTERM') {
  const c = await startExecCase(t, { replies: [reply.hang(1)] });
  writeFileSync(join(c.sb.workspace, 'last.txt'), '');
  const child = spawn(process.execPath, [CLI_PATH, 'exec', '--json', '-o', 'last.txt', 'hi'], {
    cwd: c.sb.workspace,
    env: c.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await c.srv.waitForRequests(1);
  child.kill(sig);
  const code = await closed;
  return { c, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('codex parity: signals during a hanging stream', { concurrency: true }, () => {
  test('07b: SIGINT → exit 130, events flushed, no terminal turn event, -o untouched', async (t) => {
    const { c, code, stdout } = await signalDuringHang(t, 'SIGINT');
    assert.equal(fixtureExit('07b-sigint-during-turn'), 1, 'codex exits 1; hexec: 130 (our contract)');
    assert.equal(code, 130);
    const events = parseValidEvents(stdout);
    assertEventsEqualFixture(events, '07b-sigint-during-turn', c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '');
    await c.srv.waitForClientAborts(1);
  });

  test('SIGTERM → exit 143, events flushed', async (t) => {
    const { c, code, stdout } = await signalDuringHang(t, 'SIGTERM');
    assert.equal(code, 143);
    assertEventsEqualFixture(parseValidEvents(stdout), '07b-sigint-during-turn', c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '');
  });
});
