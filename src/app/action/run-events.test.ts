import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/helpers/paths.js';
import { summarizeEvents } from './run-events.js';

test('usage summed over turns, cost only when priced, fingerprint from thread.started', () => {
  const jsonl = [
    JSON.stringify({
      type: 'thread.started',
      thread_id: 't1',
      hexec: { version: '0.1.0', config_fingerprint: 'sha256:abc', hermetic: true },
    }),
    'not json at all',
    JSON.stringify({
      type: 'turn.completed',
      usage: {
        input_tokens: 100,
        cached_input_tokens: 20,
        output_tokens: 30,
        reasoning_output_tokens: 5,
        cost_usd: 0.25,
      },
    }),
    JSON.stringify({
      type: 'turn.completed',
      usage: { input_tokens: 1, cached_input_tokens: 0, output_tokens: 2, reasoning_output_tokens: 0 },
    }),
    '{"broken',
  ].join('\n');
  const s = summarizeEvents(jsonl);
  assert.deepEqual(s.usage, {
    input_tokens: 101,
    cached_input_tokens: 20,
    output_tokens: 32,
    reasoning_output_tokens: 5,
    cost_usd: 0.25,
  });
  assert.equal(s.configFingerprint, 'sha256:abc');
  assert.equal(s.hexecVersion, '0.1.0');
  assert.equal(s.threadId, 't1');
});

test('no cost_usd anywhere → no cost; failures collected', () => {
  const s = summarizeEvents(
    [
      JSON.stringify({ type: 'turn.failed', error: { message: 'boom' } }),
      JSON.stringify({ type: 'error', message: 'reconnecting' }),
    ].join('\n'),
  );
  assert.equal(s.usage.cost_usd, undefined);
  assert.deepEqual(s.errors, ['boom', 'reconnecting']);
  assert.equal(s.configFingerprint, undefined);
});

test('reads the real codex 0.169 --json stream (fixture)', () => {
  const s = summarizeEvents(readFileSync(join(FIXTURES, 'codex', '01-tool-call-json', 'stdout.jsonl'), 'utf8'));
  assert.ok(s.usage.input_tokens > 0, 'turn.completed usage found');
  assert.ok(s.threadId !== undefined);
});
