import { mkdir, rm, stat, writeFile } from 'node:fs/promises';

/**
 * How apply_patch changes files. Reads happen in hexec's process (reading is allowed
 * everywhere the sandbox lets commands read); writes go through these operations, so a
 * sandboxed run can make them inside the sandbox's own mount namespace, where a
 * concurrently running command cannot redirect them (e.g. by swapping a directory for a
 * symlink between hexec's check and its write).
 */
export interface FileOps {
  /** Creates a directory and its missing parents. */
  mkdirp(path: string): Promise<void>;
  /** Writes the whole file (its directory exists). */
  write(path: string, contents: string): Promise<void>;
  /** Removes a regular file; fails for a directory or a missing file. */
  remove(path: string): Promise<void>;
}

export const localFileOps: FileOps = {
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
