import { HexecError } from '../../errors/index.js';

/**
 * RFC 6901 JSON Pointers, plus one convenience for gates: a last token `length` on an
 * array or a string (with no member of that name) yields its length.
 */
export type PointerLookup =
  { readonly found: true; readonly value: unknown } | { readonly found: false; readonly reason: string };

/** "" is the whole document; otherwise "/a/b~1c/0" → ["a", "b/c", "0"]. */
export function parsePointer(text: string): string[] {
  if (text === '') return [];
  if (!text.startsWith('/')) {
    throw new HexecError('usage', `invalid JSON Pointer '${text}': it must be empty or start with '/'`);
  }
  return text
    .slice(1)
    .split('/')
    .map((tok) => {
      if (/~(?![01])/.test(tok)) {
        throw new HexecError(
          'usage',
          `invalid JSON Pointer '${text}': '~' must be followed by 0 or 1 (~0 is '~', ~1 is '/')`,
        );
      }
      return tok.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const INDEX_RE = /^(0|[1-9][0-9]*)$/;

export function lookupPointer(doc: unknown, tokens: readonly string[]): PointerLookup {
  let cur: unknown = doc;
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i] as string;
    const at = formatPointer(tokens.slice(0, i)) || '(root)';
    const last = i === tokens.length - 1;
    if (Array.isArray(cur)) {
      if (INDEX_RE.test(tok)) {
        const idx = Number(tok);
        if (idx >= cur.length) return { found: false, reason: `${at} has ${cur.length} element(s), no index ${idx}` };
        cur = cur[idx];
        continue;
      }
      if (tok === 'length' && last) return { found: true, value: cur.length };
      return { found: false, reason: `${at} is an array; '${tok}' is not an index` };
    }
    if (typeof cur === 'string') {
      if (tok === 'length' && last) return { found: true, value: [...cur].length };
      return { found: false, reason: `${at} is a string, it has no member '${tok}'` };
    }
    if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, tok)) {
        return { found: false, reason: `${at} has no member '${tok}'` };
      }
      cur = (cur as Record<string, unknown>)[tok];
      continue;
    }
    return { found: false, reason: `${at} is ${describeValue(cur)}, it has no member '${tok}'` };
  }
  return { found: true, value: cur };
}

/** Short human rendering of a JSON value for messages: type plus (truncated) JSON text. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  const json = JSON.stringify(value) ?? typeof value;
  const text = json.length > 80 ? `${json.slice(0, 77)}...` : json;
  if (Array.isArray(value)) return `an array ${text}`;
  if (typeof value === 'object') return `an object ${text}`;
  return `${typeof value} ${text}`;
}
