import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  buildReport,
  formatCost,
  formatMs,
  loadTaskFile,
  renderReportText,
  runPool,
  spawnUnit,
  type PoolProgress,
} from '../../batch/index.js';
import { systemClock } from '../../env/index.js';
import { EXIT, HexecError } from '../../errors/index.js';
import type { CliIO } from '../io.js';
import { needPositionals, parseBatchArgs, positiveNumberOpt, stringOpt } from './batch-args.js';
import { unitLine } from './batch-unit-line.js';

const LOCAL_USAGE = 'hexec batch local TASKS [-j N] [--out DIR] [--replay-from DIR] [--max-cost-usd USD]';

function progressText(p: PoolProgress, elapsedMs: number): string {
  return (
    `[batch] ${p.done}/${p.total} done, ${p.running} running, ${p.failed} failed` +
    `${p.skipped > 0 ? `, ${p.skipped} skipped` : ''} · ${p.tokens} tokens · ${formatCost(p.costUsd)} · ${formatMs(elapsedMs)}`
  );
}

/** A live status line on a terminal (redrawn in place), plain lines elsewhere (CI logs). */
function createStatus(io: CliIO): { line(text: string): void; progress(p: PoolProgress): void; close(): void } {
  const live = io.env.stderrIsTTY && io.env.vars['CI'] === undefined && io.env.vars['TERM'] !== 'dumb';
  const t0 = systemClock.monotonicMs();
  let last: PoolProgress | undefined;
  const draw = (): void => {
    if (live && last !== undefined) io.stderr.write(`\r\x1b[K${progressText(last, systemClock.monotonicMs() - t0)}`);
  };
  const timer = live ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    line: (text) => {
      if (live) io.stderr.write('\r\x1b[K');
      io.stderr.write(`${text}\n`);
      draw();
    },
    progress: (p) => {
      last = p;
      draw();
    },
    close: () => {
      if (timer !== undefined) clearInterval(timer);
      if (live) io.stderr.write('\r\x1b[K');
      if (last !== undefined) io.stderr.write(`${progressText(last, systemClock.monotonicMs() - t0)}\n`);
    },
  };
}

/** `hexec batch local`: the task file on this machine, N unit processes at most. */
export async function batchLocalCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const a = parseBatchArgs(
    argv,
    {
      jobs: { type: 'string', short: 'j' },
      out: { type: 'string' },
      'replay-from': { type: 'string' },
      'max-cost-usd': { type: 'string' },
    },
    LOCAL_USAGE,
  );
  needPositionals(a, 1, 'the task file', LOCAL_USAGE);
  if (io.cliPath === undefined) throw new HexecError('internal', 'batch local needs the path of the hexec CLI');
  const file = await loadTaskFile(a.positionals[0] ?? '', io.env.cwd);
  const jobs = positiveNumberOpt(a, 'jobs', true) ?? availableParallelism();
  const budget = positiveNumberOpt(a, 'max-cost-usd', false);
  const outDir = resolve(io.env.cwd, stringOpt(a, 'out') ?? 'results');
  const replayFrom = stringOpt(a, 'replay-from');
  const status = createStatus(io);
  const summary = await runPool(
    { tasks: file.tasks, jobs, ...(budget !== undefined ? { maxCostUsd: budget } : {}), signal: io.signal },
    spawnUnit({
      env: io.env,
      cliPath: io.cliPath,
      taskFile: file,
      outDir,
      ...(replayFrom !== undefined ? { replayFrom: resolve(io.env.cwd, replayFrom) } : {}),
      signal: io.signal,
    }),
    {
      onStart: (t, p) => {
        status.line(`[batch] start ${t.id} (${t.index + 1}/${p.total})`);
        status.progress(p);
      },
      onFinish: (u, p) => {
        for (const l of u.stderr.split('\n').filter((x) => x !== '')) status.line(l);
        status.line(
          u.result !== undefined
            ? unitLine(u.result, resolve(outDir, u.task.id))
            : `${u.task.id}: failed, exit ${u.exitCode}, no result written`,
        );
        status.progress(p);
      },
      onSkip: (t, why, p) => {
        status.line(`[batch] not started: ${t.id}: ${why}`);
        status.progress(p);
      },
    },
  );
  status.close();
  io.stdout.write(renderReportText(buildReport([outDir], io.env.cwd, file)));
  if (summary.interrupted) return io.signal.reason === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  if (summary.budgetStopped) return EXIT.budget;
  return summary.progress.failed > 0 ? EXIT.runFailed : EXIT.ok;
}
