import { resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { HostEnv } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import { parseShellEnvironmentPolicy, type ShellEnvironmentPolicy } from '../policy/index.js';
import {
  DANGER_FULL_ACCESS_POLICY,
  READ_ONLY_POLICY,
  workspaceWritePolicy,
  type SandboxPolicy,
} from '../sandbox/index.js';

/** The flags `hexec sandbox` (and later exec) hand over. */
export interface SandboxFlags {
  readonly sandbox?: string;
  readonly addDir: readonly string[];
  readonly config: readonly string[];
  readonly cd?: string;
  readonly dangerouslyBypass?: boolean;
  readonly fullAuto?: boolean;
}

export interface SandboxSettings {
  readonly cwd: string;
  readonly policy: SandboxPolicy;
  readonly envPolicy: ShellEnvironmentPolicy;
}

function tomlValue(raw: string): unknown {
  try {
    return (parseToml(`v = ${raw}`) as { v: unknown }).v;
  } catch {
    return raw;
  }
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let t = root;
  for (const k of path.slice(0, -1)) {
    const next = t[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) t[k] = {};
    t = t[k] as Record<string, unknown>;
  }
  t[path[path.length - 1] as string] = value;
}

function bool(v: unknown, key: string): boolean {
  if (typeof v !== 'boolean') throw new HexecError('config', 'invalid value', { source: { flag: '-c', key }, expected: 'a boolean', found: JSON.stringify(v) });
  return v;
}

/**
 * TEMPORARY — to be replaced by `resolveConfig(flags, env)` from src/config/ when that
 * branch is merged. Derives the sandbox and environment policies from the command-line
 * flags only: `-s`, `--add-dir`, `-C`, and `-c` overrides of `sandbox_mode`,
 * `sandbox_workspace_write.*` and `shell_environment_policy.*` (config files are not read).
 */
export function sandboxSettingsFromFlags(flags: SandboxFlags, env: HostEnv): SandboxSettings {
  const cfg: Record<string, unknown> = {};
  for (const item of flags.config) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new HexecError('usage', `Invalid override (missing '='): ${item}`);
    setPath(cfg, item.slice(0, eq).trim().split('.'), tomlValue(item.slice(eq + 1).trim()));
  }
  const cwd = flags.cd !== undefined ? resolve(env.cwd, flags.cd) : env.cwd;
  let mode = flags.sandbox ?? (typeof cfg['sandbox_mode'] === 'string' ? cfg['sandbox_mode'] : 'read-only');
  if (flags.fullAuto === true && flags.sandbox === undefined) mode = 'workspace-write';
  if (flags.dangerouslyBypass === true) mode = 'danger-full-access';
  const sww = (cfg['sandbox_workspace_write'] ?? {}) as Record<string, unknown>;
  let policy: SandboxPolicy;
  if (mode === 'read-only') policy = READ_ONLY_POLICY;
  else if (mode === 'danger-full-access') policy = DANGER_FULL_ACCESS_POLICY;
  else if (mode === 'workspace-write') {
    const roots = sww['writable_roots'] ?? [];
    if (!Array.isArray(roots) || !roots.every((r) => typeof r === 'string')) {
      throw new HexecError('config', 'invalid value', { source: { flag: '-c', key: 'sandbox_workspace_write.writable_roots' }, expected: 'an array of paths' });
    }
    policy = workspaceWritePolicy({
      writableRoots: [...flags.addDir, ...(roots as string[])].map((d) => resolve(cwd, d)),
      networkAccess: bool(sww['network_access'] ?? false, 'sandbox_workspace_write.network_access'),
      excludeTmpdirEnvVar: bool(sww['exclude_tmpdir_env_var'] ?? false, 'sandbox_workspace_write.exclude_tmpdir_env_var'),
      excludeSlashTmp: bool(sww['exclude_slash_tmp'] ?? false, 'sandbox_workspace_write.exclude_slash_tmp'),
    });
  } else {
    throw new HexecError('config', 'invalid value', { source: { flag: '-c', key: 'sandbox_mode' }, expected: '"read-only", "workspace-write" or "danger-full-access"', found: JSON.stringify(mode) });
  }
  return { cwd, policy, envPolicy: parseShellEnvironmentPolicy(cfg['shell_environment_policy'], { flag: '-c' }) };
}
