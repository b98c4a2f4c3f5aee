import { join } from 'node:path';
import type { HostEnv } from '../env/index.js';
import { EXIT } from '../errors/index.js';
import { runProcess } from '../exec/index.js';
import { readResultDir } from './result-dir.js';
import { INDEX_VARS } from './select-task.js';
import type { Task, TaskFile } from './task-file.js';
import type { UnitResult } from './unit-result.js';

/** What one unit process left: its exit code, its result.json (when it wrote one) and its output. */
export interface UnitOutcome {
  readonly task: Task;
  readonly exitCode: number;
  readonly result: UnitResult | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PoolProgress {
  readonly total: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly tokens: number;
  readonly costUsd: number;
}

export interface PoolEvents {
  onStart(task: Task, progress: PoolProgress): void;
  onFinish(outcome: UnitOutcome, progress: PoolProgress): void;
  /** A task that was not started: the batch's cost budget is spent, or the batch was interrupted. */
  onSkip(task: Task, why: string, progress: PoolProgress): void;
}

export interface PoolOptions {
  readonly tasks: readonly Task[];
  /** Units at most at a time. */
  readonly jobs: number;
  /** Cost budget of the whole batch (USD). */
  readonly maxCostUsd?: number;
  readonly signal: AbortSignal;
}

/** Starts one unit with an optional cost cap from the batch's remaining budget. */
export type StartUnit = (task: Task, capUsd: number | undefined) => Promise<UnitOutcome>;

export interface PoolSummary {
  readonly progress: PoolProgress;
  readonly outcomes: readonly UnitOutcome[];
  readonly budgetStopped: boolean;
  readonly interrupted: boolean;
}

/**
 * A bounded pool: at most `jobs` units run at once, in task order. With a batch budget, a
 * unit starts only while the finished units' cost is below it, capped at what remains;
 * an interrupt starts nothing more and lets the running units stop (they are signalled by
 * the caller's spawner) and report.
 */
export async function runPool(o: PoolOptions, start: StartUnit, ev: PoolEvents): Promise<PoolSummary> {
  const queue = [...o.tasks];
  const outcomes: UnitOutcome[] = [];
  let running = 0;
  let failed = 0;
  let skipped = 0;
  let tokens = 0;
  let cost = 0;
  let budgetStopped = false;
  const progress = (): PoolProgress => ({
    total: o.tasks.length,
    running,
    done: outcomes.length,
    failed,
    skipped,
    tokens,
    costUsd: cost,
  });
  const skipRest = (why: string): void => {
    for (const t of queue.splice(0)) {
      skipped += 1;
      ev.onSkip(t, why, progress());
    }
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      if (o.signal.aborted) return skipRest('the batch was interrupted');
      const remaining = o.maxCostUsd !== undefined ? o.maxCostUsd - cost : undefined;
      if (remaining !== undefined && remaining <= 0) {
        budgetStopped = true;
        return skipRest(`the batch's cost budget ($${o.maxCostUsd ?? 0}) is spent`);
      }
      const task = queue.shift();
      if (task === undefined) return;
      running += 1;
      ev.onStart(task, progress());
      const out = await start(task, remaining);
      running -= 1;
      outcomes.push(out);
      if (out.exitCode !== EXIT.ok) failed += 1;
      tokens += out.result?.usage.total_tokens ?? 0;
      cost += out.result?.cost_usd ?? 0;
      ev.onFinish(out, progress());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, o.tasks.length)) }, worker));
  return { progress: progress(), outcomes, budgetStopped, interrupted: o.signal.aborted };
}

export interface SpawnUnitContext {
  readonly env: HostEnv;
  /** The CLI script to run (`node <cliPath> batch run ...`). */
  readonly cliPath: string;
  readonly taskFile: TaskFile;
  readonly outDir: string;
  readonly replayFrom?: string;
  readonly signal: AbortSignal;
}

/**
 * A unit as its own `hexec batch run --index N` process (the same command an engine runs):
 * its own memory, signals and crash, and its result directory as the only channel back.
 * Ctrl-C reaches it as SIGINT, so it stops, writes its result (exit 130) and exits.
 */
export function spawnUnit(ctx: SpawnUnitContext): StartUnit {
  const vars: Record<string, string> = { ...ctx.env.vars };
  for (const v of INDEX_VARS) delete vars[v];
  return async (task, capUsd) => {
    const spawnedAt = Date.now();
    const args = [ctx.cliPath, 'batch', 'run', ctx.taskFile.path, '--index', String(task.index), '--out', ctx.outDir];
    if (ctx.replayFrom !== undefined) args.push('--replay-from', ctx.replayFrom);
    if (capUsd !== undefined) args.push('--max-cost-usd', String(capUsd));
    const r = await runProcess({
      program: ctx.env.execPath,
      args,
      cwd: ctx.env.cwd,
      env: vars,
      signal: ctx.signal,
      forwardAbortSignal: true,
      maxOutputBytes: 1024 * 1024,
    });
    const read = readResultDir(join(ctx.outDir, task.id), task.id);
    // A result left by an earlier batch in the same directory is not this unit's.
    const fresh = read.type === 'complete' && Date.parse(read.result.started_at) >= spawnedAt - 1000;
    const result = fresh ? read.result : undefined;
    const exitCode =
      r.exitCode ?? (r.signal === 'SIGINT' ? EXIT.sigint : r.signal === 'SIGTERM' ? EXIT.sigterm : EXIT.runFailed);
    const stderr = r.spawnError !== undefined ? `${r.stderr}cannot start hexec: ${r.spawnError}\n` : r.stderr;
    return { task, exitCode, result, stdout: r.stdout, stderr };
  };
}
