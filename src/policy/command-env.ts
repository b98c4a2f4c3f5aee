import { HexecError } from '../errors/index.js';
import { applyShellEnvironmentPolicy, type ShellEnvironmentPolicy } from './shell-env-policy.js';

/** The codex version hexec reports to commands (CODEX_VERSION) for compatibility. */
export const CODEX_COMPAT_VERSION = '0.169.0';

export interface CommandEnvContext {
  readonly sandboxMode: 'read-only' | 'workspace-write' | 'danger-full-access';
  readonly networkDisabled: boolean;
  readonly threadId: string;
  readonly sessionId: string;
  readonly toolCallId: string;
  /** CODEX_PERMISSION_PROFILE; default `:<mode>` (`:read-only` as codex shows it). */
  readonly permissionProfile?: string;
  /** Variables that carry the model API key (provider env_key, CODEX_API_KEY, ...). */
  readonly secretVarNames: readonly string[];
  /** The API key values themselves: any variable holding one is removed too. */
  readonly secretValues: readonly string[];
  /** Variables the command line passes on purpose (`--pass-env`), already selected. */
  readonly passThrough?: Readonly<Record<string, string>>;
}

/** Names of the variables hexec always sets (after the policy), in codex's spelling. */
export function markerVariables(ctx: CommandEnvContext): Record<string, string> {
  const m: Record<string, string> = {
    CODEX_CI: '1',
    CODEX_THREAD_ID: ctx.threadId,
    CODEX_SESSION_ID: ctx.sessionId,
    CODEX_TOOL_CALL_ID: ctx.toolCallId,
    CODEX_VERSION: CODEX_COMPAT_VERSION,
    CODEX_PERMISSION_PROFILE: ctx.permissionProfile ?? `:${ctx.sandboxMode}`,
    CODEX_APPLY_PATCH_PRESERVE_LINE_ENDINGS: '1',
    NO_COLOR: '1',
    COLORTERM: '',
    TERM: 'dumb',
    PAGER: 'cat',
    GIT_PAGER: 'cat',
    GH_PAGER: 'cat',
    HEXEC: '1',
    HEXEC_SANDBOX: ctx.sandboxMode,
  };
  if (ctx.networkDisabled) m['CODEX_SANDBOX_NETWORK_DISABLED'] = '1';
  return m;
}

/** Secrets shorter than this are matched by exact value only (never by substring). */
const MIN_SUBSTRING_SECRET = 8;

/**
 * The complete environment of one agent command: shell_environment_policy over hexec's
 * own environment, then the `--pass-env` variables, then the marker variables, then —
 * under every policy, `set` and `--pass-env` included — removal of the API key's
 * variables and of any variable whose value holds the key.
 */
export function createCommandEnv(
  policy: ShellEnvironmentPolicy,
  parent: Readonly<Record<string, string>>,
  ctx: CommandEnvContext,
): Record<string, string> {
  const env = applyShellEnvironmentPolicy(policy, parent);
  Object.assign(env, ctx.passThrough ?? {});
  Object.assign(env, markerVariables(ctx));
  if (!ctx.networkDisabled) delete env['CODEX_SANDBOX_NETWORK_DISABLED'];
  if (env['LC_CTYPE'] === undefined && env['LC_ALL'] === undefined) env['LC_CTYPE'] = 'C.UTF-8';
  const names = new Set(ctx.secretVarNames);
  const values = ctx.secretValues.filter((v) => v !== '');
  for (const [k, v] of Object.entries(env)) {
    if (names.has(k)) delete env[k];
    else if (values.some((s) => v === s || (s.length >= MIN_SUBSTRING_SECRET && v.includes(s)))) delete env[k];
  }
  return env;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `--pass-env NAME...`: the named variables of hexec's own environment, for every command,
 * past the default secret excludes, `exclude`/`include_only` and a hermetic run's fixed
 * environment. Names hexec sets for commands itself (`reserved`) and the model key's
 * variables cannot be passed; a name that is not set passes nothing.
 */
export function passThroughEnv(
  names: readonly string[],
  parent: Readonly<Record<string, string>>,
  reserved: readonly string[],
  keyVarNames: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const refuse = (why: string, hint: string): never => {
      throw new HexecError('usage', `cannot pass ${name} to the agent's commands: ${why}`, {
        source: { flag: '--pass-env' },
        hint,
      });
    };
    if (!ENV_NAME.test(name))
      refuse('not an environment variable name', 'use letters, digits and underscores, not starting with a digit');
    if (reserved.includes(name) || Object.keys(markerVariables(MARKER_PROBE)).includes(name))
      refuse('hexec sets it for every command itself', `remove --pass-env ${name}`);
    if (keyVarNames.includes(name))
      refuse(
        'it holds the model API key, which never reaches commands',
        'give commands their own credential under another name',
      );
    const v = parent[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

const MARKER_PROBE: CommandEnvContext = {
  sandboxMode: 'read-only',
  networkDisabled: true,
  threadId: '',
  sessionId: '',
  toolCallId: '',
  secretVarNames: [],
  secretValues: [],
};
