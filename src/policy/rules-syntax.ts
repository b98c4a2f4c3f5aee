import { HexecError } from '../errors/index.js';

/**
 * The Starlark subset of codex `.rules` files: a sequence of calls
 * `name(key=value, ...)` whose values are strings, lists, True/False/None and integers.
 * Comments (#), newlines inside brackets and trailing commas are accepted. Anything else
 * (assignments, expressions, load(), def, positional arguments) is an error naming
 * file:line:column.
 */
export type StarValue =
  | { readonly t: 'str'; readonly v: string; readonly line: number }
  | { readonly t: 'int'; readonly v: number; readonly line: number }
  | { readonly t: 'bool'; readonly v: boolean; readonly line: number }
  | { readonly t: 'none'; readonly line: number }
  | { readonly t: 'list'; readonly items: readonly StarValue[]; readonly line: number };

export interface StarCall {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly kwargs: ReadonlyMap<string, StarValue>;
}

type Tok =
  | { k: 'id'; v: string; line: number; col: number }
  | { k: 'str'; v: string; line: number; col: number }
  | { k: 'int'; v: number; line: number; col: number }
  | { k: 'p'; v: string; line: number; col: number }
  | { k: 'nl'; line: number; col: number }
  | { k: 'eof'; line: number; col: number };

export function rulesSyntaxError(file: string, line: number, column: number, message: string): HexecError {
  return new HexecError('config', message, { source: { file, line, column } });
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function tokenize(src: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const err = (msg: string, at = i): HexecError => rulesSyntaxError(file, line, at - lineStart + 1, msg);
  while (i < src.length) {
    const ch = src[i] as string;
    const col = i - lineStart + 1;
    if (ch === '\n') {
      if (depth === 0) toks.push({ k: 'nl', line, col });
      line += 1;
      i += 1;
      lineStart = i;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') i += 1;
    else if (ch === '\\' && src[i + 1] === '\n') i += 1;
    else if (ch === '#') while (i < src.length && src[i] !== '\n') i += 1;
    else if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j] as string)) j += 1;
      const word = src.slice(i, j);
      if ((word === 'r' || word === 'R') && (src[j] === '"' || src[j] === "'")) {
        i = j;
        toks.push({ k: 'str', v: readString(true), line, col });
      } else {
        toks.push({ k: 'id', v: word, line, col });
        i = j;
      }
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j] as string)) j += 1;
      toks.push({ k: 'int', v: Number(src.slice(i, j)), line, col });
      i = j;
    } else if (ch === '"' || ch === "'") {
      toks.push({ k: 'str', v: readString(false), line, col });
    } else if ('()[],='.includes(ch)) {
      if (ch === '(' || ch === '[') depth += 1;
      if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
      toks.push({ k: 'p', v: ch, line, col });
      i += 1;
    } else {
      throw err(`unexpected character ${JSON.stringify(ch)}`);
    }
  }
  toks.push({ k: 'nl', line, col: i - lineStart + 1 }, { k: 'eof', line, col: i - lineStart + 1 });
  return toks;

  function readString(raw: boolean): string {
    const q = src[i] as string;
    const triple = src.startsWith(q.repeat(3), i);
    const start = i;
    i += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (i >= src.length) throw err('unterminated string literal', start);
      const c = src[i] as string;
      if (triple ? src.startsWith(q.repeat(3), i) : c === q) {
        i += triple ? 3 : 1;
        return out;
      }
      if (c === '\n') {
        if (!triple) throw err('unterminated string literal', start);
        line += 1;
        lineStart = i + 1;
      }
      if (c === '\\' && !raw) {
        const n = src[i + 1] ?? '';
        if (n === '\n') {
          line += 1;
          i += 2;
          lineStart = i;
          continue;
        }
        const e = ESCAPES[n];
        if (e === undefined) throw err(`invalid escape sequence \\${n}`);
        out += e;
        i += 2;
        continue;
      }
      out += c;
      i += 1;
    }
  }
}

/** Parses a whole file into its top-level calls. */
export function parseStarlarkCalls(src: string, file: string): StarCall[] {
  const toks = tokenize(src, file);
  let p = 0;
  const peek = (): Tok => toks[p] as Tok;
  const next = (): Tok => toks[p++] as Tok;
  const fail = (t: Tok, msg: string): HexecError => rulesSyntaxError(file, t.line, t.col, msg);
  const show = (t: Tok): string =>
    t.k === 'eof' ? 'end of file' : t.k === 'nl' ? 'newline' : t.k === 'str' ? 'string' : `'${String(t.v)}'`;
  const expectP = (v: string): Tok => {
    const t = next();
    if (t.k !== 'p' || t.v !== v) throw fail(t, `expected '${v}', found ${show(t)}`);
    return t;
  };
  function value(): StarValue {
    const t = next();
    if (t.k === 'str') {
      if (peek().k === 'str') throw fail(peek(), 'implicit string concatenation is not allowed');
      return { t: 'str', v: t.v, line: t.line };
    }
    if (t.k === 'int') return { t: 'int', v: t.v, line: t.line };
    if (t.k === 'id' && (t.v === 'True' || t.v === 'False')) return { t: 'bool', v: t.v === 'True', line: t.line };
    if (t.k === 'id' && t.v === 'None') return { t: 'none', line: t.line };
    if (t.k === 'p' && t.v === '[') {
      const items: StarValue[] = [];
      while (!(peek().k === 'p' && (peek() as { v: string }).v === ']')) {
        items.push(value());
        if (peek().k === 'p' && (peek() as { v: string }).v === ',') next();
        else break;
      }
      expectP(']');
      return { t: 'list', items, line: t.line };
    }
    if (t.k === 'id') throw fail(t, `variables and expressions are not supported in .rules files (found '${t.v}')`);
    throw fail(t, `expected a value, found ${show(t)}`);
  }
  const calls: StarCall[] = [];
  for (;;) {
    const t = next();
    if (t.k === 'eof') return calls;
    if (t.k === 'nl') continue;
    if (t.k !== 'id') throw fail(t, `expected a rule call such as prefix_rule(...), found ${show(t)}`);
    if (t.v === 'load' || t.v === 'def' || t.v === 'if' || t.v === 'for') {
      throw fail(t, `'${t.v}' is not supported in .rules files`);
    }
    const open = next();
    if (open.k !== 'p' || open.v !== '(') {
      throw fail(
        open,
        `expected '(' after '${t.v}' (only calls such as prefix_rule(...) are allowed), found ${show(open)}`,
      );
    }
    const kwargs = new Map<string, StarValue>();
    while (!(peek().k === 'p' && (peek() as { v: string }).v === ')')) {
      const key = next();
      const eq = peek();
      if (key.k !== 'id' || eq.k !== 'p' || eq.v !== '=') {
        throw fail(key, `positional arguments are not supported; use keyword arguments such as pattern=[...]`);
      }
      next();
      if (kwargs.has(key.v)) throw fail(key, `argument '${key.v}' given twice`);
      kwargs.set(key.v, value());
      if (peek().k === 'p' && (peek() as { v: string }).v === ',') next();
      else break;
    }
    expectP(')');
    const end = next();
    if (end.k !== 'nl' && end.k !== 'eof') throw fail(end, `expected a newline after the call, found ${show(end)}`);
    if (end.k === 'eof') p -= 1;
    calls.push({ name: t.v, line: t.line, column: t.col, kwargs });
  }
}
