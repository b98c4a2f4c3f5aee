import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from './spawn-process.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

const dir = tempDir('hexec-fds-');
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir };
const EXEC_INDEX = fileURLToPath(new URL('./index.js', import.meta.url));

/**
 * A process started the way a CI runner might start hexec: with descriptor 300 open on a
 * file (no close-on-exec; Node itself marks inherited 3-19 close-on-exec at start-up, so
 * a low number would prove nothing). It first spawns a child with Node's plain spawn (the
 * control: the descriptor is there and writable), then one through each spawner of exec/.
 */
const SCRIPT = `
const { spawnSync } = await import('node:child_process');
const { runProcess, startProcess, runInteractive } = await import(${JSON.stringify(EXEC_INDEX)});
const write = ['-c', '{ echo "$0" >&300; } 2>/dev/null; ls /proc/self/fd | tr "\\\\n" " "'];
spawnSync('/bin/bash', [write[0], write[1], 'control'], { stdio: 'inherit' });
const env = { PATH: '/usr/bin:/bin' };
const r = await runProcess({ program: '/bin/bash', args: [...write, 'runProcess'], cwd: '/', env });
process.stdout.write('|' + r.stdout);
const p = startProcess({ program: '/bin/bash', args: [...write, 'startProcess'], cwd: '/', env }, { keepStdinOpen: false });
await p.exited;
process.stdout.write('|' + p.outputSince(0).bytes.toString());
process.stdout.write('|');
await runInteractive({ program: '/bin/bash', args: [...write, 'runInteractive'], cwd: '/', env });
`;

test('no descriptor hexec inherited reaches a child of any spawner (the plain spawn control shows it would)', async () => {
  const file = join(dir, 'leak.txt');
  writeFileSync(file, '');
  const wrapper = 'exec 300>>"$0"; exec "$@"';
  const child = spawn('/bin/bash', ['-c', wrapper, file, process.execPath, '--input-type=module', '-e', SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const out = Buffer.concat(chunks).toString('utf8');
  assert.equal(code, 0, out);
  assert.equal(readFileSync(file, 'utf8'), 'control\n', 'only the plain spawn wrote through fd 300');
  // The control saw fd 300; every spawner's child saw 0-2 plus ls's own directory descriptor.
  const lists = out.split('|');
  assert.match(lists[0] ?? '', /(^| )300 /);
  assert.deepEqual(
    lists.slice(1).map((l) => l.trim()),
    ['0 1 2 3', '0 1 2 3', '0 1 2 3'],
  );
});

test('inputFds: each is a descriptor (3, 4, ...) the child reads to EOF', async () => {
  const r = await runProcess({
    program: '/bin/bash',
    args: ['-c', 'cat <&3; echo; cat <&4; echo; ls /proc/self/fd | tr "\\n" " "'],
    cwd: dir,
    env,
    inputFds: ['first\0with nul', Buffer.from('second')],
  });
  assert.equal(r.exitCode, 0, r.stderr);
  const [a, b, fds] = r.stdout.split('\n');
  assert.equal(a, 'first\0with nul');
  assert.equal(b, 'second');
  assert.deepEqual(fds?.trim().split(' '), ['0', '1', '2', '3', '4', '5']);
});

test('a child that never reads its inputFds still completes', async () => {
  const r = await runProcess({ program: '/bin/true', args: [], cwd: dir, env, inputFds: ['x'.repeat(1 << 20)] });
  assert.equal(r.exitCode, 0);
});
