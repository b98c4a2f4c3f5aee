import type { ChildProcess } from 'node:child_process';
import { killGroup, spawnRequest, type SpawnRequest } from './spawn-process.js';

/**
 * A process that keeps running between calls: the agent's `exec_command` sessions.
 * Pipes only (no PTY). The child leads its own process group, so kill() reaches its
 * children too. Output (stdout and stderr interleaved) is kept in memory up to a cap;
 * beyond it the oldest bytes are dropped and counted.
 */
export interface ProcessExit {
  /** null when killed by a signal or when the program could not start. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the program could not be started (ENOENT, EACCES, ...). */
  readonly spawnError?: string;
}

export interface OutputSlice {
  readonly bytes: Buffer;
  /** Offset to pass next time. */
  readonly next: number;
  /** Bytes between the requested offset and the oldest kept byte that were dropped. */
  readonly dropped: number;
}

export interface ProcessHandle {
  readonly pid: number | undefined;
  /** Total bytes of output received so far. */
  outputLength(): number;
  /** Output received from byte `offset` on. */
  outputSince(offset: number): OutputSlice;
  /** Stderr only, from the start (bounded like the rest); for diagnosing failures. */
  stderrText(): string;
  /** Writes to stdin; resolves false when stdin is closed or the process is gone. */
  write(data: string | Buffer): Promise<boolean>;
  closeStdin(): void;
  /** SIGTERM to the process group, SIGKILL after `graceMs` (default 2000). Idempotent. */
  kill(graceMs?: number): void;
  /** Settles once the process has exited and its pipes are closed. Never rejects. */
  readonly exited: Promise<ProcessExit>;
  /** The exit once it happened, else undefined. */
  exitStatus(): ProcessExit | undefined;
  /** Resolves true when the process exited within `ms`, false otherwise (or on abort). */
  waitForExit(ms: number, signal?: AbortSignal): Promise<boolean>;
}

const DEFAULT_RETAINED = 16 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

export interface StartOptions {
  /**
   * Keep stdin open for write(). Default true. When false stdin is /dev/null (plus
   * `req.stdin`, if given, through a pipe that is then closed): bash treats a socket on
   * stdin as a remote login and would read ~/.bashrc.
   */
  readonly keepStdinOpen?: boolean;
}

export function startProcess(req: SpawnRequest, options: StartOptions = {}): ProcessHandle {
  const keepStdin = options.keepStdinOpen ?? true;
  const stdinMode = keepStdin || req.stdin !== undefined ? 'pipe' : 'ignore';
  const retain = req.maxOutputBytes ?? DEFAULT_RETAINED;
  const chunks: Buffer[] = [];
  let base = 0; // absolute offset of chunks[0]
  let total = 0;
  let kept = 0;
  let stderr = '';
  let status: ProcessExit | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let killing = false;
  let resolveExit: (e: ProcessExit) => void = () => undefined;
  const exited = new Promise<ProcessExit>((r) => {
    resolveExit = r;
  });
  const settle = (e: ProcessExit): void => {
    if (status !== undefined) return;
    status = e;
    if (killTimer !== undefined) clearTimeout(killTimer);
    req.signal?.removeEventListener('abort', onAbort);
    try {
      req.afterExit?.();
    } catch {
      // cleanup is best effort; the exit status still counts
    }
    resolveExit(e);
  };
  const take = (chunk: Buffer): void => {
    chunks.push(chunk);
    total += chunk.length;
    kept += chunk.length;
    while (kept > retain && chunks.length > 1) {
      const old = chunks.shift() as Buffer;
      kept -= old.length;
      base += old.length;
    }
  };

  let child: ChildProcess | undefined;
  try {
    child = spawnRequest(req, [stdinMode, 'pipe', 'pipe']);
  } catch (e) {
    settle({ exitCode: null, signal: null, spawnError: e instanceof Error ? e.message : String(e) });
  }
  const proc = child;
  let spawnError: string | undefined;
  if (proc !== undefined) {
    proc.stdout?.on('data', take);
    proc.stderr?.on('data', (c: Buffer) => {
      take(c);
      if (stderr.length < MAX_STDERR) stderr += c.toString('utf8');
    });
    proc.stdin?.on('error', () => undefined);
    if (req.stdin !== undefined) proc.stdin?.write(req.stdin);
    if (!keepStdin) proc.stdin?.end();
    proc.on('error', (e) => {
      spawnError = e.message;
      // 'close' may never come when spawning failed outright.
      if (proc.pid === undefined) settle({ exitCode: null, signal: null, spawnError });
    });
    proc.on('close', (code, sig) => {
      settle(spawnError !== undefined ? { exitCode: null, signal: sig, spawnError } : { exitCode: code, signal: sig });
    });
  }

  function kill(graceMs = 2000): void {
    if (proc === undefined || status !== undefined || killing) return;
    killing = true;
    killGroup(proc, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(proc, 'SIGKILL'), graceMs);
    killTimer.unref();
  }
  function onAbort(): void {
    kill();
  }
  if (req.signal?.aborted === true) kill();
  else req.signal?.addEventListener('abort', onAbort, { once: true });
  const timeout = req.timeoutMs !== undefined ? setTimeout(() => kill(), req.timeoutMs) : undefined;
  timeout?.unref();
  void exited.then(() => {
    if (timeout !== undefined) clearTimeout(timeout);
  });

  return {
    pid: proc?.pid,
    outputLength: () => total,
    outputSince(offset: number): OutputSlice {
      const from = Math.max(offset, base);
      const all = Buffer.concat(chunks);
      return { bytes: all.subarray(from - base), next: total, dropped: from - offset };
    },
    stderrText: () => stderr,
    write(data: string | Buffer): Promise<boolean> {
      const stdin = proc?.stdin;
      if (stdin === undefined || stdin === null || stdin.destroyed || stdin.writableEnded || status !== undefined) {
        return Promise.resolve(false);
      }
      return new Promise((res) => {
        stdin.write(data, (err) => res(err === undefined || err === null));
      });
    },
    closeStdin(): void {
      proc?.stdin?.end();
    },
    kill,
    exited,
    exitStatus: () => status,
    waitForExit(ms: number, signal?: AbortSignal): Promise<boolean> {
      if (status !== undefined) return Promise.resolve(true);
      return new Promise((res) => {
        const done = (v: boolean): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onSignal);
          res(v);
        };
        const onSignal = (): void => done(false);
        const timer = setTimeout(() => done(false), Math.max(0, ms));
        signal?.addEventListener('abort', onSignal, { once: true });
        if (signal?.aborted === true) done(false);
        void exited.then(() => done(true));
      });
    },
  };
}
