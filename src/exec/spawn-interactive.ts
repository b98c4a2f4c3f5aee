import { spawnRequest, type SpawnRequest } from './spawn-process.js';

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
    // Not detached: the terminal's Ctrl-C reaches the command as it would any child.
    const child = spawnRequest(req, 'inherit', false);
    function onAbort(): void {
      child.kill('SIGTERM');
    }
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => done({ exitCode: null, signal: null, spawnError: e.message }));
    child.on('exit', (code, sig) => done({ exitCode: code, signal: sig }));
  });
}
