import { HexecError } from '../errors/index.js';
import type { ModelUsage } from './ports.js';

/** hexec's run budgets. Every field is optional; an absent one is unlimited. */
export interface Budgets {
  readonly maxTurns?: number;
  readonly maxTokens?: number;
  readonly maxCostUsd?: number;
  /** Wall-clock limit for the whole run, in ms. */
  readonly timeoutMs?: number;
}

/** USD per million tokens. */
export interface ModelPrice {
  readonly input_per_mtok: number;
  readonly cached_input_per_mtok?: number;
  readonly output_per_mtok: number;
}

export type BudgetName = 'max_turns' | 'max_tokens' | 'max_cost_usd' | 'timeout';

export interface BudgetExceeded {
  readonly name: BudgetName;
  readonly limit: number;
  readonly used: number;
}

/** Cost of a usage record; reasoning tokens are billed as output tokens (included in output_tokens). */
export function costOf(usage: ModelUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cached_input_tokens, usage.input_tokens);
  const uncached = usage.input_tokens - cached;
  const cachedRate = price.cached_input_per_mtok ?? price.input_per_mtok;
  const usd =
    (uncached * price.input_per_mtok + cached * cachedRate + usage.output_tokens * price.output_per_mtok) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}

export function totalTokens(usage: ModelUsage): number {
  return usage.input_tokens + usage.output_tokens;
}

/** Before a model request: would starting request number `next` (1-based) break a budget? */
export function checkBeforeRequest(b: Budgets, next: number, elapsedMs: number): BudgetExceeded | undefined {
  if (b.maxTurns !== undefined && next > b.maxTurns) return { name: 'max_turns', limit: b.maxTurns, used: next - 1 };
  if (b.timeoutMs !== undefined && elapsedMs >= b.timeoutMs)
    return { name: 'timeout', limit: b.timeoutMs, used: Math.round(elapsedMs) };
  return undefined;
}

/** After a model response: has the spending gone over a budget? */
export function checkAfterResponse(
  b: Budgets,
  usage: ModelUsage,
  costUsd: number | undefined,
): BudgetExceeded | undefined {
  const tokens = totalTokens(usage);
  if (b.maxTokens !== undefined && tokens > b.maxTokens)
    return { name: 'max_tokens', limit: b.maxTokens, used: tokens };
  if (b.maxCostUsd !== undefined && costUsd !== undefined && costUsd > b.maxCostUsd) {
    return { name: 'max_cost_usd', limit: b.maxCostUsd, used: costUsd };
  }
  return undefined;
}

export function budgetMessage(e: BudgetExceeded): string {
  switch (e.name) {
    case 'max_turns':
      return `budget exhausted: max_turns ${e.limit} reached (${e.used} model requests made)`;
    case 'max_tokens':
      return `budget exhausted: max_tokens ${e.limit} exceeded (${e.used} tokens used)`;
    case 'max_cost_usd':
      return `budget exhausted: max_cost_usd ${e.limit} exceeded ($${e.used.toFixed(4)} spent)`;
    case 'timeout':
      return `budget exhausted: timeout of ${e.limit} ms reached`;
  }
}

/** Parses 90, 90s, 1500ms, 10m, 1h, 1h30m into ms; undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of t.matchAll(re)) {
    if (m.index !== consumed) return undefined;
    consumed += m[0].length;
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
  }
  if (consumed !== t.length || consumed === 0) return undefined;
  return Math.round(total);
}

/**
 * The run's abort signal plus the wall-clock budget: when `timeoutMs` passes, the
 * returned signal aborts with a budget HexecError as its reason, so an in-flight model
 * stream (the provider rethrows that reason) or a running command (killed on abort)
 * stops at once instead of at the next check between requests.
 */
export interface TimeoutGuard {
  readonly signal: AbortSignal;
  /** Set once the timeout fired. */
  exceeded(): BudgetExceeded | undefined;
  dispose(): void;
}

export function timeoutGuard(
  parent: AbortSignal,
  timeoutMs: number | undefined,
  elapsedMs: () => number,
): TimeoutGuard {
  const ctl = new AbortController();
  let hit: BudgetExceeded | undefined;
  const forward = (): void => ctl.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => {
            if (ctl.signal.aborted) return;
            hit = { name: 'timeout', limit: timeoutMs, used: Math.max(timeoutMs, Math.round(elapsedMs())) };
            ctl.abort(new HexecError('budget', budgetMessage(hit)));
          },
          Math.max(0, timeoutMs - elapsedMs()),
        );
  return {
    signal: ctl.signal,
    exceeded: () => hit,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      parent.removeEventListener('abort', forward);
    },
  };
}
