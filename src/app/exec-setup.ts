import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PermissionsView } from '../agent/context-items.js';
import type { ConfigFlags, ResolvedConfig } from '../config/index.js';
import { envVar, type HostEnv } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import {
  gateCommand,
  loadExecPolicy,
  parseRequirementsRules,
  ruleFiles,
  type ExecPolicy,
  type ShellEnvironmentPolicy,
} from '../policy/index.js';
import {
  DANGER_FULL_ACCESS_POLICY,
  READ_ONLY_POLICY,
  canWrite,
  isRefused,
  launcherFor,
  networkAllowed,
  beginPreflight,
  preflightAfter,
  workspaceWritePolicy,
  type EarlyPreflight,
  type PreflightResult,
  writeIdentityFiles,
  HERMETIC_IDENTITY,
  type SandboxIdentity,
  type SandboxPolicy,
  type CommandLauncher as SandboxLauncher,
} from '../sandbox/index.js';
import { runProcess } from '../exec/index.js';
import { writeFileAtomic } from '../util/index.js';
import { localFileOps, type CommandLauncher, type FileOps, type WriteCheck } from '../tools/index.js';
import { READ_ONLY_REJECTION, OUTSIDE_WRITABLE_ROOTS_REJECTION } from '../tools/index.js';
import { HERMETIC_PATH, commandEnvironment } from './command-env.js';

export interface ExecutionSetup {
  readonly policy: SandboxPolicy;
  readonly permissions: PermissionsView;
  readonly launcher: CommandLauncher;
  readonly canWrite: WriteCheck;
  /** apply_patch's writes: inside the sandbox unless danger-full-access. */
  readonly fileOps: FileOps;
  /**
   * Writes an output file (-o) atomically. A path the agent's commands can write to is
   * written from inside the sandbox (temp file + rename there), so a directory the model
   * swapped for a symlink cannot carry hexec's write outside the writable roots.
   */
  writeOutput(path: string, text: string): Promise<void>;
  readonly commandEnv: Record<string, string>;
  readonly rulesFiles: readonly string[];
  /** Removes the run's private /tmp. */
  cleanup(): void;
}

export function sandboxPolicyOf(cfg: ResolvedConfig): SandboxPolicy {
  const e = cfg.effective;
  switch (e.sandbox_mode) {
    case 'read-only':
      return READ_ONLY_POLICY;
    case 'danger-full-access':
      return DANGER_FULL_ACCESS_POLICY;
    case 'workspace-write':
      return workspaceWritePolicy({
        writableRoots: [cfg.cwd, ...cfg.addDirs, ...e.sandbox_workspace_write.writable_roots],
        networkAccess: e.sandbox_workspace_write.network_access,
        excludeTmpdirEnvVar: cfg.hermetic ? true : e.sandbox_workspace_write.exclude_tmpdir_env_var,
        excludeSlashTmp: e.sandbox_workspace_write.exclude_slash_tmp,
      });
  }
}

export function shellPolicyOf(cfg: ResolvedConfig): ShellEnvironmentPolicy {
  const p = cfg.effective.shell_environment_policy;
  return {
    inherit: p.inherit,
    ignoreDefaultExcludes: p.ignore_default_excludes,
    exclude: [...p.exclude],
    set: { ...p.set },
    includeOnly: [...p.include_only],
  };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

export function permissionsViewOf(cfg: ResolvedConfig, policy: SandboxPolicy): PermissionsView {
  const roots = policy.mode === 'workspace-write' ? unique(policy.writableRoots) : [];
  return {
    mode: policy.mode,
    approvalPolicy: cfg.effective.approval_policy,
    networkAccess: networkAllowed(policy),
    writableRoots: roots,
    slashTmp: policy.mode === 'workspace-write' && !policy.excludeSlashTmp,
    tmpdirEnv: policy.mode === 'workspace-write' && !policy.excludeTmpdirEnvVar,
    readOnlySubpaths: roots.flatMap((r) => ['.git', '.agents', '.codex'].map((n) => join(r, n))),
  };
}

export function loadRules(cfg: ResolvedConfig, env: HostEnv): { policy: ExecPolicy; files: string[] } {
  const reqRules: ExecPolicy[] = [];
  const r = cfg.requirements.rules;
  if (r !== null) {
    reqRules.push(parseRequirementsRules({ prefix_rules: r.prefix_rules as unknown[] }, r.file));
  }
  const trustedProjectCodexDirs = cfg.rulesDirs.filter((d) => d.layer === 'project').map((d) => join(d.dir, '..'));
  const input = {
    systemConfigDir: env.systemConfigDir,
    codexHome: cfg.codexHome,
    trustedProjectCodexDirs,
    ignoreRules: cfg.ignoreRules || cfg.hermetic,
  };
  const files = ruleFiles(input);
  if (r !== null) files.push(r.file);
  return { policy: loadExecPolicy(input, reqRules), files };
}

/** File-mode creation mask of hermetic commands (the host's umask does not reach them). */
export const HERMETIC_UMASK = 0o022;

/** Per-run scratch space: what is mounted at /tmp, the commands' HOME and TMPDIR, the identity. */
interface Scratch {
  /** Removed at the end of the run. */
  readonly root: string | undefined;
  readonly tmpBind: string | undefined;
  readonly home: string;
  readonly tmpdir: string;
  readonly identity: SandboxIdentity | undefined;
}

/** Non-hermetic: a private /tmp for sandboxed commands, under the host's temp dir. */
function plainScratch(env: HostEnv, policy: SandboxPolicy): Scratch {
  const root = policy.mode === 'danger-full-access' ? undefined : mkdtempSync(join(env.tmpdir, 'hexec-tmp-'));
  return { root, tmpBind: root, home: env.home, tmpdir: env.tmpdir, identity: undefined };
}

/**
 * Hermetic: `/tmp/hexec-<thread id>` whatever TMPDIR says (no random name, so nothing a
 * command sees differs between runs but the thread id). Sandboxed commands get its
 * `tmp/` at /tmp, HOME=/tmp/home and a fixed identity; danger-full-access commands get
 * its `home/` and `tmp/` directly.
 */
function hermeticScratch(threadId: string, sandboxed: boolean): Scratch {
  const root = join('/tmp', `hexec-${threadId}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { mode: 0o700 });
  const tmp = join(root, 'tmp');
  mkdirSync(tmp, { mode: 0o700 });
  if (sandboxed) {
    mkdirSync(join(tmp, 'home'), { mode: 0o700 });
    const identity = writeIdentityFiles(join(root, 'etc'), HERMETIC_IDENTITY);
    return { root, tmpBind: tmp, home: HERMETIC_IDENTITY.home, tmpdir: '/tmp', identity };
  }
  mkdirSync(join(root, 'home'), { mode: 0o700 });
  return { root, tmpBind: undefined, home: join(root, 'home'), tmpdir: tmp, identity: undefined };
}

/**
 * apply_patch writes made by a sandboxed shell in the same sandbox as the commands: the
 * kernel's mounts decide, so a path a command redirected after hexec's check (a directory
 * swapped for a symlink) still cannot reach outside the writable roots.
 */
type SandboxShell = (script: string, path: string, stdin: string) => Promise<string>;

/** Runs a tiny /bin/sh script with $1 = path inside the sandbox (no rules gate). */
function sandboxShell(launch: SandboxLauncher, cwd: string): SandboxShell {
  return async (script, path, stdin) => {
    const req = launch({ argv: ['/bin/sh', '-c', script, 'sh', path], cwd, env: { PATH: HERMETIC_PATH, LC_ALL: 'C' } });
    if (isRefused(req)) throw new Error(req.reason);
    const r = await runProcess({ ...req, stdin, maxOutputBytes: 128 * 1024 * 1024, timeoutMs: 60_000 });
    if (r.exitCode === 21) throw Object.assign(new Error('Is a directory'), { code: 'EISDIR' });
    if (r.exitCode === 22) throw Object.assign(new Error('No such file or directory'), { code: 'ENOENT' });
    if (r.exitCode === 23) throw new Error('not a regular file');
    if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${String(r.exitCode)}`);
    return r.stdout;
  };
}

export function sandboxedFileOps(launch: SandboxLauncher, cwd: string): FileOps {
  const run = sandboxShell(launch, cwd);
  return {
    read: async (path) =>
      Buffer.from(
        await run(
          'if [ -d "$1" ]; then exit 21; elif [ ! -e "$1" ]; then exit 22; elif [ ! -f "$1" ]; then exit 23; fi; exec base64 -w0 -- "$1"',
          path,
          '',
        ),
        'base64',
      ),
    mkdirp: async (path) => void (await run('mkdir -p -- "$1"', path, '')),
    write: async (path, contents) => void (await run('cat > "$1"', path, contents)),
    remove: async (path) => void (await run('if [ -d "$1" ] || [ ! -e "$1" ]; then exit 3; fi; rm -- "$1"', path, '')),
  };
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/**
 * hexec's own state ($CODEX_HOME: auth.json, rollouts it appends to) must lie outside
 * everything commands can write: otherwise a command could rename it from under the mount
 * that hides it, or plant symlinks where hexec writes. Fails closed (exit 5).
 */
function checkStateOutsideRoots(cfg: ResolvedConfig, env: HostEnv, policy: SandboxPolicy): void {
  if (policy.mode === 'danger-full-access') return;
  const state = real(cfg.codexHome);
  let hit: string | undefined;
  if (policy.mode === 'workspace-write') {
    const tmpdir = envVar(env, 'TMPDIR');
    const roots = [
      ...policy.writableRoots,
      ...(!policy.excludeTmpdirEnvVar && tmpdir !== undefined ? [tmpdir] : []),
    ].map(real);
    hit = roots.find((r) => overlaps(state, r));
  } else {
    // read-only: nothing is writable, but state that contains the working directory cannot be hidden.
    const cwd = real(cfg.cwd);
    if (overlaps(state, cwd) && !state.startsWith(`${cwd}/`)) hit = cwd;
  }
  if (hit !== undefined) {
    throw new HexecError(
      'sandbox',
      `CODEX_HOME (${cfg.codexHome}) overlaps the writable root ${hit}: the agent's commands could read auth.json and tamper with session files`,
      {
        hint: 'point CODEX_HOME outside the workspace, --add-dir directories, writable_roots and $TMPDIR (or use --hermetic, or -s read-only)',
      },
    );
  }
}

export interface SetupInput {
  readonly cfg: ResolvedConfig;
  readonly env: HostEnv;
  readonly threadId: string;
  readonly secretVarNames: readonly string[];
  readonly secretValues: readonly string[];
  /** `--pass-env` names. */
  readonly passEnv?: readonly string[];
  /** The sandbox check begun earlier by startPreflight(cfg, env); begun here when absent. */
  readonly preflight?: Promise<PreflightResult>;
}

/**
 * Begins the sandbox check (one bwrap spawn) before the configuration is resolved, unless
 * the flags already say that no sandbox is used. It probes the bwrap of the system
 * directories (what a hermetic run uses), found outside every directory the run may work
 * in, so nothing the user's PATH or the repository supplies runs before the configuration
 * decides; startPreflight reuses the outcome when the run's own lookup finds the same bwrap.
 */
export function beginEarlyPreflight(flags: ConfigFlags, env: HostEnv): EarlyPreflight | undefined {
  if (flags.sandbox === 'danger-full-access' || flags.dangerouslyBypass === true) return undefined;
  const workspaces = flags.cd !== undefined ? [env.cwd, resolve(env.cwd, flags.cd)] : [env.cwd];
  return beginPreflight(hermeticProbeEnv(env), workspaces);
}

/** A hermetic run finds bwrap in the system's directories only, never via the user's PATH. */
function hermeticProbeEnv(env: HostEnv): HostEnv {
  return { ...env, vars: { ...env.vars, PATH: HERMETIC_PATH } };
}

/**
 * The run's sandbox check, begun as soon as the configuration says what is needed (reusing
 * `early` when it probed the same bwrap), so that it runs while the rest of the run is set
 * up; prepareExecution waits for it, before anything is sent to the model.
 */
export function startPreflight(cfg: ResolvedConfig, env: HostEnv, early?: EarlyPreflight): Promise<PreflightResult> {
  if (sandboxPolicyOf(cfg).mode === 'danger-full-access')
    return Promise.resolve({ ok: false, diagnosis: 'not needed' });
  return preflightAfter(early, cfg.hermetic ? hermeticProbeEnv(env) : env, [cfg.cwd]);
}

/**
 * Everything commands need: the sandbox (the preflight must pass; fails closed with exit 5
 * unless danger-full-access), the exec-policy rules, the command environment, apply_patch's
 * write check, and a private /tmp for the run.
 */
export async function prepareExecution(i: SetupInput): Promise<ExecutionSetup> {
  const { cfg, env } = i;
  const policy = sandboxPolicyOf(cfg);
  checkStateOutsideRoots(cfg, env, policy);
  const rules = loadRules(cfg, env);
  const pf = await (i.preflight ?? startPreflight(cfg, env));
  if (policy.mode !== 'danger-full-access' && !pf.ok) throw new HexecError('sandbox', pf.diagnosis);
  const scratch = cfg.hermetic
    ? hermeticScratch(i.threadId, policy.mode !== 'danger-full-access')
    : plainScratch(env, policy);
  const sandboxLauncher = launcherFor(policy, pf.ok ? pf : { ok: false, diagnosis: 'unused' }, {
    ...(scratch.tmpBind !== undefined ? { tmpBind: scratch.tmpBind } : {}),
    // $TMPDIR as a writable root comes from hexec's own environment, never from what the
    // command environment (shell_environment_policy.set) says.
    hostTmpdir: cfg.hermetic ? null : (envVar(env, 'TMPDIR') ?? null),
    ...(scratch.identity !== undefined ? { identity: scratch.identity } : {}),
    // hexec's own state (auth.json, session transcripts) is not for the agent's commands.
    hiddenPaths: [cfg.codexHome],
    sessionCwd: cfg.cwd,
  });
  const sandboxed = policy.mode !== 'danger-full-access';
  const launcher: CommandLauncher = (cmd) => {
    const gate = gateCommand(rules.policy, cmd.argv);
    if (gate.type === 'refused') return { type: 'refused', reason: gate.reason };
    const out = sandboxLauncher(cmd);
    if (isRefused(out)) return out;
    return { ...out, sandboxed, ...(cfg.hermetic ? { umask: HERMETIC_UMASK } : {}) };
  };
  const writeCheck: WriteCheck = (abs) => {
    if (policy.mode === 'read-only') return READ_ONLY_REJECTION;
    if (policy.mode === 'danger-full-access') return true;
    return canWrite(policy, abs, { cwd: cfg.cwd }) ? true : OUTSIDE_WRITABLE_ROOTS_REJECTION;
  };
  const commandEnv = commandEnvironment({
    env,
    hermetic: cfg.hermetic,
    hermeticHome: scratch.home,
    hermeticTmpdir: scratch.tmpdir,
    policy: shellPolicyOf(cfg),
    sandboxMode: policy.mode,
    networkDisabled: !networkAllowed(policy),
    threadId: i.threadId,
    secretVarNames: i.secretVarNames,
    secretValues: i.secretValues,
    passEnv: i.passEnv ?? [],
  });
  return {
    policy,
    permissions: permissionsViewOf(cfg, policy),
    launcher,
    canWrite: writeCheck,
    fileOps: sandboxed ? sandboxedFileOps(sandboxLauncher, cfg.cwd) : localFileOps,
    writeOutput: async (path, text) => {
      // Decided on the path as written, not as resolved: a path under a writable root is
      // written from inside the sandbox even if a command has turned part of it into a
      // symlink (the sandbox then refuses what leads outside).
      const hostTmp = envVar(env, 'TMPDIR');
      const roots =
        policy.mode === 'workspace-write'
          ? [
              cfg.cwd,
              ...policy.writableRoots,
              ...(policy.excludeTmpdirEnvVar || hostTmp === undefined ? [] : [hostTmp]),
            ]
          : [];
      if (roots.some((r) => path === r || path.startsWith(`${r.endsWith('/') ? r : `${r}/`}`))) {
        const run = sandboxShell(sandboxLauncher, cfg.cwd);
        await run(
          't=$(mktemp "$(dirname -- "$1")/.hexec-out.XXXXXX") && cat > "$t" && chmod 644 "$t" && mv -f -- "$t" "$1"',
          path,
          text,
        );
      } else {
        writeFileAtomic(path, text);
      }
    },
    commandEnv,
    rulesFiles: rules.files,
    cleanup: () => {
      if (scratch.root !== undefined) rmSync(scratch.root, { recursive: true, force: true });
    },
  };
}
