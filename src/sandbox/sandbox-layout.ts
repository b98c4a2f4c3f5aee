import { join, resolve } from 'node:path';
import type { FsProbe } from './fs-probe.js';
import { isWithin } from './fs-probe.js';
import { PROTECTED_NAMES, type SandboxPolicy } from './sandbox-policy.js';

/** Where a command runs and what it may write: the facts both bwrap and apply_patch use. */
export interface LayoutContext {
  /** Absolute working directory of the command. */
  readonly cwd: string;
  /** Value of $TMPDIR for the command, if any. */
  readonly tmpdir?: string;
  readonly fs: FsProbe;
  /**
   * Host directory mounted at /tmp (e.g. one per agent session, so files survive between
   * commands). Absent: /tmp is a private tmpfs discarded when the command exits.
   */
  readonly tmpBind?: string;
}

export interface SandboxLayout {
  /** Resolved host directories bind-mounted writable, without duplicates. */
  readonly writableRoots: readonly string[];
  /** Paths re-bound read-only on top of the writable roots. */
  readonly protectedPaths: readonly string[];
  /** Missing protected paths covered with /dev/null (bwrap creates an empty file there). */
  readonly placeholders: readonly string[];
  /** /tmp is writable but private (tmpfs, or `tmpBind`). */
  readonly privateTmp: boolean;
}

const EMPTY: SandboxLayout = Object.freeze({
  writableRoots: [],
  protectedPaths: [],
  placeholders: [],
  privateTmp: false,
});

/** `gitdir: <path>` of a worktree/submodule pointer file, resolved against its root. */
function gitdirTarget(fs: FsProbe, root: string): string | undefined {
  const text = fs.readText(join(root, '.git'));
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(text ?? '');
  if (m?.[1] === undefined) return undefined;
  return fs.realpath(resolve(root, m[1]));
}

function protectedFor(fs: FsProbe, root: string, isCwd: boolean, out: Set<string>, holes: Set<string>): void {
  for (const name of PROTECTED_NAMES) {
    const p = join(root, name);
    const kind = fs.kind(p);
    if (kind === 'dir' || kind === 'file' || kind === 'other') {
      out.add(p);
      if (name === '.git' && kind === 'file') {
        const target = gitdirTarget(fs, root);
        if (target !== undefined) out.add(target);
      }
    } else if (kind === 'symlink') {
      // bwrap cannot mount over a symlink; protect what it points to.
      const target = fs.realpath(p);
      if (target !== undefined) out.add(target);
    } else if (isCwd && name === '.codex') {
      // codex: the cwd's .codex is protected even before it exists.
      holes.add(p);
    }
  }
}

/**
 * Computes the writable roots (cwd, extra roots, $TMPDIR; /tmp as a private tmpfs) and the
 * read-only sub-paths of each (.git incl. a gitdir pointer's target, .codex, .agents).
 * Missing roots are skipped, every root is symlink-resolved.
 */
export function sandboxLayout(policy: SandboxPolicy, ctx: LayoutContext): SandboxLayout {
  if (policy.mode !== 'workspace-write') return EMPTY;
  const fs = ctx.fs;
  const privateTmp = !policy.excludeSlashTmp;
  const candidates: Array<{ path: string; isCwd: boolean }> = [{ path: ctx.cwd, isCwd: true }];
  for (const r of policy.writableRoots) candidates.push({ path: resolve(ctx.cwd, r), isCwd: false });
  if (!policy.excludeTmpdirEnvVar && ctx.tmpdir !== undefined && ctx.tmpdir !== '') {
    candidates.push({ path: resolve(ctx.cwd, ctx.tmpdir), isCwd: false });
  }
  const roots: string[] = [];
  const prot = new Set<string>();
  const holes = new Set<string>();
  const cwdReal = fs.realpath(ctx.cwd);
  for (const c of candidates) {
    const real = fs.realpath(c.path);
    if (real === undefined || fs.kind(real) !== 'dir') continue;
    if (privateTmp && real === '/tmp') continue;
    if (!roots.includes(real)) roots.push(real);
  }
  for (const root of roots) protectedFor(fs, root, root === cwdReal, prot, holes);
  return Object.freeze({
    writableRoots: Object.freeze(roots),
    protectedPaths: Object.freeze([...prot]),
    placeholders: Object.freeze([...holes]),
    privateTmp,
  });
}

/** Whether `real` (symlink-resolved) is writable from inside the sandbox, per the layout. */
export function layoutAllowsWrite(layout: SandboxLayout, real: string): boolean {
  if (layout.protectedPaths.some((p) => isWithin(real, p))) return false;
  if (layout.placeholders.some((p) => isWithin(real, p))) return false;
  return layout.writableRoots.some((r) => isWithin(real, r));
}
