import { HexecError, type ErrorSource } from '../errors/index.js';
import { envGlobToRegExp, matchesAnyGlob } from './env-glob.js';

/**
 * `[shell_environment_policy]`: which of hexec's own environment variables reach the
 * commands the agent runs.
 *
 * Divergence from codex 0.169 (documented in docs/sandbox.md): codex's observed default
 * passes every variable, secrets included; hexec applies the KEY, SECRET, TOKEN default
 * excludes unless `ignore_default_excludes = true`.
 */
export type EnvInherit = 'all' | 'core' | 'none';

export interface ShellEnvironmentPolicy {
  readonly inherit: EnvInherit;
  readonly ignoreDefaultExcludes: boolean;
  readonly exclude: readonly string[];
  readonly set: Readonly<Record<string, string>>;
  readonly includeOnly: readonly string[];
}

export const DEFAULT_SHELL_ENVIRONMENT_POLICY: ShellEnvironmentPolicy = Object.freeze({
  inherit: 'all',
  ignoreDefaultExcludes: false,
  exclude: Object.freeze([]),
  set: Object.freeze({}),
  includeOnly: Object.freeze([]),
});

export const DEFAULT_EXCLUDES = ['*KEY*', '*SECRET*', '*TOKEN*'] as const;

/** inherit = "core": codex's core list plus the locale (observed kept in 0.169). */
const CORE = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', 'USERNAME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_*', 'TERM'];
const CORE_RE = CORE.map(envGlobToRegExp);

const KEYS = ['inherit', 'ignore_default_excludes', 'exclude', 'set', 'include_only', 'experimental_use_profile'];

function bad(key: string, expected: string, found: unknown, source?: ErrorSource): HexecError {
  return new HexecError('config', 'invalid value', {
    source: { ...source, key: `shell_environment_policy.${key}` },
    expected,
    found: JSON.stringify(found),
  });
}

function stringList(key: string, v: unknown, source?: ErrorSource): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw bad(key, 'an array of strings', v, source);
  return v;
}

/** Reads the TOML table (already parsed) into a policy; unknown keys are errors. */
export function parseShellEnvironmentPolicy(table: unknown, source?: ErrorSource): ShellEnvironmentPolicy {
  if (table === undefined) return DEFAULT_SHELL_ENVIRONMENT_POLICY;
  if (table === null || typeof table !== 'object' || Array.isArray(table)) throw bad('', 'a table', table, source);
  const t = table as Record<string, unknown>;
  for (const k of Object.keys(t)) {
    if (!KEYS.includes(k)) {
      throw new HexecError('config', 'unknown key', { source: { ...source, key: `shell_environment_policy.${k}` } });
    }
  }
  const inherit = t['inherit'] ?? 'all';
  if (inherit !== 'all' && inherit !== 'core' && inherit !== 'none')
    throw bad('inherit', '"all", "core" or "none"', inherit, source);
  const ide = t['ignore_default_excludes'] ?? false;
  if (typeof ide !== 'boolean') throw bad('ignore_default_excludes', 'a boolean', ide, source);
  const set = t['set'] ?? {};
  if (set === null || typeof set !== 'object' || Array.isArray(set))
    throw bad('set', 'a table of strings', set, source);
  const setOut: Record<string, string> = {};
  for (const [k, v] of Object.entries(set as Record<string, unknown>)) {
    if (typeof v !== 'string') throw bad(`set.${k}`, 'a string', v, source);
    setOut[k] = v;
  }
  return Object.freeze({
    inherit,
    ignoreDefaultExcludes: ide,
    exclude: Object.freeze(stringList('exclude', t['exclude'] ?? [], source)),
    set: Object.freeze(setOut),
    includeOnly: Object.freeze(stringList('include_only', t['include_only'] ?? [], source)),
  });
}

/**
 * codex's algorithm, in order: (1) start from `inherit`; (2) unless ignore_default_excludes,
 * drop names matching *KEY*, *SECRET*, *TOKEN* (case-insensitive); (3) drop `exclude`
 * globs; (4) insert `set`; (5) if include_only is non-empty keep only matching names.
 */
export function applyShellEnvironmentPolicy(
  policy: ShellEnvironmentPolicy,
  parent: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (policy.inherit !== 'none') {
    for (const [k, v] of Object.entries(parent)) {
      if (policy.inherit === 'all' || matchesAnyGlob(k, CORE_RE)) out[k] = v;
    }
  }
  const drop = (patterns: readonly string[]): void => {
    const re = patterns.map(envGlobToRegExp);
    for (const k of Object.keys(out)) if (matchesAnyGlob(k, re)) delete out[k];
  };
  if (!policy.ignoreDefaultExcludes) drop(DEFAULT_EXCLUDES);
  drop(policy.exclude);
  for (const [k, v] of Object.entries(policy.set)) out[k] = v;
  if (policy.includeOnly.length > 0) {
    const keep = policy.includeOnly.map(envGlobToRegExp);
    for (const k of Object.keys(out)) if (!matchesAnyGlob(k, keep)) delete out[k];
  }
  return out;
}
