import { trimEndRust, trimRust } from './rust-text.js';

/**
 * Finds `pattern` in `lines` at or after `start`, the way codex locates a patch chunk.
 * Four passes of decreasing strictness; in each the first position that matches wins:
 *   1. exact, 2. ignoring trailing whitespace, 3. ignoring surrounding whitespace,
 *   4. surrounding whitespace ignored and typographic punctuation read as ASCII.
 * With `eof`, the position that ends at the last line is tried first (all passes), then
 * the normal search from `start`.
 * Returns the index of the first matching line, or undefined.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  eof: boolean,
): number | undefined {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return undefined;
  const last = lines.length - pattern.length;
  if (eof) {
    const atEnd = searchPasses(lines, pattern, last, last);
    if (atEnd !== undefined) return atEnd;
  }
  return searchPasses(lines, pattern, start, last);
}

export type LineComparison = (a: string, b: string) => boolean;

/** The four passes, in order. Exported for tests. */
export const SEEK_PASSES: readonly LineComparison[] = [
  (a, b) => a === b,
  (a, b) => trimEndRust(a) === trimEndRust(b),
  (a, b) => trimRust(a) === trimRust(b),
  (a, b) => normalisePunctuation(trimRust(a)) === normalisePunctuation(trimRust(b)),
];

function searchPasses(
  lines: readonly string[],
  pattern: readonly string[],
  from: number,
  to: number,
): number | undefined {
  for (const same of SEEK_PASSES) {
    for (let i = from; i <= to; i++) {
      let ok = true;
      for (let k = 0; k < pattern.length; k++) {
        if (!same(lines[i + k] ?? '', pattern[k] ?? '')) {
          ok = false;
          break;
        }
      }
      if (ok) return i;
    }
  }
  return undefined;
}

/**
 * Typographic punctuation → ASCII, exactly the set codex maps:
 * dashes U+2010–2015 and U+2212 → '-', quotes U+2018–201B → "'", U+201C–201F → '"',
 * NBSP, U+2002–200A, U+202F, U+205F, U+3000 → ' '.
 */
export function normalisePunctuation(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) out += '-';
    else if (c >= 0x2018 && c <= 0x201b) out += "'";
    else if (c >= 0x201c && c <= 0x201f) out += '"';
    else if (c === 0xa0 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}
