import { sortKeys } from '../util/index.js';

/**
 * A small line diff for replay mismatches: both values are printed as canonical
 * (sorted-key, 2-space) JSON, the common head and tail are trimmed, and the middle is
 * diffed with an LCS table (capped; beyond the cap the whole middle is shown as
 * replaced). Output is unified-diff-like with a few lines of context.
 */

export interface LineDiffOptions {
  readonly context?: number;
  /** Longest line shown; longer lines are cut with "…". */
  readonly maxLineChars?: number;
  /** At most this many +/- lines are shown. */
  readonly maxChangedLines?: number;
  readonly fromLabel?: string;
  readonly toLabel?: string;
}

export function prettyCanonical(value: unknown): string[] {
  return JSON.stringify(sortKeys(value), null, 2).split('\n');
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

const LCS_CELL_CAP = 4_000_000;

function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > LCS_CELL_CAP) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      t[i * w + j] =
        a[i] === b[j] ? (t[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(t[(i + 1) * w + j] ?? 0, t[i * w + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if ((t[(i + 1) * w + j] ?? 0) >= (t[i * w + j + 1] ?? 0)) {
      ops.push({ kind: '-', line: a[i] ?? '' });
      i += 1;
    } else {
      ops.push({ kind: '+', line: b[j] ?? '' });
      j += 1;
    }
  }
  for (; i < n; i += 1) ops.push({ kind: '-', line: a[i] ?? '' });
  for (; j < m; j += 1) ops.push({ kind: '+', line: b[j] ?? '' });
  return ops;
}

function cut(line: string, max: number): string {
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Empty string when equal. Line numbers refer to the "to" side. */
export function lineDiff(from: readonly string[], to: readonly string[], opts: LineDiffOptions = {}): string {
  const context = opts.context ?? 3;
  const maxChars = opts.maxLineChars ?? 160;
  const maxChanged = opts.maxChangedLines ?? 40;
  let head = 0;
  while (head < from.length && head < to.length && from[head] === to[head]) head += 1;
  if (head === from.length && head === to.length) return '';
  let tail = 0;
  while (
    tail < from.length - head &&
    tail < to.length - head &&
    from[from.length - 1 - tail] === to[to.length - 1 - tail]
  ) {
    tail += 1;
  }
  const middle = diffOps(from.slice(head, from.length - tail), to.slice(head, to.length - tail));
  const before = from.slice(Math.max(0, head - context), head).map((line): Op => ({ kind: ' ', line }));
  const after = from.slice(from.length - tail, from.length - tail + context).map((line): Op => ({ kind: ' ', line }));
  const out: string[] = [
    `--- ${opts.fromLabel ?? 'expected'}`,
    `+++ ${opts.toLabel ?? 'actual'}`,
    `@@ line ${head + 1} @@`,
  ];
  let changed = 0;
  // collapse long unchanged runs inside the middle
  const ops = [...before, ...middle, ...after];
  for (let k = 0; k < ops.length; k += 1) {
    const op = ops[k];
    if (op === undefined) continue;
    if (op.kind !== ' ') {
      changed += 1;
      if (changed > maxChanged) {
        out.push(`… (${ops.slice(k).filter((o) => o.kind !== ' ').length} more changed lines)`);
        break;
      }
    } else {
      const near = ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.kind !== ' ');
      if (!near) {
        if (out.at(-1) !== '…') out.push('…');
        continue;
      }
    }
    out.push(`${op.kind} ${cut(op.line, maxChars)}`);
  }
  return out.join('\n');
}

export function jsonLineDiff(expected: unknown, actual: unknown, opts: LineDiffOptions = {}): string {
  return lineDiff(prettyCanonical(expected), prettyCanonical(actual), opts);
}
