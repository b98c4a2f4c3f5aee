import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HexecError } from '../errors/index.js';
import type { ProviderInfo } from './provider-info.js';

/**
 * Where the bearer token comes from. `source` names the variable or file (never the
 * value) so errors and provenance can say what was used.
 */
export type ResolvedAuth =
  | { readonly kind: 'bearer'; readonly token: string; readonly source: string }
  | { readonly kind: 'none'; readonly source: string };

export interface AuthInputs {
  readonly vars: Readonly<Record<string, string>>;
  readonly codexHome: string;
  /** Reads $CODEX_HOME/auth.json; injectable so the resolution stays a pure function in tests. */
  readonly readAuthJson?: (path: string) => string | undefined;
}

export const CODEX_API_KEY_VAR = 'CODEX_API_KEY';
export const OPENAI_API_KEY_VAR = 'OPENAI_API_KEY';

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function defaultReadAuthJson(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function keyFromAuthJson(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const v = (parsed as Record<string, unknown>)[OPENAI_API_KEY_VAR];
      return typeof v === 'string' ? nonEmpty(v) : undefined;
    }
  } catch {
    // an unreadable auth.json counts as absent
  }
  return undefined;
}

/**
 * Resolution order:
 * 1. `experimental_bearer_token` from config;
 * 2. the provider's `env_key` (missing or empty → HexecError 'auth' naming the variable);
 * 3. built-in openai: CODEX_API_KEY, then OPENAI_API_KEY, then `$CODEX_HOME/auth.json`
 *    `{"OPENAI_API_KEY": "..."}` (none → HexecError 'auth' naming all three);
 * 4. otherwise no Authorization header (keyless local servers).
 */
export function resolveAuth(provider: ProviderInfo, inputs: AuthInputs): ResolvedAuth {
  const literal = nonEmpty(provider.experimentalBearerToken);
  if (literal !== undefined) {
    return { kind: 'bearer', token: literal, source: `model_providers.${provider.id}.experimental_bearer_token` };
  }
  if (provider.envKey !== undefined && provider.envKey !== '') {
    const v = nonEmpty(inputs.vars[provider.envKey]);
    if (v === undefined) {
      throw new HexecError('auth', `Missing environment variable: \`${provider.envKey}\`.`, {
        source: { key: `model_providers.${provider.id}.env_key` },
        hint: provider.envKeyInstructions ?? `export ${provider.envKey}=<api key> for provider \`${provider.id}\``,
      });
    }
    return { kind: 'bearer', token: v, source: `env:${provider.envKey}` };
  }
  if (provider.requiresOpenaiAuth === true) {
    const codexKey = nonEmpty(inputs.vars[CODEX_API_KEY_VAR]);
    if (codexKey !== undefined) return { kind: 'bearer', token: codexKey, source: `env:${CODEX_API_KEY_VAR}` };
    const openaiKey = nonEmpty(inputs.vars[OPENAI_API_KEY_VAR]);
    if (openaiKey !== undefined) return { kind: 'bearer', token: openaiKey, source: `env:${OPENAI_API_KEY_VAR}` };
    const path = join(inputs.codexHome, 'auth.json');
    const fileKey = keyFromAuthJson((inputs.readAuthJson ?? defaultReadAuthJson)(path));
    if (fileKey !== undefined) return { kind: 'bearer', token: fileKey, source: path };
    throw new HexecError(
      'auth',
      `No API key for provider \`${provider.id}\`: set ${CODEX_API_KEY_VAR} or ${OPENAI_API_KEY_VAR}, or write {"OPENAI_API_KEY": "..."} to ${path}.`,
      { source: { key: 'model_provider' } },
    );
  }
  return { kind: 'none', source: 'none' };
}

/** A short phrase for error messages: which credential was sent (or looked for). */
export function describeAuthSource(provider: ProviderInfo, auth: ResolvedAuth): string {
  if (auth.kind === 'bearer') {
    return auth.source.startsWith('env:') ? `the key from ${auth.source.slice(4)}` : `the key from ${auth.source}`;
  }
  return provider.envKey !== undefined
    ? `no key (${provider.envKey} unset)`
    : `no key (provider \`${provider.id}\` has no env_key)`;
}
