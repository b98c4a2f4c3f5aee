import {
  githubWorkflow,
  k8sManifests,
  loadTaskFile,
  NPX_HEXEC,
  slurmScript,
  type GenerateOptions,
  type TaskFile,
} from '../../batch/index.js';
import { EXIT, HexecError } from '../../errors/index.js';
import type { CliIO } from '../io.js';
import {
  needPositionals,
  parseBatchArgs,
  positiveNumberOpt,
  stringOpt,
  type BatchOptionSpec,
  type ParsedBatchArgs,
} from './batch-args.js';

const COMMON: BatchOptionSpec = {
  parallel: { type: 'string', short: 'p' },
  hexec: { type: 'string' },
  out: { type: 'string' },
  'key-env': { type: 'string' },
  'replay-from': { type: 'string' },
};

interface Generator {
  readonly usage: string;
  readonly options: BatchOptionSpec;
  readonly defaultHexec: string;
  render(common: GenerateOptions, a: ParsedBatchArgs): string;
}

/** Files a pod cannot see unless the image or a volume holds them. */
function localReferences(file: TaskFile): string[] {
  const out: string[] = [];
  for (const t of file.tasks) {
    if (t.repo.type === 'path') out.push(`${t.id}: repo ${t.repo.path}`);
    if (t.prompt.type === 'file') out.push(`${t.id}: prompt_file ${t.prompt.path}`);
    if (t.outputSchema?.type === 'file') out.push(`${t.id}: output_schema ${t.outputSchema.path}`);
  }
  return out;
}

export const GENERATORS: Record<string, Generator> = {
  github: {
    usage:
      'hexec batch github TASKS [--parallel N] [--secret NAME] [--runs-on LABEL] [--timeout-minutes N] [--hexec CMD] [--out DIR] [--key-env VAR] [--replay-from DIR]',
    options: {
      ...COMMON,
      secret: { type: 'string' },
      'runs-on': { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
    defaultHexec: NPX_HEXEC,
    render: (c, a) =>
      githubWorkflow({
        ...c,
        secret: stringOpt(a, 'secret') ?? 'OPENAI_API_KEY',
        runsOn: stringOpt(a, 'runs-on') ?? 'ubuntu-latest',
        timeoutMinutes: positiveNumberOpt(a, 'timeout-minutes', true) ?? 60,
      }),
  },
  k8s: {
    usage:
      'hexec batch k8s TASKS --image IMAGE [--parallel N] [--retries N] [--name NAME] [--secret NAME] [--secret-key KEY] [--results-pvc NAME] [--hexec CMD] [--key-env VAR] [--replay-from DIR]',
    options: {
      ...COMMON,
      image: { type: 'string' },
      retries: { type: 'string' },
      name: { type: 'string' },
      secret: { type: 'string' },
      'secret-key': { type: 'string' },
      'results-pvc': { type: 'string' },
    },
    defaultHexec: 'hexec',
    render: (c, a) => {
      const image = stringOpt(a, 'image');
      if (image === undefined)
        throw new HexecError('usage', 'the Job needs an image that has hexec', {
          source: { flag: '--image' },
          hint: 'e.g. --image ghcr.io/acme/hexec:0.1.0 (see docs/docker.md)',
        });
      const retries = stringOpt(a, 'retries');
      if (retries !== undefined && !/^\d+$/.test(retries))
        throw new HexecError('usage', 'invalid value for --retries', {
          source: { flag: '--retries' },
          expected: 'a whole number >= 0',
          found: JSON.stringify(retries),
        });
      return k8sManifests({
        ...c,
        image,
        name: stringOpt(a, 'name') ?? 'hexec-batch',
        retries: retries !== undefined ? Number(retries) : 1,
        secret: stringOpt(a, 'secret') ?? 'hexec-api-key',
        secretKey: stringOpt(a, 'secret-key') ?? c.keyVar,
        resultsClaim: stringOpt(a, 'results-pvc') ?? 'hexec-results',
      });
    },
  },
  slurm: {
    usage:
      'hexec batch slurm TASKS [--parallel N] [--job-name NAME] [--time T] [--partition P] [--cpus-per-task N] [--hexec CMD] [--out DIR] [--replay-from DIR]',
    options: {
      ...COMMON,
      'job-name': { type: 'string' },
      time: { type: 'string' },
      partition: { type: 'string' },
      'cpus-per-task': { type: 'string' },
    },
    defaultHexec: 'hexec',
    render: (c, a) => {
      const time = stringOpt(a, 'time');
      const partition = stringOpt(a, 'partition');
      return slurmScript({
        ...c,
        jobName: stringOpt(a, 'job-name') ?? 'hexec-batch',
        cpusPerTask: positiveNumberOpt(a, 'cpus-per-task', true) ?? 1,
        ...(time !== undefined ? { time } : {}),
        ...(partition !== undefined ? { partition } : {}),
      });
    },
  },
};

/** `hexec batch github|k8s|slurm TASKS`: prints what the engine runs (it schedules, hexec does not). */
export async function batchGenerateCommand(name: string, argv: readonly string[], io: CliIO): Promise<number> {
  const g = GENERATORS[name];
  if (g === undefined) throw new HexecError('usage', `unknown generator ${name}`);
  const a = parseBatchArgs(argv, g.options, g.usage);
  needPositionals(a, 1, 'the task file', g.usage);
  const tasksPath = a.positionals[0] ?? '';
  const taskFile = await loadTaskFile(tasksPath, io.env.cwd);
  const replayFrom = stringOpt(a, 'replay-from');
  const common: GenerateOptions = {
    taskFile,
    tasksPath,
    parallel: positiveNumberOpt(a, 'parallel', true) ?? Math.min(4, taskFile.tasks.length),
    hexec: stringOpt(a, 'hexec') ?? g.defaultHexec,
    outDir: stringOpt(a, 'out') ?? 'results',
    keyVar: stringOpt(a, 'key-env') ?? 'OPENAI_API_KEY',
    ...(replayFrom !== undefined ? { replayFrom } : {}),
  };
  if (name === 'k8s')
    for (const ref of localReferences(taskFile))
      io.stderr.write(
        `warning: ${ref} is a local file: the pods see it only if the image or a volume holds it at that path\n`,
      );
  io.stdout.write(g.render(common, a));
  return EXIT.ok;
}
