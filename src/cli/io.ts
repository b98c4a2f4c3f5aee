import type { HostEnv } from '../env/index.js';

/** A sink for text; bin/ wires process.stdout/stderr, tests wire buffers. */
export interface TextSink {
  write(text: string): void;
}

/** Everything a command may touch of its process, handed in by bin/. */
export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Reads all of stdin (only called when the prompt must come from stdin). */
  readonly readStdin: () => Promise<Buffer>;
  readonly env: HostEnv;
  /** Aborted on SIGINT/SIGTERM; reason is 'SIGINT' or 'SIGTERM'. */
  readonly signal: AbortSignal;
  /** The running CLI script (for commands that start hexec again, like `batch local`). */
  readonly cliPath?: string;
}

export type CommandHandler = (argv: readonly string[], io: CliIO) => Promise<number>;
