// hexec vs `codex exec` 0.169.0 on the same fake model server. See README.md "## Benchmarks".
//   npm run bench [-- OPTIONS]        (build, then every row with N=BENCH_N or 10)
//   node bench/run.mjs [--n N] [--rows id,id] [--no-codex] [--no-install] [--out FILE] [--latency-ms MS] [--write]
// Rows: version, one-request, one-request-home, tool-call, apply-patch, twenty-turn, sandbox,
//       replay, install-size, batch-run, batch-local (bench/batch.mjs). codex is installed with npm on first use (the bench says what it
//       downloads first) into $HEXEC_BENCH_CACHE/codex (default /var/tmp/hexec-bench-cache when it
//       exists, else ~/.cache/hexec-bench) and run both through its npm launcher and as the native binary.
// Results go to --out FILE, else <cache>/results.json; --write also updates the tracked
// bench/results.json and README.md's "## Benchmarks" section.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODEX_VERSION, ensureCodex } from './lib/codex.mjs';
import { startServer, withLatency } from './lib/fake-server.mjs';
import { ensureTimeTool, stats, timedRun } from './lib/measure.mjs';
import { renderHeader, renderNotes, renderTable } from './lib/report.mjs';
import { ALL_ROWS, TARGETS, errorRow, rowOf } from './lib/rows.mjs';
import { PROMPT, RUN_SCENARIOS, checkRun, makeWorkspace, runEnv, writeProviderConfig } from './lib/scenarios.mjs';
import { batchRows } from './batch.mjs';
import { measureSandboxOverhead } from './sandbox-overhead.mjs';

// ------------------------------------------------------------------ options

function parseArgs(argv) {
  const o = {
    n: Number(process.env.BENCH_N ?? 10),
    rows: ALL_ROWS,
    codex: true,
    install: true,
    out: null,
    latencyMs: 500,
    write: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--n') o.n = Number(val());
    else if (a === '--rows')
      o.rows = val()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--no-codex') o.codex = false;
    else if (a === '--no-install') o.install = false;
    else if (a === '--out') o.out = val();
    else if (a === '--latency-ms') o.latencyMs = Number(val());
    else if (a === '--write') o.write = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(0, 9)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (!Number.isInteger(o.n) || o.n < 1) throw new Error('--n must be a positive integer');
  for (const r of o.rows) if (!ALL_ROWS.includes(r)) throw new Error(`unknown row ${r} (rows: ${ALL_ROWS.join(', ')})`);
  o.rows = ALL_ROWS.filter((r) => o.rows.includes(r));
  return o;
}

const log = (m) => process.stderr.write(`[bench] ${m}\n`);

function cacheDir() {
  const env = process.env.HEXEC_BENCH_CACHE;
  if (env) return env;
  if (existsSync('/var/tmp/hexec-bench-cache')) return '/var/tmp/hexec-bench-cache';
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hexec-bench');
}

function machine() {
  const c = cpus();
  return {
    cpu: c[0]?.model?.trim() ?? 'unknown',
    cores: c.length,
    node: process.version,
    kernel: release(),
    platform: `${process.platform}-${process.arch}`,
  };
}

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

function treeBytes(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, name) => sum + treeBytes(join(p, name)), 0);
}

// ------------------------------------------------------------------ rows

/** `--version` of each tool, N times, alternating. */
async function versionRow(ctx) {
  const { tools, cmd, n, root, rssMethod, scratch } = ctx;
  const samples = Object.fromEntries(tools.map((t) => [t, []]));
  const run = (tool) =>
    timedRun(cmd[tool](['--version']), { cwd: root, env: { PATH: process.env.PATH }, rssMethod, scratch });
  for (const tool of tools) await run(tool);
  for (let i = 0; i < n; i += 1) {
    for (const tool of ctx.order(i)) {
      const r = await run(tool);
      if (r.code !== 0) throw new Error(`${tool} --version: exit ${r.code}`);
      samples[tool].push(r.wallMs);
    }
  }
  return [
    rowOf('version', '`--version`', 'ms', samples.hexec, samples.codex ?? null, samples.codex ? 'codex' : null, {
      native: samples.native ?? null,
    }),
  ];
}

/** One model scenario for every tool, N runs each, alternating; wall time and peak RSS rows. */
async function scenarioRows(ctx, id) {
  const { tools, n } = ctx;
  const sc = RUN_SCENARIOS.find((s) => s.id === id);
  const samples = Object.fromEntries(tools.map((t) => [t, []]));
  const rss = Object.fromEntries(tools.map((t) => [t, []]));
  const failures = [];
  // Initialised-home rows share one home per tool, initialised by the warm-up run.
  const homes = {};
  for (const tool of tools) {
    const w = makeWorkspace(ctx.freshDir(`${id}-${tool}-warmup`));
    const r = await ctx.modelRun(tool, sc, w);
    if (r.error) throw new Error(`${tool} warm-up run: ${r.error}`);
    if (sc.initialisedHome) homes[tool] = w;
    else rmSync(w.dir, { recursive: true, force: true });
  }
  for (let i = 0; i < n; i += 1) {
    for (const tool of ctx.order(i)) {
      const fresh = makeWorkspace(ctx.freshDir(`${id}-${tool}`));
      const w = sc.initialisedHome ? { ...homes[tool], ws: fresh.ws } : fresh;
      const r = await ctx.modelRun(tool, sc, w);
      rmSync(fresh.dir, { recursive: true, force: true });
      if (r.error) {
        failures.push(`${tool}: ${r.error}`);
        continue;
      }
      samples[tool].push(r.wallMs);
      rss[tool].push(r.rssKb);
    }
  }
  if (Object.values(samples).every((s) => s.length === 0)) throw new Error(failures[0] ?? 'no successful run');
  const base = samples.codex ? 'codex' : null;
  return [
    rowOf(id, sc.label, 'ms', samples.hexec, samples.codex ?? null, base, { failures, native: samples.native ?? null }),
    rowOf(`${id}:rss`, `${sc.label}: peak RSS`, 'KiB', rss.hexec, rss.codex ?? null, base, {
      target: TARGETS.rss,
      failures,
      native: rss.native ?? null,
    }),
  ];
}

async function sandboxRow(ctx) {
  const r = await measureSandboxOverhead({ root: ctx.root, n: Math.max(ctx.n * 5, 20), scratch: ctx.scratch });
  const row = rowOf(
    'sandbox',
    `sandbox overhead per command (bwrap ${r.bwrapVersion})`,
    'ms',
    r.sandboxedMs,
    r.plainMs,
    'plain spawn',
    { valueKind: 'ms', value: stats(r.overheadMs).median },
  );
  row.overhead = stats(r.overheadMs);
  return [row];
}

function installSizeRow(ctx) {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ctx.root,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const hexecBytes = JSON.parse(pack.stdout)[0].unpackedSize;
  let codexBytes = null;
  if (ctx.codex) {
    const scope = join(ctx.codex.prefix, 'node_modules/@openai');
    codexBytes = readdirSync(scope)
      .filter((d) => d === 'codex' || d.startsWith('codex-'))
      .reduce((sum, d) => sum + treeBytes(join(scope, d)), 0);
  }
  const base = codexBytes === null ? null : [codexBytes];
  return [rowOf('install-size', 'install size (unpacked)', 'bytes', [hexecBytes], base, base ? 'codex' : null)];
}

/** hexec live (with modelled latency, recorded) against the replay of that recording. */
async function replayRow(ctx) {
  const { n, latencyMs } = ctx;
  const sc = RUN_SCENARIOS.find((s) => s.id === 'twenty-turn');
  const slow = sc.replies.map((r) => withLatency(r, latencyMs));
  const live = [];
  const replay = [];
  const failures = [];
  for (let i = 0; i < n; i += 1) {
    const cassette = join(ctx.scratch, `cassette-${i}.json`);
    const w1 = makeWorkspace(ctx.freshDir('replay-live'));
    const a = await ctx.modelRun('hexec', sc, w1, ['--record', cassette], slow);
    rmSync(w1.dir, { recursive: true, force: true });
    if (a.error) {
      failures.push(`live: ${a.error}`);
      continue;
    }
    live.push(a.wallMs);
    const w2 = makeWorkspace(ctx.freshDir('replay'));
    writeProviderConfig(w2.codexHome, 'http://127.0.0.1:9/v1');
    const b = await timedRun(ctx.cmd.hexec(['exec', '--json', ...sc.args, '--replay', cassette, PROMPT]), {
      cwd: w2.ws,
      env: runEnv(w2, 'hexec'),
      rssMethod: ctx.rssMethod,
      scratch: ctx.scratch,
    });
    const err = checkRun(sc, b, w2.ws);
    rmSync(w2.dir, { recursive: true, force: true });
    if (err) failures.push(`replay: ${err}`);
    else replay.push(b.wallMs);
  }
  if (replay.length === 0) throw new Error(failures[0] ?? 'no successful run');
  const label = `replay of the 20-turn run vs live (${latencyMs} ms/response latency)`;
  return [
    rowOf('replay', label, 'ms', replay, live, 'hexec live', {
      valueKind: 'speedup',
      value: stats(live).median / stats(replay).median,
      failures,
    }),
  ];
}

function rowsFor(ctx, id) {
  if (id === 'version') return versionRow(ctx);
  if (id === 'sandbox') return sandboxRow(ctx);
  if (id === 'install-size') return installSizeRow(ctx);
  if (id === 'replay') return replayRow(ctx);
  if (id === 'batch-run' || id === 'batch-local') return batchRows(ctx, id);
  return scenarioRows(ctx, id);
}

// ------------------------------------------------------------------ main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = join(root, 'dist/cli.mjs');
  if (!existsSync(cli) || !existsSync(join(root, 'build/test/helpers/fake-model-server-main.js')))
    throw new Error('build first: node scripts/build.mjs');
  const started = performance.now();
  const cache = cacheDir();
  const codex = opts.codex ? await ensureCodex(cache, opts.install, log) : null;
  const rssMethod = ensureTimeTool(log, opts.install);
  // Runs live outside /tmp: codex refuses to set up its sandbox helpers under the temp dir.
  const runsDir = join(cache, 'runs', `${Date.now()}-${process.pid}`);
  const scratch = join(runsDir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  let seq = 0;

  const cmd = {
    hexec: (args) => [process.execPath, cli, ...args],
    codex: (args) => [process.execPath, codex.launcher, ...args],
    native: (args) => [codex.native, ...args],
  };
  const tools = ['hexec', ...(codex ? ['codex'] : []), ...(codex?.native ? ['native'] : [])];
  const versionOf = (tool) => {
    const [bin, ...args] = cmd[tool](['--version']);
    return spawnSync(bin, args, { encoding: 'utf8' }).stdout.trim();
  };
  const res = {
    date: new Date().toISOString(),
    machine: machine(),
    n: opts.n,
    hexecVersion: versionOf('hexec').replace(/^hexec /, ''),
    codexVersion: codex ? versionOf('codex').replace(/^codex-cli /, '') : null,
    codexNative: codex?.native ? versionOf('native').replace(/^codex-cli /, '') : null,
    latencyMs: opts.latencyMs,
    rssMethod,
    // Other work on the machine skews every row; readers of the table should know.
    loadAverage: load(),
    rows: [],
  };
  for (const v of [res.codexVersion, res.codexNative])
    if (v !== null && v !== CODEX_VERSION) throw new Error(`codex --version says ${v}, expected ${CODEX_VERSION}`);

  const ctx = {
    ...opts,
    root,
    cmd,
    tools,
    codex,
    rssMethod,
    scratch,
    // Each iteration starts with the next tool, so no tool always runs first (or right after another).
    order: (i) => tools.map((_, k) => tools[(i + k) % tools.length]),
    freshDir: (tag) => join(runsDir, `${tag}-${(seq += 1)}`),
    /** One model run of tool in a workspace against a new fake server. */
    modelRun: async (tool, sc, w, extraArgs = [], replies = sc.replies) => {
      const server = await startServer(root, scratch, replies, `script-${seq}`);
      try {
        writeProviderConfig(w.codexHome, server.baseUrl);
        const r = await timedRun(cmd[tool](['exec', '--json', ...sc.args, ...extraArgs, PROMPT]), {
          cwd: w.ws,
          env: runEnv(w, tool),
          rssMethod,
          scratch,
        });
        return { ...r, error: checkRun(sc, r, w.ws) };
      } finally {
        await server.stop();
      }
    },
  };

  for (const id of opts.rows) {
    const t0 = performance.now();
    try {
      res.rows.push(...(await rowsFor(ctx, id)));
    } catch (e) {
      res.rows.push(errorRow(id, id, e));
    }
    log(`${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  rmSync(runsDir, { recursive: true, force: true });
  res.loadAverage = { atStart: res.loadAverage, atEnd: load() };
  res.totalSeconds = Math.round((performance.now() - started) / 100) / 10;

  const text = `${renderHeader(res)}\n\n${renderTable(res.rows)}\n\n${renderNotes(res)}\n`;
  process.stdout.write(`\n${text}`);
  for (const r of res.rows)
    if (r.failures?.length) log(`${r.id}: ${r.failures.length} failed runs excluded, first: ${r.failures[0]}`);
  const json = `${JSON.stringify(res, null, 2)}\n`;
  const outs = [
    opts.out ?? (opts.write ? null : join(cache, 'results.json')),
    opts.write ? join(root, 'bench/results.json') : null,
  ];
  for (const out of outs.filter(Boolean)) {
    writeFileSync(out, json);
    log(`wrote ${out}`);
  }
  if (opts.write) updateReadme(join(root, 'README.md'), text);
  else log('bench/results.json and README.md left as they are (pass --write to update them)');
  log(`done in ${res.totalSeconds} s`);
}

/** Replaces the body of the "## Benchmarks" section of README.md (appends the section when absent). */
function updateReadme(file, text) {
  const readme = readFileSync(file, 'utf8');
  const body =
    `## Benchmarks\n\n\`npm run bench\` measures hexec against \`codex exec\` ${CODEX_VERSION}, both its npm launcher ` +
    `and its native binary (see \`bench/run.mjs\`; it says what it downloads before it installs codex). It prints the ` +
    `table and leaves tracked files alone; \`npm run bench -- --write\` also updates \`bench/results.json\` and this ` +
    `section. Latest run:\n\n${text}`;
  const start = readme.indexOf('\n## Benchmarks\n');
  let next;
  if (start < 0) next = `${readme.trimEnd()}\n\n${body}`;
  else {
    const after = readme.indexOf('\n## ', start + 1);
    next = `${readme.slice(0, start + 1)}${body}${after < 0 ? '' : `\n${readme.slice(after + 1)}`}`;
  }
  writeFileSync(file, next);
  log(`updated ${file}`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
