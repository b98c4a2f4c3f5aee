import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePunctuation, seekSequence } from './seek-sequence.js';
import { trimRust, rustLines } from './rust-text.js';

test('exact match', () => {
  assert.equal(seekSequence(['foo', 'bar', 'baz'], ['bar', 'baz'], 0, false), 1);
});

test('pass 2: trailing whitespace ignored', () => {
  assert.equal(seekSequence(['foo   ', 'bar\t\t'], ['foo', 'bar'], 0, false), 0);
});

test('pass 3: surrounding whitespace ignored', () => {
  assert.equal(seekSequence(['    foo   ', '   bar\t'], ['foo', 'bar'], 0, false), 0);
});

test('pass 4: typographic punctuation matches ASCII', () => {
  const file = ['const s = \u201Chello\u201D \u2014 it\u2019s\u00A0here;'];
  assert.equal(seekSequence(file, ['const s = "hello" - it\'s here;'], 0, false), 0);
  // and the other way round
  assert.equal(seekSequence(['a - b'], ['a \u2212 b'], 0, false), 0);
});

test('a stricter pass wins over an earlier position', () => {
  // line 0 matches only after trimEnd; line 1 matches exactly: exact wins.
  assert.equal(seekSequence(['x  ', 'x'], ['x'], 0, false), 1);
  // line 0 matches only after trim; line 1 after trimEnd: trimEnd wins.
  assert.equal(seekSequence(['  x', 'x  '], ['x'], 0, false), 1);
  // line 0 needs punctuation folding; line 1 only trim.
  assert.equal(seekSequence(['a\u2013b', '  a-b'], ['a-b'], 0, false), 1);
});

test('search starts at the cursor', () => {
  assert.equal(seekSequence(['a', 'b', 'a'], ['a'], 1, false), 2);
  assert.equal(seekSequence(['a', 'b'], ['a'], 1, false), undefined);
});

test('empty pattern returns the cursor; longer pattern is not found', () => {
  assert.equal(seekSequence(['a'], [], 3, false), 3);
  assert.equal(seekSequence(['one'], ['too', 'many'], 0, false), undefined);
});

test('eof tries the end of the file first, then falls back to the cursor', () => {
  assert.equal(seekSequence(['x', 'y', 'x'], ['x'], 0, true), 2);
  assert.equal(seekSequence(['x', 'y', 'x'], ['x'], 0, false), 0);
  assert.equal(seekSequence(['x', 'y', 'z'], ['x'], 0, true), 0);
  // at the end, a fuzzy match there still beats an exact one earlier
  assert.equal(seekSequence(['x', 'y', 'x  '], ['x'], 0, true), 2);
});

test('normalisation covers exactly the listed code points', () => {
  const dashes = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212';
  assert.equal(normalisePunctuation(dashes), '-------');
  assert.equal(normalisePunctuation('\u2018\u2019\u201A\u201B'), "''''");
  assert.equal(normalisePunctuation('\u201C\u201D\u201E\u201F'), '""""');
  const spaces = '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000';
  assert.equal(normalisePunctuation(spaces), ' '.repeat(13));
  // not in the list: left alone
  for (const c of ['\u2016', '\u2001', '\u2017', '\u00AB', '\u2026', '\uFF0D'])
    assert.equal(normalisePunctuation(c), c);
});

test('Rust trim semantics: U+0085 trimmed, U+FEFF kept', () => {
  assert.equal(trimRust('\u0085a\u3000'), 'a');
  assert.equal(trimRust('\uFEFFa'), '\uFEFFa');
  assert.deepEqual(rustLines('a\r\nb\n'), ['a', 'b']);
  assert.deepEqual(rustLines(''), []);
  assert.deepEqual(rustLines('a\n\nb'), ['a', '', 'b']);
});
