import type { BatchReport, ReportRow } from './batch-report.js';

export function formatCost(c: number | null): string {
  if (c === null) return '—';
  return c >= 1 ? `$${c.toFixed(2)}` : `$${c.toFixed(4)}`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

function exitCell(r: ReportRow): string {
  return `${r.exit_code} (${r.exit_meaning})`;
}

const HEAD = ['task', 'status', 'exit', 'verify', 'tokens', 'cost', 'time'] as const;

function cells(r: ReportRow): string[] {
  return [r.id, r.status, exitCell(r), r.verify, String(r.total_tokens), formatCost(r.cost_usd), formatMs(r.wall_ms)];
}

function totalsLine(rep: BatchReport): string {
  const t = rep.totals;
  const pct = `${Math.round(t.pass_rate * 1000) / 10}%`;
  return (
    `${t.tasks} task(s): ${t.passed} passed, ${t.failed} failed, ${t.missing} missing, ${t.partial} partial ` +
    `(pass rate ${pct}); ${t.total_tokens} tokens, ${formatCost(t.cost_usd)}, ${formatMs(t.wall_ms)} of unit time`
  );
}

/** The report as an aligned text table, for a terminal or a CI log. */
export function renderReportText(rep: BatchReport): string {
  const rows = [HEAD.map((h) => h.toUpperCase()), ...rep.tasks.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  for (const m of rep.missing) lines.push(`missing: ${m.id} (index ${m.index}): no result`);
  for (const p of rep.partial) lines.push(`partial: ${p.id}: ${p.why} (${p.dir})`);
  if (rep.duplicates.length > 0) lines.push(`found more than once (latest used): ${rep.duplicates.join(', ')}`);
  lines.push(totalsLine(rep));
  return `${lines.join('\n')}\n`;
}

function md(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The report as GitHub-flavoured Markdown (a job summary). */
export function renderReportMarkdown(rep: BatchReport): string {
  const out = ['## hexec batch report', '', `| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`];
  for (const r of rep.tasks) out.push(`| ${cells(r).map(md).join(' | ')} |`);
  out.push('');
  if (rep.missing.length > 0) out.push(`**Missing:** ${rep.missing.map((m) => `\`${m.id}\``).join(', ')}`, '');
  if (rep.partial.length > 0)
    out.push(`**Partial:** ${rep.partial.map((p) => `\`${p.id}\` (${md(p.why)})`).join(', ')}`, '');
  out.push(md(totalsLine(rep)), '');
  return out.join('\n');
}
