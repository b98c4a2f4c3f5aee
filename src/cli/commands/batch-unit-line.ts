import { formatCost, formatMs, type UnitResult } from '../../batch/index.js';

/** The one-line outcome of a unit, as `batch run` and `batch local` print it. */
export function unitLine(r: UnitResult, dir: string): string {
  const verify =
    r.verify === null
      ? ''
      : 'skipped' in r.verify
        ? ', verify skipped'
        : r.verify.passed
          ? ', verify passed'
          : ', verify failed';
  return (
    `${r.id}: ${r.status}, exit ${r.exit_code} (${r.exit_meaning})${verify}, ` +
    `${r.usage.total_tokens} tokens, ${formatCost(r.cost_usd)}, ${formatMs(r.wall_ms)} -> ${dir}`
  );
}
