import { readFileSync, statSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { HexecError } from '../errors/index.js';
import { newTable, type Table } from './schema.js';

/** A TOML file read from disk: its text and untyped table. */
export type TomlFile =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly file: string; readonly text: string; readonly raw: Table };

function nullProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(nullProto);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out = newTable();
    for (const [k, x] of Object.entries(v)) out[k] = nullProto(x);
    return out;
  }
  return v;
}

/**
 * Parses TOML text. Integers beyond 2^53 stay exact (BigInt); `__proto__`-style keys
 * are rejected. Syntax errors become config errors at file:line:column.
 */
export function parseTomlText(text: string, file: string): Table {
  try {
    const raw = parse(text, { integersAsBigInt: 'asNeeded', unsafeKeyBehaviour: 'throw', maxDepth: 100 });
    return nullProto(raw) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      throw new HexecError('config', `TOML parse error: ${first}`, {
        source: { file, line: e.line, column: e.column },
        cause: e,
      });
    }
    throw new HexecError('config', `TOML parse error: ${e instanceof Error ? e.message : String(e)}`, {
      source: { file },
    });
  }
}

/** Decodes bytes as strict UTF-8 (a leading BOM is dropped). */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new HexecError('config', 'configuration file is not valid UTF-8', {
      source: { file },
      hint: 'convert it to UTF-8 (e.g. `iconv -f <encoding> -t UTF-8`)',
    });
  }
}

/** Reads and parses a TOML file; a file that does not exist is `missing`. */
export function readTomlFile(file: string): TomlFile {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) {
      throw new HexecError('config', 'configuration path is not a regular file', { source: { file } });
    }
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof HexecError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    throw new HexecError('config', `cannot read configuration file (${code ?? String(e)})`, { source: { file } });
  }
  const text = decodeUtf8(bytes, file);
  return { status: 'ok', file, text, raw: parseTomlText(text, file) };
}
