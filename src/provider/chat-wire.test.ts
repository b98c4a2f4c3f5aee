import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toChatRequest, CUSTOM_TOOL_INPUT_DESCRIPTION } from './chat-convert.js';
import { createChatDecoder } from './chat-wire.js';
import type { ModelEvent, ResponsesRequestBody } from './types.js';

const body: ResponsesRequestBody = {
  model: 'qwen',
  instructions: 'be brief',
  input: [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'dev rules' }] },
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'a' },
        { type: 'input_text', text: 'b' },
      ],
    },
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: 'xyz' },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'running' }] },
    { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch\n' },
    { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
    { type: 'custom_tool_call_output', call_id: 'c2', output: 'Success.' },
    { type: 'function_call', call_id: 'c3', name: 'exec_command', arguments: '{}' },
    { type: 'function_call_output', call_id: 'c3', output: 'x' },
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'look' },
        { type: 'input_image', image_url: 'data:image/png;base64,AA' },
      ],
    },
  ],
  tools: [
    {
      type: 'function',
      name: 'exec_command',
      description: 'run',
      strict: false,
      parameters: { type: 'object', properties: {} },
    },
    { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar' } },
    { type: 'web_search', external_web_access: false },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  text: {
    verbosity: 'low',
    format: { type: 'json_schema', name: 'codex_output_schema', schema: { type: 'object' }, strict: true },
  },
  reasoning: { effort: 'medium' },
};

test('messages: system from instructions/developer, tool calls grouped, tool results, images', () => {
  const { body: chat } = toChatRequest(body, { includeUsage: true });
  assert.deepEqual(chat.messages, [
    { role: 'system', content: 'be brief' },
    { role: 'system', content: 'dev rules' },
    { role: 'user', content: 'a\nb' },
    {
      role: 'assistant',
      content: 'running',
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } },
        {
          id: 'c2',
          type: 'function',
          function: { name: 'apply_patch', arguments: JSON.stringify({ input: '*** Begin Patch\n*** End Patch\n' }) },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'a.txt' },
    { role: 'tool', tool_call_id: 'c2', content: 'Success.' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c3', type: 'function', function: { name: 'exec_command', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c3', content: 'x' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
      ],
    },
  ]);
});

test('tools, custom tool as one-string function, response_format, stream options', () => {
  const { body: chat, customTools } = toChatRequest(body, { includeUsage: true });
  assert.deepEqual([...customTools], ['apply_patch']);
  assert.equal(chat.tools?.length, 2);
  assert.deepEqual(chat.tools?.[1], {
    type: 'function',
    function: {
      name: 'apply_patch',
      description: 'patch',
      parameters: {
        type: 'object',
        properties: { input: { type: 'string', description: CUSTOM_TOOL_INPUT_DESCRIPTION } },
        required: ['input'],
        additionalProperties: false,
      },
    },
  });
  assert.equal('strict' in (chat.tools?.[0]?.function ?? {}), false);
  assert.deepEqual(chat.response_format, {
    type: 'json_schema',
    json_schema: { name: 'codex_output_schema', schema: { type: 'object' }, strict: true },
  });
  assert.deepEqual(chat.stream_options, { include_usage: true });
  assert.equal(chat.stream, true);
  assert.equal(chat.tool_choice, 'auto');
  assert.equal(chat.parallel_tool_calls, true);
  const off = toChatRequest({ model: 'm', input: [] }, { includeUsage: false }).body;
  assert.deepEqual(Object.keys(off).sort(), ['messages', 'model', 'stream']);
});

function run(chunks: unknown[], opts: { done?: boolean } = {}): { events: ModelEvent[]; end: unknown } {
  const d = createChatDecoder(new Set(['apply_patch']));
  const events: ModelEvent[] = [];
  let end: unknown;
  for (const c of chunks) {
    const r = d.frame({ event: 'message', data: JSON.stringify(c), id: undefined });
    events.push(...r.events);
    if (r.end !== undefined) end = r.end;
  }
  if (end !== undefined) return { events, end };
  const last = opts.done === false ? d.eof() : d.frame({ event: 'message', data: '[DONE]', id: undefined });
  events.push(...last.events);
  return { events, end: last.end };
}

const ch = (delta: unknown, finish: string | null = null, extra: object = {}) => ({
  id: 'cc1',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

test('text deltas and final usage chunk → message item and usage', () => {
  const { events, end } = run([
    ch({ role: 'assistant', content: '' }),
    ch({ content: 'Hel' }),
    ch({ content: 'lo' }),
    ch({}, 'stop'),
    {
      id: 'cc1',
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 4 } },
    },
  ]);
  assert.equal(end, 'completed');
  assert.deepEqual(
    events.map((e) => e.type),
    ['created', 'output_item_added', 'output_text_delta', 'output_text_delta', 'output_item_done', 'completed'],
  );
  const done = events[4];
  assert.ok(done?.type === 'output_item_done' && done.item.type === 'message');
  assert.deepEqual(done.item.type === 'message' ? done.item.content : [], [
    { type: 'output_text', text: 'Hello', annotations: [] },
  ]);
  const c = events[5];
  assert.ok(c?.type === 'completed');
  assert.deepEqual(c.usage, {
    input_tokens: 10,
    cached_input_tokens: 4,
    cache_write_input_tokens: 0,
    output_tokens: 2,
    reasoning_output_tokens: 0,
    total_tokens: 12,
  });
});

test('tool_calls deltas accumulate by index; custom tools come back as custom_tool_call', () => {
  const { events } = run([
    ch({
      role: 'assistant',
      tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'exec_command', arguments: '' } }],
    }),
    ch({
      tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'apply_patch', arguments: '{"inp' } }],
    }),
    ch({ tool_calls: [{ index: 0, function: { arguments: '{"cmd":' } }] }),
    ch({
      tool_calls: [
        { index: 0, function: { arguments: '"ls"}' } },
        { index: 1, function: { arguments: 'ut":"P"}' } },
      ],
    }),
    ch({}, 'tool_calls'),
  ]);
  const dones = events.flatMap((e) => (e.type === 'output_item_done' ? [e.item] : []));
  assert.deepEqual(dones, [
    {
      type: 'function_call',
      id: 'fc_call_a',
      call_id: 'call_a',
      name: 'exec_command',
      arguments: '{"cmd":"ls"}',
      status: 'completed',
    },
    {
      type: 'custom_tool_call',
      id: 'ctc_call_b',
      call_id: 'call_b',
      name: 'apply_patch',
      input: 'P',
      status: 'completed',
    },
  ]);
  const usage = events.at(-1);
  assert.ok(usage?.type === 'completed' && usage.usage.input_tokens === 0);
});

test('usage in every chunk: the last one wins; reasoning_content becomes a reasoning item', () => {
  const u = (n: number) => ({ usage: { prompt_tokens: 5, completion_tokens: n, total_tokens: 5 + n } });
  const { events } = run([
    ch({ reasoning_content: 'hmm' }, null, u(1)),
    ch({ content: 'x' }, null, u(2)),
    ch({}, 'stop', u(3)),
  ]);
  const c = events.at(-1);
  assert.ok(c?.type === 'completed' && c.usage.output_tokens === 3);
  const first = events.find((e) => e.type === 'output_item_done');
  assert.ok(first?.type === 'output_item_done' && first.item.type === 'reasoning');
});

test('stream end: finish_reason without [DONE] completes; neither → retryable; error chunk → retryable', () => {
  assert.equal(run([ch({ content: 'x' }, 'stop')], { done: false }).end, 'completed');
  const cut = run([ch({ content: 'x' })], { done: false }).end;
  assert.ok(typeof cut === 'object' && cut !== null && 'kind' in cut && cut.kind === 'retryable');
  const err = run([{ error: { message: 'model crashed' } }]).end;
  assert.deepEqual(err, {
    kind: 'retryable',
    message: 'stream disconnected before completion: model crashed',
    requestLevel: false,
  });
});
