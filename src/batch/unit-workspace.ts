import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { HostEnv } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import { runProcess } from '../exec/index.js';
import type { Task } from './task-file.js';

/** The checkout a unit works in. */
export interface UnitWorkspace {
  /** The repository's top directory. */
  readonly root: string;
  /** The agent's working directory (root, or the task's `workdir` inside it). */
  readonly cwd: string;
  /** The commit checked out at the start, when the repository is a git repository. */
  readonly commit?: string;
  /** True when the repository was cloned into a scratch directory. */
  readonly cloned: boolean;
  /** Removes the scratch clone (nothing for a repository worked on in place). */
  dispose(): void;
}

/** Git outside the agent sees the host's environment (credentials, proxies), never a prompt. */
function gitEnv(env: HostEnv): Record<string, string> {
  return { ...env.vars, GIT_TERMINAL_PROMPT: '0' };
}

async function git(env: HostEnv, cwd: string, args: string[], signal: AbortSignal): Promise<string> {
  const r = await runProcess({ program: 'git', args, cwd, env: gitEnv(env), signal, timeoutMs: 30 * 60_000 });
  if (r.exitCode !== 0) {
    const why = r.spawnError ?? (r.stderr.trim() || `exit ${String(r.exitCode ?? r.signal)}`);
    throw new HexecError('usage', `git ${args[0] ?? ''} failed: ${why}`, {
      hint: 'check the task’s `repo` and `ref`, and that git can reach the repository',
    });
  }
  return r.stdout.trim();
}

async function headOf(env: HostEnv, dir: string, signal: AbortSignal): Promise<string | undefined> {
  const r = await runProcess({
    program: 'git',
    args: ['rev-parse', '--verify', '-q', 'HEAD'],
    cwd: dir,
    env: gitEnv(env),
    signal,
  });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A local path without `ref` is worked on in place; a git URL, or any repository with a
 * `ref`, is cloned into a scratch directory under the temp dir and checked out there.
 */
export async function prepareWorkspace(task: Task, env: HostEnv, signal: AbortSignal): Promise<UnitWorkspace> {
  const where = { source: { key: 'repo' } };
  let root: string;
  let dispose = (): void => undefined;
  let cloned = false;
  if (task.repo.type === 'path' && task.ref === undefined) {
    root = task.repo.path;
    if (!isDirectory(root)) throw new HexecError('usage', `the task's repository ${root} is not a directory`, where);
  } else {
    const src = task.repo.type === 'url' ? task.repo.url : task.repo.path;
    if (task.repo.type === 'path' && !isDirectory(src))
      throw new HexecError('usage', `the task's repository ${src} is not a directory`, where);
    const scratch = mkdtempSync(join(env.tmpdir, `hexec-batch-${task.id}-`));
    dispose = () => rmSync(scratch, { recursive: true, force: true });
    root = join(scratch, 'repo');
    cloned = true;
    try {
      await git(
        env,
        scratch,
        ['clone', '--quiet', ...(task.ref !== undefined ? ['--no-checkout'] : []), '--', src, root],
        signal,
      );
      if (task.ref !== undefined) await git(env, root, ['checkout', '--quiet', '--detach', task.ref], signal);
    } catch (e) {
      dispose();
      throw e;
    }
  }
  const cwd = task.workdir !== undefined ? resolve(root, task.workdir) : root;
  const rel = relative(root, cwd);
  if (rel.startsWith('..') || !isDirectory(cwd)) {
    dispose();
    throw new HexecError('usage', `the task's workdir ${task.workdir ?? ''} is not a directory inside the repository`, {
      source: { key: 'workdir' },
    });
  }
  const commit = await headOf(env, root, signal);
  return { root, cwd, cloned, ...(commit !== undefined ? { commit } : {}), dispose };
}
