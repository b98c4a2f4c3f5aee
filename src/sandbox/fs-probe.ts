import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type FsKind = 'dir' | 'file' | 'symlink' | 'other' | 'missing';

/**
 * The little the argv builder needs to know about the filesystem, as a value so the
 * builder stays pure: tests pass a fake, the launcher passes `realFsProbe`.
 */
export interface FsProbe {
  /** lstat: a symlink is reported as 'symlink', not followed. */
  kind(path: string): FsKind;
  /** Fully resolved path, or undefined when it does not exist. */
  realpath(path: string): string | undefined;
  readText(path: string): string | undefined;
  /** The target of a symlink, or undefined. */
  readlink(path: string): string | undefined;
}

export const realFsProbe: FsProbe = {
  kind(path) {
    try {
      const st = lstatSync(path);
      if (st.isSymbolicLink()) return 'symlink';
      if (st.isDirectory()) return 'dir';
      if (st.isFile()) return 'file';
      return 'other';
    } catch {
      return 'missing';
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  readlink(path) {
    try {
      return readlinkSync(path);
    } catch {
      return undefined;
    }
  },
};

/**
 * Resolves symlinks in the longest existing prefix of `path` and appends the missing
 * rest unchanged (what a write to a not-yet-existing file would hit).
 */
export function resolveForWrite(fs: FsProbe, path: string, depth = 0): string {
  const real = fs.realpath(path);
  if (real !== undefined) return real;
  const parent = dirname(path);
  if (parent === path) return path;
  const dir = resolveForWrite(fs, parent, depth);
  const here = join(dir, basename(path));
  if (fs.kind(here) === 'symlink') {
    // A dangling symlink: a write creates its target, so follow it (bounded, like ELOOP).
    const target = fs.readlink(here);
    if (target === undefined || depth >= 40) return here;
    return resolveForWrite(fs, resolve(dir, target), depth + 1);
  }
  return here;
}

/** `a` equals `b` or lies below it (both absolute, normalised). */
export function isWithin(a: string, b: string): boolean {
  if (b === '/') return a.startsWith('/');
  return a === b || a.startsWith(`${b}/`);
}
