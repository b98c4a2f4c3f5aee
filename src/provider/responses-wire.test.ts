import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../test/helpers/paths.js';
import { decodeResponsesFrame, mapResponsesUsage, responsesCodec } from './responses-wire.js';
import { parseSseText } from './sse-parser.js';
import type { ModelEvent } from './types.js';

function decodeFixture(name: string): { events: ModelEvent[]; end: unknown } {
  const text = readFileSync(join(FIXTURES, 'codex', 'sse-samples', name), 'utf8');
  const events: ModelEvent[] = [];
  let end: unknown;
  for (const f of parseSseText(text)) {
    const r = decodeResponsesFrame(f);
    events.push(...r.events);
    if (r.end !== undefined) end = r.end;
  }
  return { events, end };
}

test('turn1-function-call.sse → created, added, delta, done(function_call), completed', () => {
  const { events, end } = decodeFixture('turn1-function-call.sse');
  assert.deepEqual(
    events.map((e) => e.type),
    ['created', 'output_item_added', 'tool_input_delta', 'output_item_done', 'completed'],
  );
  const done = events[3];
  assert.ok(done?.type === 'output_item_done' && done.item.type === 'function_call');
  assert.equal(done.item.type === 'function_call' ? done.item.arguments : '', '{"cmd":"echo hi","yield_time_ms":2000}');
  assert.equal(done.item.type === 'function_call' ? done.item.call_id : '', 'call_resp_163');
  const c = events[4];
  assert.ok(c?.type === 'completed');
  assert.deepEqual(c.usage, {
    input_tokens: 1000,
    cached_input_tokens: 0,
    cache_write_input_tokens: 0,
    output_tokens: 20,
    reasoning_output_tokens: 5,
    total_tokens: 1020,
  });
  assert.equal(c.response_id, 'resp_163');
  assert.equal(end, 'completed');
});

test('reasoning-and-message.sse keeps the full items for history', () => {
  const { events } = decodeFixture('reasoning-and-message.sse');
  const dones = events.filter((e) => e.type === 'output_item_done');
  assert.deepEqual(
    dones.map((e) => (e.type === 'output_item_done' ? e.item : null)),
    [
      {
        type: 'reasoning',
        id: 'rs_resp_165',
        summary: [{ type: 'summary_text', text: '**Thinking** about it' }],
        encrypted_content: null,
      },
      {
        type: 'message',
        id: 'msg_resp_165',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Reasoned answer.', annotations: [] }],
      },
    ],
  );
  const deltas = events
    .filter((e) => e.type === 'output_text_delta')
    .map((e) => (e.type === 'output_text_delta' ? e.delta : ''));
  assert.equal(deltas.join(''), 'Reasoned answer.');
  assert.ok(events.some((e) => e.type === 'reasoning_summary_part_added'));
  assert.ok(events.some((e) => e.type === 'reasoning_summary_delta' && e.delta === '**Thinking** about it'));
});

test('apply-patch-custom-tool-call.sse → custom_tool_call with the patch as input', () => {
  const { events } = decodeFixture('apply-patch-custom-tool-call.sse');
  const done = events.find((e) => e.type === 'output_item_done');
  assert.ok(done?.type === 'output_item_done' && done.item.type === 'custom_tool_call');
  if (done.item.type === 'custom_tool_call') {
    assert.equal(done.item.name, 'apply_patch');
    assert.equal(done.item.input, '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n');
  }
});

test('response-failed.sse ends the attempt with a retryable disconnect', () => {
  const { events, end } = decodeFixture('response-failed.sse');
  assert.deepEqual(
    events.map((e) => e.type),
    ['created'],
  );
  assert.deepEqual(end, {
    kind: 'retryable',
    message: 'stream disconnected before completion: mock failure in stream',
    requestLevel: false,
  });
});

test('error event, incomplete, unknown events, bad JSON and [DONE]', () => {
  const f = (data: string, event = 'message') => decodeResponsesFrame({ event, data, id: undefined });
  assert.deepEqual(f('{"type":"error","code":"server_error","message":"boom"}').end, {
    kind: 'retryable',
    message: 'stream disconnected before completion: boom',
    requestLevel: false,
  });
  const inc = f('{"type":"response.incomplete","response":{"incomplete_details":{"reason":"max_output_tokens"}}}').end;
  assert.ok(
    typeof inc === 'object' &&
      inc.kind === 'retryable' &&
      inc.message.endsWith('Incomplete response returned, reason: max_output_tokens'),
  );
  assert.deepEqual(f('{"type":"response.in_progress"}'), { events: [] });
  assert.deepEqual(f('not json'), { events: [] });
  assert.deepEqual(f('[DONE]'), { events: [] });
  assert.deepEqual(f('{"type":"response.output_item.done","item":{"type":"web_search_call"}}'), { events: [] });
  // type from the event line when the data has none
  assert.equal(f('{"response":{"id":"r"}}', 'response.created').events[0]?.type, 'created');
  // eof without completed
  const eof = responsesCodec
    .prepare({ body: { model: 'm', input: [] } })
    .decoder()
    .eof();
  assert.ok(eof.end !== undefined && eof.end !== 'completed' && eof.end.kind === 'retryable');
  assert.equal(
    eof.end.kind === 'retryable' ? eof.end.message : '',
    'stream disconnected before completion: stream closed before response.completed',
  );
});

test('usage mapping: cache writes, missing fields, total fallback', () => {
  assert.deepEqual(
    mapResponsesUsage({
      input_tokens: 10,
      output_tokens: 3,
      input_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 },
    }),
    {
      input_tokens: 10,
      cached_input_tokens: 4,
      cache_write_input_tokens: 2,
      output_tokens: 3,
      reasoning_output_tokens: 0,
      total_tokens: 13,
    },
  );
  assert.equal(mapResponsesUsage(undefined).total_tokens, 0);
});

test('the Responses body is sent as given, with stream forced on', () => {
  const p = responsesCodec.prepare({ body: { model: 'm', input: [], stream: false, store: false } });
  assert.deepEqual(p.body, { model: 'm', input: [], stream: true, store: false });
});
