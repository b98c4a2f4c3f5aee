import { request as httpRequest, type IncomingMessage } from 'node:http';

/**
 * One POST over node:http / node:https, with the small surface the stream reader needs.
 * Used instead of the global fetch: loading undici costs ~20 ms at start-up, and its
 * llhttp WebAssembly parser ~25 MiB of resident memory, per run. Connections are kept
 * alive by Node's default agents (idle sockets do not hold the process open).
 */

export interface BodyReader {
  read(): Promise<
    { readonly done: true; readonly value?: undefined } | { readonly done: false; readonly value: Uint8Array }
  >;
  cancel(): Promise<void>;
}

export interface HttpReply {
  readonly status: number;
  readonly ok: boolean;
  /** A response header (case-insensitive), joined with ", " when repeated; null when absent. */
  header(name: string): string | null;
  /** The body as a reader; the first call takes it. */
  reader(): BodyReader;
}

export interface HttpPostInit {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Aborting rejects a pending open or read. */
  readonly signal: AbortSignal;
}

function readerOf(res: IncomingMessage): BodyReader {
  const it = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    async read() {
      const r = await it.next();
      if (r.done === true) return { done: true };
      const v = r.value;
      return { done: false, value: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
    },
    async cancel() {
      // A fully read response keeps its socket for the next request.
      if (!res.complete) res.destroy();
    },
  };
}

function replyOf(res: IncomingMessage): HttpReply {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    header(name) {
      const v = res.headers[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
    reader: () => readerOf(res),
  };
}

/** Resolves once the response head arrives; rejects on network errors and on abort. */
export async function httpPost(url: string, init: HttpPostInit): Promise<HttpReply> {
  const u = new URL(url);
  let request = httpRequest;
  if (u.protocol === 'https:') request = (await import('node:https')).request;
  else if (u.protocol !== 'http:') throw new TypeError(`unsupported URL scheme ${u.protocol}`);
  if (init.signal.aborted) throw init.signal.reason;
  const body = Buffer.from(init.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(u, { method: 'POST', headers: { ...init.headers, 'content-length': String(body.byteLength) } });
    let res: IncomingMessage | undefined;
    // Aborting cuts the request or an unfinished body; a finished one keeps its socket.
    const onAbort = (): void => {
      const why = init.signal.reason instanceof Error ? init.signal.reason : new Error(String(init.signal.reason));
      if (res === undefined) req.destroy(why);
      else if (!res.complete) res.destroy(why);
    };
    const detach = (): void => init.signal.removeEventListener('abort', onAbort);
    init.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => {
      detach();
      reject(e);
    });
    req.once('response', (r) => {
      res = r;
      // Errors reach the reader through its iterator; this keeps an unread body from crashing the process.
      r.on('error', () => undefined);
      r.once('close', detach);
      resolve(replyOf(r));
    });
    req.end(body);
  });
}
