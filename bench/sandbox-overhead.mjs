// Wall time of spawning /bin/true: plain vs through hexec's sandbox launcher (workspace-write),
// measured in-process with hexec's own runProcess, alternating the two.
// Standalone: node scripts/build.mjs && node bench/sandbox-overhead.mjs [N]
// From bench/run.mjs: measureSandboxOverhead({ root, n, scratch }).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Resolves { bwrapVersion, plainMs: number[], sandboxedMs: number[], overheadMs: number[] (paired differences) }. */
export async function measureSandboxOverhead({ root, n, scratch }) {
  const { runProcess } = await import(join(root, 'build/src/exec/index.js'));
  const { bwrapVersion, launcherFor, preflight, workspaceWritePolicy, isRefused } = await import(
    join(root, 'build/src/sandbox/index.js')
  );
  const { captureHostEnv } = await import(join(root, 'build/src/env/index.js'));
  const ws = mkdtempSync(join(scratch, 'sandbox-overhead-'));
  try {
    mkdirSync(join(ws, '.git'));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws };
    const pf = await preflight(captureHostEnv(), [ws]);
    if (!pf.ok) throw new Error(`sandbox unavailable: ${pf.diagnosis}`);
    const launch = launcherFor(workspaceWritePolicy(), pf);
    const timeOne = async (req) => {
      const t = performance.now();
      const r = await runProcess(req);
      const ms = performance.now() - t;
      if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
      return ms;
    };
    const plainReq = () => ({ program: '/bin/true', args: [], cwd: ws, env });
    const boxedReq = () => {
      const req = launch({ argv: ['/bin/true'], cwd: ws, env });
      if (isRefused(req)) throw new Error(req.reason);
      return req;
    };
    // Warm-up: first spawns pay for page cache and lazy initialisation.
    await timeOne(plainReq());
    await timeOne(boxedReq());
    const plainMs = [];
    const sandboxedMs = [];
    for (let i = 0; i < n; i += 1) {
      if (i % 2 === 0) {
        plainMs.push(await timeOne(plainReq()));
        sandboxedMs.push(await timeOne(boxedReq()));
      } else {
        sandboxedMs.push(await timeOne(boxedReq()));
        plainMs.push(await timeOne(plainReq()));
      }
    }
    return {
      bwrapVersion: await bwrapVersion(pf.bwrapPath),
      plainMs,
      sandboxedMs,
      overheadMs: sandboxedMs.map((s, i) => s - plainMs[i]),
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 50);
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = await measureSandboxOverhead({ root, n, scratch: tmpdir() });
  const plain = median(r.plainMs);
  const boxed = median(r.sandboxedMs);
  console.log(`bwrap ${r.bwrapVersion}, N=${n}`);
  console.log(`plain spawn      : ${plain.toFixed(2)} ms (median)`);
  console.log(`sandboxed spawn  : ${boxed.toFixed(2)} ms (median, workspace-write)`);
  console.log(`overhead         : ${(boxed - plain).toFixed(2)} ms`);
}
