import { HexecError } from '../errors/index.js';
import { formatKeyPath } from './key-path.js';
import type { Merged } from './merge.js';
import { isTable, type Table } from './schema.js';
import type { ModelProviderInfo, Provenance } from './types.js';

/**
 * Built-in providers and the lookup of `model_provider`. Like codex, a built-in id
 * cannot be redefined in `[model_providers]` (openai's URL comes from
 * `openai_base_url`).
 */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_REQUEST_MAX_RETRIES = 4;
export const DEFAULT_STREAM_MAX_RETRIES = 5;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
export const BUILT_IN_PROVIDERS = ['openai', 'ollama', 'lmstudio'] as const;

interface ProviderBase {
  readonly name: string;
  readonly base_url: string;
  readonly wire_api: 'responses' | 'chat';
  readonly env_keys: readonly string[];
  readonly requires_openai_auth: boolean;
}

function builtIn(id: string, openaiBaseUrl: string | undefined): ProviderBase | undefined {
  switch (id) {
    case 'openai':
      return {
        name: 'OpenAI',
        base_url: openaiBaseUrl ?? DEFAULT_OPENAI_BASE_URL,
        wire_api: 'responses',
        env_keys: ['CODEX_API_KEY', 'OPENAI_API_KEY'],
        requires_openai_auth: true,
      };
    case 'ollama':
      return {
        name: 'Ollama',
        base_url: 'http://localhost:11434/v1',
        wire_api: 'chat',
        env_keys: [],
        requires_openai_auth: false,
      };
    case 'lmstudio':
      return {
        name: 'LM Studio',
        base_url: 'http://localhost:1234/v1',
        wire_api: 'chat',
        env_keys: [],
        requires_openai_auth: false,
      };
    default:
      return undefined;
  }
}

function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isTable(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export interface ProviderResolution {
  readonly provider: ModelProviderInfo;
  readonly warnings: string[];
}

export function resolveProvider(id: string, merged: Merged): ProviderResolution {
  const t = merged.table;
  const warnings: string[] = [];
  const providers = isTable(t['model_providers']) ? t['model_providers'] : ({} as Table);
  const openaiBaseUrl = typeof t['openai_base_url'] === 'string' ? t['openai_base_url'] : undefined;
  const builtin = builtIn(id, openaiBaseUrl);
  for (const name of BUILT_IN_PROVIDERS) {
    if (Object.hasOwn(providers, name)) {
      warnings.push(
        `[model_providers.${name}] is ignored: \`${name}\` is a built-in provider${name === 'openai' ? ' (set openai_base_url instead)' : ''}.`,
      );
    }
  }
  const custom = builtin === undefined && Object.hasOwn(providers, id) ? providers[id] : undefined;
  if (builtin === undefined && !isTable(custom)) {
    const p: Provenance | undefined = merged.provenance.get('model_provider');
    throw new HexecError('config', `Model provider \`${id}\` not found`, {
      source:
        p?.file !== undefined
          ? { file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), key: 'model_provider' }
          : { flag: p?.flag ?? 'model_provider', key: 'model_provider' },
      hint: `define [model_providers.${id}] or use one of: ${[...BUILT_IN_PROVIDERS, ...Object.keys(providers)].join(', ')}`,
    });
  }
  const c: Table = isTable(custom) ? custom : {};
  const envKey = typeof c['env_key'] === 'string' ? c['env_key'] : undefined;
  const envKeys = builtin?.env_keys ?? (envKey !== undefined ? [envKey] : []);
  const provider: ModelProviderInfo = {
    id,
    name: builtin?.name ?? (typeof c['name'] === 'string' ? c['name'] : id),
    base_url: builtin?.base_url ?? (typeof c['base_url'] === 'string' ? c['base_url'] : DEFAULT_OPENAI_BASE_URL),
    wire_api: builtin?.wire_api ?? (c['wire_api'] === 'chat' ? 'chat' : 'responses'),
    env_key: envKeys[0] ?? null,
    env_keys: envKeys,
    query_params: strMap(c['query_params']),
    http_headers: strMap(c['http_headers']),
    env_http_headers: strMap(c['env_http_headers']),
    request_max_retries: num(c['request_max_retries']) ?? num(t['request_max_retries']) ?? DEFAULT_REQUEST_MAX_RETRIES,
    stream_max_retries: num(c['stream_max_retries']) ?? num(t['stream_max_retries']) ?? DEFAULT_STREAM_MAX_RETRIES,
    stream_idle_timeout_ms:
      num(c['stream_idle_timeout_ms']) ?? num(t['stream_idle_timeout_ms']) ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    requires_openai_auth: builtin?.requires_openai_auth ?? c['requires_openai_auth'] === true,
    experimental_bearer_token:
      typeof c['experimental_bearer_token'] === 'string' ? c['experimental_bearer_token'] : null,
    built_in: builtin !== undefined,
  };
  return { provider, warnings };
}

/** Where a provider leaf (`provider.<field>[.<key>]`) came from. */
export function providerLeafProvenance(
  provider: ModelProviderInfo,
  rest: readonly string[],
  merged: Merged,
): Provenance {
  const field = rest[0] ?? '';
  const lookup = (path: readonly string[]): Provenance | undefined => {
    for (let n = path.length; n > 0; n -= 1) {
      const p = merged.provenance.get(formatKeyPath(path.slice(0, n)));
      if (p !== undefined) return p;
    }
    return undefined;
  };
  if (field === 'id') return merged.provenance.get('model_provider') ?? { layer: 'default' };
  const src = field === 'env_keys' ? ['env_key'] : rest;
  let p: Provenance | undefined;
  if (provider.built_in) {
    if (field === 'base_url' && provider.id === 'openai') p = merged.provenance.get('openai_base_url');
  } else {
    const own = ['model_providers', provider.id];
    p = lookup([...own, ...src]);
  }
  if (
    p === undefined &&
    (field === 'request_max_retries' || field === 'stream_max_retries' || field === 'stream_idle_timeout_ms')
  ) {
    p = merged.provenance.get(field);
  }
  return (
    p ?? (provider.built_in ? { layer: 'built-in', note: `built-in provider ${provider.id}` } : { layer: 'default' })
  );
}
