import { spawnSync } from 'node:child_process';
import { CLI_PATH } from './paths.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI with exactly the given environment (nothing inherited). */
export function runCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Record<string, string> },
): CliResult {
  const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    input: '',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A real `git init` (e2e tests use real repositories). */
export function gitInit(dir: string): void {
  const r = spawnSync('git', ['init', '-q', dir], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir },
  });
  if (r.status !== 0) throw new Error(`git init failed: ${r.stderr}`);
}
