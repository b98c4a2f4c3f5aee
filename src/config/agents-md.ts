import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../util/index.js';
import { dirsFromRoot } from './project.js';
import type { InstructionFile, InstructionsResult } from './types.js';

/**
 * AGENTS.md discovery and rendering (codex-extensions.md §4): from the project root
 * down to cwd, the first existing of AGENTS.override.md / AGENTS.md / fallback names
 * per directory, under one shared byte budget; then the user doc from $CODEX_HOME.
 */
export const PROJECT_DOC_SEPARATOR = '\n\n--- project-doc ---\n\n';

export interface AgentsMdInput {
  readonly cwd: string;
  readonly projectRoot: string;
  readonly codexHome: string;
  readonly maxBytes: number;
  readonly fallbackFilenames: readonly string[];
  /** Hermetic runs do not read $CODEX_HOME/AGENTS*.md. */
  readonly includeUserDoc: boolean;
  /** Hermetic runs read project docs only when the project is trusted on the command line. */
  readonly includeProjectDocs: boolean;
  readonly why?: readonly string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads at most `limit` bytes of a file; also returns its size. */
function readHead(path: string, limit: number): { data: Buffer; size: number } {
  const size = statSync(path).size;
  const want = Math.max(0, Math.min(size, limit));
  const data = Buffer.alloc(want);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < want) {
      const n = readSync(fd, data, off, want - off, off);
      if (n === 0) break;
      off += n;
    }
    return { data: data.subarray(0, off), size };
  } finally {
    closeSync(fd);
  }
}

const isBlank = (b: Buffer): boolean =>
  b.every((c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c);
const lossy = (b: Uint8Array): string => new TextDecoder('utf-8').decode(b);

/** The per-directory candidate names, in order. */
export function candidateNames(fallback: readonly string[]): string[] {
  const names = ['AGENTS.override.md', 'AGENTS.md'];
  for (const f of fallback) if (f !== '' && !names.includes(f)) names.push(f);
  return names;
}

function tryReadHead(path: string, limit: number, unreadable: string[]): { data: Buffer; size: number } | undefined {
  try {
    return readHead(path, limit);
  } catch (e) {
    unreadable.push(`${path} could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); skipped`);
    return undefined;
  }
}

export function discoverProjectDocs(
  input: AgentsMdInput,
  unreadable: string[] = [],
): { files: InstructionFile[]; texts: string[] } {
  const files: InstructionFile[] = [];
  const texts: string[] = [];
  let remaining = input.maxBytes;
  if (remaining <= 0) return { files, texts };
  const names = candidateNames(input.fallbackFilenames);
  for (const dir of dirsFromRoot(input.projectRoot, input.cwd)) {
    if (remaining <= 0) break;
    const name = names.find((n) => isFile(join(dir, n)));
    if (name === undefined) continue;
    const path = join(dir, name);
    const head = tryReadHead(path, remaining, unreadable);
    if (head === undefined) continue;
    const { data, size } = head;
    if (isBlank(data)) continue;
    files.push({
      path,
      kind: 'project',
      bytes: data.length,
      size,
      truncated: size > data.length,
      sha256: sha256Hex(data),
    });
    texts.push(lossy(data));
    remaining -= data.length;
  }
  return { files, texts };
}

export function readUserDoc(
  codexHome: string,
  unreadable: string[] = [],
): { file: InstructionFile; text: string } | undefined {
  for (const name of ['AGENTS.override.md', 'AGENTS.md']) {
    const path = join(codexHome, name);
    if (!isFile(path)) continue;
    const head = tryReadHead(path, Number.MAX_SAFE_INTEGER, unreadable);
    if (head === undefined) continue;
    const { data, size } = head;
    const text = lossy(data).trim();
    if (text === '') continue;
    const bytes = Buffer.from(text, 'utf8');
    return {
      file: { path, kind: 'user', bytes: bytes.length, size, truncated: false, sha256: sha256Hex(bytes) },
      text,
    };
  }
  return undefined;
}

/** `# AGENTS.md instructions for <cwd>\n\n<INSTRUCTIONS>\n<BODY>\n</INSTRUCTIONS>` */
export function renderInstructions(
  cwd: string,
  userDoc: string | undefined,
  projectDocs: readonly string[],
): string | null {
  const hasProject = projectDocs.length > 0;
  if (userDoc === undefined && !hasProject) return null;
  let body = userDoc ?? '';
  if (userDoc !== undefined && hasProject) body += PROJECT_DOC_SEPARATOR;
  body += projectDocs.join('\n\n');
  const header = hasProject ? `# AGENTS.md instructions for ${cwd}` : '# AGENTS.md instructions';
  return `${header}\n\n<INSTRUCTIONS>\n${body}\n</INSTRUCTIONS>`;
}

export function loadInstructions(input: AgentsMdInput): InstructionsResult {
  const why = [...(input.why ?? [])];
  const project = input.includeProjectDocs ? discoverProjectDocs(input, why) : { files: [], texts: [] };
  const user = input.includeUserDoc ? readUserDoc(input.codexHome, why) : undefined;
  const files = [...(user !== undefined ? [user.file] : []), ...project.files];
  return { files, text: renderInstructions(input.cwd, user?.text, project.texts), why };
}
