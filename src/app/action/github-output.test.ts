import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOutputs, parseOutputs, summaryMarkdown } from './github-output.js';

test('outputs use heredoc delimiters and round-trip multi-line values', () => {
  let n = 0;
  const text = formatOutputs({ 'final-message': 'line 1\nline 2\n', 'exit-code': '0' }, () => `D${++n}`);
  assert.equal(text, 'final-message<<D1\nline 1\nline 2\n\nD1\nexit-code<<D2\n0\nD2\n');
  assert.deepEqual(parseOutputs(text), { 'final-message': 'line 1\nline 2\n', 'exit-code': '0' });
});

test('a value containing the delimiter gets another delimiter', () => {
  const seq = ['EOF', 'EOF', 'OTHER'];
  const text = formatOutputs({ m: 'a\nEOF\nb' }, () => seq.shift() ?? 'Z');
  assert.equal(text, 'm<<OTHER\na\nEOF\nb\nOTHER\n');
});

test('default delimiters are random per value', () => {
  const text = formatOutputs({ a: '1', b: '2' });
  const delims = [...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})\n/g)].map((m) => m[1]);
  assert.equal(delims.length, 2);
  assert.notEqual(delims[0], delims[1]);
});

test('summary: table of numbers, usage JSON, final message fenced safely', () => {
  const md = summaryMarkdown({
    'exit-code': '0',
    'input-tokens': '10',
    'cost-usd': '',
    usage: '{"input_tokens":10}',
    'final-message': 'has ``` fence',
    'config-fingerprint': 'abc|def',
  });
  assert.match(md, /\| exit-code \| `0` \|/);
  assert.match(md, /\| input-tokens \| `10` \|/);
  assert.match(md, /\| cost-usd \| – \|/);
  assert.match(md, /\| config-fingerprint \| `abc\\\|def` \|/);
  assert.match(md, /```json\n\{"input_tokens":10\}\n```/);
  assert.match(md, /````text\nhas ``` fence\n````/);
  assert.match(summaryMarkdown({}), /_\(empty\)_/);
});
