// The results table (Markdown, so the same text goes to the terminal and to README.md).

function fmtMs(v) {
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  return `${v.toFixed(1)} ms`;
}

function fmtBytes(v) {
  if (v >= 1024 * 1024) return `${(v / (1024 * 1024)).toFixed(1)} MiB`;
  if (v >= 1024) return `${(v / 1024).toFixed(0)} KiB`;
  return `${v} B`;
}

export function fmtValue(v, unit) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'ms':
      return fmtMs(v);
    case 'KiB':
      return `${(v / 1024).toFixed(1)} MiB`;
    case 'bytes':
      return fmtBytes(v);
    default:
      return String(v);
  }
}

function fmtStats(s, unit) {
  if (!s) return '—';
  if (s.n === 1 || s.min === s.max) return fmtValue(s.median, unit);
  return `${fmtValue(s.median, unit)} (${fmtValue(s.min, unit)}–${fmtValue(s.max, unit)})`;
}

function fmtRatio(row) {
  if (row.value === null || row.value === undefined) return '—';
  if (row.valueKind === 'ms') return fmtMs(row.value);
  if (row.valueKind === 'speedup') return `${row.value.toFixed(1)}x faster`;
  return row.value < 0.1 ? `1/${(1 / row.value).toFixed(0)}` : row.value.toFixed(2);
}

function fmtTarget(t, valueKind = 'ratio') {
  if (!t) return '—';
  if (valueKind === 'ms') return `${t.op} ${t.value} ms`;
  if (valueKind === 'speedup') return `${t.op} ${t.value}x`;
  return `${t.op} ${t.value < 0.1 ? `1/${Math.round(1 / t.value)}` : t.value}`;
}

function fmtMet(row) {
  if (row.error) return `error: ${row.error}`;
  if (row.met === null || row.met === undefined) return '—';
  return row.met ? 'yes' : '**no**';
}

/** The ratio to a baseline with its target after it, e.g. "0.31 (<= 0.5)". */
function withTarget(ratio, target, valueKind) {
  return target ? `${ratio} (${fmtTarget(target, valueKind)})` : ratio;
}

export function renderTable(rows) {
  const head = [
    'row',
    'hexec median (min–max)',
    'baseline median (min–max)',
    'hexec/baseline (target)',
    'codex native median (min–max)',
    'hexec/native (target)',
    'met',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const base = r.baseline
      ? `${r.baselineLabel}: ${fmtStats(r.baseline, r.unit)}`
      : r.baselineLabel
        ? `${r.baselineLabel}: —`
        : '—';
    const n = r.native;
    const nativeRatio = n ? withTarget(fmtRatio({ value: n.ratio, valueKind: 'ratio' }), n.target, 'ratio') : '—';
    const cells = [
      r.label,
      fmtStats(r.hexec, r.unit),
      base,
      withTarget(fmtRatio(r), r.target, r.valueKind),
      n ? fmtStats(n, r.unit) : '—',
      nativeRatio,
      fmtMet(r),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderHeader(res) {
  const m = res.machine;
  return [
    `Measured ${res.date} on ${m.cpu} (${m.cores} cores), Linux ${m.kernel}, Node ${m.node}; ` +
      `hexec ${res.hexecVersion}, codex ${res.codexVersion ?? '(skipped)'}; N=${res.n} runs per row, ` +
      `taking turns (${res.codexNative ? 'hexec, codex launcher, codex native' : res.codexVersion ? 'hexec, codex' : 'hexec only'}); ` +
      `load average ${res.loadAverage?.atStart?.[0] ?? '?'} at start, ${res.loadAverage?.atEnd?.[0] ?? '?'} at end.`,
  ].join('\n');
}

export function renderNotes(res) {
  return [
    '- Every model run talks to the same fake Responses server (a separate process, started per run outside the timed span) from a fresh workspace (a git repo) and a fresh `CODEX_HOME`, except the "initialised home" row; wall time is spawn to exit, stdin `/dev/null`.',
    '- Baseline "codex" is the npm launcher (`node …/@openai/codex/bin/codex.js`, which runs the native binary as a child); "codex native" is that binary run directly (`…/@openai/codex-<platform>/vendor/<target>/bin/codex`, as the container image and codex-action\'s cached binary run it). Both come from the same `npm install @openai/codex`; hexec is `node dist/cli.mjs`.',
    '- "met" is yes when every target of the row holds: against its baseline and, for the model runs, against the native binary (hexec at half its wall time or less).',
    '- Peak RSS is `/usr/bin/time -f %M`: the largest single process of the run. For codex through the launcher that is the native binary; the launcher (~44 MiB) runs alongside it and is not added.',
    `- Replay row: the live run is the 20-turn run with a modelled latency of ${res.latencyMs} ms per model response (the fake server drips the SSE frames over that time), recorded with \`--record\`; the replay serves the same cassette with \`--replay\` (the 19 commands still run). Without model latency, live and replay would both be dominated by start-up and the ratio would mean nothing.`,
    "- Sandbox row: median of paired differences between spawning `/bin/true` through hexec's bwrap launcher (workspace-write) and spawning it plainly, in-process.",
    '- Install size: `npm pack` unpacked size of hexec versus the installed size of `@openai/codex` plus its platform package.',
  ].join('\n');
}
