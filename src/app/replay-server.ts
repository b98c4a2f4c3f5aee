import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chatSseFrames,
  jsonLineDiff,
  normaliseRequest,
  redactDeep,
  responsesSseFrames,
  toChatRequest,
  type Cassette,
  type CassetteInteraction,
  type ModelEvent,
  type ResponsesRequestBody,
} from '../provider/index.js';
import { canonicalJson } from '../util/index.js';

/**
 * `hexec replay-server`: a cassette served as an OpenAI-compatible endpoint, so any
 * client (hexec through a keyless provider, the real codex through `model_providers`,
 * an SDK) can be replayed. POST …/responses streams Responses SSE, POST
 * …/chat/completions streams Chat Completions chunks; every request takes the next
 * recorded interaction. A recorded retry is replayed as a failed attempt (HTTP 500 when
 * the attempt streamed nothing, else a dropped connection), so the client retries into
 * the next attempt of the same interaction. With `strict`, each interaction's first
 * request must equal the recorded one after normalisation (bodies only: headers differ
 * between clients), else HTTP 400 with the diff. No authentication is checked.
 */

export interface ReplayServerOptions {
  readonly cassette: Cassette;
  readonly host: string;
  readonly port: number;
  readonly strict: boolean;
  /** Literal path → placeholder, applied to incoming requests in strict mode. */
  readonly pathAliases?: Readonly<Record<string, string>>;
  /** Values redacted from incoming requests before comparing (the cassette has them redacted). */
  readonly secrets?: readonly string[];
  /** Called for every request: path, status, interaction number (diagnostics on stderr). */
  readonly log?: (line: string) => void;
}

export interface ReplayServer {
  readonly port: number;
  readonly host: string;
  /** Interactions served so far. */
  served(): number;
  close(): Promise<void>;
}

type Wire = 'responses' | 'chat';

/** Splits an interaction's events into its attempts (a recorded retry ends one). */
export function attemptsOf(entry: CassetteInteraction): ModelEvent[][] {
  const cuts = (entry.retries ?? []).map((r) => r.after_event);
  const out: ModelEvent[][] = [];
  let from = 0;
  for (const cut of cuts) {
    out.push(entry.events.slice(from, cut));
    from = cut;
  }
  out.push(entry.events.slice(from));
  return out;
}

function wireOf(path: string): Wire | undefined {
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/chat/completions')) return 'chat';
  return undefined;
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What the recorded request looks like on the wire the client used (normalised). */
function expectedBody(entry: CassetteInteraction, wire: Wire, incoming: Record<string, unknown>): unknown {
  const stored = entry.request.body as ResponsesRequestBody;
  if (wire === 'responses') return stored;
  const so = incoming['stream_options'];
  const includeUsage =
    so !== null && typeof so === 'object' && (so as Record<string, unknown>)['include_usage'] === true;
  return toChatRequest(stored, { includeUsage }).body;
}

function mismatch(
  entry: CassetteInteraction,
  wire: Wire,
  incoming: unknown,
  o: ReplayServerOptions,
): string | undefined {
  const inc = (incoming !== null && typeof incoming === 'object' ? incoming : {}) as Record<string, unknown>;
  const norm = { pathAliases: o.pathAliases ?? {} };
  const actual = redactDeep(
    normaliseRequest({ body: inc as unknown as ResponsesRequestBody }, norm).body,
    o.secrets ?? [],
  );
  const expected = normaliseRequest({ body: expectedBody(entry, wire, inc) as ResponsesRequestBody }, norm).body;
  if (canonicalJson(actual) === canonicalJson(expected)) return undefined;
  return jsonLineDiff(expected, actual, {
    fromLabel: `cassette request ${entry.n}`,
    toLabel: `received request ${entry.n}`,
  });
}

export async function startReplayServer(o: ReplayServerOptions): Promise<ReplayServer> {
  const interactions = o.cassette.interactions;
  let index = 0;
  let attempt = 0;
  const log = o.log ?? (() => undefined);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const wire = wireOf(path);
    if (wire === undefined) {
      text(res, 404, `replay-server: no route for ${req.method ?? ''} ${path}\n`);
      return;
    }
    if (req.method !== 'POST') {
      text(res, 405, `replay-server: ${path} accepts POST only\n`, { allow: 'POST' });
      return;
    }
    const raw = await readBody(req);
    let incoming: unknown;
    try {
      incoming = JSON.parse(raw);
    } catch {
      text(res, 400, 'replay-server: the request body is not JSON\n');
      return;
    }
    const entry = interactions[index];
    if (entry === undefined) {
      log(`replay-server: request after the cassette's ${interactions.length} interaction(s) → 400`);
      text(res, 400, `replay-server: cassette exhausted: it holds ${interactions.length} request(s)`);
      return;
    }
    if (attempt === 0 && o.strict) {
      const diff = mismatch(entry, wire, incoming, o);
      if (diff !== undefined) {
        log(`replay-server: request ${entry.n} differs from the cassette → 400`);
        text(res, 400, `replay diverged at request ${entry.n} (strict mode):\n${diff}`);
        return;
      }
    }
    const attempts = attemptsOf(entry);
    const events = attempts[attempt] ?? [];
    const last = attempt >= attempts.length - 1;
    if (last) {
      index += 1;
      attempt = 0;
    } else {
      attempt += 1;
    }
    log(
      `replay-server: ${path} ← interaction ${entry.n}${attempts.length > 1 ? ` attempt ${attempts.indexOf(events) + 1}/${attempts.length}` : ''}`,
    );
    const failed = !last || entry.error !== undefined;
    if (failed && events.length === 0) {
      const message = last
        ? (entry.error?.message ?? 'replayed failure')
        : (entry.retries?.[attempt - 1]?.notice.message ?? 'replayed failure');
      text(res, last && entry.error?.kind === 'auth' ? 401 : last ? 400 : 500, message);
      return;
    }
    const model =
      typeof (incoming as Record<string, unknown>)['model'] === 'string'
        ? String((incoming as Record<string, unknown>)['model'])
        : 'replay';
    const so = (incoming as Record<string, unknown>)['stream_options'];
    const includeUsage =
      so !== null && typeof so === 'object' && (so as Record<string, unknown>)['include_usage'] === true;
    const frames =
      wire === 'responses'
        ? responsesSseFrames(events, `resp_replay_${entry.n}`)
        : chatSseFrames(events, `chatcmpl-replay-${entry.n}`, { includeUsage, model });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (failed) {
      // a dropped stream, as recorded: the client retries (or gives up) like it did then
      res.write(frames.join(''), () => res.destroy());
      return;
    }
    res.end(frames.join(''));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) text(res, 500, `replay-server: ${e instanceof Error ? e.message : String(e)}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    host: o.host,
    served: () => index,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
