import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ThreadEvent } from '../agent/events.js';
import { runExec, type ExecFlags } from '../app/run-exec.js';
import type { Clock, HostEnv } from '../env/index.js';
import { EXIT, EXIT_MEANINGS, HexecError, exitCodeFor, formatError } from '../errors/index.js';
import { HEXEC_VERSION, writeFileAtomic } from '../util/index.js';
import { createStage, publishStage, RESULT_FILE } from './result-dir.js';
import { runVerify, type VerifyOutcome } from './run-verify.js';
import type { Task, TaskFile } from './task-file.js';
import { unitExecArgv, type UnitPaths } from './unit-argv.js';
import { summariseEvents, type UnitResult } from './unit-result.js';
import { prepareWorkspace, type UnitWorkspace } from './unit-workspace.js';

export interface UnitOptions {
  readonly taskFile: TaskFile;
  readonly task: Task;
  /** Absolute results directory; the unit's files go to `<outDir>/<id>/`. */
  readonly outDir: string;
  /** Replay every task from `<replayFrom>/<id>/cassette.jsonl` (a previous batch's results). */
  readonly replayFrom?: string;
  /** Cost cap for this unit from the whole batch's budget. */
  readonly maxCostUsd?: number;
}

export interface UnitIO {
  readonly env: HostEnv;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Parses `hexec exec` arguments exactly as `hexec exec` does (the CLI's parser). */
  readonly parseExecArgs: (argv: readonly string[]) => ExecFlags;
  /** A line for the unit's stderr (also kept in `stderr.log`). */
  readonly log: (line: string) => void;
}

export const UNIT_FILES = {
  events: 'events.jsonl',
  cassette: 'cassette.jsonl',
  verifyLog: 'verify.log',
  stderr: 'stderr.log',
  schema: 'output-schema.json',
} as const;

export function exitMeaning(code: number): string {
  return EXIT_MEANINGS.find(([c]) => c === code)?.[1] ?? `exit ${code}`;
}

function readPrompt(task: Task): string {
  if (task.prompt.type === 'text') return task.prompt.text;
  try {
    return readFileSync(task.prompt.path, 'utf8');
  } catch (e) {
    throw new HexecError('usage', `cannot read the prompt file: ${(e as Error).message}`, {
      source: { file: task.prompt.path, key: 'prompt_file' },
    });
  }
}

function unitPaths(o: UnitOptions, stage: string, ws: UnitWorkspace): UnitPaths & { lastMessageName: string } {
  const t = o.task;
  const lastMessageName = t.outputSchema !== undefined ? 'last-message.json' : 'last-message.txt';
  let outputSchema: string | undefined;
  if (t.outputSchema?.type === 'file') outputSchema = t.outputSchema.path;
  else if (t.outputSchema?.type === 'inline') {
    outputSchema = join(stage, UNIT_FILES.schema);
    writeFileSync(outputSchema, `${JSON.stringify(t.outputSchema.schema, null, 2)}\n`);
  }
  let replay = t.replay;
  if (o.replayFrom !== undefined) {
    replay = join(o.replayFrom, t.id, UNIT_FILES.cassette);
    if (!existsSync(replay))
      throw new HexecError('usage', `no cassette to replay task ${t.id} from: ${replay} does not exist`, {
        source: { flag: '--replay-from' },
        hint: 'point --replay-from at the results directory of a batch run that recorded (record: true)',
      });
  }
  return {
    cwd: ws.cwd,
    lastMessage: join(stage, lastMessageName),
    lastMessageName,
    ...(replay === undefined && t.record ? { cassette: join(stage, UNIT_FILES.cassette) } : {}),
    ...(replay !== undefined ? { replay } : {}),
    ...(outputSchema !== undefined ? { outputSchema } : {}),
    ...(o.maxCostUsd !== undefined ? { maxCostUsd: o.maxCostUsd } : {}),
  };
}

interface AgentRun {
  readonly exitCode: number;
  readonly events: Record<string, unknown>[];
  readonly error: string | null;
}

/** Runs the task's `hexec exec` in this process, its `--json` events into the stage. */
async function runAgent(args: string[], prompt: string, stage: string, io: UnitIO): Promise<AgentRun> {
  const events: Record<string, unknown>[] = [];
  const fd = openSync(join(stage, UNIT_FILES.events), 'w');
  try {
    const flags = io.parseExecArgs(args);
    const onEvent = (e: ThreadEvent): void => {
      events.push(e as unknown as Record<string, unknown>);
      if (e.type !== 'model.usage') writeSync(fd, `${JSON.stringify(e)}\n`);
    };
    const r = await runExec(
      { flags, prompt },
      {
        env: io.env,
        signal: io.signal,
        clock: io.clock,
        onEvent,
        onHeader: () => undefined,
        warn: (l) => io.log(l),
      },
    );
    return { exitCode: r.exitCode, events, error: null };
  } catch (e) {
    io.log(`Error: ${formatError(e)}`);
    return { exitCode: exitCodeFor(e), events, error: formatError(e) };
  } finally {
    closeSync(fd);
  }
}

function skippedVerify(task: Task, agentExit: number): UnitResult['verify'] {
  if (task.verify === undefined) return null;
  return { skipped: `hexec exited ${agentExit} (${exitMeaning(agentExit)})` };
}

/**
 * One unit of a batch: prepares the workspace, runs the task's `hexec exec` in-process,
 * runs `verify` outside the agent, and publishes `OUT/<id>/` atomically. Problems of the
 * task itself (a missing repository, a bad config key) are results too (exit 2 with a
 * message), so the report shows them; only `--out` problems throw.
 */
export async function runUnit(o: UnitOptions, io: UnitIO): Promise<{ result: UnitResult; dir: string }> {
  const t = o.task;
  const startedAt = io.clock.nowMs();
  const t0 = io.clock.monotonicMs();
  const stage = createStage(o.outDir, t.id);
  const stderrLines: string[] = [];
  const log = (line: string): void => {
    stderrLines.push(line);
    io.log(line);
  };
  let ws: UnitWorkspace | undefined;
  let args: string[] = [];
  let paths: ReturnType<typeof unitPaths> | undefined;
  let agent: AgentRun;
  let verify: VerifyOutcome | null = null;
  try {
    ws = await prepareWorkspace(t, io.env, io.signal);
    paths = unitPaths(o, stage, ws);
    args = unitExecArgv(t, paths);
    agent = await runAgent(args, readPrompt(t), stage, { ...io, log });
    if (agent.exitCode === EXIT.ok && t.verify !== undefined) {
      verify = await runVerify(
        {
          command: t.verify,
          cwd: ws.cwd,
          timeoutMs: t.verifyTimeoutMs,
          logFile: join(stage, UNIT_FILES.verifyLog),
          logName: UNIT_FILES.verifyLog,
          extraVars: { HEXEC_BATCH_TASK_ID: t.id, HEXEC_BATCH_LAST_MESSAGE: paths.lastMessage },
        },
        io.env,
        io.signal,
      );
      if (!verify.passed) log(`verify failed (${verify.timed_out ? 'timed out' : `exit ${String(verify.exit_code)}`})`);
    }
  } catch (e) {
    log(`Error: ${formatError(e)}`);
    agent = { exitCode: exitCodeFor(e), events: [], error: formatError(e) };
  } finally {
    ws?.dispose();
  }
  const s = summariseEvents(agent.events);
  const verifyFailed = verify !== null && !verify.passed;
  const exit = agent.exitCode !== EXIT.ok ? agent.exitCode : verifyFailed ? EXIT.runFailed : EXIT.ok;
  const lastMessage = paths !== undefined && existsSync(paths.lastMessage) ? paths.lastMessageName : null;
  const result: UnitResult = {
    format: 'hexec-batch-result',
    version: 1,
    id: t.id,
    index: t.index,
    status: exit === EXIT.ok ? 'passed' : 'failed',
    exit_code: exit,
    exit_meaning: verifyFailed && agent.exitCode === EXIT.ok ? 'verify failed' : exitMeaning(exit),
    agent: {
      exit_code: agent.exitCode,
      exit_meaning: exitMeaning(agent.exitCode),
      thread_id: s.thread_id,
      error: agent.error ?? s.error,
    },
    verify: verify ?? skippedVerify(t, agent.exitCode),
    usage: s.usage,
    cost_usd: s.cost_usd,
    wall_ms: Math.round(io.clock.monotonicMs() - t0),
    started_at: new Date(startedAt).toISOString(),
    finished_at: new Date(io.clock.nowMs()).toISOString(),
    config_fingerprint: s.config_fingerprint,
    hexec_version: HEXEC_VERSION,
    host: hostname(),
    task_file: { path: o.taskFile.path, sha256: o.taskFile.sha256, line: t.line },
    repo: {
      source: t.repo.type === 'url' ? t.repo.url : t.repo.path,
      ref: t.ref ?? null,
      commit: ws?.commit ?? null,
      cloned: ws?.cloned ?? false,
    },
    // The stage's paths as they are once published.
    exec_args: args.map((a) => (a.startsWith(stage) ? join(o.outDir, t.id, a.slice(stage.length)) : a)),
    files: {
      events: UNIT_FILES.events,
      last_message: lastMessage,
      cassette: paths?.cassette !== undefined && existsSync(paths.cassette) ? UNIT_FILES.cassette : null,
      verify_log: verify !== null ? UNIT_FILES.verifyLog : null,
      stderr: UNIT_FILES.stderr,
    },
    replayed_from: paths?.replay ?? null,
  };
  if (!existsSync(join(stage, UNIT_FILES.events))) writeFileSync(join(stage, UNIT_FILES.events), '');
  writeFileSync(join(stage, UNIT_FILES.stderr), stderrLines.map((l) => `${l}\n`).join(''));
  writeFileAtomic(join(stage, RESULT_FILE), `${JSON.stringify(result, null, 2)}\n`);
  const dir = publishStage(stage, o.outDir, t.id);
  return { result, dir };
}
