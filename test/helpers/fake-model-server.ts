import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatFrames, reply as replies, responsesFrames, type FakeReply } from './fake-model-replies.js';

export { reply, script, type FakeReply, type FakeUsage, type ScriptBuilder } from './fake-model-replies.js';

/**
 * A scripted model server on 127.0.0.1 speaking both wires: Responses SSE at
 * `…/responses` and Chat Completions SSE at `…/chat/completions` (any path prefix, so
 * `base_url = http://127.0.0.1:PORT/v1` works). Each request takes the next scripted
 * reply; every request is recorded. No sleeps: tests wait on `waitForRequests(n)`.
 */

export interface RecordedRequest {
  readonly n: number;
  readonly method: string;
  readonly url: string;
  readonly wire: 'responses' | 'chat' | 'other';
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  readonly body: unknown;
}

export interface FakeModelServerOptions {
  readonly replies?: readonly FakeReply[];
  /** Served once the script is used up (default: HTTP 400 "script exhausted", which is not retried). */
  readonly whenExhausted?: FakeReply;
  /** Chat wire usage placement when the request asked for it (default 'final'). */
  readonly chatUsage?: 'final' | 'every' | 'none';
  /** First response id number: replies get `resp_<n>` (default 1). */
  readonly firstResponseNumber?: number;
  readonly onRequest?: (r: RecordedRequest) => void;
  /**
   * Scripts by marker: a request whose body contains the marker takes the next reply of
   * that list (first matching marker wins), so runs in parallel each follow their own
   * script. Requests that match no marker take from `replies`.
   */
  readonly routes?: Readonly<Record<string, readonly FakeReply[]>>;
}

export interface FakeModelServer {
  readonly port: number;
  /** http://127.0.0.1:PORT/v1 */
  readonly baseUrl: string;
  readonly requests: readonly RecordedRequest[];
  enqueue(...r: readonly FakeReply[]): void;
  /** Resolves once at least `n` requests have arrived. */
  waitForRequests(n: number): Promise<readonly RecordedRequest[]>;
  /** Resolves once `n` responses were cut short by the client (abort, idle timeout). */
  waitForClientAborts(n: number): Promise<void>;
  readonly clientAborts: number;
  close(): Promise<void>;
}

export const SCRIPT_EXHAUSTED_BODY =
  '{"error":{"message":"fake-model-server: script exhausted","type":"invalid_request_error"}}';

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

interface Waiter {
  readonly n: number;
  readonly resolve: () => void;
}

export async function startFakeModelServer(opts: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const queue: FakeReply[] = [...(opts.replies ?? [])];
  const routes = Object.entries(opts.routes ?? {}).map(([marker, list]) => ({ marker, queue: [...list] }));
  const exhausted = opts.whenExhausted ?? replies.httpError(400, SCRIPT_EXHAUSTED_BODY);
  const requests: RecordedRequest[] = [];
  let counter = opts.firstResponseNumber ?? 1;
  let aborts = 0;
  const requestWaiters: Waiter[] = [];
  const abortWaiters: Waiter[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const wake = (list: Waiter[], count: number): void => {
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const w = list[i];
      if (w !== undefined && count >= w.n) {
        list.splice(i, 1);
        w.resolve();
      }
    }
  };

  function serve(
    r: FakeReply,
    wire: 'responses' | 'chat',
    includeUsage: boolean,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    let finished = false;
    let cutByServer = false;
    res.on('finish', () => {
      finished = true;
    });
    res.on('close', () => {
      if (!finished && !cutByServer) {
        aborts += 1;
        wake(abortWaiters, aborts);
      }
    });
    void req;
    if (r.kind === 'http_error') {
      res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
      res.end(r.body);
      return;
    }
    const rid =
      'responseId' in r && r.responseId !== undefined
        ? r.responseId
        : wire === 'chat'
          ? `chatcmpl-${counter}`
          : `resp_${counter}`;
    counter += 1;
    const render = (x: FakeReply): string[] =>
      wire === 'chat'
        ? chatFrames(x, rid, {
            usage: includeUsage ? (opts.chatUsage ?? 'final') : opts.chatUsage === 'every' ? 'every' : 'none',
          })
        : responsesFrames(x, rid);
    const startSse = (): void => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
    };
    switch (r.kind) {
      case 'raw_sse':
        startSse();
        res.end(r.body);
        return;
      case 'disconnect': {
        startSse();
        const frames = render(r.reply).slice(0, r.afterFrames).join('');
        cutByServer = true;
        if (frames === '') res.destroy();
        else res.write(frames, () => res.destroy());
        return;
      }
      case 'end_early':
        startSse();
        res.end(render(r.reply).slice(0, r.afterFrames).join(''));
        return;
      case 'hang': {
        const n = r.afterFrames ?? 0;
        if (n > 0) {
          startSse();
          res.write(render(r).slice(0, n).join(''));
        }
        return; // until the client goes away
      }
      case 'drip': {
        startSse();
        const frames = render(r.reply);
        const step = (): void => {
          const f = frames.shift();
          if (f === undefined) {
            res.end();
            return;
          }
          res.write(f);
          const t = setTimeout(() => {
            timers.delete(t);
            step();
          }, r.intervalMs);
          timers.add(t);
        };
        step();
        return;
      }
      default:
        startSse();
        res.end(render(r).join(''));
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const url = req.url ?? '';
      const path = url.split('?')[0] ?? '';
      const wire = path.endsWith('/responses') ? 'responses' : path.endsWith('/chat/completions') ? 'chat' : 'other';
      const rec: RecordedRequest = {
        n: requests.length + 1,
        method: req.method ?? '',
        url,
        wire,
        headers: flatHeaders(req),
        body,
      };
      requests.push(rec);
      opts.onRequest?.(rec);
      wake(requestWaiters, requests.length);
      if (wire === 'other' || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`fake-model-server: no route for ${req.method ?? ''} ${url}`);
        return;
      }
      const route = routes.find((r) => text.includes(r.marker));
      const next = (route !== undefined ? route.queue.shift() : queue.shift()) ?? exhausted;
      const so =
        body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['stream_options'] : undefined;
      const includeUsage =
        so !== null && typeof so === 'object' && (so as Record<string, unknown>)['include_usage'] === true;
      serve(next, wire, includeUsage, req, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    get clientAborts() {
      return aborts;
    },
    enqueue: (...r) => {
      queue.push(...r);
    },
    waitForRequests: (n) =>
      new Promise((resolve) => {
        const w: Waiter = { n, resolve: () => resolve(requests.slice()) };
        requestWaiters.push(w);
        wake(requestWaiters, requests.length);
      }),
    waitForClientAborts: (n) =>
      new Promise((resolve) => {
        abortWaiters.push({ n, resolve });
        wake(abortWaiters, aborts);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
