import { HexecError } from '../../errors/index.js';
import type { ActionSandbox, SafetyStrategy } from './inputs.js';

/**
 * codex-action's `permission-profile` input (codex's `default_permissions`), mapped onto
 * hexec's sandbox modes. hexec has the built-in profiles only; a named profile from
 * `[permissions.NAME]` in config.toml has no hexec equivalent and is refused.
 */
export const PERMISSION_PROFILES: Readonly<Record<string, ActionSandbox>> = {
  ':read-only': 'read-only',
  ':workspace': 'workspace-write',
  ':danger-full-access': 'danger-full-access',
};

function bad(message: string, hint: string, found?: string): never {
  throw new HexecError('usage', `input 'permission-profile': ${message}`, {
    hint,
    ...(found !== undefined ? { found } : {}),
  });
}

/**
 * The sandbox a step runs with: `permission-profile` when set (then `sandbox` must be empty
 * and safety-strategy must not be `read-only`, as codex-action checks), else `sandbox`,
 * else workspace-write.
 */
export function sandboxFor(
  profile: string | undefined,
  sandbox: ActionSandbox | undefined,
  strategy: SafetyStrategy,
): ActionSandbox {
  if (profile === undefined) return sandbox ?? 'workspace-write';
  if (sandbox !== undefined) {
    bad(
      '`permission-profile` and `sandbox` are mutually exclusive: permission profiles do not compose with legacy sandbox settings',
      `remove \`sandbox: ${sandbox}\` (or the permission profile)`,
    );
  }
  if (strategy === 'read-only') {
    bad(
      "cannot be combined with safety-strategy 'read-only', which forces the legacy read-only sandbox",
      "use permission-profile ':read-only' with another safety strategy, or remove permission-profile",
    );
  }
  const mode = PERMISSION_PROFILES[profile];
  if (mode === undefined) {
    bad(
      `hexec knows the built-in profiles ${Object.keys(PERMISSION_PROFILES)
        .map((p) => `'${p}'`)
        .join(', ')}; named profiles ([permissions.NAME] in config.toml) are not supported`,
      "use ':workspace' or ':read-only' (the leading colon marks a built-in profile)",
      `'${profile}'`,
    );
  }
  return mode;
}
