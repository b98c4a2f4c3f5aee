import { writeFileSync } from 'node:fs';
import type { HostEnv } from '../env/index.js';
import { runProcess } from '../exec/index.js';
import { isSecretName } from '../provider/index.js';

export interface VerifyOutcome {
  readonly command: string;
  /** null when it was killed (time limit, interrupt) or could not start. */
  readonly exit_code: number | null;
  readonly passed: boolean;
  readonly timed_out: boolean;
  readonly duration_ms: number;
  /** File in the result directory holding its output. */
  readonly log: string;
}

export interface VerifyInput {
  readonly command: string;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly logFile: string;
  readonly logName: string;
  /** Extra variables for the command (task id, last message file). */
  readonly extraVars: Readonly<Record<string, string>>;
}

/**
 * Runs a task's `verify` command outside the agent and its sandbox (the test-outside
 * pattern), with `sh -c` in the agent's working directory. It sees the host's environment
 * minus secret-named variables (the model key never reaches it); its output goes to a log.
 */
export async function runVerify(v: VerifyInput, env: HostEnv, signal: AbortSignal): Promise<VerifyOutcome> {
  const vars: Record<string, string> = {};
  for (const [k, x] of Object.entries(env.vars)) if (!isSecretName(k)) vars[k] = x;
  const r = await runProcess({
    program: '/bin/sh',
    args: ['-c', v.command],
    cwd: v.cwd,
    env: { ...vars, ...v.extraVars },
    timeoutMs: v.timeoutMs,
    signal,
  });
  let log = r.output;
  if (r.spawnError !== undefined) log += `hexec: verify could not start: ${r.spawnError}\n`;
  if (r.timedOut) log += `hexec: verify was stopped after ${v.timeoutMs} ms (verify_timeout)\n`;
  if (r.truncated) log += 'hexec: output truncated\n';
  writeFileSync(v.logFile, log);
  return {
    command: v.command,
    exit_code: r.exitCode,
    passed: r.exitCode === 0 && !r.timedOut,
    timed_out: r.timedOut,
    duration_ms: Math.round(r.durationMs),
    log: v.logName,
  };
}
