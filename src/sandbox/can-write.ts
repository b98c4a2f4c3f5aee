import { isAbsolute } from 'node:path';
import { realFsProbe, resolveForWrite, type FsProbe } from './fs-probe.js';
import { layoutAllowsWrite, sandboxLayout } from './sandbox-layout.js';
import type { SandboxPolicy } from './sandbox-policy.js';

export interface CanWriteContext {
  readonly cwd: string;
  readonly tmpdir?: string;
  readonly fs?: FsProbe;
  /** Host directory mounted at /tmp for commands (see BwrapContext.tmpBind). */
  readonly tmpBind?: string;
}

/**
 * Whether a file edit made by hexec itself (apply_patch, which runs outside bwrap) may
 * write `absPath`, with the same answer a sandboxed command would get: symlinks are
 * resolved (also dangling ones, and in the missing part of the path), then the path must
 * lie in a writable root and outside .git/.codex/.agents. /tmp is private to commands
 * (a tmpfs, or tmpBind), so edits there are refused unless /tmp/... is inside a host root.
 */
export function canWrite(policy: SandboxPolicy, absPath: string, ctx: CanWriteContext): boolean {
  if (!isAbsolute(absPath)) return false;
  if (policy.mode === 'danger-full-access') return true;
  if (policy.mode === 'read-only') return false;
  const fs = ctx.fs ?? realFsProbe;
  const layout = sandboxLayout(policy, {
    cwd: ctx.cwd,
    fs,
    ...(ctx.tmpdir !== undefined ? { tmpdir: ctx.tmpdir } : {}),
    ...(ctx.tmpBind !== undefined ? { tmpBind: ctx.tmpBind } : {}),
  });
  const real = resolveForWrite(fs, absPath);
  return layoutAllowsWrite(layout, real);
}
