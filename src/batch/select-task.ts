import { HexecError } from '../errors/index.js';
import { closestName } from '../util/index.js';
import type { Task, TaskFile } from './task-file.js';

/**
 * Where a unit's index comes from when `--index` is not given, first found wins: hexec's
 * own variable, then the engines' (a Kubernetes Indexed Job, a Slurm job array).
 */
export const INDEX_VARS = ['HEXEC_BATCH_INDEX', 'JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID'] as const;

export interface TaskSelector {
  readonly index?: string | undefined;
  readonly id?: string | undefined;
}

function rangeText(n: number): string {
  return n === 1 ? 'index 0' : `indices 0-${n - 1}`;
}

/** The task a unit runs: by `--id`, by `--index`, or by an engine's index variable. Exit 2 otherwise. */
export function selectTask(file: TaskFile, sel: TaskSelector, vars: Readonly<Record<string, string>>): Task {
  const n = file.tasks.length;
  if (sel.id !== undefined) {
    if (sel.index !== undefined)
      throw new HexecError('usage', '--id and --index cannot be used together', { source: { flag: '--id' } });
    const t = file.tasks.find((x) => x.id === sel.id);
    if (t !== undefined) return t;
    const near = closestName(
      sel.id,
      file.tasks.map((x) => x.id),
    );
    throw new HexecError('usage', `no task with id ${JSON.stringify(sel.id)} in ${file.path}`, {
      source: { flag: '--id' },
      hint:
        near !== undefined
          ? `did you mean ${JSON.stringify(near)}?`
          : `the task file holds ${n} task(s); list them with \`hexec batch list ${file.path}\``,
    });
  }
  let raw = sel.index;
  let from = '--index';
  if (raw === undefined) {
    for (const name of INDEX_VARS) {
      const v = vars[name];
      if (v !== undefined && v.trim() !== '') {
        raw = v.trim();
        from = name;
        break;
      }
    }
  }
  if (raw === undefined)
    throw new HexecError('usage', 'which task? no --index, --id or index variable was given', {
      source: { flag: '--index' },
      hint: `pass --index N (${rangeText(n)}) or --id ID, or set one of ${INDEX_VARS.join(', ')}`,
    });
  const source = from.startsWith('--') ? { flag: from } : { key: from };
  if (!/^\d+$/.test(raw))
    throw new HexecError('usage', 'the task index is not a whole number', {
      source,
      expected: `an index (${rangeText(n)})`,
      found: JSON.stringify(raw),
    });
  const index = Number(raw);
  const t = file.tasks[index];
  if (t === undefined)
    throw new HexecError('usage', `task index ${index} is out of range for ${file.path}`, {
      source,
      expected: rangeText(n),
      found: String(index),
      hint: `the task file holds ${n} task(s); an array of ${n} units runs indices 0-${n - 1}`,
    });
  return t;
}
