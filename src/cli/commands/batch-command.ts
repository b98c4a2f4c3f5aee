import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildReport,
  loadTaskFile,
  renderReportMarkdown,
  renderReportText,
  runUnit,
  selectTask,
} from '../../batch/index.js';
import { systemClock } from '../../env/index.js';
import { EXIT, HexecError } from '../../errors/index.js';
import { EXEC_USAGE } from '../help.js';
import type { CliIO, CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { needPositionals, parseBatchArgs, positiveNumberOpt, stringOpt, type BatchOptionSpec } from './batch-args.js';
import { BATCH_USAGE, batchHelp } from './batch-help.js';
import { batchGenerateCommand, GENERATORS } from './batch-generate.js';
import { batchLocalCommand } from './batch-local.js';
import { unitLine } from './batch-unit-line.js';

const RUN_OPTIONS: BatchOptionSpec = {
  index: { type: 'string' },
  id: { type: 'string' },
  out: { type: 'string' },
  'replay-from': { type: 'string' },
  'max-cost-usd': { type: 'string' },
};
const RUN_USAGE = 'hexec batch run TASKS [--index N | --id ID] [--out DIR] [--replay-from DIR] [--max-cost-usd USD]';

async function runSub(argv: readonly string[], io: CliIO): Promise<number> {
  const a = parseBatchArgs(argv, RUN_OPTIONS, RUN_USAGE);
  needPositionals(a, 1, 'the task file', RUN_USAGE);
  const file = await loadTaskFile(a.positionals[0] ?? '', io.env.cwd);
  const task = selectTask(file, { index: stringOpt(a, 'index'), id: stringOpt(a, 'id') }, io.env.vars);
  const replayFrom = stringOpt(a, 'replay-from');
  const cap = positiveNumberOpt(a, 'max-cost-usd', false);
  const { result, dir } = await runUnit(
    {
      taskFile: file,
      task,
      outDir: resolve(io.env.cwd, stringOpt(a, 'out') ?? 'results'),
      ...(replayFrom !== undefined ? { replayFrom: resolve(io.env.cwd, replayFrom) } : {}),
      ...(cap !== undefined ? { maxCostUsd: cap } : {}),
    },
    {
      env: io.env,
      signal: io.signal,
      clock: systemClock,
      parseExecArgs: (args) => parseOptions(args, { scopes: ['config', 'exec'], usage: EXEC_USAGE }).options,
      log: (l) => io.stderr.write(`[${task.id}] ${l}\n`),
    },
  );
  io.stdout.write(`${unitLine(result, dir)}\n`);
  return result.exit_code;
}

const LIST_USAGE = 'hexec batch list TASKS [--json]';

async function listSub(argv: readonly string[], io: CliIO): Promise<number> {
  const a = parseBatchArgs(argv, { json: { type: 'boolean' } }, LIST_USAGE);
  needPositionals(a, 1, 'the task file', LIST_USAGE);
  const file = await loadTaskFile(a.positionals[0] ?? '', io.env.cwd);
  if (a.values['json'] === true) {
    io.stdout.write(`${JSON.stringify({ path: file.path, sha256: file.sha256, tasks: file.tasks }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const t of file.tasks) {
    const repo = t.repo.type === 'url' ? t.repo.url : t.repo.path;
    io.stdout.write(`${t.index}\t${t.id}\t${repo}${t.ref !== undefined ? `@${t.ref}` : ''}\n`);
  }
  return EXIT.ok;
}

const REPORT_USAGE = 'hexec batch report DIR... [--tasks TASKS] [--json] [--markdown] [--strict]';

async function reportSub(argv: readonly string[], io: CliIO): Promise<number> {
  const a = parseBatchArgs(
    argv,
    {
      tasks: { type: 'string' },
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      strict: { type: 'boolean' },
    },
    REPORT_USAGE,
  );
  needPositionals(a, 1, 'a results directory', REPORT_USAGE);
  const tasksPath = stringOpt(a, 'tasks');
  const file = tasksPath !== undefined ? await loadTaskFile(tasksPath, io.env.cwd) : undefined;
  const rep = buildReport(a.positionals, io.env.cwd, file);
  if (a.values['json'] === true) io.stdout.write(`${JSON.stringify(rep, null, 2)}\n`);
  else if (a.values['markdown'] === true) io.stdout.write(renderReportMarkdown(rep));
  else io.stdout.write(renderReportText(rep));
  const summary = io.env.vars['GITHUB_STEP_SUMMARY'];
  if (summary !== undefined && summary !== '') {
    try {
      appendFileSync(summary, renderReportMarkdown(rep));
    } catch (e) {
      io.stderr.write(`warning: cannot write the job summary to ${summary}: ${(e as Error).message}\n`);
    }
  }
  const t = rep.totals;
  const allPassed = t.passed === t.tasks && t.missing === 0 && t.partial === 0;
  return a.values['strict'] === true && !allPassed ? EXIT.runFailed : EXIT.ok;
}

const SUBCOMMANDS: Record<string, (argv: readonly string[], io: CliIO) => Promise<number>> = {
  run: runSub,
  local: batchLocalCommand,
  list: listSub,
  report: reportSub,
  ...Object.fromEntries(
    Object.keys(GENERATORS).map((g) => [
      g,
      (args: readonly string[], cio: CliIO) => batchGenerateCommand(g, args, cio),
    ]),
  ),
};

export const batchCommand: CommandHandler = async (argv, io) => {
  const sub = argv[0];
  if (sub === undefined || sub === '-h' || sub === '--help' || argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(batchHelp());
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  const handler = SUBCOMMANDS[sub];
  if (handler === undefined)
    throw new HexecError('usage', `unknown batch subcommand '${sub}'\n\nUsage: ${BATCH_USAGE}`);
  return handler(argv.slice(1), io);
};
