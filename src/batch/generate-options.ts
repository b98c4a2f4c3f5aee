import { HEXEC_VERSION } from '../util/index.js';
import type { TaskFile } from './task-file.js';

/** What every generator needs: the task file as the engine will see it, and how to call hexec there. */
export interface GenerateOptions {
  readonly taskFile: TaskFile;
  /** The task file's path as given (relative to where the engine runs, e.g. the repository root). */
  readonly tasksPath: string;
  /** Units at most at a time (GitHub `max-parallel`, Kubernetes `parallelism`, Slurm `%P`). */
  readonly parallel: number;
  /** The command that runs hexec where the units run. */
  readonly hexec: string;
  /** Results directory where the units run. */
  readonly outDir: string;
  /** Environment variable that carries the API key for the units. */
  readonly keyVar: string;
  /** Replay every unit from this results directory (a recorded batch): no key needed. */
  readonly replayFrom?: string;
}

/** `npx` runs exactly this hexec version where no hexec is installed (GitHub runners). */
export const NPX_HEXEC = `npx --yes hexec@${HEXEC_VERSION}`;

/** A shell word: quoted unless it is plainly safe. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `<hexec> batch run TASKS --out OUT [--replay-from DIR]`, the index left to the engine. */
export function unitCommand(o: GenerateOptions, indexArg: string): string {
  const parts = [o.hexec, 'batch', 'run', shellWord(o.tasksPath), ...(indexArg !== '' ? [indexArg] : [])];
  parts.push('--out', shellWord(o.outDir));
  if (o.replayFrom !== undefined) parts.push('--replay-from', shellWord(o.replayFrom));
  return parts.join(' ');
}

export function reportCommand(o: GenerateOptions, dir: string, extra = ''): string {
  return `${o.hexec} batch report ${shellWord(dir)} --tasks ${shellWord(o.tasksPath)}${extra}`;
}
