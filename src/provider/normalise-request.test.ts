import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseRequest, normaliseStored } from './normalise-request.js';
import type { ModelRequest } from './types.js';

function req(thread: string, turn: string, call: string, date: string, cwd: string): ModelRequest {
  return {
    headers: {
      'session-id': thread,
      'thread-id': thread,
      'user-agent': 'codex_exec/0.169.0 (Debian 12.0.0; x86_64)',
      'x-codex-turn-metadata': JSON.stringify({ installation_id: 'i', turn_started_at_unix_ms: Date.now() }),
      authorization: 'Bearer sk-never',
      originator: 'codex_exec',
    },
    body: {
      model: 'gpt-5.5',
      prompt_cache_key: thread,
      client_metadata: { turn_id: turn, thread_id: thread },
      input: [
        {
          type: 'message',
          id: `msg_${turn}`,
          role: 'user',
          content: [
            { type: 'input_text', text: `<cwd>${cwd}</cwd><current_date>${date}</current_date> thread ${thread}` },
          ],
        },
        { type: 'function_call', id: `fc_${call}`, call_id: call, name: 'exec_command', arguments: '{"cmd":"ls"}' },
        { type: 'function_call_output', call_id: call, output: `ran at ${date}T10:11:12Z in ${cwd}/sub` },
      ],
    },
  };
}

test('two runs of the same job normalise to the same request', () => {
  const a = normaliseRequest(
    req(
      '01a20c13-e0d0-7ab3-b948-0b34b30ee0b3',
      '01a20c13-e0e3-7de0-8e4a-3197d5336d9f',
      'call_1',
      '2026-11-24',
      '/tmp/a/ws',
    ),
    { pathAliases: { '/tmp/a/ws': '$WORKSPACE' } },
  );
  const b = normaliseRequest(
    req(
      '01b00000-0000-7000-8000-000000000001',
      '01b00000-0000-7000-8000-000000000002',
      'call_zz',
      '2027-01-02',
      '/tmp/b/ws',
    ),
    { pathAliases: { '/tmp/b/ws': '$WORKSPACE' } },
  );
  assert.deepEqual(a, b);
  assert.deepEqual(a.headers, { originator: 'codex_exec', 'session-id': '<uuid-1>', 'thread-id': '<uuid-1>' });
  const body = a.body as {
    input: { content?: { text: string }[]; call_id?: string; output?: string; id?: string }[];
  } & Record<string, unknown>;
  assert.equal('prompt_cache_key' in body, false);
  assert.equal('client_metadata' in body, false);
  assert.equal(
    body.input[0]?.content?.[0]?.text,
    '<cwd>$WORKSPACE</cwd><current_date><timestamp></current_date> thread <uuid-1>',
  );
  assert.equal(body.input[1]?.call_id, '<call-1>');
  assert.equal(body.input[2]?.call_id, '<call-1>');
  assert.equal(body.input[1]?.id, '<id>');
  assert.equal(body.input[2]?.output, 'ran at <timestamp> in $WORKSPACE/sub');
});

test('a real difference survives normalisation', () => {
  const base = req(
    '01a20c13-e0d0-7ab3-b948-0b34b30ee0b3',
    '01a20c13-e0e3-7de0-8e4a-3197d5336d9f',
    'c',
    '2026-11-24',
    '/w',
  );
  const changed: ModelRequest = { ...base, body: { ...base.body, model: 'gpt-5.4' } };
  assert.notDeepEqual(normaliseRequest(base), normaliseRequest(changed));
  // two different uuids stay different
  const two = normaliseRequest({
    body: {
      model: 'm',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: '01a20c13-e0d0-7ab3-b948-0b34b30ee0b3 01a20c13-e0e3-7de0-8e4a-3197d5336d9f' },
          ],
        },
      ],
    },
  });
  assert.match(JSON.stringify(two.body), /<uuid-1> <uuid-2>/);
});

test('normalisation is idempotent on stored requests', () => {
  const a = normaliseRequest(
    req('01a20c13-e0d0-7ab3-b948-0b34b30ee0b3', '01a20c13-e0e3-7de0-8e4a-3197d5336d9f', 'call_1', '2026-11-24', '/w'),
  );
  assert.deepEqual(normaliseStored(a), a);
});

test('volatile tool-output text (wall time, chunk id) is normalised; the rest of the output is not', () => {
  const out = (wall: string, chunk: string, code: number): ModelRequest => ({
    body: {
      model: 'm',
      input: [
        {
          type: 'function_call_output',
          call_id: 'c',
          output: `Chunk ID: ${chunk}\nWall time: ${wall} seconds\nProcess exited with code ${code}\nOriginal token count: 1\nOutput:\nhi\n`,
        },
        {
          type: 'custom_tool_call_output',
          call_id: 'd',
          output: `Exit code: 0\nWall time: ${wall} seconds\nOutput:\nSuccess.`,
        },
      ],
    },
  });
  const a = normaliseRequest(out('0.0123', 'ab12cd', 0));
  const b = normaliseRequest(out('1.5', '3bef37', 0));
  assert.deepEqual(a, b);
  assert.match(JSON.stringify(a.body), /Chunk ID: <chunk>\\nWall time: <seconds> seconds\\nProcess exited with code 0/);
  assert.notDeepEqual(a, normaliseRequest(out('0.0123', 'ab12cd', 1)));
  assert.deepEqual(normaliseStored(a), a);
});
