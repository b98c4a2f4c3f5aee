import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeInheritedDescriptors, feedInputs, stdioWithInputs } from './spawn-fds.js';

/**
 * The one place hexec starts processes. Everything that runs a program (commands in the
 * sandbox, git, bwrap probes) builds a SpawnRequest and comes through here.
 */
export interface SpawnRequest {
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child; nothing is inherited implicitly. */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string | Buffer;
  /** Kill the process group after this many ms (SIGTERM, then SIGKILL after 2 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * On abort, send the abort reason when it is SIGINT or SIGTERM (what hexec received)
   * instead of SIGTERM: a child hexec then exits 130 on Ctrl-C, as it would in the foreground.
   */
  readonly forwardAbortSignal?: boolean;
  /** Keep at most this many bytes of combined output (the tail is dropped). */
  readonly maxOutputBytes?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly argv0?: string;
  /**
   * File-mode creation mask of the child (e.g. 0o022), instead of inheriting hexec's.
   * Hermetic runs set it so the modes of files commands create do not depend on the host.
   */
  readonly umask?: number;
  /**
   * Called once after the process has exited (or failed to start), before the result is
   * delivered: launchers use it to undo host-side traces (sandbox placeholder files).
   */
  readonly afterExit?: () => void;
  /**
   * Data for descriptors 3, 4, ... of the child, each a pipe written whole and closed
   * (bwrap's `--args FD` and `--seccomp FD`): what must not be on a command line.
   * The child must close them after reading.
   */
  readonly inputFds?: readonly (string | Buffer)[];
}

export interface SpawnResult {
  /** null when killed by a signal or when the program could not start. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  readonly output: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly truncated: boolean;
  /** Set when the program could not be started (ENOENT, EACCES, ...). */
  readonly spawnError?: string;
  readonly durationMs: number;
}

const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;

export function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Calls `start` (a synchronous spawn) with the process umask set to `mask`, then restores
 * it. The child inherits the mask at fork time; nothing else runs in between because
 * spawn() forks synchronously on this thread.
 */
export function withUmask<T>(mask: number | undefined, start: () => T): T {
  if (mask === undefined) return start();
  const previous = process.umask(mask);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}

/**
 * Starts `req` in its own process group (so it can be killed whole) with exactly its
 * environment, uid/gid, argv0 and umask, descriptors 0-2 from `stdio` plus `req.inputFds`,
 * and no descriptor hexec inherited. Every spawner of this module starts through it.
 */
export function spawnRequest(req: SpawnRequest, stdio: StdioOptions, detached = true): ChildProcess {
  closeInheritedDescriptors();
  const inputs = req.inputFds ?? [];
  const child = withUmask(req.umask, () =>
    spawn(req.program, [...req.args], {
      cwd: req.cwd,
      env: { ...req.env },
      detached,
      stdio: stdioWithInputs(stdio, inputs.length),
      ...(req.uid !== undefined ? { uid: req.uid } : {}),
      ...(req.gid !== undefined ? { gid: req.gid } : {}),
      ...(req.argv0 !== undefined ? { argv0: req.argv0 } : {}),
    }),
  );
  feedInputs(child, inputs);
  return child;
}

/** Runs to completion. Never rejects: failures are in the result. */
export function runProcess(req: SpawnRequest): Promise<SpawnResult> {
  const started = performance.now();
  const max = req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolvePromise) => {
    let child: ChildProcess;
    try {
      child = spawnRequest(req, ['pipe', 'pipe', 'pipe']);
    } catch (e) {
      req.afterExit?.();
      resolvePromise({
        exitCode: null,
        signal: null,
        stdout: '',
        stderr: '',
        output: '',
        timedOut: false,
        aborted: false,
        truncated: false,
        spawnError: e instanceof Error ? e.message : String(e),
        durationMs: performance.now() - started,
      });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const all: Buffer[] = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    let spawnError: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const take = (bucket: Buffer[], chunk: Buffer): void => {
      if (total >= max) {
        truncated = true;
        return;
      }
      const room = max - total;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (piece.length < chunk.length) truncated = true;
      total += piece.length;
      bucket.push(piece);
      all.push(piece);
    };
    child.stdout?.on('data', (c: Buffer) => take(out, c));
    child.stderr?.on('data', (c: Buffer) => take(err, c));
    child.stdin?.on('error', () => undefined);
    if (req.stdin !== undefined) child.stdin?.end(req.stdin);
    else child.stdin?.end();
    const terminate = (sig: NodeJS.Signals = 'SIGTERM'): void => {
      killGroup(child, sig);
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), 2000);
      killTimer.unref();
    };
    const timer =
      req.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            terminate();
          }, req.timeoutMs)
        : undefined;
    const onAbort = (): void => {
      aborted = true;
      const reason: unknown = req.signal?.reason;
      terminate(req.forwardAbortSignal === true && (reason === 'SIGINT' || reason === 'SIGTERM') ? reason : 'SIGTERM');
    };
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, sig) => {
      if (timer !== undefined) clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      req.signal?.removeEventListener('abort', onAbort);
      req.afterExit?.();
      resolvePromise({
        exitCode: spawnError !== undefined ? null : code,
        signal: sig,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        output: Buffer.concat(all).toString('utf8'),
        timedOut,
        aborted,
        truncated,
        ...(spawnError !== undefined ? { spawnError } : {}),
        durationMs: performance.now() - started,
      });
    });
  });
}
