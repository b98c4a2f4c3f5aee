import { HexecError } from '../errors/index.js';

/**
 * Where the prompt comes from. Unlike codex 0.169, a PROMPT argument means stdin is
 * never read, so a run cannot hang on an open pipe (openai/codex#20919).
 */
export type PromptSource =
  { readonly type: 'argument'; readonly text: string } | { readonly type: 'stdin'; readonly explicit: boolean };

export function choosePromptSource(positional: string | undefined, stdinIsTTY: boolean): PromptSource {
  if (positional !== undefined && positional !== '-') return { type: 'argument', text: positional };
  if (stdinIsTTY) {
    throw new HexecError(
      'usage',
      'no prompt given: pass PROMPT, or pipe it on stdin (use `-` to read stdin explicitly)',
    );
  }
  return { type: 'stdin', explicit: positional === '-' };
}

/** Decodes stdin like codex: UTF-8 (BOM stripped), UTF-16 with BOM; rejects the rest. */
export function decodePromptBytes(bytes: Buffer): string {
  if (
    bytes.length >= 4 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
      (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))
  ) {
    throw new HexecError(
      'usage',
      'stdin is UTF-32, which is not supported; convert it to UTF-8 (e.g. `iconv -f UTF-32 -t UTF-8`)',
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new HexecError('usage', 'stdin is not valid UTF-8; convert it first (e.g. `iconv -f <encoding> -t UTF-8`)');
  }
}

export function promptFromStdin(text: string): string {
  if (text.trim() === '') throw new HexecError('usage', 'No prompt provided via stdin.');
  return text;
}
