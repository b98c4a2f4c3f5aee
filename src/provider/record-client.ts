import { isHexecError, type ErrorKind } from '../errors/index.js';
import type { CassetteRetry } from './cassette.js';
import type { CassetteWriter } from './cassette-writer.js';
import { normaliseRequest, type NormaliseOptions } from './normalise-request.js';
import type { ModelClient, ModelEvent } from './types.js';

export interface RecordingOptions extends NormaliseOptions {
  /** Monotonic milliseconds (default performance.now). */
  readonly monotonicMs?: () => number;
}

/**
 * Passes every request to `inner` and streams its events through unchanged, while
 * writing one cassette interaction per request: the normalised request, every event
 * (including those of attempts that were retried), the retry notices and the final
 * error, if any. Secrets are redacted by the writer.
 */
export function recordingClient(inner: ModelClient, writer: CassetteWriter, opts: RecordingOptions = {}): ModelClient {
  const now = opts.monotonicMs ?? (() => performance.now());
  return {
    wire: inner.wire,
    providerId: inner.providerId,
    async *stream(req, streamOpts) {
      const n = writer.nextN();
      const request = normaliseRequest(req, opts);
      const events: ModelEvent[] = [];
      const retries: CassetteRetry[] = [];
      const t0 = now();
      let first: number | null = null;
      let error: { kind: ErrorKind; message: string } | undefined;
      let written = false;
      const write = (): void => {
        if (written) return;
        written = true;
        writer.append({
          type: 'interaction',
          n,
          request,
          events,
          ...(retries.length > 0 ? { retries } : {}),
          ...(error === undefined ? {} : { error }),
          timing: { first_event_ms: first, total_ms: Math.round(now() - t0) },
        });
      };
      try {
        const onRetry = streamOpts.onRetry;
        for await (const ev of inner.stream(req, {
          signal: streamOpts.signal,
          onRetry: (notice) => {
            retries.push({ after_event: events.length, notice });
            onRetry?.(notice);
          },
        })) {
          if (first === null) first = Math.round(now() - t0);
          events.push(ev);
          yield ev;
        }
      } catch (e) {
        error = errorOf(e);
        throw e;
      } finally {
        write();
      }
    },
  };
}

function errorOf(e: unknown): { kind: ErrorKind; message: string } {
  if (isHexecError(e)) return { kind: e.kind, message: e.message };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
