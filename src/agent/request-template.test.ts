import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequestShape, modelInfo } from './request-template.js';

const tools = [{ type: 'function', name: 'exec_command' }];

test('gpt-5.5: codex fixture 01 shape and key order', () => {
  const { template, leadingItems } = buildRequestShape({ model: 'gpt-5.5', tools, threadId: 't' });
  assert.deepEqual(Object.keys(template), [
    'model',
    'stream',
    'tools',
    'tool_choice',
    'parallel_tool_calls',
    'reasoning',
    'store',
    'include',
    'prompt_cache_key',
    'text',
  ]);
  assert.deepEqual(template['reasoning'], { effort: 'medium' });
  assert.deepEqual(template['text'], { verbosity: 'low' });
  assert.equal(template['parallel_tool_calls'], true);
  assert.equal(leadingItems.length, 0);
});

test('default model: tools in an additional_tools item, no top-level tools (fixture 14)', () => {
  const { template, leadingItems } = buildRequestShape({ model: 'gpt-6.1-sol', tools, threadId: 't' });
  assert.equal('tools' in template, false);
  assert.deepEqual(template['reasoning'], { effort: 'low', context: 'all_turns' });
  assert.equal(template['parallel_tool_calls'], false);
  assert.equal(leadingItems[0]?.type, 'additional_tools');
});

test('unknown model: summary auto, no text (fixture 14b)', () => {
  const { template } = buildRequestShape({ model: 'mock-model', tools, threadId: 't' });
  assert.deepEqual(template['reasoning'], { summary: 'auto' });
  assert.equal('text' in template, false);
  assert.equal(modelInfo('mock-model').known, false);
});

test('output schema goes to text.format next to verbosity (fixture 03)', () => {
  const schema = { type: 'object' };
  const { template } = buildRequestShape({
    model: 'gpt-5.5',
    tools,
    threadId: 't',
    outputSchema: { schema, strict: true },
  });
  assert.deepEqual(template['text'], {
    verbosity: 'low',
    format: { type: 'json_schema', strict: true, schema, name: 'codex_output_schema' },
  });
});

test('configured effort and summary win; effort "none" is dropped', () => {
  assert.deepEqual(
    buildRequestShape({ model: 'gpt-5.5', tools, threadId: 't', reasoningEffort: 'high', reasoningSummary: 'detailed' })
      .template['reasoning'],
    { effort: 'high', summary: 'detailed' },
  );
  assert.equal(
    'reasoning' in buildRequestShape({ model: 'gpt-5.5', tools, threadId: 't', reasoningEffort: 'none' }).template,
    false,
  );
});
