import { readFileSync } from 'node:fs';
import { HexecError, type ErrorKind } from '../errors/index.js';
import type { NormalisedRequest } from './normalise-request.js';
import type { ModelEvent, RetryNotice, WireApi } from './types.js';

/**
 * A cassette: versioned JSONL. Line 1 is the header, then one line per model request
 * with the normalised request and the whole streamed reply as ModelEvents (wire
 * independent). Schema: schemas/cassette.schema.json.
 */

export const CASSETTE_FORMAT = 'hexec-cassette';
export const CASSETTE_VERSION = 1;

export interface CassetteHeader {
  readonly type: 'header';
  readonly format: typeof CASSETTE_FORMAT;
  readonly version: typeof CASSETTE_VERSION;
  readonly hexec_version: string;
  readonly config_fingerprint: string;
  readonly wire: WireApi;
  /** ISO-8601. */
  readonly created_at: string;
}

export interface CassetteRetry {
  /** Number of events streamed before the notice. */
  readonly after_event: number;
  readonly notice: RetryNotice;
}

export interface CassetteInteraction {
  readonly type: 'interaction';
  /** 1-based request number. */
  readonly n: number;
  readonly request: NormalisedRequest;
  readonly events: readonly ModelEvent[];
  readonly retries?: readonly CassetteRetry[];
  /** Present when the request finally failed (replay throws the same error). */
  readonly error?: { readonly kind: ErrorKind; readonly message: string };
  readonly timing: { readonly first_event_ms: number | null; readonly total_ms: number };
}

export interface Cassette {
  readonly header: CassetteHeader;
  readonly interactions: readonly CassetteInteraction[];
}

/** A cassette that cannot be read is bad input (exit 2), not a divergence (exit 6). */
function bad(path: string, line: number, message: string): HexecError {
  return new HexecError('usage', `invalid cassette: ${message}`, { source: { file: path, line } });
}

const EVENT_TYPES = new Set([
  'created',
  'output_item_added',
  'output_text_delta',
  'reasoning_summary_part_added',
  'reasoning_summary_delta',
  'tool_input_delta',
  'output_item_done',
  'completed',
]);

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Parses cassette text. A final line without its newline that does not parse is a write
 * cut short by a crash and is ignored; any other bad line is an error (exit 2).
 */
export function parseCassette(text: string, path = '<cassette>'): Cassette {
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  if (endsClean) lines.pop();
  let header: CassetteHeader | undefined;
  const interactions: CassetteInteraction[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      if (i === lines.length - 1 && !endsClean) break;
      throw bad(path, i + 1, 'line is not JSON');
    }
    if (!isObj(v)) throw bad(path, i + 1, 'line is not a JSON object');
    if (i === 0 || header === undefined) {
      if (v['type'] !== 'header' || v['format'] !== CASSETTE_FORMAT)
        throw bad(path, i + 1, 'first line is not a hexec-cassette header');
      if (v['version'] !== CASSETTE_VERSION) {
        throw bad(
          path,
          i + 1,
          `unsupported cassette version ${JSON.stringify(v['version'])} (this hexec reads version ${CASSETTE_VERSION})`,
        );
      }
      if (v['wire'] !== 'responses' && v['wire'] !== 'chat')
        throw bad(path, i + 1, 'header.wire must be "responses" or "chat"');
      header = v as unknown as CassetteHeader;
      continue;
    }
    if (v['type'] !== 'interaction' || !Array.isArray(v['events']) || !isObj(v['request'])) {
      throw bad(path, i + 1, 'expected an interaction line with request and events');
    }
    const unknown = (v['events'] as unknown[]).find(
      (ev) => !isObj(ev) || typeof ev['type'] !== 'string' || !EVENT_TYPES.has(ev['type']),
    );
    if (unknown !== undefined) throw bad(path, i + 1, `unknown model event ${JSON.stringify(unknown).slice(0, 80)}`);
    interactions.push(v as unknown as CassetteInteraction);
  }
  if (header === undefined) throw bad(path, 1, 'empty file');
  return { header, interactions };
}

export function loadCassette(path: string): Cassette {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HexecError('usage', `cannot read cassette ${path}: ${(e as Error).message}`, { cause: e });
  }
  return parseCassette(text, path);
}

export function cassetteLine(v: CassetteHeader | CassetteInteraction): string {
  return `${JSON.stringify(v)}\n`;
}
