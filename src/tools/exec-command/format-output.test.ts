import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  approxTokenCount,
  formatExecResponse,
  formatTruncated,
  shellJoin,
  shellQuote,
  truncateMiddle,
} from './format-output.js';

test('token estimate is ceil(bytes / 4)', () => {
  assert.equal(approxTokenCount(''), 0);
  assert.equal(approxTokenCount('hi\n'), 1);
  assert.equal(approxTokenCount('oops\n'), 2);
  assert.equal(approxTokenCount("touch: cannot touch 'inside.txt': Read-only file system\n"), 14);
  assert.equal(approxTokenCount('\u00e9\u00e9\u00e9'), 2); // 6 bytes
});

test('middle truncation keeps head and tail on character boundaries', () => {
  const s = '\u{1F600}'.repeat(10) + '\nsecond line with text\n';
  assert.equal(truncateMiddle(s, 8), '\u{1F600}'.repeat(4) + '…8 tokens truncated… line with text\n');
  assert.equal(truncateMiddle('abcdef', 0), '…2 tokens truncated…');
  assert.equal(truncateMiddle('short', 100), 'short');
  // cuts that would split a 4-byte character move outwards; N counts from the budget
  assert.equal(truncateMiddle('\u{1F600}\u{1F600}\u{1F600}', 1), '…2 tokens truncated…');
});

test('over budget, a line count header precedes the truncated text', () => {
  assert.equal(formatTruncated('abc', 1), 'abc');
  assert.equal(formatTruncated('a\nb\nc\nd\ne\n', 1), 'Total output lines: 5\n\na\n…2 tokens truncated…e\n');
});

test('response block: exited and running forms', () => {
  assert.equal(
    formatExecResponse({ chunkId: '3bef37', wallSeconds: 0, exitCode: 0, output: 'hi\n', maxOutputTokens: 10000 }),
    'Chunk ID: 3bef37\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\nhi\n',
  );
  assert.equal(
    formatExecResponse({
      chunkId: 'f800eb',
      wallSeconds: 1.00236,
      sessionId: 32244,
      output: '',
      maxOutputTokens: 10000,
    }),
    'Chunk ID: f800eb\nWall time: 1.0024 seconds\nProcess running with session ID 32244\nOriginal token count: 0\nOutput:\n',
  );
  const big = formatExecResponse({
    chunkId: 'a',
    wallSeconds: 0,
    exitCode: 0,
    output: 'x'.repeat(100),
    maxOutputTokens: 5,
  });
  assert.match(big, /\nOriginal token count: 25\nOutput:\nTotal output lines: 1\n\nx{10}…20 tokens truncated…x{10}$/);
});

test('commands are shown with POSIX quoting', () => {
  assert.equal(shellJoin(['/bin/bash', '-lc', 'echo hi']), "/bin/bash -lc 'echo hi'");
  assert.equal(shellJoin(['/bin/bash', '-lc', 'echo oops >&2; exit 3']), "/bin/bash -lc 'echo oops >&2; exit 3'");
  assert.equal(shellQuote("it's"), `'it'"'"'s'`);
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('ls'), 'ls');
  assert.equal(shellQuote('a/b-c_d.e:f'), 'a/b-c_d.e:f');
  assert.equal(shellQuote('$HOME'), "'$HOME'");
});
