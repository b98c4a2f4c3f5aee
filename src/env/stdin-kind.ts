import { fstatSync } from 'node:fs';

/** What hexec's stdin is connected to (for `hexec doctor`). */
export type StdinKind = 'tty' | 'pipe' | 'file' | 'socket' | 'null-device' | 'closed' | 'other';

export function stdinKind(): StdinKind {
  try {
    const st = fstatSync(0);
    if (st.isCharacterDevice()) return process.stdin.isTTY === true ? 'tty' : 'null-device';
    if (st.isFIFO()) return 'pipe';
    if (st.isFile()) return 'file';
    if (st.isSocket()) return 'socket';
    return 'other';
  } catch {
    return 'closed';
  }
}
