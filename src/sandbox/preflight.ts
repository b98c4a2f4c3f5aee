import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { HostEnv } from '../env/index.js';
import { runProcess } from '../exec/index.js';
import { diagnoseProbeFailure, MISSING_BWRAP_DIAGNOSIS, unsupportedArchDiagnosis } from './diagnose.js';
import { isWithin } from './fs-probe.js';
import { seccompArchOf, seccompProgram, type SeccompArch } from './seccomp-policy.js';

export type PreflightResult =
  | {
      readonly ok: true;
      readonly bwrapPath: string;
      readonly procMode: 'fresh' | 'hidden';
      /** The syscall table of the commands' seccomp filter. */
      readonly seccompArch: SeccompArch;
    }
  | { readonly ok: false; readonly diagnosis: string };

/**
 * The first executable `bwrap` on PATH. Relative PATH entries and directories inside the
 * working directories (hexec's cwd and the workspace; `/` excepted) are skipped: a
 * repository must not be able to supply its own bwrap.
 */
export function findBwrap(env: HostEnv, workspaces: readonly string[] = [env.cwd]): string | undefined {
  const avoid = workspaces.filter((w) => w !== '/');
  for (const dir of (env.vars['PATH'] ?? '').split(':')) {
    if (dir === '' || !isAbsolute(dir)) continue;
    if (avoid.some((w) => isWithin(resolve(dir), w))) continue;
    const candidate = join(dir, 'bwrap');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function probeArgs(procMode: 'fresh' | 'hidden'): string[] {
  return [
    '--new-session',
    '--die-with-parent',
    '--unshare-user',
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-net',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    ...(procMode === 'fresh' ? ['--proc', '/proc'] : ['--tmpfs', '/proc']),
    // The commands' filter, on the probe's first input descriptor: the kernel must accept it.
    '--seccomp',
    '3',
    '--',
    '/bin/true',
  ];
}

function inContainer(env: HostEnv): boolean {
  return existsSync('/.dockerenv') || existsSync('/run/.containerenv') || (env.vars['container'] ?? '') !== '';
}

/**
 * Checks, before any command runs, that bwrap exists and can build the sandbox (user,
 * pid and network namespaces, a fresh /proc, the seccomp filter): one spawn of bwrap running /bin/true in
 * such a sandbox. Where /proc cannot be mounted (some containers) it retries with /proc
 * hidden under an empty tmpfs, as codex retries with --no-proc (codex then shows the
 * host's /proc; hexec hides it).
 */
export async function preflight(env: HostEnv, workspaces: readonly string[] = [env.cwd]): Promise<PreflightResult> {
  const bwrapPath = findBwrap(env, workspaces);
  if (bwrapPath === undefined) return { ok: false, diagnosis: MISSING_BWRAP_DIAGNOSIS };
  return probe(bwrapPath, env);
}

/** The probe of one bwrap; its outcome depends on that binary and the kernel, not on the run. */
async function probe(bwrapPath: string, env: HostEnv): Promise<PreflightResult> {
  const seccompArch = seccompArchOf(env.arch);
  if (seccompArch === undefined) return { ok: false, diagnosis: unsupportedArchDiagnosis(env.arch) };
  const filter = seccompProgram('network-off', seccompArch);
  const run = (args: string[], inputFds: Buffer[] = []) =>
    runProcess({ program: bwrapPath, args, cwd: '/', env: {}, timeoutMs: 10_000, inputFds });
  let procMode: 'fresh' | 'hidden' = 'fresh';
  let result = await run(probeArgs(procMode), [filter]);
  if (result.exitCode !== 0 && /Can't mount proc/i.test(result.stderr)) {
    procMode = 'hidden';
    result = await run(probeArgs(procMode), [filter]);
  }
  if (result.exitCode !== 0) {
    return {
      ok: false,
      diagnosis: diagnoseProbeFailure({
        stderr: result.stderr,
        exitCode: result.exitCode,
        ...(result.spawnError !== undefined ? { spawnError: result.spawnError } : {}),
        inContainer: inContainer(env),
        bwrapPath,
      }),
    };
  }
  return { ok: true, bwrapPath, procMode, seccompArch };
}

/** A probe begun before the run's configuration (and so its own bwrap lookup) is known. */
export interface EarlyPreflight {
  readonly bwrapPath: string | undefined;
  readonly result: Promise<PreflightResult>;
}

/**
 * Starts the probe of the bwrap that `env` finds, outside `workspaces`, so that it runs
 * while the configuration is resolved. Callers pass a lookup that can only find a bwrap the
 * run would trust too (the system directories, every candidate working directory avoided).
 */
export function beginPreflight(env: HostEnv, workspaces: readonly string[]): EarlyPreflight {
  const bwrapPath = findBwrap(env, workspaces);
  const result: Promise<PreflightResult> =
    bwrapPath === undefined
      ? Promise.resolve({ ok: false, diagnosis: MISSING_BWRAP_DIAGNOSIS })
      : probe(bwrapPath, env);
  return { bwrapPath, result };
}

/**
 * The run's preflight: the early probe's outcome when the run's own lookup finds the same
 * bwrap (the probe does not depend on anything else), otherwise a probe of its own.
 */
export function preflightAfter(
  early: EarlyPreflight | undefined,
  env: HostEnv,
  workspaces: readonly string[] = [env.cwd],
): Promise<PreflightResult> {
  const bwrapPath = findBwrap(env, workspaces);
  if (bwrapPath === undefined) return Promise.resolve({ ok: false, diagnosis: MISSING_BWRAP_DIAGNOSIS });
  if (early !== undefined && early.bwrapPath === bwrapPath) return early.result;
  return probe(bwrapPath, env);
}

/** bwrap's version ("0.8.0"), for reports: a spawn of its own, which a run does not need. */
export async function bwrapVersion(bwrapPath: string): Promise<string> {
  const v = await runProcess({ program: bwrapPath, args: ['--version'], cwd: '/', env: {}, timeoutMs: 10_000 });
  return /(\d+\.\d+(?:\.\d+)?)/.exec(v.stdout)?.[1] ?? 'unknown';
}
