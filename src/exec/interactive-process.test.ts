import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProcess } from './interactive-process.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

const cwd = tempDir('hexec-proc-');
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: cwd };

test('stdin is written, output collected, exit reported', async () => {
  const p = startProcess({
    program: '/bin/bash',
    args: ['-c', 'read x; echo "got:$x"; echo err >&2; exit 4'],
    cwd,
    env,
  });
  assert.equal(await p.write('abc\n'), true);
  const exit = await p.exited;
  assert.deepEqual(exit, { exitCode: 4, signal: null });
  assert.equal(p.outputSince(0).bytes.toString(), 'got:abc\nerr\n');
  assert.equal(p.stderrText(), 'err\n');
  assert.equal(await p.write('late'), false);
  const later = p.outputSince(4);
  assert.equal(later.bytes.toString(), 'abc\nerr\n');
  assert.equal(later.next, 12);
});

test('waitForExit times out while running; kill reaches the whole process group', async () => {
  const p = startProcess({ program: '/bin/bash', args: ['-c', 'sleep 30 & sleep 30; wait'], cwd, env });
  assert.equal(await p.waitForExit(20), false);
  assert.equal(p.exitStatus(), undefined);
  p.kill();
  const exit = await p.exited;
  assert.equal(exit.signal, 'SIGTERM');
  assert.equal(await p.waitForExit(1000), true);
});

test('an abort signal kills the process', async () => {
  const ac = new AbortController();
  const p = startProcess({ program: '/bin/bash', args: ['-c', 'exec sleep 30'], cwd, env, signal: ac.signal });
  ac.abort();
  assert.equal((await p.exited).signal, 'SIGTERM');
});

test('a program that cannot start settles with spawnError', async () => {
  const p = startProcess({ program: '/nonexistent/program', args: [], cwd, env });
  const exit = await p.exited;
  assert.equal(exit.exitCode, null);
  assert.match(exit.spawnError ?? '', /ENOENT/);
});

test('retained output is capped; dropped bytes are counted', async () => {
  const p = startProcess({
    program: '/bin/bash',
    args: ['-c', 'for i in $(seq 1 50); do head -c 1000 /dev/zero | tr "\\0" a; sleep 0.001; done'],
    cwd,
    env,
    maxOutputBytes: 5000,
  });
  await p.exited;
  assert.equal(p.outputLength(), 50_000);
  const s = p.outputSince(0);
  assert.ok(s.dropped >= 45_000 - 1000, `dropped ${s.dropped}`);
  assert.equal(s.dropped + s.bytes.length, 50_000);
});

test('with stdin closed, a reader sees end of input at once', async () => {
  const p = startProcess(
    { program: '/bin/bash', args: ['-c', 'cat; echo "rc=$?"'], cwd, env },
    { keepStdinOpen: false },
  );
  assert.deepEqual(await p.exited, { exitCode: 0, signal: null });
  assert.equal(p.outputSince(0).bytes.toString(), 'rc=0\n');
  assert.equal(await p.write('x'), false);
});

test('given stdin is delivered even when stdin is not kept open', async () => {
  const p = startProcess({ program: '/bin/cat', args: [], cwd, env, stdin: 'fed\n' }, { keepStdinOpen: false });
  await p.exited;
  assert.equal(p.outputSince(0).bytes.toString(), 'fed\n');
});

test('umask: the child gets the requested mask whatever hexec has, and hexec keeps its own', async () => {
  const mine = process.umask(0o077);
  try {
    const p = startProcess(
      { program: '/bin/bash', args: ['-c', 'umask; touch f022 && stat -c %a f022'], cwd, env, umask: 0o022 },
      { keepStdinOpen: false },
    );
    await p.exited;
    assert.equal(p.outputSince(0).bytes.toString(), '0022\n644\n');
    const q = startProcess({ program: '/bin/bash', args: ['-c', 'umask'], cwd, env }, { keepStdinOpen: false });
    await q.exited;
    assert.equal(q.outputSince(0).bytes.toString(), '0077\n', 'without umask the child inherits');
    assert.equal(process.umask(0o077), 0o077, 'hexec restored its own mask');
  } finally {
    process.umask(mine);
  }
});
