import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  abortableDelay,
  backoffMs,
  parseRetryAfter,
  parseTryAgainIn,
  retryDelayMs,
  DEFAULT_RETRY_TIMING,
  type RetryTiming,
} from './retry.js';

const mid: RetryTiming = { ...DEFAULT_RETRY_TIMING, random: () => 0.5 };

test('backoff doubles from 200 ms with ±10 % jitter', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => backoffMs(n, mid)),
    [200, 400, 800, 1600, 3200],
  );
  assert.equal(backoffMs(1, { ...mid, random: () => 0 }), 180);
  assert.equal(backoffMs(1, { ...mid, random: () => 0.999999 }), 219);
  assert.equal(backoffMs(0, mid), 0);
});

test('backoff is capped', () => {
  assert.equal(backoffMs(40, mid), DEFAULT_RETRY_TIMING.maxBackoffMs);
  assert.equal(backoffMs(3, { ...mid, maxBackoffMs: 500 }), 500);
});

test("default schedule for a persistent 500 totals about codex's 24.5 s", () => {
  // 6 stream attempts × 4 request retries + 5 stream retries
  let total = 0;
  for (let s = 0; s < 6; s += 1) for (let r = 1; r <= 4; r += 1) total += backoffMs(r, mid);
  for (let s = 1; s <= 5; s += 1) total += backoffMs(s, mid);
  assert.equal(total, 24_200);
});

test('Retry-After: seconds, fractional seconds, HTTP-date, past date, garbage', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('3', null, now), 3000);
  assert.equal(parseRetryAfter(' 1.5 ', null, now), 1500);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', null, now), 10_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', null, now), 0);
  assert.equal(parseRetryAfter('soon', null, now), undefined);
  assert.equal(parseRetryAfter('-5', null, now), undefined);
  assert.equal(parseRetryAfter('', null, now), undefined);
  assert.equal(parseRetryAfter(null, null, now), undefined);
});

test('retry-after-ms wins over Retry-After', () => {
  assert.equal(parseRetryAfter('10', '250', 0), 250);
  assert.equal(parseRetryAfter('10', 'x', 0), 10_000);
});

test('server-requested delays are clamped, else backoff is used', () => {
  assert.equal(retryDelayMs(1, 120_000, mid), DEFAULT_RETRY_TIMING.maxRetryAfterMs);
  assert.equal(retryDelayMs(1, 0, mid), 0);
  assert.equal(retryDelayMs(2, undefined, mid), 400);
});

test('"try again in" inside rate-limit messages', () => {
  assert.equal(parseTryAgainIn('Rate limit reached. Please try again in 1.5s. Visit …'), 1500);
  assert.equal(parseTryAgainIn('please try again in 300ms'), 300);
  assert.equal(parseTryAgainIn('try again in 2 seconds'), 2000);
  assert.equal(parseTryAgainIn('try later'), undefined);
});

test('abortableDelay rejects with the signal reason at once', async () => {
  const ac = new AbortController();
  const p = abortableDelay(60_000, ac.signal);
  ac.abort('SIGINT');
  await assert.rejects(p, (e) => e === 'SIGINT');
  await assert.rejects(abortableDelay(1, ac.signal), (e) => e === 'SIGINT');
  await abortableDelay(0, new AbortController().signal);
});
