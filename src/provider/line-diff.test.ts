import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonLineDiff, lineDiff } from './line-diff.js';

test('equal values give an empty diff', () => {
  assert.equal(jsonLineDiff({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 }), '');
});

test('a changed field shows -/+ lines with context and a location', () => {
  const d = jsonLineDiff(
    { model: 'gpt-5.5', input: ['a', 'b', 'c'] },
    { model: 'gpt-5.4', input: ['a', 'b', 'c'] },
    { fromLabel: 'cassette', toLabel: 'run' },
  );
  const lines = d.split('\n');
  assert.equal(lines[0], '--- cassette');
  assert.equal(lines[1], '+++ run');
  assert.ok(lines.includes('-   "model": "gpt-5.5"'), d);
  assert.ok(lines.includes('+   "model": "gpt-5.4"'), d);
});

test('insertions in the middle are minimal', () => {
  const d = lineDiff(['a', 'b', 'c', 'd'], ['a', 'b', 'x', 'c', 'd'], { context: 1 });
  assert.deepEqual(d.split('\n').slice(2), ['@@ line 3 @@', '  b', '+ x', '  c']);
});

test('long lines are cut and long diffs are capped', () => {
  const d = lineDiff(['x'.repeat(500)], ['y'.repeat(500)], { maxLineChars: 10 });
  assert.ok(d.includes(`- ${'x'.repeat(10)}…`));
  const many = lineDiff(
    Array.from({ length: 100 }, (_, i) => `a${i}`),
    Array.from({ length: 100 }, (_, i) => `b${i}`),
    { maxChangedLines: 5 },
  );
  assert.match(many, /… \(195 more changed lines\)/);
});
