import type { ModelRequest } from './types.js';

/**
 * The part of a model request that must be equal for a strict replay to match. Things
 * that legitimately change between two runs of the same job are removed or replaced by
 * placeholders: thread/session/turn UUIDs (each distinct one becomes `<uuid-N>` in order
 * of first appearance, so "the same id twice" is still visible), call ids (`<call-N>`),
 * ISO dates and timestamps (`<timestamp>`), prompt_cache_key, client_metadata, the
 * x-codex-turn-metadata header (installation id, turn start time), machine-specific
 * headers (user-agent), and the run's own paths (given as aliases, e.g. cwd → $WORKSPACE).
 * Tool outputs carry volatile text too: `Wall time: 0.0123 seconds` (exec_command and
 * apply_patch) becomes `Wall time: <seconds> seconds` and `Chunk ID: ab12cd` becomes
 * `Chunk ID: <chunk>`.
 */

export interface NormaliseOptions {
  /** Literal path → placeholder, e.g. {"/tmp/x/repo": "$WORKSPACE"}; longest replaced first. */
  readonly pathAliases?: Readonly<Record<string, string>>;
}

export interface NormalisedRequest {
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Request headers kept in cassettes and compared (user-agent varies by machine; secrets never kept). */
export const RECORDED_HEADERS: readonly string[] = [
  'originator',
  'session-id',
  'thread-id',
  'x-client-request-id',
  'x-codex-window-id',
  'x-codex-beta-features',
  'openai-beta',
  'version',
];

const DROPPED_BODY_KEYS = new Set(['prompt_cache_key', 'client_metadata']);
const CALL_ID_KEYS = new Set(['call_id', 'tool_call_id']);
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const WALL_TIME_RE = /\bWall time: \d+(?:\.\d+)? seconds\b/g;
const CHUNK_ID_RE = /\bChunk ID: [0-9a-zA-Z]+/g;
const TIMESTAMP_RE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;

interface Ctx {
  readonly uuids: Map<string, string>;
  readonly calls: Map<string, string>;
  readonly aliases: readonly (readonly [string, string])[];
}

function normString(s: string, ctx: Ctx): string {
  let out = s;
  for (const [from, to] of ctx.aliases) if (from !== '' && out.includes(from)) out = out.split(from).join(to);
  out = out.replace(UUID_RE, (m) => {
    const key = m.toLowerCase();
    let p = ctx.uuids.get(key);
    if (p === undefined) {
      p = `<uuid-${ctx.uuids.size + 1}>`;
      ctx.uuids.set(key, p);
    }
    return p;
  });
  return out
    .replace(TIMESTAMP_RE, '<timestamp>')
    .replace(WALL_TIME_RE, 'Wall time: <seconds> seconds')
    .replace(CHUNK_ID_RE, 'Chunk ID: <chunk>');
}

function callId(v: unknown, ctx: Ctx): unknown {
  if (typeof v !== 'string') return v;
  let p = ctx.calls.get(v);
  if (p === undefined) {
    p = `<call-${ctx.calls.size + 1}>`;
    ctx.calls.set(v, p);
  }
  return p;
}

function normValue(v: unknown, ctx: Ctx, depth: number): unknown {
  if (typeof v === 'string') return normString(v, ctx);
  if (Array.isArray(v)) return v.map((x) => normValue(x, ctx, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (depth === 0 && DROPPED_BODY_KEYS.has(k)) continue;
      if (CALL_ID_KEYS.has(k)) out[k] = callId(x, ctx);
      else if (k === 'id' && typeof x === 'string' && depth > 0) out[k] = '<id>';
      else out[k] = normValue(x, ctx, depth + 1);
    }
    return out;
  }
  return v;
}

export function normaliseRequest(req: ModelRequest, opts: NormaliseOptions = {}): NormalisedRequest {
  const aliases = Object.entries(opts.pathAliases ?? {}).sort((a, b) => b[0].length - a[0].length);
  const ctx: Ctx = { uuids: new Map(), calls: new Map(), aliases };
  const headers: Record<string, string> = {};
  const given = req.headers ?? {};
  const lower = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v] as const));
  for (const name of RECORDED_HEADERS) {
    const v = lower.get(name);
    if (v !== undefined) headers[name] = normString(v, ctx);
  }
  return { body: normValue(req.body, ctx, 0), headers };
}

/** Normalising a normalised request changes nothing (placeholders are stable). */
export function normaliseStored(r: NormalisedRequest, opts: NormaliseOptions = {}): NormalisedRequest {
  return normaliseRequest({ body: r.body as ModelRequest['body'], headers: r.headers }, opts);
}
