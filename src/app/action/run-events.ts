/**
 * What the action reads from `hexec exec --json`: the hexec block of `thread.started`
 * (config fingerprint, hermetic flag, version) and the usage of every `turn.completed`
 * (summed; `cost_usd` only when hexec priced the model). Lines that are not JSON objects
 * are ignored: the stream is hexec's own, the action only reads it.
 */
export interface RunUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  cost_usd?: number;
}

export interface RunSummary {
  readonly usage: RunUsage;
  readonly configFingerprint?: string;
  readonly hexecVersion?: string;
  readonly threadId?: string;
  readonly errors: readonly string[];
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function summarizeEvents(jsonl: string): RunSummary {
  const usage: RunUsage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
  let configFingerprint: string | undefined;
  let hexecVersion: string | undefined;
  let threadId: string | undefined;
  const errors: string[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.startsWith('{')) continue;
    let ev: Record<string, unknown>;
    try {
      ev = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (ev['type'] === 'thread.started') {
      if (typeof ev['thread_id'] === 'string') threadId = ev['thread_id'];
      const h = ev['hexec'];
      if (h !== null && typeof h === 'object') {
        const hb = h as Record<string, unknown>;
        if (typeof hb['config_fingerprint'] === 'string') configFingerprint = hb['config_fingerprint'];
        if (typeof hb['version'] === 'string') hexecVersion = hb['version'];
      }
    } else if (ev['type'] === 'turn.completed') {
      const u = (ev['usage'] ?? {}) as Record<string, unknown>;
      usage.input_tokens += num(u['input_tokens']);
      usage.cached_input_tokens += num(u['cached_input_tokens']);
      usage.output_tokens += num(u['output_tokens']);
      usage.reasoning_output_tokens += num(u['reasoning_output_tokens']);
      if (typeof u['cost_usd'] === 'number') usage.cost_usd = (usage.cost_usd ?? 0) + u['cost_usd'];
    } else if (ev['type'] === 'turn.failed' || ev['type'] === 'error') {
      const err = ev['error'] as Record<string, unknown> | undefined;
      const msg =
        typeof ev['message'] === 'string'
          ? ev['message']
          : typeof err?.['message'] === 'string'
            ? err['message']
            : undefined;
      if (msg !== undefined) errors.push(msg);
    }
  }
  return {
    usage,
    errors,
    ...(configFingerprint !== undefined ? { configFingerprint } : {}),
    ...(hexecVersion !== undefined ? { hexecVersion } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
  };
}
