import { EXIT, type ExitCode } from './exit-codes.js';

/** What went wrong, in words a user acts on. Each kind maps to one exit code. */
export type ErrorKind =
  | 'usage'
  | 'config'
  | 'run'
  | 'output-schema'
  | 'budget'
  | 'sandbox'
  | 'replay'
  | 'auth'
  | 'interrupted'
  | 'terminated'
  | 'internal';

const KIND_EXIT: Record<ErrorKind, ExitCode> = {
  usage: EXIT.usage,
  config: EXIT.usage,
  run: EXIT.runFailed,
  'output-schema': EXIT.outputSchema,
  budget: EXIT.budget,
  sandbox: EXIT.sandbox,
  replay: EXIT.replayDiverged,
  auth: EXIT.auth,
  interrupted: EXIT.sigint,
  terminated: EXIT.sigterm,
  internal: EXIT.runFailed,
};

/** Where a bad value came from: a file (with line) or a flag. */
export interface ErrorSource {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly key?: string;
  readonly flag?: string;
}

export interface HexecErrorOptions {
  readonly source?: ErrorSource;
  readonly expected?: string;
  readonly found?: string;
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * The one error type that crosses layers. `bin/` turns it into a message and an exit
 * code; user errors never print a stack trace.
 */
export class HexecError extends Error {
  readonly kind: ErrorKind;
  readonly source: ErrorSource | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: HexecErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HexecError';
    this.kind = kind;
    this.source = options.source;
    this.expected = options.expected;
    this.found = options.found;
    this.hint = options.hint;
  }

  get exitCode(): ExitCode {
    return KIND_EXIT[this.kind];
  }
}

export function isHexecError(value: unknown): value is HexecError {
  return value instanceof HexecError;
}

export function exitCodeFor(error: unknown): ExitCode {
  return isHexecError(error) ? error.exitCode : EXIT.runFailed;
}

/** "file:line: key: message (expected X, found Y)\nhint" */
export function formatError(error: unknown): string {
  if (!isHexecError(error)) {
    const msg = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `internal error: ${msg}`;
  }
  const parts: string[] = [];
  const s = error.source;
  if (s?.file !== undefined) {
    let where = s.file;
    if (s.line !== undefined) where += `:${s.line}`;
    if (s.line !== undefined && s.column !== undefined) where += `:${s.column}`;
    parts.push(where);
  } else if (s?.flag !== undefined) {
    parts.push(s.flag);
  }
  if (s?.key !== undefined) parts.push(`\`${s.key}\``);
  let text = parts.length > 0 ? `${parts.join(': ')}: ${error.message}` : error.message;
  if (error.expected !== undefined || error.found !== undefined) {
    const bits: string[] = [];
    if (error.expected !== undefined) bits.push(`expected ${error.expected}`);
    if (error.found !== undefined) bits.push(`found ${error.found}`);
    text += ` (${bits.join(', ')})`;
  }
  if (error.hint !== undefined) text += `\nhint: ${error.hint}`;
  return text;
}
