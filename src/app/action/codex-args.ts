import { HexecError } from '../../errors/index.js';

/**
 * `codex-args` as codex-action reads it: a JSON array of strings when it starts with `[`,
 * otherwise shell-like words (whitespace-separated; '...' literal; "..." with \" \\ \$ \`
 * escapes; a backslash outside quotes escapes the next character). No expansion of any kind.
 */
export function parseCodexArgs(raw: string): string[] {
  const text = raw.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new HexecError(
        'usage',
        `codex-args starts with '[' but is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        { source: { key: 'codex-args' } },
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
      throw new HexecError('usage', 'codex-args must be a JSON array of strings', {
        source: { key: 'codex-args' },
        found: text,
      });
    }
    return parsed;
  }
  return splitShellWords(text);
}

export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const unterminated = (what: string): never => {
    throw new HexecError('usage', `codex-args has an unterminated ${what}`, {
      source: { key: 'codex-args' },
      found: text,
    });
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) unterminated('single quote');
      cur += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) unterminated('double quote');
        const c = text[i] as string;
        if (c === '"') {
          i += 1;
          break;
        }
        if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) {
          cur += text[i + 1];
          i += 2;
        } else {
          cur += c;
          i += 1;
        }
      }
    } else if (ch === '\\') {
      if (i + 1 >= text.length) unterminated('escape (trailing backslash)');
      cur += text[i + 1];
      i += 2;
    } else {
      cur += ch;
      i += 1;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
