import { dirname, resolve } from 'node:path';
import { systemClock, type Clock } from '../../env/index.js';
import { computeUpdatedContents } from './compute-update.js';
import { localFileOps, type FileOps } from './file-ops.js';
import { formatParseError, parsePatch, type PatchHunk } from './parse-patch.js';

/**
 * The apply_patch tool: parse, verify against the files, check every path with the
 * caller's write policy, then write. Mirrors codex exec:
 * - parse and verification errors (missing file, context not found) are reported as
 *   `apply_patch verification failed: …` before anything is written;
 * - an empty patch or a denied path is `patch rejected: …`;
 * - writing happens hunk by hunk and is not atomic across files: a failure part-way
 *   leaves earlier hunks on disk and the output is `Exit code: 1 …`.
 * Never throws for a bad patch; every failure is text for the model.
 */

/** The sandbox's verdict on writing `absPath`: true, or the reason it is refused. */
export type WriteCheck = (absPath: string) => true | string;

/** codex's reasons, for callers building a WriteCheck from the sandbox mode. */
export const READ_ONLY_REJECTION = 'writing is blocked by read-only sandbox; rejected by user approval settings';
export const OUTSIDE_WRITABLE_ROOTS_REJECTION = 'writing outside of the project; rejected by user approval settings';

export interface FileChange {
  /** Absolute path of the file the hunk names. */
  readonly path: string;
  readonly kind: 'add' | 'delete' | 'update';
  /** Absolute destination of a `*** Move to:`. */
  readonly move_path?: string;
}

export interface ApplyPatchOutcome {
  /** The text returned to the model. */
  readonly output: string;
  /**
   * completed / failed: the patch reached the files (codex emits a file_change item);
   * rejected: nothing was attempted (parse or verification error, empty patch, denied
   * path: codex emits no item).
   */
  readonly status: 'completed' | 'failed' | 'rejected';
  readonly changes: readonly FileChange[];
}

export interface ApplyPatchOptions {
  readonly cwd: string;
  readonly canWrite: WriteCheck;
  readonly clock?: Clock;
  /** Where writes happen; default: hexec's own process (danger-full-access, tests). */
  readonly fileOps?: FileOps;
}

const VERIFY_PREFIX = 'apply_patch verification failed: ';

/** Rust's io::Error wording for the errors a patch can meet. */
const OS_ERRORS: Record<string, string> = {
  ENOENT: 'No such file or directory (os error 2)',
  EISDIR: 'Is a directory (os error 21)',
  EACCES: 'Permission denied (os error 13)',
  EPERM: 'Operation not permitted (os error 1)',
  ENOTDIR: 'Not a directory (os error 20)',
  EROFS: 'Read-only file system (os error 30)',
  ENOSPC: 'No space left on device (os error 28)',
  EEXIST: 'File exists (os error 17)',
};

export function describeIoError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && OS_ERRORS[code] !== undefined) return OS_ERRORS[code];
  return e instanceof Error ? e.message : String(e);
}

async function readText(ops: FileOps, path: string): Promise<string> {
  const bytes = await ops.read(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('stream did not contain valid UTF-8');
  }
}

function changesOf(hunks: readonly PatchHunk[], cwd: string): FileChange[] {
  return hunks.map((h): FileChange => {
    const path = resolve(cwd, h.path);
    if (h.type !== 'update') return { path, kind: h.type };
    return h.movePath === undefined
      ? { path, kind: 'update' }
      : { path, kind: 'update', move_path: resolve(cwd, h.movePath) };
  });
}

/** Checks the patch against the files without writing; returns an error text or undefined. */
async function verify(hunks: readonly PatchHunk[], cwd: string, ops: FileOps): Promise<string | undefined> {
  for (const h of hunks) {
    const abs = resolve(cwd, h.path);
    if (h.type === 'delete') {
      try {
        await readText(ops, abs);
      } catch (e) {
        return `Failed to read ${abs}: ${describeIoError(e)}`;
      }
    } else if (h.type === 'update') {
      let original: string;
      try {
        original = await readText(ops, abs);
      } catch (e) {
        return `Failed to read file to update ${abs}: ${describeIoError(e)}`;
      }
      const r = computeUpdatedContents(original, h.chunks, abs);
      if (!r.ok) return r.message;
    }
  }
  return undefined;
}

function rejectedPath(hunks: readonly PatchHunk[], cwd: string, canWrite: WriteCheck): string | undefined {
  for (const c of changesOf(hunks, cwd)) {
    for (const p of c.move_path === undefined ? [c.path] : [c.path, c.move_path]) {
      const verdict = canWrite(p);
      if (verdict !== true) return verdict;
    }
  }
  return undefined;
}

async function writeOrFail(ops: FileOps, path: string, contents: string, shown: string): Promise<void> {
  try {
    await ops.mkdirp(dirname(path));
  } catch {
    throw new Error(`Failed to create parent directories for ${shown}`);
  }
  try {
    await ops.write(path, contents);
  } catch {
    throw new Error(`Failed to write file ${shown}`);
  }
}

interface Summary {
  added: string[];
  modified: string[];
  deleted: string[];
}

/** Applies hunks in order; throws an Error whose message is codex's wording. */
async function applyHunks(hunks: readonly PatchHunk[], cwd: string, ops: FileOps, done: Summary): Promise<void> {
  for (const h of hunks) {
    const abs = resolve(cwd, h.path);
    if (h.type === 'add') {
      await writeOrFail(ops, abs, h.contents, h.path);
      done.added.push(h.path);
    } else if (h.type === 'delete') {
      try {
        await ops.remove(abs);
      } catch {
        throw new Error(`Failed to delete file ${h.path}`);
      }
      done.deleted.push(h.path);
    } else {
      let original: string;
      try {
        original = await readText(ops, abs);
      } catch (e) {
        throw new Error(`Failed to read file to update ${h.path}: ${describeIoError(e)}`, { cause: e });
      }
      const r = computeUpdatedContents(original, h.chunks, h.path);
      if (!r.ok) throw new Error(r.message);
      if (h.movePath !== undefined) {
        const dest = resolve(cwd, h.movePath);
        await writeOrFail(ops, dest, r.contents, h.movePath);
        try {
          await ops.remove(abs);
        } catch {
          throw new Error(`Failed to remove original ${h.path}`);
        }
        done.modified.push(h.movePath);
      } else {
        await writeOrFail(ops, abs, r.contents, h.path);
        done.modified.push(h.path);
      }
    }
  }
}

/** `Success. Updated the following files:` then A, M, D lines (grouped in that order). */
export function formatSummary(s: Summary): string {
  const lines = ['Success. Updated the following files:'];
  for (const p of s.added) lines.push(`A ${p}`);
  for (const p of s.modified) lines.push(`M ${p}`);
  for (const p of s.deleted) lines.push(`D ${p}`);
  return `${lines.join('\n')}\n`;
}

/** codex's freeform exec output: wall time rounded to 0.1 s, printed like Rust's f32. */
export function formatFreeformOutput(exitCode: number, wallSeconds: number, output: string): string {
  const rounded = Math.round(wallSeconds * 10) / 10;
  return `Exit code: ${exitCode}\nWall time: ${String(rounded)} seconds\nOutput:\n${output}`;
}

export async function applyPatch(input: string, opts: ApplyPatchOptions): Promise<ApplyPatchOutcome> {
  const clock = opts.clock ?? systemClock;
  const parsed = parsePatch(input);
  if (!parsed.ok) {
    return { output: VERIFY_PREFIX + formatParseError(parsed.error), status: 'rejected', changes: [] };
  }
  const hunks = parsed.hunks;
  const ops = opts.fileOps ?? localFileOps;
  const problem = await verify(hunks, opts.cwd, ops);
  if (problem !== undefined) return { output: VERIFY_PREFIX + problem, status: 'rejected', changes: [] };
  if (hunks.length === 0) return { output: 'patch rejected: empty patch', status: 'rejected', changes: [] };
  const denied = rejectedPath(hunks, opts.cwd, opts.canWrite);
  if (denied !== undefined) return { output: `patch rejected: ${denied}`, status: 'rejected', changes: [] };
  const changes = changesOf(hunks, opts.cwd);
  const started = clock.monotonicMs();
  const done: Summary = { added: [], modified: [], deleted: [] };
  try {
    await applyHunks(hunks, opts.cwd, ops, done);
  } catch (e) {
    const seconds = (clock.monotonicMs() - started) / 1000;
    const message = e instanceof Error ? e.message : String(e);
    return { output: formatFreeformOutput(1, seconds, `${message}\n`), status: 'failed', changes };
  }
  const seconds = (clock.monotonicMs() - started) / 1000;
  return { output: formatFreeformOutput(0, seconds, formatSummary(done)), status: 'completed', changes };
}
