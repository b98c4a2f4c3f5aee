/**
 * Durations for `timeout` / `--timeout`: one or more `<number><unit>` parts, units
 * ms, s, m, h (e.g. `90s`, `10m`, `1h30m`, `1.5h`). A bare number means seconds.
 * Returns milliseconds, or undefined when the text is not a duration.
 */
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(s)) {
    const ms = Math.round(Number(s) * 1000);
    return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
  }
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (m === null) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
  }
  const ms = Math.round(total);
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}
