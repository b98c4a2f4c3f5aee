import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';

/**
 * How apply_patch reads and changes files. A sandboxed run makes every read and write
 * inside the sandbox's own mount namespace, so a concurrently running command can neither
 * redirect a write outside the writable roots nor make hexec read a file the sandbox
 * hides (e.g. by swapping a path for a symlink between hexec's check and its use).
 */
export interface FileOps {
  /** The file's bytes; fails with code EISDIR for a directory, ENOENT when missing. */
  read(path: string): Promise<Uint8Array>;
  /** Creates a directory and its missing parents. */
  mkdirp(path: string): Promise<void>;
  /** Writes the whole file (its directory exists). */
  write(path: string, contents: string): Promise<void>;
  /** Removes a regular file; fails for a directory or a missing file. */
  remove(path: string): Promise<void>;
}

export const localFileOps: FileOps = {
  async read(path) {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('Is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new Error('not a regular file');
    return readFile(path);
  },
  async mkdirp(path) {
    await mkdir(path, { recursive: true });
  },
  async write(path, contents) {
    await writeFile(path, contents);
  },
  async remove(path) {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error('is a directory');
    await rm(path);
  },
};
