import type { VerifyOutcome } from './run-verify.js';

/** Token usage of a unit, summed over its model requests. */
export interface UnitUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
  requests: number;
}

/**
 * `result.json` of a unit (format `hexec-batch-result`, version 1). Written last, into a
 * staging directory that is then renamed into place: a result directory that has one is
 * complete. docs/batch.md describes every field.
 */
export interface UnitResult {
  format: 'hexec-batch-result';
  version: 1;
  id: string;
  index: number;
  /** passed: hexec exited 0 and verify (if any) passed. */
  status: 'passed' | 'failed';
  /** The unit's exit code: hexec's, or 1 when hexec exited 0 but verify failed. */
  exit_code: number;
  exit_meaning: string;
  agent: {
    exit_code: number;
    exit_meaning: string;
    thread_id: string | null;
    /** The message of the error that stopped it (exit 2, 5, 7 before the run, or the turn's failure). */
    error: string | null;
  };
  verify: VerifyOutcome | { skipped: string } | null;
  usage: UnitUsage;
  cost_usd: number | null;
  wall_ms: number;
  started_at: string;
  finished_at: string;
  config_fingerprint: string | null;
  hexec_version: string;
  host: string;
  task_file: { path: string; sha256: string; line: number };
  repo: { source: string; ref: string | null; commit: string | null; cloned: boolean };
  /** The equivalent `hexec exec` arguments (the prompt apart). */
  exec_args: string[];
  files: {
    events: string;
    last_message: string | null;
    cassette: string | null;
    verify_log: string | null;
    stderr: string;
  };
  replayed_from: string | null;
}

export const ZERO_UNIT_USAGE: UnitUsage = {
  input_tokens: 0,
  cached_input_tokens: 0,
  output_tokens: 0,
  reasoning_output_tokens: 0,
  total_tokens: 0,
  requests: 0,
};

/** What a unit's events say: usage and cost summed over `model.usage`, fingerprint, thread id, last error. */
export interface EventSummary {
  usage: UnitUsage;
  cost_usd: number | null;
  config_fingerprint: string | null;
  thread_id: string | null;
  error: string | null;
}

export function summariseEvents(events: readonly Record<string, unknown>[]): EventSummary {
  const usage = { ...ZERO_UNIT_USAGE };
  let cost: number | null = null;
  let fp: string | null = null;
  let thread: string | null = null;
  let error: string | null = null;
  for (const e of events) {
    if (e['type'] === 'thread.started') {
      thread = typeof e['thread_id'] === 'string' ? e['thread_id'] : null;
      const h = e['hexec'] as Record<string, unknown> | undefined;
      if (typeof h?.['config_fingerprint'] === 'string') fp = h['config_fingerprint'];
    } else if (e['type'] === 'model.usage') {
      const u = (e['usage'] ?? {}) as Record<string, number | undefined>;
      usage.input_tokens += u['input_tokens'] ?? 0;
      usage.cached_input_tokens += u['cached_input_tokens'] ?? 0;
      usage.output_tokens += u['output_tokens'] ?? 0;
      usage.reasoning_output_tokens += u['reasoning_output_tokens'] ?? 0;
      usage.requests += 1;
      if (typeof u['cost_usd'] === 'number') cost = (cost ?? 0) + u['cost_usd'];
    } else if (e['type'] === 'turn.failed') {
      const err = e['error'] as Record<string, unknown> | undefined;
      if (typeof err?.['message'] === 'string') error = err['message'];
    }
  }
  usage.total_tokens = usage.input_tokens + usage.output_tokens;
  return { usage, cost_usd: cost, config_fingerprint: fp, thread_id: thread, error };
}
