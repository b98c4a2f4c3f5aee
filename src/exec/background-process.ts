import { spawnRequest } from './spawn-process.js';

/**
 * A long-running helper process (the key proxy): started with its complete environment,
 * fed `stdin` once and then stdin is closed, its stderr handed line by line to `onStderr`.
 * It is not detached from the caller's lifetime: `stop()` sends SIGTERM.
 */
export interface BackgroundRequest {
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly onStderr?: (line: string) => void;
}

export interface BackgroundProcess {
  readonly pid: number | undefined;
  /** Exit code (null when killed by a signal or not started). */
  readonly exited: Promise<number | null>;
  readonly spawnError: () => string | undefined;
  stop(): void;
}

export function startBackground(req: BackgroundRequest): BackgroundProcess {
  let spawnError: string | undefined;
  const child = spawnRequest(req, ['pipe', 'ignore', 'pipe'], false);
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(req.stdin ?? '');
  let pending = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    pending += chunk;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      req.onStderr?.(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  });
  const exited = new Promise<number | null>((resolveExit) => {
    child.on('error', (e) => {
      spawnError = e.message;
      resolveExit(null);
    });
    child.on('close', (code) => {
      if (pending !== '') req.onStderr?.(pending);
      resolveExit(code);
    });
  });
  return {
    pid: child.pid,
    exited,
    spawnError: () => spawnError,
    stop: () => {
      try {
        child.kill('SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
