import { HexecError } from '../errors/index.js';
import type { ResolvedAuth } from './auth.js';
import {
  IDLE_TIMEOUT_MESSAGE,
  BODY_DECODE_ERROR,
  abortError,
  classifyHttpFailure,
  networkFailure,
  streamDisconnected,
  type AttemptFailure,
} from './failure.js';
import { httpPost, type HttpReply } from './http-post.js';
import { endpointUrl, type EffectiveRetryLimits, type ProviderInfo } from './provider-info.js';
import { abortableDelay, parseRetryAfter, retryDelayMs, type RetryTiming } from './retry.js';
import { createSseParser, type SseFrame } from './sse-parser.js';
import type { ModelEvent, ModelRequest, StreamOptions, WireApi } from './types.js';

/** What a wire adapter makes of the frames of one attempt. */
export interface FrameResult {
  readonly events: readonly ModelEvent[];
  /** Set when the reply is over: 'completed', or why the attempt failed. */
  readonly end?: 'completed' | AttemptFailure;
}

export interface WireDecoder {
  frame(frame: SseFrame): FrameResult;
  /** The body ended; the decoder decides whether that completed the reply. */
  eof(): FrameResult;
}

export interface WireCodec {
  readonly wire: WireApi;
  /** Path below base_url: "responses" or "chat/completions". */
  readonly path: string;
  /** Builds the wire body and a decoder factory (one decoder per stream attempt). */
  prepare(req: ModelRequest): PreparedRequest;
}

export interface PreparedRequest {
  readonly body: unknown;
  decoder(): WireDecoder;
}

export interface TransportConfig {
  readonly provider: ProviderInfo;
  readonly auth: ResolvedAuth;
  readonly limits: EffectiveRetryLimits;
  readonly timing: RetryTiming;
  /** Environment, for `env_http_headers`. */
  readonly vars: Readonly<Record<string, string>>;
  readonly nowMs: () => number;
}

/**
 * HTTP header values must be Latin-1 for fetch; characters outside printable ASCII are
 * written as JSON-style \uXXXX escapes (x-codex-turn-metadata is JSON, so its meaning is
 * unchanged, e.g. for a workspace path with non-ASCII letters).
 */
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e\t]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function buildHeaders(cfg: TransportConfig, req: ModelRequest): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  for (const [k, v] of Object.entries(req.headers ?? {})) h[k.toLowerCase()] = headerSafe(v);
  for (const [k, v] of Object.entries(cfg.provider.httpHeaders ?? {})) h[k.toLowerCase()] = headerSafe(v);
  for (const [k, envName] of Object.entries(cfg.provider.envHttpHeaders ?? {})) {
    const v = cfg.vars[envName];
    if (v !== undefined && v.trim() !== '') h[k.toLowerCase()] = headerSafe(v);
  }
  if (cfg.auth.kind === 'bearer') h['authorization'] = `Bearer ${cfg.auth.token}`;
  return h;
}

/** A per-attempt controller tied to the caller's signal and to an idle timer. */
interface AttemptControl {
  readonly ac: AbortController;
  idleFired: boolean;
  arm(): void;
  dispose(): void;
}

function attemptControl(outer: AbortSignal, idleMs: number): AttemptControl {
  const ac = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = (): void => ac.abort(outer.reason);
  outer.addEventListener('abort', onAbort, { once: true });
  const ctl: AttemptControl = {
    ac,
    idleFired: false,
    arm() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        ctl.idleFired = true;
        ac.abort(new Error(IDLE_TIMEOUT_MESSAGE));
      }, idleMs);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
      if (!ac.signal.aborted) ac.abort(new Error('attempt finished'));
    },
  };
  return ctl;
}

async function readAllText(res: HttpReply, ctl: AttemptControl): Promise<string> {
  const reader = res.reader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    ctl.arm();
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

type Opened = { readonly kind: 'open'; readonly res: HttpReply } | AttemptFailure;

/** Up to 1 + request_max_retries HTTP attempts until a 2xx response arrives. */
async function openStream(
  cfg: TransportConfig,
  url: string,
  headers: Record<string, string>,
  bodyText: string,
  opts: StreamOptions,
  ctl: () => AttemptControl,
): Promise<Opened> {
  const max = cfg.limits.requestMaxRetries;
  for (let attempt = 0; ; attempt += 1) {
    const c = ctl();
    let failure: AttemptFailure;
    try {
      c.arm();
      const res = await httpPost(url, { headers, body: bodyText, signal: c.ac.signal });
      if (res.ok) return { kind: 'open', res };
      const body = await readAllText(res, c);
      const retryAfterMs = parseRetryAfter(res.header('retry-after'), res.header('retry-after-ms'), cfg.nowMs());
      failure = classifyHttpFailure({
        status: res.status,
        body,
        url,
        retryAfterMs,
        provider: cfg.provider,
        auth: cfg.auth,
      });
    } catch {
      if (opts.signal.aborted) throw abortError(opts.signal.reason);
      failure = c.idleFired ? streamDisconnected(IDLE_TIMEOUT_MESSAGE) : networkFailure(url);
    }
    c.dispose();
    if (failure.kind === 'retryable' && failure.requestLevel && attempt < max) {
      try {
        await abortableDelay(retryDelayMs(attempt + 1, failure.retryAfterMs, cfg.timing), opts.signal);
      } catch {
        throw abortError(opts.signal.reason);
      }
      continue;
    }
    return failure;
  }
}

/** One stream attempt: open (with request retries), then read SSE until the reply ends. */
async function* streamAttempt(
  prepared: PreparedRequest,
  cfg: TransportConfig,
  url: string,
  headers: Record<string, string>,
  bodyText: string,
  opts: StreamOptions,
): AsyncGenerator<ModelEvent, AttemptFailure | null> {
  let current: AttemptControl | undefined;
  const fresh = (): AttemptControl => {
    current = attemptControl(opts.signal, cfg.limits.streamIdleTimeoutMs);
    return current;
  };
  try {
    const opened = await openStream(cfg, url, headers, bodyText, opts, fresh);
    if (opened.kind !== 'open') return opened;
    const c = current;
    if (c === undefined) return streamDisconnected('empty response body');
    const reader = opened.res.reader();
    const parser = createSseParser();
    const decoder = prepared.decoder();
    try {
      for (;;) {
        c.arm();
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch {
          if (opts.signal.aborted) throw abortError(opts.signal.reason);
          return streamDisconnected(c.idleFired ? IDLE_TIMEOUT_MESSAGE : BODY_DECODE_ERROR);
        }
        const frames = chunk.done ? parser.end() : parser.push(chunk.value);
        for (const frame of frames) {
          const r = decoder.frame(frame);
          for (const ev of r.events) yield ev;
          if (r.end !== undefined) return r.end === 'completed' ? null : r.end;
        }
        if (chunk.done) {
          const r = decoder.eof();
          for (const ev of r.events) yield ev;
          return r.end === undefined || r.end === 'completed' ? null : r.end;
        }
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  } finally {
    current?.dispose();
  }
}

/**
 * Streams one reply with codex's two retry levels. Each stream attempt makes up to
 * 1 + request_max_retries HTTP attempts; up to 1 + stream_max_retries stream attempts,
 * each retry announced through `onRetry` ("Reconnecting... n/N (message)").
 */
export async function* streamWithRetries(
  codec: WireCodec,
  cfg: TransportConfig,
  req: ModelRequest,
  opts: StreamOptions,
): AsyncGenerator<ModelEvent, void> {
  if (opts.signal.aborted) throw abortError(opts.signal.reason);
  let url: string;
  try {
    url = endpointUrl(cfg.provider, codec.path);
  } catch {
    throw new HexecError('config', `invalid base_url for provider \`${cfg.provider.id}\`: ${cfg.provider.baseUrl}`, {
      source: { key: `model_providers.${cfg.provider.id}.base_url` },
      expected: 'an absolute http(s) URL such as http://127.0.0.1:11434/v1',
    });
  }
  const headers = buildHeaders(cfg, req);
  const prepared = codec.prepare(req);
  const bodyText = JSON.stringify(prepared.body);
  const max = cfg.limits.streamMaxRetries;
  for (let s = 0; ; s += 1) {
    const failure = yield* streamAttempt(prepared, cfg, url, headers, bodyText, opts);
    if (failure === null) return;
    if (failure.kind === 'fatal') throw failure.error;
    if (s >= max) throw new HexecError('run', failure.message);
    const delayMs = retryDelayMs(s + 1, failure.retryAfterMs, cfg.timing);
    opts.onRetry?.({
      attempt: s + 1,
      max,
      message: failure.message,
      text: `Reconnecting... ${s + 1}/${max} (${failure.message})`,
      delayMs,
    });
    try {
      await abortableDelay(delayMs, opts.signal);
    } catch {
      throw abortError(opts.signal.reason);
    }
  }
}
