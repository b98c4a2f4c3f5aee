import type { WireApi } from './types.js';

/**
 * A `[model_providers.<id>]` table after config parsing (camelCase here; the config layer
 * maps `base_url` → `baseUrl`, …). Only `id`, `baseUrl` and `wireApi` are required.
 */
export interface ProviderInfo {
  /** The key under `model_providers` (`model_provider = "<id>"`). */
  readonly id: string;
  readonly name?: string;
  /** e.g. http://127.0.0.1:18080/v1 — requests go to {baseUrl}/responses. */
  readonly baseUrl: string;
  readonly wireApi: WireApi;
  /** Environment variable holding the bearer token. */
  readonly envKey?: string;
  readonly envKeyInstructions?: string;
  /** A literal bearer token from config (discouraged; never logged). */
  readonly experimentalBearerToken?: string;
  /** True for the built-in `openai` provider: CODEX_API_KEY / OPENAI_API_KEY / auth.json. */
  readonly requiresOpenaiAuth?: boolean;
  readonly queryParams?: Readonly<Record<string, string>>;
  readonly httpHeaders?: Readonly<Record<string, string>>;
  /** header name → environment variable; the header is sent only when the variable is set. */
  readonly envHttpHeaders?: Readonly<Record<string, string>>;
  readonly requestMaxRetries?: number;
  readonly streamMaxRetries?: number;
  readonly streamIdleTimeoutMs?: number;
  /** Chat wire only: send stream_options.include_usage (default true). */
  readonly chatIncludeUsage?: boolean;
}

export const DEFAULT_REQUEST_MAX_RETRIES = 4;
export const DEFAULT_STREAM_MAX_RETRIES = 5;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
/** codex clamps both retry counts to 100. */
export const MAX_RETRIES_CAP = 100;

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const BUILTIN_OPENAI_PROVIDER: ProviderInfo = Object.freeze({
  id: 'openai',
  name: 'OpenAI',
  baseUrl: OPENAI_DEFAULT_BASE_URL,
  wireApi: 'responses',
  requiresOpenaiAuth: true,
});

export interface EffectiveRetryLimits {
  readonly requestMaxRetries: number;
  readonly streamMaxRetries: number;
  readonly streamIdleTimeoutMs: number;
}

function clampCount(v: number | undefined, dflt: number): number {
  if (v === undefined || !Number.isFinite(v) || v < 0) return dflt;
  return Math.min(Math.floor(v), MAX_RETRIES_CAP);
}

export function effectiveRetryLimits(p: ProviderInfo): EffectiveRetryLimits {
  const idle = p.streamIdleTimeoutMs;
  return {
    requestMaxRetries: clampCount(p.requestMaxRetries, DEFAULT_REQUEST_MAX_RETRIES),
    streamMaxRetries: clampCount(p.streamMaxRetries, DEFAULT_STREAM_MAX_RETRIES),
    streamIdleTimeoutMs:
      idle !== undefined && Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  };
}

/** {baseUrl}/{path} plus query params; tolerates a trailing slash on the base. */
export function endpointUrl(p: ProviderInfo, path: string): string {
  const base = p.baseUrl.replace(/\/+$/, '');
  const url = new URL(`${base}/${path}`);
  for (const [k, v] of Object.entries(p.queryParams ?? {})) url.searchParams.set(k, v);
  return url.toString();
}
