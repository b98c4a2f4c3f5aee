import { randomBytes, randomInt } from 'node:crypto';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { systemClock, type Clock } from '../../env/index.js';
import { startProcess, type ProcessExit, type ProcessHandle } from '../../exec/index.js';
import { DEFAULT_MAX_OUTPUT_TOKENS, formatExecResponse, shellJoin } from './format-output.js';
import type { ExecCommandArgs, WriteStdinArgs } from './exec-command-tool.js';
import { isRefusal, looksLikeSandboxDenial, type CommandLauncher } from './launcher.js';

/**
 * codex's "unified exec": `exec_command` starts `<shell> -lc <cmd>` and waits until the
 * process exits or `yield_time_ms` passes; a process still running becomes a session the
 * model polls or feeds with `write_stdin`. Pipes only: `tty` is accepted and, since Node
 * has no PTY without native code, only decides whether stdin stays open (codex closes
 * stdin of non-tty sessions). Every failure is text for the model, never an exception.
 */

export type { ExecCommandArgs, WriteStdinArgs };

/** Data for a `command_execution` item. */
export interface CommandExecutionData {
  /** As codex shows it: `/bin/bash -lc 'echo hi'`. */
  readonly command: string;
  readonly aggregated_output: string;
  readonly exit_code: number | null;
  readonly status: 'in_progress' | 'completed' | 'failed';
  /** The failure looks like a sandbox denial: codex emits no item for it. */
  readonly sandboxDenied: boolean;
  /** Present when the process outlived a call (it ties later polls to the item). */
  readonly sessionId?: number;
}

export interface ExecCallResult {
  /** The function_call_output text. */
  readonly text: string;
  /** Absent when no process ran (refused, unknown session, bad input). */
  readonly event?: CommandExecutionData;
}

export interface ExecCallContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface ExecSessionsOptions {
  readonly launcher: CommandLauncher;
  /** Shell when the model names none. Default /bin/bash. */
  readonly defaultShell?: string;
  /** false: never start login shells (`-c`, not `-lc`), whatever the model asks. Default true. */
  readonly allowLogin?: boolean;
  readonly clock?: Clock;
  /** Chunk IDs (6 hex chars by default) and session IDs; replaceable for replays. */
  readonly newChunkId?: () => string;
  readonly newSessionId?: (inUse: ReadonlySet<number>) => number;
  /** Most sessions kept running at once; the oldest is killed beyond. Default 64. */
  readonly maxSessions?: number;
  /** Output kept per process (bytes). Default 4 MiB. */
  readonly maxRetainedBytes?: number;
}

export interface ExecSessions {
  execCommand(args: ExecCommandArgs, ctx: ExecCallContext): Promise<ExecCallResult>;
  writeStdin(args: WriteStdinArgs, ctx: Pick<ExecCallContext, 'signal'>): Promise<ExecCallResult>;
  /** Kills every running session (end of run); returns their final item data. */
  terminateAll(): Promise<CommandExecutionData[]>;
  runningSessionIds(): number[];
}

export const EXEC_YIELD = { defaultMs: 10_000, minMs: 250, maxMs: 30_000 } as const;
export const WRITE_YIELD = { defaultMs: 250, minMs: 250, maxMs: 30_000 } as const;
export const POLL_YIELD = { defaultMs: 5_000, minMs: 5_000, maxMs: 300_000 } as const;
export const STDIN_CLOSED = 'stdin is closed for this session; rerun exec_command with tty=true to keep stdin open';

interface Session {
  readonly id: number;
  readonly handle: ProcessHandle;
  readonly command: string;
  readonly sandboxed: boolean;
  readonly interactive: boolean;
  readonly decoder: StringDecoder;
  offset: number;
}

function clampYield(value: number | undefined, limits: { defaultMs: number; minMs: number; maxMs: number }): number {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : limits.defaultMs;
  return Math.min(limits.maxMs, Math.max(limits.minMs, v));
}

function tokenBudget(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.floor(value)
    : DEFAULT_MAX_OUTPUT_TOKENS;
}

/** Exit code as a shell reports it: 128 + signal number when killed by a signal. */
export function exitCodeOf(e: ProcessExit): number {
  if (e.exitCode !== null) return e.exitCode;
  if (e.signal !== null) return 128 + (constants.signals[e.signal] ?? 0);
  return -1;
}

function describeSpawnError(message: string): string {
  if (/ENOENT/.test(message)) return 'No such file or directory (os error 2)';
  if (/EACCES/.test(message)) return 'Permission denied (os error 13)';
  return message;
}

const defaultChunkId = (): string => randomBytes(3).toString('hex');
const defaultSessionId = (inUse: ReadonlySet<number>): number => {
  for (;;) {
    const id = randomInt(1000, 100_000);
    if (!inUse.has(id)) return id;
  }
};

/**
 * Chunk and session ids that follow a counter instead of chance (hermetic runs): two
 * runs of one task then send the same tool outputs. Chunk ids keep codex's 6-hex shape.
 */
export function sequentialIds(): Required<Pick<ExecSessionsOptions, 'newChunkId' | 'newSessionId'>> {
  let chunk = 0;
  let next = 1000;
  return {
    newChunkId: () => (chunk += 1).toString(16).padStart(6, '0'),
    newSessionId: (inUse) => {
      while (inUse.has(next)) next += 1;
      next += 1;
      return next - 1;
    },
  };
}

export function createExecSessions(opts: ExecSessionsOptions): ExecSessions {
  const clock = opts.clock ?? systemClock;
  const shellDefault = opts.defaultShell ?? '/bin/bash';
  const allowLogin = opts.allowLogin ?? true;
  const newChunkId = opts.newChunkId ?? defaultChunkId;
  const newSessionId = opts.newSessionId ?? defaultSessionId;
  const maxSessions = opts.maxSessions ?? 64;
  const sessions = new Map<number, Session>();

  /** Output since the last read, decoded; `final` flushes a split UTF-8 tail. */
  function drain(s: Session, final: boolean): string {
    const slice = s.handle.outputSince(s.offset);
    s.offset = slice.next;
    return s.decoder.write(slice.bytes) + (final ? s.decoder.end() : '');
  }

  function aggregated(s: Session): string {
    return s.handle.outputSince(0).bytes.toString('utf8');
  }

  /** Builds the reply after waiting; removes the session once its process ended. */
  function reply(s: Session, started: number, maxTokens: number, registered: boolean): ExecCallResult {
    const status = s.handle.exitStatus();
    const wallSeconds = (clock.monotonicMs() - started) / 1000;
    if (status === undefined) {
      if (!registered) register(s);
      const output = drain(s, false);
      return {
        text: formatExecResponse({
          chunkId: newChunkId(),
          wallSeconds,
          sessionId: s.id,
          output,
          maxOutputTokens: maxTokens,
        }),
        event: {
          command: s.command,
          aggregated_output: aggregated(s),
          exit_code: null,
          status: 'in_progress',
          sandboxDenied: false,
          sessionId: s.id,
        },
      };
    }
    sessions.delete(s.id);
    const output = drain(s, true);
    const exitCode = exitCodeOf(status);
    const all = aggregated(s);
    return {
      text: formatExecResponse({ chunkId: newChunkId(), wallSeconds, exitCode, output, maxOutputTokens: maxTokens }),
      event: {
        command: s.command,
        aggregated_output: all,
        exit_code: exitCode,
        status: exitCode === 0 ? 'completed' : 'failed',
        sandboxDenied: looksLikeSandboxDenial(s.sandboxed, exitCode, all),
        ...(registered ? { sessionId: s.id } : {}),
      },
    };
  }

  function register(s: Session): void {
    while (sessions.size >= maxSessions) {
      const oldest = sessions.values().next().value;
      if (oldest === undefined) break;
      oldest.handle.kill();
      sessions.delete(oldest.id);
    }
    sessions.set(s.id, s);
  }

  async function execCommand(args: ExecCommandArgs, ctx: ExecCallContext): Promise<ExecCallResult> {
    const started = clock.monotonicMs();
    if (typeof args.cmd !== 'string' || args.cmd.trim() === '') {
      return { text: 'exec_command failed: missing command line for unified exec request' };
    }
    const shell = typeof args.shell === 'string' && args.shell !== '' ? args.shell : shellDefault;
    const login = allowLogin && args.login !== false;
    const argv = [shell, login ? '-lc' : '-c', args.cmd];
    const command = shellJoin(argv);
    const cwd = resolve(ctx.cwd, typeof args.workdir === 'string' && args.workdir !== '' ? args.workdir : '.');
    const decision = opts.launcher({ argv, cwd, env: ctx.env });
    if (isRefusal(decision)) return { text: `\`${command}\` rejected: ${decision.reason}` };
    const interactive = args.tty === true;
    const handle = startProcess(
      { ...decision, maxOutputBytes: decision.maxOutputBytes ?? opts.maxRetainedBytes ?? 4 * 1024 * 1024 },
      { keepStdinOpen: interactive },
    );
    await handle.waitForExit(clampYield(args.yield_time_ms, EXEC_YIELD), ctx.signal);
    const spawnError = handle.exitStatus()?.spawnError;
    if (spawnError !== undefined) {
      return { text: `exec_command failed: Failed to create unified exec process: ${describeSpawnError(spawnError)}` };
    }
    const session: Session = {
      id: newSessionId(new Set(sessions.keys())),
      handle,
      command,
      sandboxed: decision.sandboxed === true,
      interactive,
      decoder: new StringDecoder('utf8'),
      offset: 0,
    };
    return reply(session, started, tokenBudget(args.max_output_tokens), false);
  }

  async function writeStdin(args: WriteStdinArgs, ctx: Pick<ExecCallContext, 'signal'>): Promise<ExecCallResult> {
    const started = clock.monotonicMs();
    const s = sessions.get(args.session_id);
    if (s === undefined) return { text: `write_stdin failed: Unknown process id ${String(args.session_id)}` };
    const chars = typeof args.chars === 'string' ? args.chars : '';
    if (chars !== '') {
      if (!s.interactive) return { text: `write_stdin failed: ${STDIN_CLOSED}` };
      await s.handle.write(chars);
    }
    const wait = clampYield(args.yield_time_ms, chars === '' ? POLL_YIELD : WRITE_YIELD);
    await s.handle.waitForExit(wait, ctx.signal);
    return reply(s, started, tokenBudget(args.max_output_tokens), true);
  }

  async function terminateAll(): Promise<CommandExecutionData[]> {
    const running = [...sessions.values()];
    sessions.clear();
    for (const s of running) s.handle.kill(1000);
    const done: CommandExecutionData[] = [];
    for (const s of running) {
      const exit = await s.handle.exited;
      const all = aggregated(s);
      const exitCode = exitCodeOf(exit);
      done.push({
        command: s.command,
        aggregated_output: all,
        exit_code: exitCode,
        status: exitCode === 0 ? 'completed' : 'failed',
        sandboxDenied: false,
        sessionId: s.id,
      });
    }
    return done;
  }

  return { execCommand, writeStdin, terminateAll, runningSessionIds: () => [...sessions.keys()] };
}
