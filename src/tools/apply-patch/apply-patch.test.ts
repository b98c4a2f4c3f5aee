import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers/temp-dir.js';
import { FIXTURES } from '../../../test/helpers/paths.js';
import {
  applyPatch,
  formatFreeformOutput,
  READ_ONLY_REJECTION,
  type ApplyPatchOutcome,
  type WriteCheck,
} from './apply-patch.js';

const frozen = { nowMs: () => 0, monotonicMs: () => 0 };
const allowAll: WriteCheck = () => true;

function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir('hexec-patch-');
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

const P = (...lines: string[]): string => `${lines.join('\n')}\n`;

async function run(dir: string, patch: string, canWrite: WriteCheck = allowAll): Promise<ApplyPatchOutcome> {
  return applyPatch(patch, { cwd: dir, canWrite, clock: frozen });
}

const ok = (summary: string): string =>
  `Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\n${summary}`;

test('output is byte-identical to codex fixture 11a', async () => {
  const req = JSON.parse(
    readFileSync(join(FIXTURES, 'codex/11a-apply-patch-workspace-write/request-2.json'), 'utf8'),
  ) as {
    body: { input: Array<{ type: string; input?: string; output?: string }> };
  };
  const call = req.body.input.find((i) => i.type === 'custom_tool_call');
  const out = req.body.input.find((i) => i.type === 'custom_tool_call_output');
  const dir = workspace();
  const r = await run(dir, call?.input ?? '');
  assert.equal(r.output, out?.output);
  assert.equal(r.status, 'completed');
  assert.deepEqual(r.changes, [{ path: join(dir, 'hello.txt'), kind: 'add' }]);
  assert.equal(read(dir, 'hello.txt'), 'hello world\n');
});

test('read-only rejection text matches fixture 11b and nothing is written', async () => {
  const req = JSON.parse(readFileSync(join(FIXTURES, 'codex/11b-apply-patch-read-only/request-2.json'), 'utf8')) as {
    body: { input: Array<{ type: string; input?: string; output?: string }> };
  };
  const call = req.body.input.find((i) => i.type === 'custom_tool_call');
  const out = req.body.input.find((i) => i.type === 'custom_tool_call_output');
  const dir = workspace();
  const r = await run(dir, call?.input ?? '', () => READ_ONLY_REJECTION);
  assert.equal(r.output, out?.output);
  assert.equal(r.status, 'rejected');
  assert.equal(existsSync(join(dir, 'hello.txt')), false);
});

test('the write check sees absolute paths, including a move destination', async () => {
  const dir = workspace({ 'a.txt': 'x\n' });
  const seen: string[] = [];
  const r = await run(
    dir,
    P('*** Begin Patch', '*** Update File: a.txt', '*** Move to: sub/b.txt', '@@', '-x', '+y', '*** End Patch'),
    (p) => {
      seen.push(p);
      return p.endsWith('b.txt') ? 'writing outside of the project; rejected by user approval settings' : true;
    },
  );
  assert.deepEqual(seen, [join(dir, 'a.txt'), join(dir, 'sub/b.txt')]);
  assert.equal(r.output, 'patch rejected: writing outside of the project; rejected by user approval settings');
  assert.equal(read(dir, 'a.txt'), 'x\n');
});

test('add creates parent directories and overwrites an existing file', async () => {
  const dir = workspace({ 'dup.txt': 'old\n' });
  const r = await run(
    dir,
    P('*** Begin Patch', '*** Add File: dup.txt', '+new', '*** Add File: deep/er/n.txt', '+a', '+', '*** End Patch'),
  );
  assert.equal(r.output, ok('A dup.txt\nA deep/er/n.txt\n'));
  assert.equal(read(dir, 'dup.txt'), 'new\n');
  assert.equal(read(dir, 'deep/er/n.txt'), 'a\n\n');
});

test('delete removes a file; the summary groups A, M, D in that order', async () => {
  const dir = workspace({ 'gone.txt': 'bye\n', 'm.txt': 'a\n' });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Delete File: gone.txt',
      '*** Update File: m.txt',
      '-a',
      '+b',
      '*** Add File: n.txt',
      '+n',
      '*** End Patch',
    ),
  );
  assert.equal(r.output, ok('A n.txt\nM m.txt\nD gone.txt\n'));
  assert.equal(existsSync(join(dir, 'gone.txt')), false);
  assert.deepEqual(
    r.changes.map((c) => c.kind),
    ['delete', 'update', 'add'],
  );
});

test('several chunks in one file, with context headers', async () => {
  const dir = workspace({ 'm.py': 'def a():\n    return 1\n\ndef b():\n    return 1\n\ndef c():\n    return 1\n' });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: m.py',
      '@@ def a():',
      '-    return 1',
      '+    return 10',
      '@@ def c():',
      '-    return 1',
      '+    return 30',
      '*** End Patch',
    ),
  );
  assert.equal(r.output, ok('M m.py\n'));
  assert.equal(read(dir, 'm.py'), 'def a():\n    return 10\n\ndef b():\n    return 1\n\ndef c():\n    return 30\n');
});

test('stacked @@ headers narrow the position step by step', async () => {
  const src = 'class A:\n    def m(self):\n        x = 1\nclass B:\n    def m(self):\n        x = 1\n';
  const dir = workspace({ 'k.py': src });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: k.py',
      '@@ class B:',
      '@@     def m(self):',
      '-        x = 1',
      '+        x = 2',
      '*** End Patch',
    ),
  );
  assert.equal(r.status, 'completed');
  assert.equal(read(dir, 'k.py'), src.replace(/x = 1\n$/, 'x = 2\n'));
});

test('several files in one patch', async () => {
  const dir = workspace({ 'a.txt': '1\n2\n', 'b.txt': 'x\n' });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: a.txt',
      ' 1',
      '-2',
      '+two',
      '*** Update File: b.txt',
      '-x',
      '+y',
      '*** End Patch',
    ),
  );
  assert.equal(r.output, ok('M a.txt\nM b.txt\n'));
  assert.equal(read(dir, 'a.txt'), '1\ntwo\n');
  assert.equal(read(dir, 'b.txt'), 'y\n');
});

test('fuzzy matching: trailing space, indentation and typographic punctuation in the file', async () => {
  const dir = workspace({ 'f.txt': 'alpha   \n    beta\nsay \u201Chi\u201D \u2014 ok\nend\n' });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: f.txt',
      '-alpha',
      '+ALPHA',
      ' beta',
      '-say "hi" - ok',
      '+said',
      '*** End Patch',
    ),
  );
  assert.equal(r.status, 'completed', r.output);
  // context lines are written as the patch gives them
  assert.equal(read(dir, 'f.txt'), 'ALPHA\nbeta\nsaid\nend\n');
});

test('End of File anchors the chunk at the end', async () => {
  const dir = workspace({ 'e.txt': 'x\ny\nx\n', 'f.txt': 'x\ny\nx\n' });
  await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: e.txt',
      '@@',
      '-x',
      '+z',
      '*** End of File',
      '*** Update File: f.txt',
      '@@',
      '-x',
      '+z',
      '*** End Patch',
    ),
  );
  assert.equal(read(dir, 'e.txt'), 'x\ny\nz\n');
  assert.equal(read(dir, 'f.txt'), 'z\ny\nx\n');
});

test('pure addition appends at the end whatever the context cursor', async () => {
  const dir = workspace({ 'p.txt': 'a\nb\n' });
  const r = await run(dir, P('*** Begin Patch', '*** Update File: p.txt', '@@ a', '+c', '+d', '*** End Patch'));
  assert.equal(r.status, 'completed');
  assert.equal(read(dir, 'p.txt'), 'a\nb\nc\nd\n');
});

test('a missing trailing newline is added; deletion-only chunks work', async () => {
  const dir = workspace({ 'n.txt': 'one\ntwo\nthree', 'd.txt': 'keep\ndrop\nkeep2\n' });
  await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: n.txt',
      '-two',
      '+2',
      '*** Update File: d.txt',
      ' keep',
      '-drop',
      '*** End Patch',
    ),
  );
  assert.equal(read(dir, 'n.txt'), 'one\n2\nthree\n');
  assert.equal(read(dir, 'd.txt'), 'keep\nkeep2\n');
});

test('old lines ending in an empty line are retried without it', async () => {
  const dir = workspace({ 't.txt': 'a\nlast\n' });
  // body '-last', '+LAST', '' gives old [last, ''] and new [LAST, '']: the file has no
  // line after 'last', so only the retry without the empty line matches.
  const r = await run(dir, '*** Begin Patch\n*** Update File: t.txt\n-last\n+LAST\n\n*** End Patch\n');
  assert.equal(r.status, 'completed', r.output);
  assert.equal(read(dir, 't.txt'), 'a\nLAST\n');
});

test('move writes the destination (overwriting it) and removes the source', async () => {
  const dir = workspace({ 'old/name.txt': 'from\n', 'renamed/dir/name.txt': 'existing\n' });
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Update File: old/name.txt',
      '*** Move to: renamed/dir/name.txt',
      '@@',
      '-from',
      '+to',
      '*** End Patch',
    ),
  );
  assert.equal(r.output, ok('M renamed/dir/name.txt\n'));
  assert.equal(existsSync(join(dir, 'old/name.txt')), false);
  assert.equal(read(dir, 'renamed/dir/name.txt'), 'to\n');
  assert.deepEqual(r.changes, [
    { path: join(dir, 'old/name.txt'), kind: 'update', move_path: join(dir, 'renamed/dir/name.txt') },
  ]);
});

test('CRLF files keep CRLF endings', async () => {
  const dir = workspace({ 'w.txt': 'a\r\nb\r\nc\r\n' });
  const r = await run(dir, P('*** Begin Patch', '*** Update File: w.txt', ' a', '-b', '+B', '*** End Patch'));
  assert.equal(r.status, 'completed', r.output);
  assert.equal(read(dir, 'w.txt'), 'a\r\nB\r\nc\r\n');
});

test('absolute paths in the patch are accepted', async () => {
  const dir = workspace();
  const abs = join(dir, 'abs.txt');
  const r = await run(dir, P('*** Begin Patch', `*** Add File: ${abs}`, '+x', '*** End Patch'));
  assert.equal(r.output, ok(`A ${abs}\n`));
  assert.equal(read(dir, 'abs.txt'), 'x\n');
});

const FAILURES: ReadonlyArray<readonly [string, Record<string, string>, string, (dir: string) => string]> = [
  [
    'update of a missing file',
    {},
    P('*** Begin Patch', '*** Update File: nope.txt', '-a', '+b', '*** End Patch'),
    (d) =>
      `apply_patch verification failed: Failed to read file to update ${join(d, 'nope.txt')}: No such file or directory (os error 2)`,
  ],
  [
    'delete of a missing file',
    {},
    P('*** Begin Patch', '*** Delete File: nope.txt', '*** End Patch'),
    (d) =>
      `apply_patch verification failed: Failed to read ${join(d, 'nope.txt')}: No such file or directory (os error 2)`,
  ],
  [
    'delete of a directory',
    { 'dir/f.txt': 'x\n' },
    P('*** Begin Patch', '*** Delete File: dir', '*** End Patch'),
    (d) => `apply_patch verification failed: Failed to read ${join(d, 'dir')}: Is a directory (os error 21)`,
  ],
  [
    'context not found',
    { 'c.txt': 'a\n' },
    P('*** Begin Patch', '*** Update File: c.txt', '@@ missing', '-a', '+b', '*** End Patch'),
    (d) => `apply_patch verification failed: Failed to find context 'missing' in ${join(d, 'c.txt')}`,
  ],
  [
    'expected lines not found',
    { 'c.txt': 'a\nb\n' },
    P('*** Begin Patch', '*** Update File: c.txt', ' a', '-zzz', '+b', '*** End Patch'),
    (d) => `apply_patch verification failed: Failed to find expected lines in ${join(d, 'c.txt')}:\na\nzzz`,
  ],
  ['empty patch', {}, P('*** Begin Patch', '*** End Patch'), () => 'patch rejected: empty patch'],
  [
    'parse error',
    {},
    P('*** Begin Patch', '*** Update File: x', '*** End Patch'),
    () => "apply_patch verification failed: invalid hunk at line 4, Update file hunk for path 'x' is empty",
  ],
  [
    'not a patch at all',
    {},
    'hello',
    () => "apply_patch verification failed: invalid patch: The first line of the patch must be '*** Begin Patch'",
  ],
];

test('failures before writing are verification errors and change nothing', async () => {
  for (const [name, files, patch, expected] of FAILURES) {
    const dir = workspace({ ...files, 'sentinel.txt': 's\n' });
    // An Add of sentinel.txt goes first: it must not be written when a later hunk fails.
    const withAdd =
      patch.startsWith('*** Begin Patch\n*** End Patch') || !patch.startsWith('*** Begin Patch\n')
        ? patch
        : patch.replace('*** Begin Patch\n', '*** Begin Patch\n*** Add File: sentinel.txt\n+changed\n');
    const r = await run(dir, withAdd);
    assert.equal(r.output, expected(dir), name);
    assert.equal(r.status, 'rejected', name);
    assert.deepEqual(r.changes, [], name);
    assert.equal(read(dir, 'sentinel.txt'), 's\n', `${name}: nothing written`);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failure while writing leaves earlier hunks on disk (not atomic)', async () => {
  const dir = workspace();
  const r = await run(
    dir,
    P(
      '*** Begin Patch',
      '*** Add File: first.txt',
      '+1',
      '*** Add File: blocker',
      '+x',
      '*** Add File: blocker/child.txt',
      '+y',
      '*** End Patch',
    ),
  );
  assert.equal(r.output, formatFreeformOutput(1, 0, 'Failed to create parent directories for blocker/child.txt\n'));
  assert.equal(r.status, 'failed');
  assert.equal(r.changes.length, 3);
  assert.equal(read(dir, 'first.txt'), '1\n');
  assert.equal(read(dir, 'blocker'), 'x\n');
});

test('wall time is rounded to one decimal and printed like Rust', () => {
  assert.equal(formatFreeformOutput(0, 0.04, ''), 'Exit code: 0\nWall time: 0 seconds\nOutput:\n');
  assert.equal(formatFreeformOutput(0, 1.26, 'x'), 'Exit code: 0\nWall time: 1.3 seconds\nOutput:\nx');
  assert.equal(formatFreeformOutput(1, 2, 'x'), 'Exit code: 1\nWall time: 2 seconds\nOutput:\nx');
});
