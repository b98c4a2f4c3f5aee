import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import { startExecCase } from '../helpers/exec-parity.js';

/**
 * `hexec exec` begins its sandbox check (one bwrap probe) before the configuration is
 * resolved, with the system directories' bwrap; the run's own lookup then decides. These
 * cases are where the two differ: the early outcome must never stand in for the run's, and
 * nothing the run's lookup would refuse may be executed early.
 */
const SYSTEM_BWRAP = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'].find((p) => existsSync(p));
const skip = SYSTEM_BWRAP === undefined ? 'bubblewrap is not installed in the system directories' : false;

/** A bwrap that records that it ran (in `marker`) and fails like a kernel without user namespaces. */
function fakeBwrap(dir: string, marker: string): void {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'bwrap');
  writeFileSync(
    p,
    `#!/bin/sh\necho "$@" >> '${marker}'\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n`,
  );
  chmodSync(p, 0o755);
}

describe('exec: the early sandbox check', { concurrency: true, skip }, () => {
  test('bwrap missing from PATH: exit 5 before any request, although the system directories have one', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('never sent')] });
    const empty = join(c.sb.root, 'empty-bin');
    mkdirSync(empty);
    const r = await c.run(['--json', 'hi'], { env: { PATH: empty } });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /bubblewrap \(`bwrap`\) was not found on PATH/);
    assert.equal(r.stdout, '');
    assert.equal(c.srv.requests.length, 0);
  });

  test("PATH's own bwrap fails: it is probed, exit 5 before any request", async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('never sent')] });
    const marker = join(c.sb.root, 'fake-bwrap-ran');
    fakeBwrap(join(c.sb.root, 'bin'), marker);
    const r = await c.run(['--json', 'hi'], { env: { PATH: `${join(c.sb.root, 'bin')}:/usr/bin:/bin` } });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /namespace/);
    assert.match(readFileSync(marker, 'utf8'), /--unshare-user/);
    assert.equal(c.srv.requests.length, 0);
  });

  test('a bwrap inside the -C workspace is never run, not even early; the run uses the system one', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('done')] });
    const marker = join(c.sb.root, 'workspace-bwrap-ran');
    const evil = join(c.sb.workspace, 'bin');
    fakeBwrap(evil, marker);
    const r = await c.run(['--json', '-C', c.sb.workspace, 'hi'], {
      cwd: c.sb.root,
      env: { PATH: `${evil}:/usr/local/bin:/usr/bin:/bin` },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(c.srv.requests.length, 1);
    assert.equal(existsSync(marker), false, 'the repository-supplied bwrap ran');
  });
});
