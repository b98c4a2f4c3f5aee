import type { ResolvedAuth } from './auth.js';
import { chatCodec } from './chat-wire.js';
import { streamWithRetries, type TransportConfig } from './http-stream.js';
import { effectiveRetryLimits, type ProviderInfo } from './provider-info.js';
import { responsesCodec } from './responses-wire.js';
import { DEFAULT_RETRY_TIMING, type RetryTiming } from './retry.js';
import type { ModelClient } from './types.js';

export interface ModelClientOptions {
  readonly provider: ProviderInfo;
  /** From resolveAuth(); the token is only ever placed in the Authorization header. */
  readonly auth: ResolvedAuth;
  /** Environment variables, for the provider's env_http_headers. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Base of the exponential backoff (default 200 ms, as codex). Tests pass ~1 ms. */
  readonly backoffBaseMs?: number;
  readonly maxBackoffMs?: number;
  /** Cap on server-requested Retry-After delays (default 60 s). */
  readonly maxRetryAfterMs?: number;
  /** Jitter source (default Math.random). */
  readonly random?: () => number;
  readonly nowMs?: () => number;
}

/** An HTTP model client for the provider's wire (Responses or Chat Completions). */
export function createModelClient(o: ModelClientOptions): ModelClient {
  const timing: RetryTiming = {
    backoffBaseMs: o.backoffBaseMs ?? DEFAULT_RETRY_TIMING.backoffBaseMs,
    maxBackoffMs: o.maxBackoffMs ?? DEFAULT_RETRY_TIMING.maxBackoffMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? DEFAULT_RETRY_TIMING.maxRetryAfterMs,
    random: o.random ?? DEFAULT_RETRY_TIMING.random,
  };
  const cfg: TransportConfig = {
    provider: o.provider,
    auth: o.auth,
    limits: effectiveRetryLimits(o.provider),
    timing,
    vars: o.vars ?? {},
    nowMs: o.nowMs ?? Date.now,
  };
  const codec =
    o.provider.wireApi === 'chat' ? chatCodec({ includeUsage: o.provider.chatIncludeUsage ?? true }) : responsesCodec;
  return {
    wire: codec.wire,
    providerId: o.provider.id,
    stream: (req, opts) => streamWithRetries(codec, cfg, req, opts),
  };
}
