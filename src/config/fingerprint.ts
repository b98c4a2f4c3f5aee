import { sep } from 'node:path';
import { canonicalJson, sha256Hex } from '../util/index.js';
import type { ResolvedConfig } from './types.js';

/**
 * Secrets out, machine paths normalised, then sha256 of the canonical JSON.
 * Redacted: string values of keys whose name contains key/token/secret (except
 * names that hold a variable *name*: env_key, env_keys, *_env_var, env_vars,
 * env_http_headers), every http_headers value, every env / set value.
 */
export const REDACTED = '<redacted>';

const SECRET_NAME = /key|token|secret|password|authorization/i;
const NAMES_NOT_SECRET = new Set(['env_key', 'env_keys', 'env_vars', 'env_http_headers', 'env_key_instructions']);
const VALUES_SECRET = new Set(['http_headers', 'env', 'set']);

function secretName(name: string): boolean {
  if (NAMES_NOT_SECRET.has(name) || name.endsWith('_env_var')) return false;
  return SECRET_NAME.test(name);
}

function redactValue(v: unknown, all: boolean): unknown {
  if (typeof v === 'string') return all ? REDACTED : v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, all));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (all) out[k] = redactValue(x, true);
      else if (VALUES_SECRET.has(k)) out[k] = redactValue(x, true);
      else if (secretName(k) && (typeof x === 'string' || Array.isArray(x))) out[k] = redactValue(x, true);
      else out[k] = redactValue(x, false);
    }
    return out;
  }
  return v;
}

/** A copy with secret values replaced by "<redacted>" (for output and fingerprints). */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, false) as T;
}

export interface PathAliases {
  readonly project: string;
  readonly codexHome: string;
  readonly home: string;
}

/** Replaces path prefixes (longest first) with $PROJECT, $CODEX_HOME, $HOME in every string. */
export function normalisePaths<T>(value: T, aliases: PathAliases): T {
  const pairs: Array<[string, string]> = (
    [
      [aliases.project, '$PROJECT'],
      [aliases.codexHome, '$CODEX_HOME'],
      [aliases.home, '$HOME'],
    ] as Array<[string, string]>
  )
    .filter(([p]) => p !== '' && p !== sep)
    .sort((a, b) => b[0].length - a[0].length);
  const fix = (raw: string): string => {
    // A loopback port is chosen per run (a local key proxy, a replay server): not an input.
    const s = raw.replace(/^(https?:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])):\d+(?=\/|$)/, '$1:<port>');
    for (const [p, alias] of pairs) {
      if (s === p) return alias;
      if (s.startsWith(p + sep)) return alias + s.slice(p.length);
    }
    return s;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[fix(k)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The object the fingerprint hashes (documented in docs/config.md). */
export function fingerprintInput(resolved: ResolvedConfig): unknown {
  const aliases = { project: resolved.projectRoot, codexHome: resolved.codexHome, home: resolved.home };
  return normalisePaths(
    redactSecrets({
      fingerprint_version: 1,
      cwd: resolved.cwd,
      effective: resolved.effective,
      add_dirs: resolved.addDirs,
      requirements: {
        allowed_sandbox_modes: resolved.requirements.allowed_sandbox_modes,
        allowed_approval_policies: resolved.requirements.allowed_approval_policies,
        enforce_residency: resolved.requirements.enforce_residency,
        additional_developer_instructions: resolved.requirements.additional_developer_instructions,
        prefix_rules: resolved.requirements.rules?.prefix_rules ?? null,
      },
      instructions: resolved.instructions.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    }),
    aliases,
  );
}

export function fingerprint(resolved: ResolvedConfig): string {
  return sha256Hex(canonicalJson(fingerprintInput(resolved)));
}
