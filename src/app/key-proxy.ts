import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HexecError } from '../errors/index.js';
import { writeFileAtomic } from '../util/index.js';

/**
 * The key proxy: the one process of a CI run that holds the model API key. It listens on
 * 127.0.0.1 only, accepts only POSTs to the model endpoints, replaces any Authorization
 * header with `Bearer <key>`, and streams the upstream reply back unchanged (401/403
 * included, so the client reports the auth failure). Everything else is 403. The key is
 * never logged and never written anywhere.
 */
export const DEFAULT_UPSTREAM = 'https://api.openai.com/v1';
const KEY_RE = /^[A-Za-z0-9_\-.]+$/;
const ENDPOINTS = ['/responses', '/chat/completions'] as const;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'content-length',
]);

export interface KeyProxyOptions {
  readonly key: string;
  readonly upstream: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly httpShutdown: boolean;
  readonly serverInfoFile?: string;
  readonly pid: number;
  /** One line per request, never with headers or bodies. */
  readonly log?: (line: string) => void;
}

export interface KeyProxy {
  readonly port: number;
  /** Resolves once the server has stopped (close() or GET /shutdown). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Route from an incoming path (under /v1) to the upstream URL, or undefined when refused. */
export type Routes = ReadonlyMap<string, URL>;

/** Reads the key as piped on stdin: one line, trailing newline allowed, restricted characters. */
export function parseProxyKey(stdin: Buffer): string {
  const text = stdin.toString('utf8').replace(/\r?\n$/, '');
  if (text.trim() === '') {
    throw new HexecError('auth', 'no API key on stdin', {
      hint: 'pipe the key in: printenv OPENAI_API_KEY | hexec proxy ...',
    });
  }
  if (!KEY_RE.test(text)) {
    throw new HexecError(
      'auth',
      'the API key read from stdin has characters outside [A-Za-z0-9_-.] (is it quoted, or more than one line?)',
    );
  }
  return text;
}

/**
 * The upstream is a base (`https://api.openai.com/v1`: both endpoints below it) or one full
 * endpoint (`.../openai/v1/responses`: only that one). Plain http only to loopback.
 */
export function upstreamRoutes(upstream: string): Routes {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new HexecError('usage', `invalid upstream URL '${upstream}'`, { source: { flag: '--upstream' } });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new HexecError(
      'usage',
      `upstream must be https (plain http only to a loopback host), found '${url.protocol}//${url.host}'`,
      { source: { flag: '--upstream' } },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new HexecError('usage', 'upstream URL must not contain credentials', { source: { flag: '--upstream' } });
  }
  const path = url.pathname.replace(/\/+$/, '');
  const full = ENDPOINTS.find((e) => path.endsWith(e));
  const routes = new Map<string, URL>();
  if (full !== undefined) {
    routes.set(`/v1${full}`, new URL(url.href));
  } else {
    for (const e of ENDPOINTS) {
      const target = new URL(url.href);
      target.pathname = `${path}${e}`;
      routes.set(`/v1${e}`, target);
    }
  }
  return routes;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: { message, type: 'hexec_proxy', code: status } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The proxy's own connection pools, closed when it stops (idle keep-alive sockets would otherwise keep the process alive). */
interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  incomingQuery: string,
  key: string,
  agents: Agents,
  done: (status: number) => void,
): void {
  const url = new URL(target.href);
  for (const [k, v] of new URLSearchParams(incomingQuery)) url.searchParams.append(k, v);
  const headers: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())) headers[k] = v;
  }
  headers['authorization'] = `Bearer ${key}`;
  if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
  const upstream = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
    url,
    { method: 'POST', headers, agent: url.protocol === 'https:' ? agents.https : agents.http },
    (up) => {
      const out: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(up.headers)) {
        if (v !== undefined && !['connection', 'keep-alive', 'transfer-encoding'].includes(k.toLowerCase())) out[k] = v;
      }
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      up.pipe(res);
      up.on('end', () => done(up.statusCode ?? 502));
      up.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (e) => {
    if (!res.headersSent)
      refuse(res, 502, `upstream ${url.host} unreachable: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
    else res.destroy();
    done(502);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

export async function startKeyProxy(opts: KeyProxyOptions): Promise<KeyProxy> {
  if (!KEY_RE.test(opts.key)) throw new HexecError('auth', 'invalid API key characters');
  const routes = upstreamRoutes(opts.upstream);
  const log = opts.log ?? ((): void => undefined);
  const agents: Agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  const server = createServer((req, res) => {
    const started = performance.now();
    const [pathname = '', query = ''] = (req.url ?? '').split('?', 2);
    const line = (status: number): void =>
      log(`${req.method ?? '?'} ${pathname} -> ${status} (${Math.round(performance.now() - started)} ms)`);
    if (req.method === 'GET' && pathname === '/shutdown' && opts.httpShutdown) {
      // Connection: close, so this request's own keep-alive socket does not hold the server open.
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end('shutting down\n');
      line(200);
      void stop();
      return;
    }
    const target = routes.get(pathname);
    if (req.method !== 'POST' || target === undefined) {
      req.resume();
      refuse(res, 403, `hexec proxy forwards only POST ${[...routes.keys()].join(', ')}`);
      line(403);
      return;
    }
    forward(req, res, target, query, opts.key, agents, line);
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((r) => {
      server.close(() => r());
      server.closeIdleConnections();
    })
      .then(() => {
        agents.http.destroy();
        agents.https.destroy();
      })
      .then(resolveClosed);
    return stopping;
  };
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      rejectListen(new HexecError('run', `cannot listen on 127.0.0.1:${opts.port}: ${e.code ?? e.message}`)),
    );
    server.listen({ host: '127.0.0.1', port: opts.port }, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  if (opts.serverInfoFile !== undefined) {
    writeFileAtomic(opts.serverInfoFile, `${JSON.stringify({ port, pid: opts.pid })}\n`, 0o644);
  }
  return { port, closed, close: stop };
}
