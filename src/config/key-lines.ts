/**
 * Where each key of a TOML document is written. smol-toml returns values without
 * positions, so this small scanner walks the (already validated) text: table headers
 * and `key = value` lines, skipping values (strings, arrays, inline tables) without
 * interpreting them. Keys inside inline tables and arrays map to their outer key.
 */
export interface KeyPosition {
  readonly line: number;
  readonly column: number;
}

export interface KeyLineIndex {
  /** Position of `path`, or of its closest written ancestor; undefined if none. */
  find(path: readonly string[]): KeyPosition | undefined;
}

const SEP = '\u0000';
const BARE = /[A-Za-z0-9_-]/;

function decodeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'b':
        return '\b';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'f':
        return '\f';
      case 'r':
        return '\r';
      case 'e':
        return '\u001b';
      case 'u':
      case 'U': {
        const cp = Number.parseInt(e.slice(1), 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
      default:
        return e;
    }
  });
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}

  peek(off = 0): string {
    return this.s[this.i + off] ?? '';
  }

  skipBlank(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i += 1;
  }

  skipToEol(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i += 1;
  }

  /** Skips a string starting at i (any of the four TOML string forms). */
  skipString(): void {
    const q = this.peek();
    const triple = this.peek(1) === q && this.peek(2) === q;
    if (triple) {
      this.i += 3;
      while (this.i < this.s.length) {
        if (q === '"' && this.peek() === '\\') {
          this.i += 2;
          continue;
        }
        if (this.peek() === q && this.peek(1) === q && this.peek(2) === q) {
          this.i += 3;
          while (this.peek() === q) this.i += 1; // up to two quotes may close the content
          return;
        }
        this.i += 1;
      }
      return;
    }
    this.i += 1;
    while (this.i < this.s.length && this.peek() !== '\n') {
      if (q === '"' && this.peek() === '\\') {
        this.i += 2;
        continue;
      }
      if (this.peek() === q) {
        this.i += 1;
        return;
      }
      this.i += 1;
    }
  }

  /** Skips a value; stops at the end of the line it ends on (depth 0). */
  skipValue(): void {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.peek();
      if (c === '"' || c === "'") {
        this.skipString();
        continue;
      }
      if (c === '#') {
        this.skipToEol();
        continue;
      }
      if (c === '[' || c === '{') depth += 1;
      else if (c === ']' || c === '}') depth -= 1;
      else if (c === '\n' && depth <= 0) return;
      this.i += 1;
    }
  }

  /** A dotted key; undefined when the text here is not a key. */
  key(): string[] | undefined {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank();
      const c = this.peek();
      if (c === '"') {
        const start = this.i;
        this.skipString();
        parts.push(decodeBasic(this.s.slice(start + 1, this.i - 1)));
      } else if (c === "'") {
        const start = this.i;
        this.skipString();
        parts.push(this.s.slice(start + 1, this.i - 1));
      } else if (BARE.test(c)) {
        const start = this.i;
        while (BARE.test(this.peek())) this.i += 1;
        parts.push(this.s.slice(start, this.i));
      } else {
        return undefined;
      }
      this.skipBlank();
      if (this.peek() !== '.') return parts;
      this.i += 1;
    }
  }
}

/** Builds the index for one TOML text (1-based lines and columns). */
export function indexKeyLines(text: string): KeyLineIndex {
  const positions = new Map<string, KeyPosition>();
  const lineStarts = [0];
  for (let k = 0; k < text.length; k += 1) if (text[k] === '\n') lineStarts.push(k + 1);
  const posOf = (offset: number): KeyPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  const record = (path: readonly string[], offset: number): void => {
    const k = path.join(SEP);
    if (!positions.has(k)) positions.set(k, posOf(offset));
  };

  const sc = new Scanner(text);
  let table: string[] = [];
  while (sc.i < text.length) {
    sc.skipBlank();
    const c = sc.peek();
    if (c === '\n' || c === '\r') {
      sc.i += 1;
      continue;
    }
    if (c === '#') {
      sc.skipToEol();
      continue;
    }
    const start = sc.i;
    if (c === '[') {
      const double = sc.peek(1) === '[';
      sc.i += double ? 2 : 1;
      const k = sc.key();
      if (k !== undefined) {
        table = k;
        record(k, start);
      }
      sc.skipToEol();
      continue;
    }
    const k = sc.key();
    if (k === undefined || sc.peek() !== '=') {
      sc.skipToEol();
      continue;
    }
    record([...table, ...k], start);
    sc.i += 1;
    sc.skipBlank();
    sc.skipValue();
  }

  return {
    find(path) {
      for (let n = path.length; n > 0; n -= 1) {
        const hit = positions.get(path.slice(0, n).join(SEP));
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
  };
}

/** An index for sources with no text (command-line overrides). */
export const EMPTY_KEY_INDEX: KeyLineIndex = { find: () => undefined };
