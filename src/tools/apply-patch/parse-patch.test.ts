import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatParseError, formatParseErrorStandalone, parsePatch, type PatchHunk } from './parse-patch.js';

function hunks(text: string): readonly PatchHunk[] {
  const r = parsePatch(text);
  if (!r.ok) assert.fail(`unexpected parse error: ${formatParseError(r.error)}`);
  return r.hunks;
}

function errorOf(text: string): string {
  const r = parsePatch(text);
  if (r.ok) assert.fail(`expected a parse error for ${JSON.stringify(text)}`);
  return formatParseError(r.error);
}

const P = (...lines: string[]): string => lines.join('\n');
const HEADERS =
  "is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";
const EVERY_LINE = "Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)";
const FIRST = "invalid patch: The first line of the patch must be '*** Begin Patch'";
const LAST = "invalid patch: The last line of the patch must be '*** End Patch'";

test('add, delete, update with move, in one patch', () => {
  const text = P(
    '*** Begin Patch',
    '*** Add File: path/add.py',
    '+abc',
    '+',
    '+def',
    '*** Delete File: path/delete.py',
    '*** Update File: path/update.py',
    '*** Move to: path/update2.py',
    '@@ def f():',
    '-    pass',
    '+    return 123',
    '*** End Patch',
  );
  assert.deepEqual(hunks(text), [
    { type: 'add', path: 'path/add.py', contents: 'abc\n\ndef\n' },
    { type: 'delete', path: 'path/delete.py' },
    {
      type: 'update',
      path: 'path/update.py',
      movePath: 'path/update2.py',
      chunks: [
        { contextLines: ['def f():'], oldLines: ['    pass'], newLines: ['    return 123'], isEndOfFile: false },
      ],
    },
  ]);
});

test('the first chunk may omit @@; an empty line is an empty context line', () => {
  const [h] = hunks(P('*** Begin Patch', '*** Update File: f.py', ' import foo', '', '+bar', '*** End Patch'));
  assert.deepEqual(h, {
    type: 'update',
    path: 'f.py',
    movePath: undefined,
    chunks: [
      { contextLines: [], oldLines: ['import foo', ''], newLines: ['import foo', '', 'bar'], isEndOfFile: false },
    ],
  });
});

test('stacked @@ lines are collected in order; bare @@ adds none', () => {
  const [h] = hunks(
    P('*** Begin Patch', '*** Update File: a.py', '@@ class A', '@@', '@@ def m():', '-x', '+y', '*** End Patch'),
  );
  assert.equal(h?.type, 'update');
  if (h?.type === 'update') assert.deepEqual(h.chunks[0]?.contextLines, ['class A', 'def m():']);
});

test('several chunks, blank lines between them skipped, End of File flag', () => {
  const [h] = hunks(
    P(
      '*** Begin Patch',
      '*** Update File: a',
      '',
      '@@ one',
      '-a',
      '+b',
      '   ',
      '@@ two',
      ' c',
      '-d',
      '*** End of File',
      '  ',
      '@@',
      '+z',
      '*** End Patch',
    ),
  );
  assert.ok(h?.type === 'update');
  assert.equal(h.chunks.length, 3);
  // '   ' inside a chunk is a context line holding two spaces, not a separator.
  assert.deepEqual(h.chunks[0], {
    contextLines: ['one'],
    oldLines: ['a', '  '],
    newLines: ['b', '  '],
    isEndOfFile: false,
  });
  assert.deepEqual(h.chunks[1], { contextLines: ['two'], oldLines: ['c', 'd'], newLines: ['c'], isEndOfFile: true });
  assert.deepEqual(h.chunks[2], { contextLines: [], oldLines: [], newLines: ['z'], isEndOfFile: false });
});

test('an update followed by another hunk', () => {
  const hs = hunks(
    P(
      '*** Begin Patch',
      '*** Update File: file.py',
      '@@',
      '+line',
      '*** Add File: other.py',
      '+content',
      '*** End Patch',
    ),
  );
  assert.deepEqual(hs, [
    {
      type: 'update',
      path: 'file.py',
      movePath: undefined,
      chunks: [{ contextLines: [], oldLines: [], newLines: ['line'], isEndOfFile: false }],
    },
    { type: 'add', path: 'other.py', contents: 'content\n' },
  ]);
});

test('heredoc wrappers are stripped (three quoting styles)', () => {
  for (const open of ['<<EOF', "<<'EOF'", '<<"EOF"']) {
    const hs = hunks(P(open, '*** Begin Patch', '*** Add File: foo', '+hi', '*** End Patch', 'EOF'));
    assert.deepEqual(hs, [{ type: 'add', path: 'foo', contents: 'hi\n' }], open);
  }
});

test('whitespace around markers and hunk headers is allowed; CRLF lines are read', () => {
  const hs = hunks('\n  *** Begin Patch  \n   *** Add File: foo  \n+hi\n *** Delete File: bar\n*** End Patch \n\n');
  assert.deepEqual(hs, [
    { type: 'add', path: 'foo', contents: 'hi\n' },
    { type: 'delete', path: 'bar' },
  ]);
  const crlf = hunks('*** Begin Patch\r\n*** Update File: a\r\n@@\r\n-x\r\n+y\r\n*** End Patch\r\n');
  assert.deepEqual(crlf, [
    {
      type: 'update',
      path: 'a',
      movePath: undefined,
      chunks: [{ contextLines: [], oldLines: ['x'], newLines: ['y'], isEndOfFile: false }],
    },
  ]);
});

test('an empty patch parses to no hunks (rejected later, when applying)', () => {
  assert.deepEqual(hunks('*** Begin Patch\n*** End Patch'), []);
});

test('absolute paths are kept as written', () => {
  assert.deepEqual(hunks(P('*** Begin Patch', '*** Delete File: /tmp/x', '*** End Patch')), [
    { type: 'delete', path: '/tmp/x' },
  ]);
});

test('error wordings: codex exec and the standalone program', () => {
  const r = parsePatch(P('*** Begin Patch', '*** Update File: t.py', '*** End Patch'));
  assert.ok(!r.ok);
  assert.equal(formatParseError(r.error), "invalid hunk at line 2, Update file hunk for path 't.py' is empty");
  assert.equal(
    formatParseErrorStandalone(r.error),
    "Invalid patch hunk on line 2: Update file hunk for path 't.py' is empty",
  );
  const r2 = parsePatch('bad');
  assert.ok(!r2.ok);
  assert.equal(
    formatParseErrorStandalone(r2.error),
    "Invalid patch: The first line of the patch must be '*** Begin Patch'",
  );
});

const MALFORMED: ReadonlyArray<readonly [string, string, string]> = [
  ['empty input', '', LAST],
  ['whitespace only', '  \n\t\n', LAST],
  ['no markers', 'bad', FIRST],
  ['begin only', '*** Begin Patch', LAST],
  ['missing end', P('*** Begin Patch', 'bad'), LAST],
  ['end only', '*** End Patch', FIRST],
  ['add without end', P('*** Begin Patch', '*** Add File: a', '+x'), LAST],
  ['lower-case begin', P('*** begin patch', '*** Add File: a', '+x', '*** End Patch'), FIRST],
  ['heredoc too short', P('<<EOF', '*** Begin Patch', '*** End Patch'), FIRST],
  ['heredoc with another tag', P('<<FOO', '*** Begin Patch', '*** End Patch', 'FOO'), FIRST],
  ['heredoc, inner patch unterminated', P('<<EOF', '*** Begin Patch', '*** Add File: a', 'EOF'), LAST],
  ['heredoc, inner patch without begin', P("<<'EOF'", 'hello', '*** End Patch', 'EOF'), FIRST],
  [
    'unknown hunk kind',
    P('*** Begin Patch', '*** Frobnicate File: a', '*** End Patch'),
    `invalid hunk at line 2, '*** Frobnicate File: a' ${HEADERS}`,
  ],
  ['blank hunk line', P('*** Begin Patch', '', '*** End Patch'), `invalid hunk at line 2, '' ${HEADERS}`],
  [
    'add file without a path',
    P('*** Begin Patch', '*** Add File: ', '+x', '*** End Patch'),
    `invalid hunk at line 2, '*** Add File:' ${HEADERS}`,
  ],
  [
    'add then a non-plus line',
    P('*** Begin Patch', '*** Add File: a', '+x', 'not plus', '*** End Patch'),
    `invalid hunk at line 4, 'not plus' ${HEADERS}`,
  ],
  [
    'add then a blank line',
    P('*** Begin Patch', '*** Add File: a', '+x', '', '*** End Patch'),
    `invalid hunk at line 4, '' ${HEADERS}`,
  ],
  [
    'delete with body',
    P('*** Begin Patch', '*** Delete File: a', '+x', '*** End Patch'),
    `invalid hunk at line 3, '+x' ${HEADERS}`,
  ],
  [
    'update without chunks',
    P('*** Begin Patch', '*** Update File: a', '*** End Patch'),
    "invalid hunk at line 2, Update file hunk for path 'a' is empty",
  ],
  [
    'move without chunks',
    P('*** Begin Patch', '*** Update File: a', '*** Move to: b', '*** End Patch'),
    "invalid hunk at line 2, Update file hunk for path 'a' is empty",
  ],
  [
    'update with only End of File',
    P('*** Begin Patch', '*** Update File: a', '*** End of File', '*** End Patch'),
    "invalid hunk at line 2, Update file hunk for path 'a' is empty",
  ],
  [
    'bare @@ without lines',
    P('*** Begin Patch', '*** Update File: a', '@@', '*** End Patch'),
    'invalid hunk at line 4, Update hunk does not contain any lines',
  ],
  [
    '@@ context without lines',
    P('*** Begin Patch', '*** Update File: a', '@@ foo', '*** End Patch'),
    'invalid hunk at line 4, Update hunk does not contain any lines',
  ],
  [
    'End of File right after @@',
    P('*** Begin Patch', '*** Update File: a', '@@', '*** End of File', '*** End Patch'),
    'invalid hunk at line 4, Update hunk does not contain any lines',
  ],
  [
    'second chunk empty',
    P('*** Begin Patch', '*** Update File: a', '@@ ctx', ' x', '@@ ', '*** End Patch'),
    'invalid hunk at line 6, Update hunk does not contain any lines',
  ],
  [
    'first body line unmarked',
    P('*** Begin Patch', '*** Update File: a', 'foo', '*** End Patch'),
    `invalid hunk at line 3, Unexpected line found in update hunk: 'foo'. ${EVERY_LINE}`,
  ],
  [
    'tab-indented body line',
    P('*** Begin Patch', '*** Update File: a', '@@', '\tfoo', '*** End Patch'),
    `invalid hunk at line 4, Unexpected line found in update hunk: '\tfoo'. ${EVERY_LINE}`,
  ],
  [
    'second chunk without @@',
    P('*** Begin Patch', '*** Update File: a', '-x', '+y', 'bar', '*** End Patch'),
    "invalid hunk at line 5, Expected update hunk to start with a @@ context marker, got: 'bar'",
  ],
  [
    'lines after End of File',
    P('*** Begin Patch', '*** Update File: a', '@@', '-old', '*** End of File', '+new', '*** End Patch'),
    "invalid hunk at line 6, Expected update hunk to start with a @@ context marker, got: '+new'",
  ],
  [
    'unknown *** line after a chunk',
    P('*** Begin Patch', '*** Update File: a', '@@', '+x', '*** Bogus', '*** End Patch'),
    `invalid hunk at line 5, '*** Bogus' ${HEADERS}`,
  ],
  [
    'BOM before a header (Rust trim keeps U+FEFF)',
    P('*** Begin Patch', '\uFEFF*** Delete File: a', '*** End Patch'),
    `invalid hunk at line 2, '\uFEFF*** Delete File: a' ${HEADERS}`,
  ],
  [
    'line numbers count earlier hunks',
    P('*** Begin Patch', '*** Add File: a', '+1', '+2', '*** Delete File: b', 'junk', '*** End Patch'),
    `invalid hunk at line 6, 'junk' ${HEADERS}`,
  ],
];

test(`malformed patches (${MALFORMED.length}) give codex's errors`, () => {
  assert.ok(MALFORMED.length >= 25);
  for (const [name, text, expected] of MALFORMED) {
    assert.equal(errorOf(text), expected, name);
  }
});
