import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * The README's offline demo, as CI runs it: no API key in the environment, the model
 * replayed strictly from the shipped cassette, the project's tests failing before and
 * passing after. It also guards the cassette: a change to what hexec sends (base
 * instructions, tool declarations) makes the strict replay diverge here first; re-record
 * with `node examples/fix-failing-test/record.mjs`.
 */
test('offline demo: failing before, fixed by the replayed run, passing after', async () => {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent-home', LANG: 'C.UTF-8' };
  const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn('bash', [join(REPO_ROOT, 'examples/fix-failing-test/run-demo.sh')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
  assert.equal(r.code, 0, r.out);
  const before = r.out.indexOf('2 of 4 cases fail');
  const after = r.out.indexOf('all 4 cases pass', r.out.indexOf('== after'));
  assert.ok(before !== -1 && after > before, r.out);
  assert.match(r.out, /--replay-mode strict -s workspace-write/);
  assert.match(r.out, /M \/.*\/src\/slugify\.js/);
});
