import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HexecError } from '../errors/index.js';
import { writeFileAtomic } from '../util/index.js';
import { indexKeyLines } from './key-lines.js';
import { getPath } from './key-path.js';
import { isTable, type Table } from './schema.js';
import { parseTomlText } from './toml-source.js';

/** Project discovery and trust (codex-exec.md §3.5). */

function ancestors(start: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    out.push(dir);
    const up = dirname(dir);
    if (up === dir) return out;
    dir = up;
  }
}

/** First ancestor of cwd (inclusive) holding any marker; cwd when none or no markers. */
export function findProjectRoot(cwd: string, markers: readonly string[]): string {
  if (markers.length === 0) return resolve(cwd);
  for (const dir of ancestors(cwd)) {
    if (markers.some((m) => m !== '' && existsSync(join(dir, m)))) return dir;
  }
  return resolve(cwd);
}

export function findGitRoot(cwd: string): string | null {
  for (const dir of ancestors(cwd)) if (existsSync(join(dir, '.git'))) return dir;
  return null;
}

/** Directories from root down to cwd, root first (cwd only if it is not under root). */
export function dirsFromRoot(root: string, cwd: string): string[] {
  const chain = ancestors(cwd);
  const idx = chain.indexOf(resolve(root));
  return (idx === -1 ? [resolve(cwd)] : chain.slice(0, idx + 1)).reverse();
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

export interface TrustLookup {
  readonly level: 'trusted' | 'untrusted' | 'unknown';
  /** The `projects` key that decided it. */
  readonly key: string | null;
}

/** `[projects."<path>"] trust_level`: exact cwd, then project root, then git root. */
export function lookupTrust(projects: unknown, candidates: ReadonlyArray<string | null>): TrustLookup {
  if (!isTable(projects)) return { level: 'unknown', key: null };
  const keys = Object.keys(projects);
  for (const c of candidates) {
    if (c === null) continue;
    const key = keys.find((k) => k !== '' && samePath(k, c));
    if (key === undefined) continue;
    const level = getPath(projects, [key, 'trust_level']);
    if (level === 'trusted' || level === 'untrusted') return { level, key };
  }
  return { level: 'unknown', key: null };
}

function tomlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Records `[projects."<root>"] trust_level = "trusted"` in the user config: appended
 * (or inserted under an existing header), written atomically, re-parsed to verify.
 * Returns false when the entry was already there.
 */
export function recordTrust(configFile: string, root: string): boolean {
  let text = '';
  let mode = 0o600;
  if (existsSync(configFile)) {
    try {
      text = readFileSync(configFile, 'utf8');
      mode = statSync(configFile).mode & 0o777;
    } catch (e) {
      throw new HexecError(
        'config',
        `cannot read configuration file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        { source: { file: configFile } },
      );
    }
  }
  const before: Table = text === '' ? (Object.create(null) as Table) : parseTomlText(text, configFile);
  const entry = getPath(before, ['projects', root]);
  if (getPath(entry, ['trust_level']) === 'trusted') return false;
  let next: string;
  if (entry === undefined) {
    const sep = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    next = `${text}${sep}[projects.${tomlString(root)}]\ntrust_level = "trusted"\n`;
  } else {
    const pos = indexKeyLines(text).find(['projects', root]);
    const lines = text.split('\n');
    const at = pos === undefined ? -1 : pos.line - 1;
    const header = lines[at] ?? '';
    if (at < 0 || !header.trimStart().startsWith('[') || getPath(entry, ['trust_level']) !== undefined) {
      throw new HexecError('config', `cannot record trust for ${root}: edit its [projects] entry by hand`, {
        source: { file: configFile, ...(pos !== undefined ? { line: pos.line } : {}) },
      });
    }
    lines.splice(at + 1, 0, 'trust_level = "trusted"');
    next = lines.join('\n');
  }
  const after = parseTomlText(next, configFile);
  if (getPath(after, ['projects', root, 'trust_level']) !== 'trusted') {
    throw new HexecError('config', `cannot record trust for ${root}: the edited file did not verify`, {
      source: { file: configFile },
    });
  }
  try {
    writeFileAtomic(configFile, next, mode);
  } catch (e) {
    throw new HexecError(
      'config',
      `cannot record trust for ${root} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      {
        source: { file: configFile },
        hint: 'make $CODEX_HOME writable, or run with --hermetic --trust (trust for this run only)',
      },
    );
  }
  return true;
}
