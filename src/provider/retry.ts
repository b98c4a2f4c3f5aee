/**
 * Retry timing, as codex does it: delay(n) = base × 2^(n-1) × jitter(0.9..1.1) for the
 * n-th retry (base 200 ms), used both between HTTP attempts of one stream attempt and
 * between stream attempts. With the defaults (4 request retries, 5 stream retries) a
 * persistent HTTP 500 costs 6 × (200+400+800+1600) + (200+400+800+1600+3200) ≈ 24.2 s,
 * which is the 24.5 s codex took in fixture 05.
 */

export const DEFAULT_BACKOFF_BASE_MS = 200;
/** Upper bound for one computed backoff delay. */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;
/** Upper bound for a server-requested delay (Retry-After). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export interface RetryTiming {
  readonly backoffBaseMs: number;
  readonly maxBackoffMs: number;
  readonly maxRetryAfterMs: number;
  /** Uniform [0,1); injected so tests can pin the jitter. */
  readonly random: () => number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = {
  backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
  maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
  maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
  random: Math.random,
};

/** Delay before the `retry`-th retry (1-based). */
export function backoffMs(retry: number, timing: RetryTiming = DEFAULT_RETRY_TIMING): number {
  if (retry < 1) return 0;
  const exp = 2 ** Math.min(retry - 1, 30);
  const jitter = 0.9 + 0.2 * timing.random();
  return Math.min(Math.floor(timing.backoffBaseMs * exp * jitter), timing.maxBackoffMs);
}

/**
 * Parses `Retry-After` (delta-seconds, possibly fractional, or an HTTP-date) and the
 * `retry-after-ms` header OpenAI sends. Returns milliseconds, or undefined when absent
 * or unreadable. Past dates give 0.
 */
export function parseRetryAfter(
  retryAfter: string | null | undefined,
  retryAfterMs: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (retryAfterMs !== null && retryAfterMs !== undefined) {
    const t = retryAfterMs.trim();
    if (/^\d+(\.\d+)?$/.test(t)) return Math.ceil(Number(t));
  }
  if (retryAfter === null || retryAfter === undefined) return undefined;
  const v = retryAfter.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  if (/^-/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** A server-requested delay, clamped; else the computed backoff. */
export function retryDelayMs(retry: number, requestedMs: number | undefined, timing: RetryTiming): number {
  if (requestedMs !== undefined) return Math.min(Math.max(0, requestedMs), timing.maxRetryAfterMs);
  return backoffMs(retry, timing);
}

/** "Please try again in 1.5s" / "in 300ms" inside rate-limit messages (codex reads these). */
export function parseTryAgainIn(message: string): number | undefined {
  const m = /try again in\s*(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i.exec(message);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return m[2]?.toLowerCase() === 'ms' ? Math.ceil(n) : Math.ceil(n * 1000);
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. The
 * timer is cleared on abort, so nothing keeps the process alive.
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
