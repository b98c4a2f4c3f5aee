import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineFunctionTool, parseArgumentsObject } from './define-tool.js';
import type { ToolCall, ToolContext } from './tool-types.js';

const seen: unknown[] = [];
const PROBE = defineFunctionTool({
  name: 'probe',
  description: 'd',
  parameters: {
    type: 'object',
    properties: {
      s: { type: 'string' },
      n: { type: 'number' },
      mode: { type: 'string', enum: ['a', 'b'] },
      list: { type: 'array', items: { type: 'string' } },
    },
    required: ['s'],
    additionalProperties: false,
  },
  run: async (args) => {
    seen.push(args);
    // the derived type: s is a string, mode 'a' | 'b' | undefined, list readonly string[] | undefined
    const mode: 'a' | 'b' | undefined = args.mode;
    return { output: `${args.s}:${mode ?? '-'}:${args.list?.length ?? 0}`, event: { kind: 'none' } };
  },
});

const ctx = {} as ToolContext;
const call = (args: unknown): ToolCall => ({
  type: 'function_call',
  name: 'probe',
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
  call_id: 'c1',
});

test('the declaration is the schema as written, in codex key order', () => {
  assert.deepEqual(Object.keys(PROBE.declaration), ['type', 'name', 'description', 'strict', 'parameters']);
  assert.equal(
    JSON.stringify(PROBE.declaration.type === 'function' ? PROBE.declaration.parameters.properties : null),
    '{"s":{"type":"string"},"n":{"type":"number"},"mode":{"type":"string","enum":["a","b"]},"list":{"type":"array","items":{"type":"string"}}}',
  );
});

test('arguments are read from the schema: a wrong type or value counts as absent; required ones must be there', async () => {
  seen.length = 0;
  assert.equal((await PROBE.handle(call({ s: 'x', mode: 'b', list: ['p', 'q'], extra: 1 }), ctx)).output, 'x:b:2');
  assert.equal((await PROBE.handle(call({ s: 'x', n: 'NaN', mode: 'c', list: ['p', 3] }), ctx)).output, 'x:-:0');
  assert.deepEqual(seen, [{ s: 'x', mode: 'b', list: ['p', 'q'] }, { s: 'x' }]);
  assert.equal(
    (await PROBE.handle(call({ s: 5 }), ctx)).output,
    'failed to parse function arguments: missing field `s`',
  );
  assert.equal(
    (await PROBE.handle({ type: 'custom_tool_call', name: 'probe', input: 'x', call_id: 'c' }, ctx)).output,
    'unsupported custom tool call: probe',
  );
});

test('arguments text: empty is {}, non-objects and bad JSON are errors', () => {
  assert.deepEqual(parseArgumentsObject(''), { ok: true, args: {} });
  assert.deepEqual(parseArgumentsObject('[1]'), {
    ok: false,
    text: 'failed to parse function arguments: expected a JSON object',
  });
  const bad = parseArgumentsObject('{"s":');
  assert.ok(!bad.ok && bad.text.startsWith('failed to parse function arguments: '));
});
