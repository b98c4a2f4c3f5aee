/**
 * Text shapes of codex's unified exec: the response block the model reads, token
 * estimates (4 bytes a token) and middle truncation.
 */

const BYTES_PER_TOKEN = 4;
export const DEFAULT_MAX_OUTPUT_TOKENS = 10_000;

/** ceil(bytes / 4), codex's `approx_token_count`. */
export function approxTokenCount(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}

function isContinuation(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/**
 * Keeps the first and last halves of a `maxTokens * 4` byte budget (cut on UTF-8
 * character boundaries) around `…N tokens truncated…`; N = ceil(removed bytes / 4).
 */
export function truncateMiddle(text: string, maxTokens: number): string {
  const bytes = Buffer.from(text, 'utf8');
  const budget = Math.max(0, Math.floor(maxTokens)) * BYTES_PER_TOKEN;
  if (bytes.length <= budget) return text;
  const removedTokens = Math.ceil((bytes.length - budget) / BYTES_PER_TOKEN);
  const marker = `…${removedTokens} tokens truncated…`;
  if (budget === 0) return marker;
  let headEnd = Math.floor(budget / 2);
  while (headEnd > 0 && isContinuation(bytes[headEnd])) headEnd--;
  let tailStart = bytes.length - (budget - Math.floor(budget / 2));
  while (tailStart < bytes.length && isContinuation(bytes[tailStart])) tailStart++;
  return `${bytes.subarray(0, headEnd).toString('utf8')}${marker}${bytes.subarray(tailStart).toString('utf8')}`;
}

/** Rust's `str::lines().count()`. */
function lineCount(text: string): number {
  if (text === '') return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Over budget: `Total output lines: N\n\n` + middle-truncated text; otherwise unchanged. */
export function formatTruncated(text: string, maxTokens: number): string {
  if (Buffer.byteLength(text, 'utf8') <= Math.max(0, Math.floor(maxTokens)) * BYTES_PER_TOKEN) return text;
  return `Total output lines: ${lineCount(text)}\n\n${truncateMiddle(text, maxTokens)}`;
}

export interface ExecResponse {
  readonly chunkId: string;
  readonly wallSeconds: number;
  /** Set once the process has exited. */
  readonly exitCode?: number;
  /** Set while the process keeps running. */
  readonly sessionId?: number;
  readonly output: string;
  readonly maxOutputTokens: number;
}

/**
 * Chunk ID: 3bef37
 * Wall time: 0.0123 seconds
 * Process exited with code 0            (or: Process running with session ID 4242)
 * Original token count: 1
 * Output:
 * hi
 */
export function formatExecResponse(r: ExecResponse): string {
  const sections: string[] = [];
  if (r.chunkId !== '') sections.push(`Chunk ID: ${r.chunkId}`);
  sections.push(`Wall time: ${r.wallSeconds.toFixed(4)} seconds`);
  if (r.exitCode !== undefined) sections.push(`Process exited with code ${r.exitCode}`);
  if (r.sessionId !== undefined) sections.push(`Process running with session ID ${r.sessionId}`);
  sections.push(`Original token count: ${approxTokenCount(r.output)}`);
  sections.push('Output:');
  sections.push(formatTruncated(r.output, r.maxOutputTokens));
  return sections.join('\n');
}

/** POSIX shell quoting of one word, as codex shows commands (`'echo hi'`): policy's shlex. */
export { shlexQuote as shellQuote, shlexJoin as shellJoin } from '../../policy/index.js';
