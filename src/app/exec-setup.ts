import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PermissionsView } from '../agent/context-items.js';
import type { ResolvedConfig } from '../config/index.js';
import type { HostEnv } from '../env/index.js';
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
  preflight,
  workspaceWritePolicy,
  type SandboxPolicy,
} from '../sandbox/index.js';
import type { CommandLauncher, WriteCheck } from '../tools/index.js';
import { READ_ONLY_REJECTION, OUTSIDE_WRITABLE_ROOTS_REJECTION } from '../tools/index.js';
import { HERMETIC_PATH, commandEnvironment } from './command-env.js';

export interface ExecutionSetup {
  readonly policy: SandboxPolicy;
  readonly permissions: PermissionsView;
  readonly launcher: CommandLauncher;
  readonly canWrite: WriteCheck;
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
  return { inherit: p.inherit, ignoreDefaultExcludes: p.ignore_default_excludes, exclude: [...p.exclude], set: { ...p.set }, includeOnly: [...p.include_only] };
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

export interface SetupInput {
  readonly cfg: ResolvedConfig;
  readonly env: HostEnv;
  readonly threadId: string;
  readonly secretVarNames: readonly string[];
  readonly secretValues: readonly string[];
}

/**
 * Everything commands need: the sandbox (preflight first; fails closed with exit 5 unless
 * danger-full-access), the exec-policy rules, the command environment, apply_patch's
 * write check, and a private /tmp for the run.
 */
export async function prepareExecution(i: SetupInput): Promise<ExecutionSetup> {
  const { cfg, env } = i;
  const policy = sandboxPolicyOf(cfg);
  const rules = loadRules(cfg, env);
  // A hermetic run finds bwrap in the system's directories only, never via the user's PATH.
  const probeEnv: HostEnv = cfg.hermetic ? { ...env, vars: { ...env.vars, PATH: HERMETIC_PATH } } : env;
  const pf = policy.mode === 'danger-full-access' ? ({ ok: false, diagnosis: 'not needed' } as const) : await preflight(probeEnv, [cfg.cwd]);
  if (policy.mode !== 'danger-full-access' && !pf.ok) throw new HexecError('sandbox', pf.diagnosis);
  const tmpRoot = policy.mode === 'danger-full-access' ? undefined : mkdtempSync(join(env.tmpdir, 'hexec-tmp-'));
  const hermeticHome = tmpRoot !== undefined ? '/tmp/home' : join(env.tmpdir, 'hexec-home');
  if (cfg.hermetic) {
    if (tmpRoot !== undefined) mkdirSync(join(tmpRoot, 'home'), { recursive: true });
    else {
      rmSync(hermeticHome, { recursive: true, force: true });
      mkdirSync(hermeticHome, { recursive: true, mode: 0o700 });
    }
  }
  const sandboxLauncher = launcherFor(policy, pf.ok ? pf : { ok: false, diagnosis: 'unused' }, {
    ...(tmpRoot !== undefined ? { tmpBind: tmpRoot } : {}),
    ...(cfg.hermetic ? { hostTmpdir: '/tmp' } : {}),
  });
  const sandboxed = policy.mode !== 'danger-full-access';
  const launcher: CommandLauncher = (cmd) => {
    const gate = gateCommand(rules.policy, cmd.argv);
    if (gate.type === 'refused') return { type: 'refused', reason: gate.reason };
    const out = sandboxLauncher(cmd);
    if (isRefused(out)) return out;
    return { ...out, sandboxed };
  };
  const writeCheck: WriteCheck = (abs) => {
    if (policy.mode === 'read-only') return READ_ONLY_REJECTION;
    if (policy.mode === 'danger-full-access') return true;
    return canWrite(policy, abs, { cwd: cfg.cwd }) ? true : OUTSIDE_WRITABLE_ROOTS_REJECTION;
  };
  const commandEnv = commandEnvironment({
    env,
    hermetic: cfg.hermetic,
    hermeticHome,
    policy: shellPolicyOf(cfg),
    sandboxMode: policy.mode,
    networkDisabled: !networkAllowed(policy),
    threadId: i.threadId,
    secretVarNames: i.secretVarNames,
    secretValues: i.secretValues,
  });
  return {
    policy,
    permissions: permissionsViewOf(cfg, policy),
    launcher,
    canWrite: writeCheck,
    commandEnv,
    rulesFiles: rules.files,
    cleanup: () => {
      if (tmpRoot !== undefined) rmSync(tmpRoot, { recursive: true, force: true });
    },
  };
}
