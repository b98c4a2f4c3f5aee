import { HexecError } from '../errors/index.js';
import { parseDurationMs } from './duration.js';
import { EMPTY_KEY_INDEX } from './key-lines.js';
import type { LayerData } from './merge.js';
import { newTable, type Table } from './schema.js';
import type { ConfigFlags, LayerReport } from './types.js';
import { SANDBOX_MODE_VALUES } from './config-schema.js';

/**
 * Dedicated flags (-m, -s, --full-auto, --yolo, --approve-for-me, --oss, budgets):
 * codex applies them after the TOML merge, above managed_config.toml.
 */
function positiveInt(text: string, flag: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new HexecError('usage', 'invalid value', {
      source: { flag },
      expected: 'a positive integer',
      found: JSON.stringify(text),
    });
  }
  return n;
}

function positiveNumber(text: string, flag: string): number {
  const n = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new HexecError('usage', 'invalid value', {
      source: { flag },
      expected: 'a number > 0',
      found: JSON.stringify(text),
    });
  }
  return n;
}

export function buildCliFlagsLayer(
  flags: ConfigFlags,
  mergedSoFar: Table,
  _cwd: string,
  _home: string,
): { readonly layer: LayerData; readonly report: LayerReport } {
  const table = newTable();
  const set = new Map<string, string>();
  const put = (key: string, value: unknown, flag: string): void => {
    table[key] = value;
    set.set(key, flag);
  };
  if (flags.model !== undefined) put('model', flags.model, '--model');
  if (flags.fullAuto === true) put('sandbox_mode', 'workspace-write', '--full-auto');
  if (flags.approveForMe === true) put('sandbox_mode', 'workspace-write', '--approve-for-me');
  if (flags.sandbox !== undefined) {
    if (!(SANDBOX_MODE_VALUES as readonly string[]).includes(flags.sandbox)) {
      throw new HexecError('usage', 'invalid value', {
        source: { flag: '--sandbox' },
        expected: SANDBOX_MODE_VALUES.join(', '),
        found: flags.sandbox,
      });
    }
    put('sandbox_mode', flags.sandbox, '--sandbox');
  }
  if (flags.dangerouslyBypass === true)
    put('sandbox_mode', 'danger-full-access', '--dangerously-bypass-approvals-and-sandbox');
  if (flags.oss === true) {
    const configured = mergedSoFar['oss_provider'];
    const id = flags.localProvider ?? (typeof configured === 'string' ? configured : undefined);
    if (id === undefined) {
      throw new HexecError(
        'config',
        'No default OSS provider configured. Use `--local-provider=provider` or set `oss_provider` to either `lmstudio` or `ollama` in config.toml',
        { source: { flag: '--oss' } },
      );
    }
    if (id !== 'lmstudio' && id !== 'ollama') {
      throw new HexecError('usage', 'invalid value', {
        source: { flag: '--local-provider' },
        expected: 'lmstudio or ollama',
        found: id,
      });
    }
    put('model_provider', id, flags.localProvider !== undefined ? '--oss --local-provider' : '--oss');
  }
  if (flags.maxTurns !== undefined) put('max_turns', positiveInt(flags.maxTurns, '--max-turns'), '--max-turns');
  if (flags.maxTokens !== undefined) put('max_tokens', positiveInt(flags.maxTokens, '--max-tokens'), '--max-tokens');
  if (flags.maxCostUsd !== undefined)
    put('max_cost_usd', positiveNumber(flags.maxCostUsd, '--max-cost-usd'), '--max-cost-usd');
  if (flags.timeout !== undefined) {
    if (parseDurationMs(flags.timeout) === undefined) {
      throw new HexecError('usage', 'invalid value', {
        source: { flag: '--timeout' },
        expected: 'a duration such as 90s, 10m or 1h30m',
        found: JSON.stringify(flags.timeout),
      });
    }
    put('timeout', flags.timeout, '--timeout');
  }
  const used = [...new Set(set.values())];
  const report: LayerReport =
    used.length > 0
      ? { kind: 'cli-flags', label: 'cli-flags', fate: 'loaded', why: used.join(', '), adminPolicy: false }
      : { kind: 'cli-flags', label: 'cli-flags', fate: 'skipped', why: 'no dedicated flags given', adminPolicy: false };
  return { layer: { kind: 'cli-flags', label: 'cli-flags', table, lines: EMPTY_KEY_INDEX, flags: set }, report };
}
