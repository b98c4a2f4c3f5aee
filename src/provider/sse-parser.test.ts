import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser, parseSseText } from './sse-parser.js';

test('LF framing with event and data', () => {
  const frames = parseSseText('event: a\ndata: {"x":1}\n\nevent: b\ndata: 2\n\n');
  assert.deepEqual(
    frames.map((f) => [f.event, f.data]),
    [
      ['a', '{"x":1}'],
      ['b', '2'],
    ],
  );
});

test('CRLF and bare CR line endings', () => {
  assert.deepEqual(
    parseSseText('event: a\r\ndata: 1\r\n\r\n').map((f) => f.data),
    ['1'],
  );
  assert.deepEqual(
    parseSseText('event: a\rdata: 1\r\rdata: 2\r\r').map((f) => f.data),
    ['1', '2'],
  );
});

test('a CRLF split across chunks is one line break, not two', () => {
  const p = createSseParser();
  const out = [...p.push('data: 1\r'), ...p.push('\ndata: 2\r'), ...p.push('\n\r'), ...p.push('\n')];
  assert.deepEqual(
    out.map((f) => f.data),
    ['1\n2'],
  );
});

test('multi-line data joins with newline; comments ignored; default event is message', () => {
  const frames = parseSseText(': keep-alive\ndata: line1\n: another comment\ndata: line2\n\n');
  assert.equal(frames.length, 1);
  assert.equal(frames[0]?.event, 'message');
  assert.equal(frames[0]?.data, 'line1\nline2');
});

test('only one leading space is stripped; no space is fine; field without colon', () => {
  const frames = parseSseText('data:x\n\ndata:  two\n\ndata\n\n');
  assert.deepEqual(
    frames.map((f) => f.data),
    ['x', ' two', ''],
  );
});

test('events without data are not dispatched; event name resets after dispatch', () => {
  const frames = parseSseText('event: lonely\n\ndata: d\n\n');
  assert.deepEqual(
    frames.map((f) => [f.event, f.data]),
    [['message', 'd']],
  );
});

test('an unterminated event at end of stream is discarded', () => {
  assert.deepEqual(parseSseText('data: complete\n\ndata: partial'), [parseSseText('data: complete\n\n')[0]]);
  assert.equal(parseSseText('data: partial\n').length, 0);
});

test('byte chunks split inside a multi-byte character decode correctly', () => {
  const bytes = new TextEncoder().encode('data: We\u2019re\n\n');
  const p = createSseParser();
  const out = [];
  for (const b of bytes) out.push(...p.push(new Uint8Array([b])));
  out.push(...p.end());
  assert.deepEqual(
    out.map((f) => f.data),
    ['We\u2019re'],
  );
});

test('leading BOM is skipped, id is sticky, retry and unknown fields ignored', () => {
  const frames = parseSseText('\ufeffid: 7\nretry: 10\nfoo: bar\ndata: a\n\ndata: b\n\n');
  assert.deepEqual(
    frames.map((f) => [f.id, f.data]),
    [
      ['7', 'a'],
      ['7', 'b'],
    ],
  );
  assert.equal(frames[0]?.event, 'message');
});

test('chunk boundaries anywhere give the same frames', () => {
  const text = 'event: response.created\r\ndata: {"a":1}\r\n\r\n:c\ndata: x\ndata: y\n\n';
  const whole = parseSseText(text);
  for (let cut = 0; cut <= text.length; cut += 1) {
    const p = createSseParser();
    const got = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
    assert.deepEqual(got, whole, `cut at ${cut}`);
  }
});
