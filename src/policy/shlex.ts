/**
 * POSIX shell-like word splitting (Python's shlex.split): whitespace separates words,
 * single quotes are literal, double quotes honour \\ \" \$ \` and \newline, a backslash
 * outside quotes escapes the next character. Returns undefined on an unclosed quote.
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i += 1;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i] as string;
        if (c === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (c === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] !== '\n') cur += text[i + 1];
          i += 2;
          continue;
        }
        cur += c;
        i += 1;
      }
      if (!closed) return undefined;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return undefined;
      if (text[i + 1] !== '\n') cur += text[i + 1];
      inWord = true;
      i += 2;
    } else {
      cur += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for display (like shlex.quote / codex's command rendering). */
export function shlexQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

export function shlexJoin(words: readonly string[]): string {
  return words.map(shlexQuote).join(' ');
}
