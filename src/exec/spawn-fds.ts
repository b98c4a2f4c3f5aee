import { closeSync, readFileSync, readdirSync } from 'node:fs';
import type { ChildProcess, StdioOptions, StdioPipe, StdioNull } from 'node:child_process';
import type { Duplex } from 'node:stream';

/** O_CLOEXEC as /proc/<pid>/fdinfo reports it in `flags:` (octal, the same on x86_64 and aarch64). */
const O_CLOEXEC = 0o2000000;
let swept = false;

/**
 * Closes every descriptor above 2 that hexec inherited: the ones without close-on-exec.
 * Node and libuv open everything they use with O_CLOEXEC (files, pipes, sockets, the
 * event loop, an IPC channel), so a descriptor without it is one a parent left open (a CI
 * runner's log file, a jobserver pipe, `exec 300>file` in a wrapper script). Closed here,
 * before the first spawn, it can reach no child: no command, git, hook, MCP server or bwrap.
 * Once is enough: nothing is inherited later, and every descriptor Node opens afterwards
 * is close-on-exec. Where /proc is not mounted nothing can be listed and nothing is closed.
 */
export function closeInheritedDescriptors(): void {
  if (swept) return;
  swept = true;
  let names: string[];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return;
  }
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    let info: string;
    try {
      info = readFileSync(`/proc/self/fdinfo/${name}`, 'utf8');
    } catch {
      continue; // gone meanwhile (the directory listing's own descriptor)
    }
    const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
    if (flags === undefined || (parseInt(flags, 8) & O_CLOEXEC) !== 0) continue;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

type Stdio = StdioPipe | StdioNull | 'inherit';

/** `stdio` for fds 0-2 followed by one pipe per entry of `inputs` (fds 3, 4, ...). */
export function stdioWithInputs(stdio: StdioOptions, inputs: number): StdioOptions {
  if (inputs === 0) return stdio;
  const base: readonly unknown[] = typeof stdio === 'string' ? [stdio, stdio, stdio] : stdio;
  return [...(base as Stdio[]), ...Array.from({ length: inputs }, (): Stdio => 'pipe')];
}

/** Writes each input to its descriptor (3, 4, ...) and closes it: the child reads to EOF. */
export function feedInputs(child: ChildProcess, inputs: readonly (string | Buffer)[]): void {
  inputs.forEach((data, i) => {
    const stream = child.stdio[3 + i] as Duplex | null | undefined;
    if (stream === null || stream === undefined) return;
    // The child may exit without reading (bad arguments): that is its error to report.
    stream.on('error', () => undefined);
    // Nothing comes back; flowing lets the EOF through, so the child's 'close' is not held up.
    stream.resume();
    stream.end(data);
  });
}
