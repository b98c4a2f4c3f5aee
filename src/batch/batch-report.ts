import { resolve } from 'node:path';
import type { TaskFile } from './task-file.js';
import { scanResults } from './result-dir.js';

/** One task's line of the report. */
export interface ReportRow {
  id: string;
  index: number;
  status: 'passed' | 'failed';
  exit_code: number;
  exit_meaning: string;
  /** passed | failed | skipped (hexec failed first) | none (no verify command) */
  verify: 'passed' | 'failed' | 'skipped' | 'none';
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost_usd: number | null;
  wall_ms: number;
  config_fingerprint: string | null;
  dir: string;
}

export interface ReportTotals {
  /** Tasks expected (the task file's, or every task seen). */
  tasks: number;
  passed: number;
  failed: number;
  missing: number;
  partial: number;
  /** passed / tasks, 0..1. */
  pass_rate: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost_usd: number | null;
  /** Sum of the units' wall times. */
  wall_ms: number;
}

/** `hexec batch report --json`: format `hexec-batch-report`, version 1 (docs/batch.md). */
export interface BatchReport {
  format: 'hexec-batch-report';
  version: 1;
  tasks: ReportRow[];
  /** Tasks of the task file with no result at all (needs --tasks). */
  missing: { id: string; index: number }[];
  /** Units that started but left no complete result (killed, or a broken result.json). */
  partial: { id: string; dir: string; why: string }[];
  /** Ids found more than once: the latest result is used. */
  duplicates: string[];
  totals: ReportTotals;
}

function verifyState(v: unknown): ReportRow['verify'] {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'object' && 'skipped' in v) return 'skipped';
  return (v as { passed?: boolean }).passed === true ? 'passed' : 'failed';
}

/** Merges result directories from any engine (artifacts, a volume, Slurm's working directory) into one report. */
export function buildReport(dirs: readonly string[], cwd: string, taskFile?: TaskFile): BatchReport {
  const latest = new Map<string, { row: ReportRow; finished: string }>();
  const partial = new Map<string, { id: string; dir: string; why: string }>();
  const duplicates = new Set<string>();
  for (const d of dirs) {
    for (const r of scanResults(resolve(cwd, d))) {
      if (r.type === 'partial') {
        if (r.id !== '') partial.set(r.id, { id: r.id, dir: r.dir, why: r.why });
        continue;
      }
      const x = r.result;
      const row: ReportRow = {
        id: x.id,
        index: x.index,
        status: x.status === 'passed' ? 'passed' : 'failed',
        exit_code: x.exit_code,
        exit_meaning: x.exit_meaning,
        verify: verifyState(x.verify),
        input_tokens: x.usage?.input_tokens ?? 0,
        output_tokens: x.usage?.output_tokens ?? 0,
        total_tokens: x.usage?.total_tokens ?? 0,
        cost_usd: typeof x.cost_usd === 'number' ? x.cost_usd : null,
        wall_ms: x.wall_ms ?? 0,
        config_fingerprint: x.config_fingerprint ?? null,
        dir: r.dir,
      };
      const prev = latest.get(x.id);
      if (prev !== undefined) duplicates.add(x.id);
      if (prev === undefined || (x.finished_at ?? '') >= prev.finished) {
        latest.set(x.id, { row, finished: x.finished_at ?? '' });
      }
    }
  }
  const expected = taskFile?.tasks.map((t) => ({ id: t.id, index: t.index }));
  const known = expected !== undefined ? new Set(expected.map((t) => t.id)) : undefined;
  const rows = [...latest.values()].map((v) => v.row).sort((a, b) => a.index - b.index || a.id.localeCompare(b.id));
  const partialRows = [...partial.values()].filter((p) => !latest.has(p.id)).sort((a, b) => a.id.localeCompare(b.id));
  const missing = (expected ?? []).filter((t) => !latest.has(t.id) && !partial.has(t.id));
  const total = known !== undefined ? known.size : rows.length + partialRows.length;
  const passed = rows.filter((r) => r.status === 'passed').length;
  const costs = rows.map((r) => r.cost_usd).filter((c): c is number => c !== null);
  const sum = (f: (r: ReportRow) => number): number => rows.reduce((a, r) => a + f(r), 0);
  return {
    format: 'hexec-batch-report',
    version: 1,
    tasks: rows,
    missing,
    partial: partialRows,
    duplicates: [...duplicates].sort(),
    totals: {
      tasks: total,
      passed,
      failed: rows.length - passed,
      missing: missing.length,
      partial: partialRows.length,
      pass_rate: total === 0 ? 0 : passed / total,
      input_tokens: sum((r) => r.input_tokens),
      output_tokens: sum((r) => r.output_tokens),
      total_tokens: sum((r) => r.total_tokens),
      cost_usd: costs.length === 0 ? null : costs.reduce((a, c) => a + c, 0),
      wall_ms: sum((r) => r.wall_ms),
    },
  };
}
