/**
 * String helpers with Rust's semantics, so patches behave exactly as they do in codex.
 *
 * Rust's `trim()` removes characters with the Unicode White_Space property. JavaScript's
 * `trim()` differs on two code points: it also strips U+FEFF (BOM) and keeps U+0085 (NEL).
 */
const WHITE_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

function isWhite(s: string, i: number): boolean {
  return WHITE_SPACE.has(s.charCodeAt(i));
}

export function trimStartRust(s: string): string {
  let i = 0;
  while (i < s.length && isWhite(s, i)) i++;
  return i === 0 ? s : s.slice(i);
}

export function trimEndRust(s: string): string {
  let j = s.length;
  while (j > 0 && isWhite(s, j - 1)) j--;
  return j === s.length ? s : s.slice(0, j);
}

export function trimRust(s: string): string {
  return trimEndRust(trimStartRust(s));
}

/**
 * Rust's `str::lines()`: split on `\n`, drop one trailing `\r` per line, and yield no
 * final empty line after a trailing newline.
 */
export function rustLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
