import type { UpdateChunk } from './parse-patch.js';
import { seekSequence } from './seek-sequence.js';

/** One planned splice of the file's lines: remove `oldLength` at `start`, insert `lines`. */
interface Replacement {
  readonly start: number;
  readonly oldLength: number;
  readonly lines: readonly string[];
}

export type UpdateResult =
  { readonly ok: true; readonly contents: string } | { readonly ok: false; readonly message: string };

/** Lines of a file as codex sees them: split on `\n`, minus the empty tail of a final newline. */
export function fileLines(contents: string): string[] {
  const lines = contents.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Applies the chunks of one Update File hunk to `original` (the file's text). `shownPath`
 * is how the path appears in error messages.
 */
export function computeUpdatedContents(
  original: string,
  chunks: readonly UpdateChunk[],
  shownPath: string,
): UpdateResult {
  const lines = fileLines(original);
  const planned = planReplacements(lines, chunks, shownPath);
  if (!planned.ok) return planned;
  const result = [...lines];
  for (const r of [...planned.replacements].sort((a, b) => a.start - b.start).reverse()) {
    const removable = Math.max(0, Math.min(r.oldLength, result.length - r.start));
    result.splice(r.start, removable, ...r.lines);
  }
  if (result[result.length - 1] !== '') result.push('');
  let contents = result.join('\n');
  if (usesCrlf(original)) contents = contents.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n');
  return { ok: true, contents };
}

/** codex's byte count: CRLF wins when there are at least as many CRLF as lone LF endings. */
export function usesCrlf(text: string): boolean {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > 0 && crlf >= lf;
}

function planReplacements(
  lines: readonly string[],
  chunks: readonly UpdateChunk[],
  shownPath: string,
): { ok: true; replacements: Replacement[] } | { ok: false; message: string } {
  const replacements: Replacement[] = [];
  let cursor = 0;
  for (const chunk of chunks) {
    for (const context of chunk.contextLines) {
      const at = seekSequence(lines, [context], cursor, false);
      if (at === undefined) {
        return { ok: false, message: `Failed to find context '${context}' in ${shownPath}` };
      }
      cursor = at + 1;
    }
    if (chunk.oldLines.length === 0) {
      // Pure addition: goes at the end of the file, before a trailing empty line if any.
      const at = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
      replacements.push({ start: at, oldLength: 0, lines: chunk.newLines });
      continue;
    }
    let pattern = chunk.oldLines;
    let newLines = chunk.newLines;
    let found = seekSequence(lines, pattern, cursor, chunk.isEndOfFile);
    if (found === undefined && pattern[pattern.length - 1] === '') {
      // A final empty old line stands for the file's last newline: retry without it.
      pattern = pattern.slice(0, -1);
      if (newLines[newLines.length - 1] === '') newLines = newLines.slice(0, -1);
      found = seekSequence(lines, pattern, cursor, chunk.isEndOfFile);
    }
    if (found === undefined) {
      return {
        ok: false,
        message: `Failed to find expected lines in ${shownPath}:\n${chunk.oldLines.join('\n')}`,
      };
    }
    replacements.push({ start: found, oldLength: pattern.length, lines: newLines });
    cursor = found + pattern.length;
  }
  return { ok: true, replacements };
}
