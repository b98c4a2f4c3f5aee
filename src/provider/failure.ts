import { HexecError } from '../errors/index.js';
import { describeAuthSource, type ResolvedAuth } from './auth.js';
import type { ProviderInfo } from './provider-info.js';
import { parseTryAgainIn } from './retry.js';

/**
 * How one attempt ended when it did not complete. Classification lives here, in the
 * provider layer: the agent loop only ever sees events, retry notices or a final error.
 */
export type AttemptFailure =
  | {
      readonly kind: 'retryable';
      /** The message codex shows, e.g. "stream disconnected before completion: …". */
      readonly message: string;
      /** Whether a further HTTP attempt (inside the same stream attempt) may fix it. */
      readonly requestLevel: boolean;
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'fatal'; readonly error: HexecError };

/** The text codex 0.169 shows for HTTP 500 (with a typographic apostrophe). */
export const HTTP_500_MESSAGE = 'We\u2019re currently experiencing high demand, which may cause temporary errors.';
export const STREAM_DISCONNECTED_PREFIX = 'stream disconnected before completion: ';
export const CLOSED_BEFORE_COMPLETED = 'stream closed before response.completed';
export const IDLE_TIMEOUT_MESSAGE = 'idle timeout waiting for SSE';
export const BODY_DECODE_ERROR = 'Transport error: network error: error decoding response body';
export const CONTEXT_WINDOW_MESSAGE =
  "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";
export const QUOTA_MESSAGE = 'Quota exceeded. Check your plan and billing details.';

export function streamDisconnected(detail: string): AttemptFailure {
  return { kind: 'retryable', message: STREAM_DISCONNECTED_PREFIX + detail, requestLevel: false };
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
  const r = REASONS[status];
  return r === undefined ? String(status) : `${status} ${r}`;
}

function errorCodeOf(body: string): string | undefined {
  try {
    const v: unknown = JSON.parse(body);
    if (v !== null && typeof v === 'object') {
      const e = (v as Record<string, unknown>)['error'];
      if (e !== null && typeof e === 'object') {
        const code = (e as Record<string, unknown>)['code'] ?? (e as Record<string, unknown>)['type'];
        return typeof code === 'string' ? code : undefined;
      }
    }
  } catch {
    // not JSON
  }
  return undefined;
}

export interface HttpFailureInput {
  readonly status: number;
  readonly body: string;
  readonly url: string;
  readonly retryAfterMs: number | undefined;
  readonly provider: ProviderInfo;
  readonly auth: ResolvedAuth;
}

/**
 * Non-2xx responses. 401/403 → auth (exit 7) naming the credential; 500 → codex's
 * "high demand" text; other 5xx, 408 and 429 → retryable with the status and body;
 * remaining 4xx → fatal with the raw body (codex passes it through verbatim).
 */
export function classifyHttpFailure(f: HttpFailureInput): AttemptFailure {
  const { status, body } = f;
  if (status === 401 || status === 403) {
    const detail = body.trim() === '' ? '' : `: ${body}`;
    return {
      kind: 'fatal',
      error: new HexecError(
        'auth',
        `authentication failed: provider \`${f.provider.id}\` answered ${statusLine(status)} using ${describeAuthSource(f.provider, f.auth)}${detail}`,
        {
          hint:
            f.provider.envKey !== undefined
              ? `check the API key in ${f.provider.envKey}`
              : f.provider.requiresOpenaiAuth === true
                ? 'check CODEX_API_KEY / OPENAI_API_KEY'
                : `set env_key for provider \`${f.provider.id}\` if it needs a key`,
        },
      ),
    };
  }
  const code = errorCodeOf(body);
  if (code === 'insufficient_quota') {
    return { kind: 'fatal', error: new HexecError('run', QUOTA_MESSAGE) };
  }
  if (code === 'context_length_exceeded') {
    return { kind: 'fatal', error: new HexecError('run', CONTEXT_WINDOW_MESSAGE) };
  }
  if (status === 500) {
    return { kind: 'retryable', message: HTTP_500_MESSAGE, requestLevel: true, ...retryAfter(f.retryAfterMs) };
  }
  if (status >= 500 || status === 429 || status === 408) {
    const shown = body.trim() === '' ? '' : `: ${body}`;
    return {
      kind: 'retryable',
      message: `unexpected status ${statusLine(status)}${shown}, url: ${f.url}`,
      requestLevel: true,
      ...retryAfter(f.retryAfterMs),
    };
  }
  const message = body.trim() === '' ? `unexpected status ${statusLine(status)}, url: ${f.url}` : body;
  return { kind: 'fatal', error: new HexecError('run', message) };
}

function retryAfter(ms: number | undefined): { retryAfterMs?: number } {
  return ms === undefined ? {} : { retryAfterMs: ms };
}

/** A network failure before any response (connection refused, reset, DNS). */
export function networkFailure(url: string): AttemptFailure {
  return {
    kind: 'retryable',
    message: `${STREAM_DISCONNECTED_PREFIX}error sending request for url (${url})`,
    requestLevel: true,
  };
}

/**
 * `response.failed` / `error` events. Context-window and quota errors are fatal (codex
 * does not retry them); rate limits carry the server's "try again in Ns" as the delay.
 */
export function classifyStreamError(code: string | undefined, message: string | undefined): AttemptFailure {
  const msg = message ?? 'unknown error';
  if (code === 'context_length_exceeded') {
    return { kind: 'fatal', error: new HexecError('run', CONTEXT_WINDOW_MESSAGE) };
  }
  if (code === 'insufficient_quota') {
    return { kind: 'fatal', error: new HexecError('run', QUOTA_MESSAGE) };
  }
  const failure = streamDisconnected(msg);
  if (code === 'rate_limit_exceeded') {
    const delay = parseTryAgainIn(msg);
    if (delay !== undefined && failure.kind === 'retryable') return { ...failure, retryAfterMs: delay };
  }
  return failure;
}

/**
 * Abort → the reason itself when it is a HexecError (e.g. a budget stop), 'terminated'
 * for "SIGTERM", else 'interrupted' (SIGINT or any other reason).
 */
export function abortError(reason: unknown): HexecError {
  if (reason instanceof HexecError) return reason;
  const r = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : '';
  if (r === 'SIGTERM') return new HexecError('terminated', 'model request aborted: SIGTERM', { cause: reason });
  return new HexecError('interrupted', `model request aborted${r === '' ? '' : `: ${r}`}`, { cause: reason });
}

export function isAbortError(e: unknown): e is HexecError {
  return e instanceof HexecError && (e.kind === 'interrupted' || e.kind === 'terminated');
}
