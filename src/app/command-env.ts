import type { HostEnv } from '../env/index.js';
import { createCommandEnv, passThroughEnv, type ShellEnvironmentPolicy } from '../policy/index.js';

/** PATH of hermetic commands: the system's standard directories, nothing of the user's. */
export const HERMETIC_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * What a hermetic command sees besides the marker variables: a fixed PATH, locale,
 * time zone, identity, shell, home and temp dir. The host's values of these never
 * reach the command, so its output (which goes back to the model) does not depend on
 * whoever's machine runs it.
 */
export function hermeticBaseEnv(home: string, tmpdir = '/tmp'): Record<string, string> {
  return {
    PATH: HERMETIC_PATH,
    HOME: home,
    USER: 'hexec',
    LOGNAME: 'hexec',
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    TMPDIR: tmpdir,
    SHLVL: '1',
  };
}

export interface CommandEnvInput {
  readonly env: HostEnv;
  readonly hermetic: boolean;
  /** Home for hermetic commands (inside the sandbox view). */
  readonly hermeticHome: string;
  /** TMPDIR for hermetic commands (inside the sandbox view); default /tmp. */
  readonly hermeticTmpdir?: string;
  readonly policy: ShellEnvironmentPolicy;
  readonly sandboxMode: 'read-only' | 'workspace-write' | 'danger-full-access';
  readonly networkDisabled: boolean;
  readonly threadId: string;
  readonly secretVarNames: readonly string[];
  readonly secretValues: readonly string[];
  /** `--pass-env` names: passed from hexec's environment past the policy and the hermetic base. */
  readonly passEnv?: readonly string[];
}

/**
 * The environment of every agent command. Non-hermetic: shell_environment_policy over
 * hexec's own environment (secrets excluded by default). Hermetic: the fixed base above
 * plus only the policy's explicit `set` (codex's `inherit = "core"` without the host's
 * values), so nothing of the machine leaks in. In both, the variables named on the
 * command line with `--pass-env` are added from hexec's environment.
 */
export function commandEnvironment(i: CommandEnvInput): Record<string, string> {
  const ctx = {
    sandboxMode: i.sandboxMode,
    networkDisabled: i.networkDisabled,
    threadId: i.threadId,
    sessionId: i.threadId,
    toolCallId: '',
    secretVarNames: i.secretVarNames,
    secretValues: i.secretValues,
    passThrough: passThroughEnv(
      i.passEnv ?? [],
      i.env.vars,
      Object.keys(hermeticBaseEnv(i.hermeticHome, i.hermeticTmpdir)),
      i.secretVarNames,
    ),
  };
  if (!i.hermetic) {
    const env = createCommandEnv(i.policy, i.env.vars, ctx);
    if (env['SHLVL'] === undefined) env['SHLVL'] = '1';
    return env;
  }
  const base = hermeticBaseEnv(i.hermeticHome, i.hermeticTmpdir);
  const policy: ShellEnvironmentPolicy = { ...i.policy, inherit: 'all', includeOnly: [], exclude: [] };
  const env = createCommandEnv(policy, base, ctx);
  return env;
}
