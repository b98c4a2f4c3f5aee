import { spawn } from 'node:child_process';
import { withUmask, type SpawnRequest } from './spawn-process.js';

export interface InteractiveResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: string;
}

/**
 * Runs a program with the caller's stdin/stdout/stderr (for `hexec sandbox -- CMD`).
 * It stays in hexec's process group, so a terminal's Ctrl-C reaches it directly; an
 * abort (SIGINT/SIGTERM handed to hexec) is forwarded as SIGTERM.
 */
export function runInteractive(req: SpawnRequest): Promise<InteractiveResult> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const done = (r: InteractiveResult): void => {
      if (settled) return;
      settled = true;
      req.signal?.removeEventListener('abort', onAbort);
      req.afterExit?.();
      resolvePromise(r);
    };
    const child = withUmask(req.umask, () =>
      spawn(req.program, [...req.args], {
        cwd: req.cwd,
        env: { ...req.env },
        stdio: 'inherit',
        ...(req.argv0 !== undefined ? { argv0: req.argv0 } : {}),
      }),
    );
    function onAbort(): void {
      child.kill('SIGTERM');
    }
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => done({ exitCode: null, signal: null, spawnError: e.message }));
    child.on('exit', (code, sig) => done({ exitCode: code, signal: sig }));
  });
}
