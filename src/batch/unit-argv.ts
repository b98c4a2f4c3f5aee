import type { Task } from './task-file.js';

/** A JSON value as a TOML literal for `-c key=value` (JSON strings are valid TOML basic strings). */
export function tomlLiteral(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(tomlLiteral).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)} = ${tomlLiteral(x)}`);
    return `{ ${parts.join(', ')} }`;
  }
  throw new Error(`no TOML literal for ${String(v)}`);
}

/** Where a unit's files go, and what it runs in. */
export interface UnitPaths {
  /** The directory the agent works in (`-C`). */
  readonly cwd: string;
  /** The `-o` file. */
  readonly lastMessage: string;
  /** The cassette to record, when recording. */
  readonly cassette?: string;
  /** The cassette to replay (the task's, or `--replay-from DIR/<id>/cassette.jsonl`). */
  readonly replay?: string;
  /** The output schema file (the task's, or the inline schema written to the result directory). */
  readonly outputSchema?: string;
  /** Cost cap of the whole batch for this unit (`batch local --max-cost-usd`). */
  readonly maxCostUsd?: number;
}

/**
 * The `hexec exec` arguments that run a task (the prompt is passed apart). A unit is
 * exactly this exec, so its behaviour, flags and exit code are exec's.
 */
export function unitExecArgv(task: Task, p: UnitPaths): string[] {
  const a: string[] = ['-C', p.cwd];
  if (task.hermetic) a.push('--hermetic');
  if (task.sandbox !== undefined) a.push('-s', task.sandbox);
  if (task.model !== undefined) a.push('-m', task.model);
  for (const [k, v] of Object.entries(task.config)) a.push('-c', `${k}=${tomlLiteral(v)}`);
  if (task.skipGitRepoCheck) a.push('--skip-git-repo-check');
  if (task.maxTurns !== undefined) a.push('--max-turns', String(task.maxTurns));
  if (task.maxTokens !== undefined) a.push('--max-tokens', String(task.maxTokens));
  const cost =
    task.maxCostUsd !== undefined && p.maxCostUsd !== undefined
      ? Math.min(task.maxCostUsd, p.maxCostUsd)
      : (task.maxCostUsd ?? p.maxCostUsd);
  if (cost !== undefined) a.push('--max-cost-usd', String(cost));
  if (task.timeout !== undefined) a.push('--timeout', task.timeout);
  if (p.outputSchema !== undefined) a.push('--output-schema', p.outputSchema);
  a.push('-o', p.lastMessage);
  if (p.replay !== undefined) {
    a.push('--replay', p.replay);
    if (task.replayMode !== undefined) a.push('--replay-mode', task.replayMode);
  } else if (p.cassette !== undefined) {
    a.push('--record', p.cassette);
  }
  return a;
}
