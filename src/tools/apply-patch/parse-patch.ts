import { rustLines, trimRust } from './rust-text.js';

/**
 * Parser for codex's apply_patch format (lenient mode, the only mode codex uses).
 *
 *   *** Begin Patch
 *   *** Add File: <path>        followed by `+line`s
 *   *** Delete File: <path>
 *   *** Update File: <path>     optionally `*** Move to: <path>`, then chunks:
 *   @@ [context]                (may be omitted for the first chunk; may be stacked)
 *    context / -old / +new      (an empty line is an empty context line)
 *   *** End of File             (optional: anchors the chunk at the end of the file)
 *   *** End Patch
 *
 * The parser only checks the text; whether the patch fits the files is decided when
 * applying.
 */

export interface AddFileHunk {
  readonly type: 'add';
  readonly path: string;
  readonly contents: string;
}

export interface DeleteFileHunk {
  readonly type: 'delete';
  readonly path: string;
}

export interface UpdateChunk {
  /** `@@ <text>` lines before the body, outermost first; each narrows the search. */
  readonly contextLines: readonly string[];
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** `*** End of File` closed the chunk: the old lines should sit at the end of the file. */
  readonly isEndOfFile: boolean;
}

export interface UpdateFileHunk {
  readonly type: 'update';
  readonly path: string;
  readonly movePath: string | undefined;
  readonly chunks: readonly UpdateChunk[];
}

export type PatchHunk = AddFileHunk | DeleteFileHunk | UpdateFileHunk;

export type PatchParseError =
  | { readonly kind: 'invalid-patch'; readonly message: string }
  | { readonly kind: 'invalid-hunk'; readonly message: string; readonly lineNumber: number };

export type ParsePatchResult =
  { readonly ok: true; readonly hunks: readonly PatchHunk[] } | { readonly ok: false; readonly error: PatchParseError };

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const EOF_MARKER = '*** End of File';
const CONTEXT = '@@ ';
const EMPTY_CONTEXT = '@@';

/** codex exec's wording of a parse error (what the model reads after the tool prefix). */
export function formatParseError(e: PatchParseError): string {
  return e.kind === 'invalid-patch'
    ? `invalid patch: ${e.message}`
    : `invalid hunk at line ${e.lineNumber}, ${e.message}`;
}

/** The standalone `apply_patch` program's wording of the same error. */
export function formatParseErrorStandalone(e: PatchParseError): string {
  return e.kind === 'invalid-patch'
    ? `Invalid patch: ${e.message}`
    : `Invalid patch hunk on line ${e.lineNumber}: ${e.message}`;
}

class ParseFailure extends Error {
  constructor(readonly detail: PatchParseError) {
    super(detail.message);
  }
}

function invalidPatch(message: string): never {
  throw new ParseFailure({ kind: 'invalid-patch', message });
}

function invalidHunk(message: string, lineNumber: number): never {
  throw new ParseFailure({ kind: 'invalid-hunk', message, lineNumber });
}

export function parsePatch(text: string): ParsePatchResult {
  try {
    return { ok: true, hunks: parseOrThrow(text) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.detail };
    throw e;
  }
}

function checkBoundaries(lines: readonly string[]): readonly string[] {
  const first = lines.length > 0 ? trimRust(lines[0] ?? '') : undefined;
  const last = lines.length > 0 ? trimRust(lines[lines.length - 1] ?? '') : undefined;
  if (first === BEGIN && last === END && lines.length >= 2) return lines.slice(1, -1);
  if (first !== undefined && first !== BEGIN) invalidPatch("The first line of the patch must be '*** Begin Patch'");
  return invalidPatch("The last line of the patch must be '*** End Patch'");
}

function isHeredocOpen(line: string): boolean {
  return line === '<<EOF' || line === "<<'EOF'" || line === '<<"EOF"';
}

function hunkLines(allLines: readonly string[]): readonly string[] {
  try {
    return checkBoundaries(allLines);
  } catch (original) {
    const first = allLines[0];
    const last = allLines[allLines.length - 1];
    if (
      allLines.length >= 4 &&
      first !== undefined &&
      last !== undefined &&
      isHeredocOpen(first) &&
      last.endsWith('EOF')
    ) {
      return checkBoundaries(allLines.slice(1, -1));
    }
    throw original;
  }
}

function parseOrThrow(text: string): PatchHunk[] {
  const lines = hunkLines(rustLines(trimRust(text)));
  const hunks: PatchHunk[] = [];
  let rest = lines;
  let lineNumber = 2;
  while (rest.length > 0) {
    const { hunk, consumed } = parseHunk(rest, lineNumber);
    hunks.push(hunk);
    lineNumber += consumed;
    rest = rest.slice(consumed);
  }
  return hunks;
}

function parseHunk(lines: readonly string[], lineNumber: number): { hunk: PatchHunk; consumed: number } {
  const header = trimRust(lines[0] ?? '');
  if (header.startsWith(ADD)) {
    let contents = '';
    let consumed = 1;
    for (const line of lines.slice(1)) {
      if (!line.startsWith('+')) break;
      contents += `${line.slice(1)}\n`;
      consumed++;
    }
    return { hunk: { type: 'add', path: header.slice(ADD.length), contents }, consumed };
  }
  if (header.startsWith(DELETE)) {
    return { hunk: { type: 'delete', path: header.slice(DELETE.length) }, consumed: 1 };
  }
  if (header.startsWith(UPDATE)) {
    const path = header.slice(UPDATE.length);
    let consumed = 1;
    let movePath: string | undefined;
    const maybeMove = lines[1];
    if (maybeMove !== undefined && maybeMove.startsWith(MOVE)) {
      movePath = maybeMove.slice(MOVE.length);
      consumed++;
    }
    const chunks: UpdateChunk[] = [];
    while (consumed < lines.length) {
      const line = lines[consumed] ?? '';
      if (trimRust(line) === '') {
        consumed++;
        continue;
      }
      if (line.startsWith('*')) break;
      const parsed = parseChunk(lines.slice(consumed), lineNumber + consumed, chunks.length === 0);
      chunks.push(parsed.chunk);
      consumed += parsed.consumed;
    }
    if (chunks.length === 0) invalidHunk(`Update file hunk for path '${path}' is empty`, lineNumber);
    return { hunk: { type: 'update', path, movePath, chunks }, consumed };
  }
  return invalidHunk(
    `'${header}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNumber,
  );
}

function parseChunk(
  lines: readonly string[],
  lineNumber: number,
  allowMissingContext: boolean,
): { chunk: UpdateChunk; consumed: number } {
  const contextLines: string[] = [];
  let start = 0;
  for (;;) {
    const line = lines[start];
    if (line === EMPTY_CONTEXT) start++;
    else if (line !== undefined && line.startsWith(CONTEXT)) {
      contextLines.push(line.slice(CONTEXT.length));
      start++;
    } else break;
  }
  if (start === 0 && !allowMissingContext) {
    invalidHunk(`Expected update hunk to start with a @@ context marker, got: '${lines[0] ?? ''}'`, lineNumber);
  }
  if (start >= lines.length) invalidHunk('Update hunk does not contain any lines', lineNumber + start);
  const oldLines: string[] = [];
  const newLines: string[] = [];
  let isEndOfFile = false;
  let body = 0;
  for (const line of lines.slice(start)) {
    if (line === EOF_MARKER) {
      if (body === 0) invalidHunk('Update hunk does not contain any lines', lineNumber + start);
      isEndOfFile = true;
      body++;
      break;
    }
    const marker = line.charAt(0);
    if (line === '') {
      oldLines.push('');
      newLines.push('');
    } else if (marker === ' ') {
      oldLines.push(line.slice(1));
      newLines.push(line.slice(1));
    } else if (marker === '+') {
      newLines.push(line.slice(1));
    } else if (marker === '-') {
      oldLines.push(line.slice(1));
    } else {
      if (body === 0) {
        invalidHunk(
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
          lineNumber + start,
        );
      }
      break;
    }
    body++;
  }
  return { chunk: { contextLines, oldLines, newLines, isEndOfFile }, consumed: start + body };
}
