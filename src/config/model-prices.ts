import type { ModelPrice } from './types.js';

/**
 * hexec's shipped price table for common OpenAI models, in USD per million tokens
 * (input, cached input, output), standard tier, short context. Compiled from OpenAI's
 * public price listings as of 2026-06-01; long-context surcharges, batch/flex discounts
 * and cache-write fees are not modelled. Config `model_prices.<model>` replaces an entry
 * or adds a model. Prices change: pin your own in config when the cost budget matters.
 */
export const MODEL_PRICES_AS_OF = '2026-06-01';

const p = (input: number, cached: number, output: number): ModelPrice => ({
  input_per_mtok: input,
  cached_input_per_mtok: cached,
  output_per_mtok: output,
});

export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-5.5': p(5, 0.5, 30),
  'gpt-5.5-pro': p(30, 30, 180),
  'gpt-5.4': p(2.5, 0.25, 15),
  'gpt-5.4-mini': p(0.75, 0.075, 4.5),
  'gpt-5.4-nano': p(0.2, 0.02, 1.25),
  'gpt-5.4-pro': p(30, 30, 180),
  'gpt-5.2': p(1.75, 0.175, 14),
  'gpt-5.2-codex': p(1.75, 0.175, 14),
  'gpt-5.1': p(1.25, 0.125, 10),
  'gpt-5.1-codex': p(1.25, 0.125, 10),
  'gpt-5.1-codex-mini': p(0.25, 0.025, 2),
  'gpt-5': p(1.25, 0.125, 10),
  'gpt-5-codex': p(1.25, 0.125, 10),
  'gpt-5-mini': p(0.25, 0.025, 2),
  'gpt-5-nano': p(0.05, 0.005, 0.4),
  'gpt-4.1': p(2, 0.5, 8),
  'gpt-4.1-mini': p(0.4, 0.1, 1.6),
  'gpt-4.1-nano': p(0.1, 0.025, 0.4),
  'gpt-4o': p(2.5, 1.25, 10),
  'gpt-4o-mini': p(0.15, 0.075, 0.6),
  o3: p(2, 0.5, 8),
  'o4-mini': p(1.1, 0.275, 4.4),
});
