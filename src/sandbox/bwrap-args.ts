import { realFsProbe, type FsProbe } from './fs-probe.js';
import type { SandboxIdentity } from './identity.js';
import { sandboxLayout, type SandboxLayout } from './sandbox-layout.js';
import type { SandboxPolicy } from './sandbox-policy.js';
import { seccompProfileOf, seccompProgram, type SeccompArch } from './seccomp-policy.js';

export interface BwrapContext {
  /** The session's working root: the writable root of workspace-write (never the model's workdir). */
  readonly cwd: string;
  /** Where the command starts (the model's `workdir`); default cwd. Grants nothing. */
  readonly chdir?: string;
  readonly tmpdir?: string;
  /** The command to run inside the sandbox. */
  readonly argv: readonly string[];
  /**
   * The complete environment of the command. It reaches bwrap through a pipe (`--args`),
   * never on its command line: /proc/<pid>/cmdline is readable by every local user.
   */
  readonly env: Readonly<Record<string, string>>;
  /** The syscall table the seccomp filter is built for (the host's; see preflight). */
  readonly seccompArch: SeccompArch;
  /** Defaults to the real filesystem; tests pass a fake. */
  readonly fs?: FsProbe;
  /** 'fresh': mount a new /proc; 'hidden': an empty tmpfs where /proc cannot be mounted. */
  readonly procMode?: 'fresh' | 'hidden';
  /** Host directory mounted at /tmp instead of a private tmpfs. */
  readonly tmpBind?: string;
  /** Size limit of the private /tmp tmpfs. */
  readonly tmpfsSizeBytes?: number;
  /** Run as this uid/gid with these passwd/group files (hermetic runs); default: the host user. */
  readonly identity?: SandboxIdentity;
  /**
   * Host paths commands must not read (hexec's own state: $CODEX_HOME with auth.json and
   * session transcripts): an empty read-only tmpfs over a directory, /dev/null over a file.
   * Skipped when the path contains the working directory or a writable root.
   */
  readonly hiddenPaths?: readonly string[];
}

export interface BwrapPlan {
  /** bwrap's command line: mounts, namespaces and the command; nothing secret. */
  readonly args: readonly string[];
  /** What bwrap reads from descriptors 3, 4, ... (SpawnRequest.inputFds, in this order). */
  readonly inputFds: readonly Buffer[];
  readonly layout: SandboxLayout;
}

/** The descriptor bwrap reads the environment options from (`--args`). */
export const BWRAP_ENV_FD = 3;
/** The descriptor bwrap reads the seccomp program from (`--seccomp`). */
export const BWRAP_SECCOMP_FD = 4;

/** NUL-terminated bwrap options that give the command exactly `env`, for `--args FD`. */
export function envArgsData(env: Readonly<Record<string, string>>): Buffer {
  const words = ['--clearenv'];
  for (const k of Object.keys(env).sort()) words.push('--setenv', k, env[k] as string);
  return Buffer.from(words.map((w) => `${w}\0`).join(''), 'utf8');
}

const HOSTNAME = 'hexec-sandbox';

function depth(p: string): number {
  return p === '/' ? 0 : p.split('/').length - 1;
}

/**
 * The bwrap argv for `policy` (danger-full-access never reaches bwrap). Order:
 * session/namespace flags; `--ro-bind / /`; the mounts that make things writable, parents
 * before children (the private /tmp before a workspace under /tmp); the read-only
 * re-binds of .git/.codex/.agents (last, so they win over any root); a minimal /dev and a
 * fresh /proc on top; the environment; the working directory; the command.
 */
export function buildBwrapPlan(policy: SandboxPolicy, ctx: BwrapContext): BwrapPlan {
  if (policy.mode === 'danger-full-access') {
    throw new Error('danger-full-access runs without bwrap');
  }
  const fs = ctx.fs ?? realFsProbe;
  const layout = sandboxLayout(policy, {
    cwd: ctx.cwd,
    fs,
    ...(ctx.tmpdir !== undefined ? { tmpdir: ctx.tmpdir } : {}),
    ...(ctx.tmpBind !== undefined ? { tmpBind: ctx.tmpBind } : {}),
  });
  const net = policy.mode === 'workspace-write' && policy.networkAccess;
  const args: string[] = [
    '--new-session',
    '--die-with-parent',
    '--unshare-user',
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    HOSTNAME,
    '--unshare-cgroup-try',
    // Root callers would otherwise keep a full capability set inside the namespace.
    '--cap-drop',
    'ALL',
  ];
  if (ctx.identity !== undefined) args.push('--uid', String(ctx.identity.uid), '--gid', String(ctx.identity.gid));
  if (!net) args.push('--unshare-net');
  args.push('--ro-bind', '/', '/');

  type Mount = { dest: string; args: string[] };
  const writable: Mount[] = [];
  if (layout.privateTmp) {
    if (ctx.tmpBind !== undefined) writable.push({ dest: '/tmp', args: ['--bind', ctx.tmpBind, '/tmp'] });
    else if (ctx.tmpfsSizeBytes !== undefined) {
      writable.push({ dest: '/tmp', args: ['--size', String(ctx.tmpfsSizeBytes), '--tmpfs', '/tmp'] });
    } else writable.push({ dest: '/tmp', args: ['--tmpfs', '/tmp'] });
  }
  for (const r of layout.writableRoots) writable.push({ dest: r, args: ['--bind', r, r] });
  // Stable sort by depth: a parent is mounted before anything inside it.
  writable.sort((a, b) => depth(a.dest) - depth(b.dest));
  for (const m of writable) args.push(...m.args);

  // Code-unit order, not localeCompare: the mount order must not depend on hexec's locale.
  const ro = [...layout.protectedPaths].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const p of ro) args.push('--ro-bind', p, p);
  for (const p of [...layout.placeholders].sort()) args.push('--ro-bind', '/dev/null', p);
  const visible = [ctx.cwd, ...layout.writableRoots];
  for (const h of [...(ctx.hiddenPaths ?? [])].sort()) {
    const real = fs.realpath(h) ?? h;
    if (visible.some((v) => v === real || v.startsWith(`${real}/`))) continue;
    const kind = fs.kind(real);
    if (kind === 'dir') args.push('--tmpfs', real, '--remount-ro', real);
    else if (kind === 'file') args.push('--ro-bind', '/dev/null', real);
  }
  if (ctx.identity !== undefined) {
    args.push('--ro-bind', ctx.identity.passwdFile, '/etc/passwd', '--ro-bind', ctx.identity.groupFile, '/etc/group');
  }

  args.push('--dev', '/dev');
  if ((ctx.procMode ?? 'fresh') === 'fresh') args.push('--proc', '/proc');
  else args.push('--tmpfs', '/proc');

  args.push('--args', String(BWRAP_ENV_FD));
  const inputFds = [envArgsData(ctx.env)];
  const profile = seccompProfileOf(policy);
  if (profile !== undefined) {
    args.push('--seccomp', String(BWRAP_SECCOMP_FD));
    inputFds.push(seccompProgram(profile, ctx.seccompArch));
  }
  const start = ctx.chdir ?? ctx.cwd;
  args.push('--chdir', fs.realpath(start) ?? start, '--', ...ctx.argv);
  return Object.freeze({ args: Object.freeze(args), inputFds: Object.freeze(inputFds), layout });
}

/** The argv after `bwrap` (see buildBwrapPlan). */
export function buildBwrapArgs(policy: SandboxPolicy, ctx: BwrapContext): string[] {
  return [...buildBwrapPlan(policy, ctx).args];
}
