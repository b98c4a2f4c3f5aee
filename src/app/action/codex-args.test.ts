import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHexecError } from '../../errors/index.js';
import { parseCodexArgs } from './codex-args.js';

test('JSON array form', () => {
  assert.deepEqual(parseCodexArgs('["--model", "o4", "-c", "a=\\"b c\\""]'), ['--model', 'o4', '-c', 'a="b c"']);
  assert.deepEqual(parseCodexArgs('  []  '), []);
});

test('shell words: quotes, escapes, no expansion', () => {
  assert.deepEqual(parseCodexArgs(''), []);
  assert.deepEqual(parseCodexArgs('--model o4  --ephemeral'), ['--model', 'o4', '--ephemeral']);
  assert.deepEqual(parseCodexArgs(`-c 'model_reasoning_effort="high"'`), ['-c', 'model_reasoning_effort="high"']);
  assert.deepEqual(parseCodexArgs('-c "a=\\"x y\\"" b\\ c'), ['-c', 'a="x y"', 'b c']);
  assert.deepEqual(parseCodexArgs('"$HOME" `id` *'), ['$HOME', '`id`', '*']);
  assert.deepEqual(parseCodexArgs(`a''b "" ''`), ['ab', '', '']);
  assert.deepEqual(parseCodexArgs('"a\\nb"'), ['a\\nb'], 'only \\" \\\\ \\$ \\` escape inside double quotes');
  assert.deepEqual(parseCodexArgs('x\n\ty'), ['x', 'y']);
});

test('malformed codex-args are usage errors', () => {
  for (const raw of ['[1, 2]', '["a", ', '{"a":1}'.replace('{', '[{') + ']', "'open", '"open', 'trail\\']) {
    assert.throws(
      () => parseCodexArgs(raw),
      (e: unknown) => isHexecError(e) && e.exitCode === 2 && /codex-args/.test(e.message),
      raw,
    );
  }
});
