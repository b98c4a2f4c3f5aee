import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseRequest } from './normalise-request.js';
import type { ModelRequest } from './types.js';

const toolOutput = (chunk: string, wall: string, out: string): ModelRequest =>
  ({
    body: {
      model: 'gpt-5.5',
      input: [
        { type: 'function_call_output', call_id: 'call_1', output: `Chunk ID: ${chunk}\nWall time: ${wall} seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\n${out}` },
      ],
    },
  }) as unknown as ModelRequest;

test('exec_command output headers (random chunk id, measured wall time) do not break a strict match', () => {
  const a = normaliseRequest(toolOutput('d37cc6', '0.0115', 'hi\n'));
  const b = normaliseRequest(toolOutput('be10cd', '1.2000', 'hi\n'));
  assert.deepEqual(a, b);
  assert.match(JSON.stringify(a.body), /Chunk ID: <chunk>\\nWall time: <seconds> seconds\\nProcess exited with code 0/);
});

test('the command output itself still differs', () => {
  const a = normaliseRequest(toolOutput('d37cc6', '0.0115', 'hi\n'));
  const b = normaliseRequest(toolOutput('d37cc6', '0.0115', 'ho\n'));
  assert.notDeepEqual(a, b);
});

test('a model message that merely mentions a chunk id is left alone', () => {
  const req = { body: { model: 'm', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'see Chunk ID: abc123 above' }] }] } } as unknown as ModelRequest;
  assert.match(JSON.stringify(normaliseRequest(req).body), /Chunk ID: abc123/);
});
