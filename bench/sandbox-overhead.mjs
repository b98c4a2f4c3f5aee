// Median wall time of N spawns of /bin/true: plain vs through hexec's sandbox launcher
// (workspace-write). Usage: node scripts/build.mjs && node bench/sandbox-overhead.mjs [N]
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 50);
const root = new URL('..', import.meta.url).pathname;
const { runProcess } = await import(join(root, 'build/src/exec/index.js'));
const { launcherFor, preflight, workspaceWritePolicy, isRefused } = await import(join(root, 'build/src/sandbox/index.js'));
const { captureHostEnv } = await import(join(root, 'build/src/env/index.js'));

const ws = mkdtempSync(join(tmpdir(), 'hexec-bench-'));
mkdirSync(join(ws, '.git'));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws };
const pf = await preflight(captureHostEnv(), [ws]);
if (!pf.ok) {
  console.error(pf.diagnosis);
  process.exit(5);
}
const launch = launcherFor(workspaceWritePolicy(), pf);

async function median(fn) {
  const times = [];
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    const r = await fn();
    times.push(performance.now() - t);
    if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const plain = await median(() => runProcess({ program: '/bin/true', args: [], cwd: ws, env }));
const sandboxed = await median(() => {
  const req = launch({ argv: ['/bin/true'], cwd: ws, env });
  if (isRefused(req)) throw new Error(req.reason);
  return runProcess(req);
});
console.log(`bwrap ${pf.version}, N=${N}`);
console.log(`plain spawn      : ${plain.toFixed(2)} ms (median)`);
console.log(`sandboxed spawn  : ${sandboxed.toFixed(2)} ms (median, workspace-write)`);
console.log(`overhead         : ${(sandboxed - plain).toFixed(2)} ms`);
