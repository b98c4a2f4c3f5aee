import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxedFileOps } from '../../src/app/exec-setup.js';
import { captureHostEnv } from '../../src/env/index.js';
import { canWrite, launcherFor, preflight, workspaceWritePolicy } from '../../src/sandbox/index.js';
import { applyPatch } from '../../src/tools/index.js';

/**
 * A command still running in the background flips `sub` between a directory and a
 * symlink to a directory outside the workspace, racing apply_patch's check against its
 * write. With the writes made inside the sandbox, the race can never land outside.
 */
test('apply_patch writes cannot be redirected outside the roots by a racing command', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hexec-race-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(outside);
  const policy = workspaceWritePolicy({ writableRoots: [ws], excludeSlashTmp: true, excludeTmpdirEnvVar: true });
  const pf = await preflight(captureHostEnv(), [ws]);
  assert.ok(pf.ok, 'bubblewrap is required for this test');
  const hidden = join(root, 'state');
  mkdirSync(hidden);
  writeFileSync(join(hidden, 'auth.json'), 'secret-key');
  const ops = sandboxedFileOps(
    launcherFor(policy, pf, { hostTmpdir: '/tmp', hiddenPaths: [hidden], sessionCwd: ws }),
    ws,
  );
  // Reads happen in the sandbox too: a symlink to hexec's hidden state reads nothing.
  symlinkSync(join(hidden, 'auth.json'), join(ws, 'peek'));
  await assert.rejects(ops.read(join(ws, 'peek')));
  writeFileSync(join(ws, 'plain.txt'), 'héllo\n');
  assert.equal(Buffer.from(await ops.read(join(ws, 'plain.txt'))).toString('utf8'), 'héllo\n');
  // The race's end state, deterministically: hexec's check has passed, then `sub` became a
  // symlink to outside. A write in hexec's own process would follow it; the sandbox's
  // mounts refuse it.
  rmSync(join(ws, 'sub'), { recursive: true });
  symlinkSync(outside, join(ws, 'sub'));
  await assert.rejects(ops.write(join(ws, 'sub', 'late.txt'), 'x'));
  assert.equal(existsSync(join(outside, 'late.txt')), false);
  await assert.rejects(ops.remove(join(ws, 'sub', 'nothing.txt')));
  rmSync(join(ws, 'sub'));
  mkdirSync(join(ws, 'sub'));
  const flipper = spawn(
    'bash',
    ['-c', `cd '${ws}'; while true; do rm -rf sub; mkdir sub; rm -rf sub; ln -s '${outside}' sub; done`],
    { stdio: 'ignore' },
  );
  t.after(() => flipper.kill('SIGKILL'));
  let applied = 0;
  for (let i = 0; i < 60; i += 1) {
    const r = await applyPatch(`*** Begin Patch\n*** Add File: sub/pwned-${i}.txt\n+x\n*** End Patch\n`, {
      cwd: ws,
      canWrite: (p) => (canWrite(policy, p, { cwd: ws }) ? true : 'outside the writable roots'),
      fileOps: ops,
    });
    if (r.status === 'completed') applied += 1;
    if (existsSync(join(outside, `pwned-${i}.txt`))) assert.fail(`attempt ${i} wrote outside the workspace`);
  }
  assert.ok(applied > 0, 'some patches applied while sub was a directory');
});
