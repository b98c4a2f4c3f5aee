import { shlexSplit } from './shlex.js';

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash']);

/** `[bash|sh|zsh|dash, -c|-lc, SCRIPT]` → SCRIPT. */
export function shellScriptOf(argv: readonly string[]): string | undefined {
  if (argv.length !== 3) return undefined;
  const [sh, flag, script] = argv as [string, string, string];
  if (!SHELLS.has(sh.slice(sh.lastIndexOf('/') + 1))) return undefined;
  if (flag !== '-c' && flag !== '-lc') return undefined;
  return script;
}

/**
 * Splits a script made only of plain words, quoted strings without expansions, and the
 * operators `&&`, `||`, `;`, `|` (and newlines) into its simple commands. Anything else
 * (variables, substitutions, redirections, globs, subshells, assignments, background
 * jobs) → undefined: the script cannot be split safely.
 */
export function splitPlainScript(script: string): string[][] | undefined {
  const commands: string[][] = [];
  let words: string[] = [];
  let cur = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(cur);
    cur = '';
    inWord = false;
  };
  const endCommand = (): boolean => {
    endWord();
    if (words.length === 0) return false;
    commands.push(words);
    words = [];
    return true;
  };
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const two = script.slice(i, i + 2);
    if (ch === ' ' || ch === '\t') {
      endWord();
      i += 1;
    } else if (two === '&&' || two === '||') {
      if (!endCommand()) return undefined;
      i += 2;
    } else if (ch === ';' || ch === '|' || ch === '\n') {
      if (!endCommand() && ch !== '\n') return undefined;
      i += 1;
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end === -1) return undefined;
      cur += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const end = script.indexOf('"', i + 1);
      if (end === -1) return undefined;
      const body = script.slice(i + 1, end);
      if (/[$`\\!]/.test(body)) return undefined;
      cur += body;
      inWord = true;
      i = end + 1;
    } else if (/[A-Za-z0-9_@%+:,./-]/.test(ch) || (ch === '=' && (inWord || words.length > 0))) {
      cur += ch;
      inWord = true;
      i += 1;
    } else {
      return undefined;
    }
  }
  endCommand();
  if (commands.length === 0) return undefined;
  // A leading VAR=value changes what runs; not plain.
  if (commands.some((c) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(c[0] as string))) return undefined;
  return commands;
}

/** Words of a script split on operators, leading assignments dropped; best effort only. */
function roughSegments(script: string): string[][] {
  const out: string[][] = [];
  for (const seg of script.split(/&&|\|\||[;|&\n(){}`]|\$\(/)) {
    const words = shlexSplit(seg.replace(/[<>]/g, ' '));
    if (words === undefined) continue;
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string)) words.shift();
    while (words.length > 0 && /^(!|then|do|else|elif|exec|command|time|nohup|sudo)$/.test(words[0] as string))
      words.shift();
    if (words.length > 0) out.push(words);
  }
  return out;
}

/**
 * The argvs a command is judged by. A plain `bash -lc SCRIPT` is judged by each of its
 * simple commands (as codex does). A script that cannot be split safely is judged by the
 * whole argv (as codex does) AND by a best-effort split of its segments, so that
 * `rm -rf "$X"` still meets an `rm -rf` rule; the strictest decision wins. (hexec is
 * stricter than codex here.)
 */
export function commandsForPolicy(argv: readonly string[]): { readonly commands: string[][]; readonly exact: boolean } {
  const script = shellScriptOf(argv);
  if (script === undefined) return { commands: [[...argv]], exact: true };
  const plain = splitPlainScript(script);
  if (plain !== undefined) return { commands: plain, exact: true };
  return { commands: [[...argv], ...roughSegments(script)], exact: false };
}
