import { lstatSync, unlinkSync } from 'node:fs';
import { HexecError } from '../errors/index.js';
import type { SpawnRequest } from '../exec/index.js';
import { buildBwrapPlan } from './bwrap-args.js';
import { realFsProbe, type FsProbe } from './fs-probe.js';
import type { SandboxIdentity } from './identity.js';
import type { PreflightResult } from './preflight.js';
import type { SandboxPolicy } from './sandbox-policy.js';

/** A command as the agent's tools describe it, before the sandbox wraps it. */
export interface LaunchCommand {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The command's complete environment (after shell_environment_policy). */
  readonly env: Readonly<Record<string, string>>;
}

export type LaunchOutcome = SpawnRequest | { readonly type: 'refused'; readonly reason: string };

export type CommandLauncher = (cmd: LaunchCommand) => LaunchOutcome;

export interface LauncherOptions {
  /** $TMPDIR of hexec's host (a writable root unless excluded); default: the command's TMPDIR. */
  readonly hostTmpdir?: string | null;
  /** Host directory mounted at /tmp (one per session), instead of a per-command tmpfs. */
  readonly tmpBind?: string;
  readonly tmpfsSizeBytes?: number;
  /**
   * The session's working root. The sandbox's writable roots derive from it, never from
   * the directory a command asks to start in (the model's `workdir` grants nothing).
   */
  readonly sessionCwd?: string;
  /** Host paths hidden from commands (see BwrapContext.hiddenPaths). */
  readonly hiddenPaths?: readonly string[];
  readonly fs?: FsProbe;
  /** uid/gid and passwd/group of the command (hermetic runs). */
  readonly identity?: SandboxIdentity;
}

/**
 * bwrap creates the mount points of paths under /tmp inside the run's private /tmp (a host
 * directory the commands can write). A command could turn a component into a symlink that
 * leads out of it, so each component must still be a real directory (or absent).
 */
function tmpMountProblem(tmpBind: string, dest: string): string | undefined {
  if (!dest.startsWith('/tmp/')) return undefined;
  const parts = dest
    .slice('/tmp/'.length)
    .split('/')
    .filter((x) => x !== '');
  let here = tmpBind;
  for (let i = 0; i < parts.length; i += 1) {
    here = `${here}/${parts[i] as string}`;
    let st;
    try {
      st = lstatSync(here);
    } catch {
      return undefined;
    }
    if (st.isSymbolicLink() || (i < parts.length - 1 && !st.isDirectory())) {
      return `/tmp/${parts.slice(0, i + 1).join('/')} inside the sandbox's /tmp was replaced (${st.isSymbolicLink() ? 'a symlink' : 'not a directory'}); it is where ${dest} is mounted`;
    }
  }
  return undefined;
}

export function isRefused(o: LaunchOutcome): o is { readonly type: 'refused'; readonly reason: string } {
  return 'type' in o && o.type === 'refused';
}

/**
 * Placeholder files bwrap creates on the host when it covers a missing protected path
 * (e.g. `$CWD/.codex`) with /dev/null. Counted per path so that the last of several
 * concurrent commands removes it, and only while it is still the empty file bwrap made.
 */
const activePlaceholders = new Map<string, number>();

function holdPlaceholders(paths: readonly string[]): () => void {
  for (const p of paths) activePlaceholders.set(p, (activePlaceholders.get(p) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const p of paths) {
      const n = (activePlaceholders.get(p) ?? 1) - 1;
      if (n > 0) {
        activePlaceholders.set(p, n);
        continue;
      }
      activePlaceholders.delete(p);
      try {
        const st = lstatSync(p);
        if (st.isFile() && st.size === 0) unlinkSync(p);
      } catch {
        // already gone
      }
    }
  };
}

/**
 * The one way hexec turns a command into a process under `policy`. Fails closed: when
 * preflight failed and the mode needs bwrap, this throws HexecError('sandbox') (exit 5)
 * with the diagnosis; it never falls back to running unsandboxed.
 */
export function launcherFor(policy: SandboxPolicy, pf: PreflightResult, opts: LauncherOptions = {}): CommandLauncher {
  if (policy.mode === 'danger-full-access') {
    return (cmd) => {
      const [program, ...args] = cmd.argv;
      if (program === undefined) return { type: 'refused', reason: 'empty command' };
      return { program, args, cwd: cmd.cwd, env: { ...cmd.env } };
    };
  }
  if (!pf.ok) throw new HexecError('sandbox', pf.diagnosis);
  const fs = opts.fs ?? realFsProbe;
  // What the roots are when the run starts. A command may not re-point one later (rename
  // a parent, put a symlink in its place) to have a different directory mounted writable.
  const anchors = [
    ...(policy.mode === 'workspace-write' ? policy.writableRoots : []),
    ...(opts.sessionCwd !== undefined ? [opts.sessionCwd] : []),
  ];
  const expected = new Map(anchors.map((r) => [r, fs.realpath(r)] as const));
  return (cmd) => {
    if (cmd.argv.length === 0) return { type: 'refused', reason: 'empty command' };
    for (const [root, was] of expected) {
      if (fs.realpath(root) !== was) {
        return {
          type: 'refused',
          reason: `the sandbox root ${root} no longer resolves to the directory it was when the run started`,
        };
      }
    }
    if (fs.kind(cmd.cwd) === 'missing') {
      return { type: 'refused', reason: `working directory ${cmd.cwd} does not exist` };
    }
    // null: hexec's host has no $TMPDIR, so there is no $TMPDIR root (never the command's own value).
    const tmpdir = opts.hostTmpdir === null ? undefined : (opts.hostTmpdir ?? cmd.env['TMPDIR']);
    const plan = buildBwrapPlan(policy, {
      cwd: opts.sessionCwd ?? cmd.cwd,
      chdir: cmd.cwd,
      argv: cmd.argv,
      env: cmd.env,
      fs,
      procMode: pf.procMode,
      seccompArch: pf.seccompArch,
      ...(tmpdir !== undefined ? { tmpdir } : {}),
      ...(opts.tmpBind !== undefined ? { tmpBind: opts.tmpBind } : {}),
      ...(opts.tmpfsSizeBytes !== undefined ? { tmpfsSizeBytes: opts.tmpfsSizeBytes } : {}),
      ...(opts.hiddenPaths !== undefined ? { hiddenPaths: opts.hiddenPaths } : {}),
      ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
    });
    if (opts.tmpBind !== undefined) {
      const dests = [
        ...plan.layout.writableRoots,
        ...plan.layout.protectedPaths,
        ...plan.layout.placeholders,
        ...(opts.hiddenPaths ?? []),
      ];
      const bad = dests.map((d) => tmpMountProblem(opts.tmpBind as string, d)).find((x) => x !== undefined);
      if (bad !== undefined) return { type: 'refused', reason: bad };
    }
    const ours = [...plan.layout.placeholders, ...plan.layout.protectedPaths.filter((p) => activePlaceholders.has(p))];
    const release = holdPlaceholders(ours);
    return {
      program: pf.bwrapPath,
      args: plan.args,
      cwd: '/',
      // bwrap itself needs nothing; the command's environment comes through --args.
      env: {},
      inputFds: plan.inputFds,
      ...(ours.length > 0 ? { afterExit: release } : {}),
    };
  };
}
