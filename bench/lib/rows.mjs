// One row of bench/results.json: hexec's samples against a baseline (codex's npm launcher, a
// plain spawn, a live run) and, for the model runs, against codex's native binary too.
import { stats } from './measure.mjs';

export const ALL_ROWS = [
  'version',
  'one-request',
  'one-request-home',
  'tool-call',
  'apply-patch',
  'twenty-turn',
  'sandbox',
  'replay',
  'install-size',
  'batch-run',
  'batch-local',
];

/** Targets against the row's baseline (codex's npm launcher for the model runs). */
export const TARGETS = {
  version: { op: '<=', value: 1.0 },
  'one-request': { op: '<=', value: 0.5 },
  'one-request-home': { op: '<=', value: 0.5 },
  'tool-call': { op: '<=', value: 0.5 },
  'apply-patch': { op: '<=', value: 0.5 },
  'twenty-turn': { op: '<=', value: 0.5 },
  rss: { op: '<=', value: 0.5 },
  sandbox: { op: '<=', value: 10 },
  replay: { op: '>=', value: 20 },
  'install-size': { op: '<=', value: 1 / 50 },
};

/** Targets against codex's native binary: every model run at half its wall time or less. */
export const NATIVE_TARGETS = {
  'one-request': { op: '<=', value: 0.5 },
  'one-request-home': { op: '<=', value: 0.5 },
  'tool-call': { op: '<=', value: 0.5 },
  'apply-patch': { op: '<=', value: 0.5 },
  'twenty-turn': { op: '<=', value: 0.5 },
};

const meets = (value, target) =>
  value === null || !target ? null : target.op === '<=' ? value <= target.value : value >= target.value;

/** {median, min, max, n, ratio, target, met} of hexec against the native binary, or null without samples. */
function nativeColumn(hexec, nativeSamples, target) {
  const native = nativeSamples ? stats(nativeSamples) : null;
  if (!native) return null;
  const ratio = hexec ? hexec.median / native.median : null;
  return { ...native, ratio, target: target ?? null, met: meets(ratio, target) };
}

/**
 * extra: target (overrides TARGETS[id]), value/valueKind (a figure other than the ratio),
 * native (samples of codex's native binary), nativeTarget, failures, note.
 */
export function rowOf(id, label, unit, hexecSamples, baseSamples, baselineLabel, extra = {}) {
  const hexec = stats(hexecSamples);
  const baseline = baseSamples ? stats(baseSamples) : null;
  const target = extra.target ?? TARGETS[id] ?? null;
  let value = extra.value;
  const valueKind = extra.valueKind ?? 'ratio';
  if (value === undefined) value = hexec && baseline ? hexec.median / baseline.median : null;
  const native = nativeColumn(hexec, extra.native, extra.nativeTarget ?? NATIVE_TARGETS[id]);
  const checks = [meets(value, target), native?.met ?? null].filter((m) => m !== null);
  return {
    id,
    label,
    unit,
    hexec,
    baseline,
    baselineLabel,
    value,
    valueKind,
    target,
    native,
    met: checks.length === 0 ? null : checks.every(Boolean),
    samples: { hexec: hexecSamples, baseline: baseSamples ?? null, native: extra.native ?? null },
    ...(extra.failures ? { failures: extra.failures } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

export function errorRow(id, label, e) {
  return {
    id,
    label,
    unit: 'ms',
    hexec: null,
    baseline: null,
    baselineLabel: null,
    value: null,
    valueKind: 'ratio',
    target: TARGETS[id] ?? null,
    native: null,
    met: null,
    error: String(e?.message ?? e).slice(0, 300),
  };
}
