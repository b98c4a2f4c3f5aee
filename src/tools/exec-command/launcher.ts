import type { SpawnRequest } from '../../exec/index.js';
import { isRefused, type LaunchCommand } from '../../sandbox/index.js';

export type { LaunchCommand };

/**
 * How a model command becomes a process. The caller injects a launcher: the sandbox
 * builds one that wraps the command in bwrap; danger-full-access and tests use
 * `passThroughLauncher`. The launcher may refuse (e.g. the sandbox cannot be built).
 */
export type LaunchSpawn = SpawnRequest & {
  readonly type?: 'spawn';
  /** True when the process runs inside a sandbox: a failure may then be a denial. */
  readonly sandboxed?: boolean;
};

/** Same shape as the sandbox launcher's refusal. */
export interface LaunchRefusal {
  readonly type: 'refused';
  readonly reason: string;
}

export type LaunchDecision = LaunchSpawn | LaunchRefusal;

export type CommandLauncher = (cmd: LaunchCommand) => LaunchDecision;

/** The sandbox's launcher answers the same way: one test for a refusal. */
export function isRefusal(d: LaunchDecision): d is LaunchRefusal {
  return isRefused(d);
}

/** Runs the command as given, unsandboxed. */
export const passThroughLauncher: CommandLauncher = (cmd) => {
  const [program, ...args] = cmd.argv;
  if (program === undefined) return { type: 'refused', reason: 'empty command' };
  return { program, args, cwd: cmd.cwd, env: cmd.env, sandboxed: false };
};

const DENIAL = /Read-only file system|Permission denied|Operation not permitted/i;

/**
 * codex omits the command_execution item when a sandboxed command failed because of
 * the sandbox. Heuristic: sandboxed, non-zero exit, and the output names a denial.
 */
export function looksLikeSandboxDenial(sandboxed: boolean, exitCode: number, output: string): boolean {
  return sandboxed && exitCode !== 0 && DENIAL.test(output);
}
