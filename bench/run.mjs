// hexec vs `codex exec` 0.169.0 on the same fake model server. See README.md "## Benchmarks".
//   npm run bench                     (build, then every row with N=BENCH_N or 10)
//   node bench/run.mjs [--n N] [--rows id,id] [--no-codex] [--no-install] [--out FILE] [--latency-ms MS] [--update-readme]
// Rows: version, one-request, one-request-home, tool-call, apply-patch, twenty-turn, sandbox,
//       replay, install-size. codex is installed on first use into $HEXEC_BENCH_CACHE/codex
//       (default /var/tmp/hexec-bench-cache when it exists, else ~/.cache/hexec-bench).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, withLatency } from './lib/fake-server.mjs';
import { ensureTimeTool, stats, timedRun } from './lib/measure.mjs';
import { renderHeader, renderNotes, renderTable } from './lib/report.mjs';
import { PROMPT, RUN_SCENARIOS, checkRun, makeWorkspace, runEnv, writeProviderConfig } from './lib/scenarios.mjs';
import { measureSandboxOverhead } from './sandbox-overhead.mjs';

const CODEX_VERSION = '0.169.0';
const ALL_ROWS = [
  'version',
  'one-request',
  'one-request-home',
  'tool-call',
  'apply-patch',
  'twenty-turn',
  'sandbox',
  'replay',
  'install-size',
];
const TARGETS = {
  version: { op: '<=', value: 1.0 },
  'one-request': { op: '<=', value: 0.5 },
  'one-request-home': { op: '<=', value: 0.5 },
  'tool-call': { op: '<=', value: 0.5 },
  'twenty-turn': { op: '<=', value: 0.5 },
  rss: { op: '<=', value: 0.5 },
  sandbox: { op: '<=', value: 10 },
  replay: { op: '>=', value: 20 },
  'install-size': { op: '<=', value: 1 / 50 },
};

// ------------------------------------------------------------------ options

function parseArgs(argv) {
  const o = {
    n: Number(process.env.BENCH_N ?? 10),
    rows: ALL_ROWS,
    codex: true,
    install: true,
    out: null,
    latencyMs: 500,
    updateReadme: false,
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
    else if (a === '--update-readme') o.updateReadme = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(0, 6)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
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

/** Installs @openai/codex into <cache>/codex unless it is already there; returns the launcher path. */
function ensureCodex(cache, mayInstall) {
  const prefix = join(cache, 'codex');
  const launcher = join(prefix, 'node_modules/@openai/codex/bin/codex.js');
  const installed = () => {
    try {
      return (
        JSON.parse(readFileSync(join(prefix, 'node_modules/@openai/codex/package.json'), 'utf8')).version ===
        CODEX_VERSION
      );
    } catch {
      return false;
    }
  };
  if (!installed()) {
    if (!mayInstall)
      throw new Error(`@openai/codex@${CODEX_VERSION} is not installed in ${prefix} and --no-install was given`);
    log(`installing @openai/codex@${CODEX_VERSION} into ${prefix} (first use) ...`);
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', `@openai/codex@${CODEX_VERSION}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0 || !installed()) throw new Error(`npm install of @openai/codex@${CODEX_VERSION} failed`);
  }
  return { prefix, launcher };
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

// ------------------------------------------------------------------ rows

function rowOf(id, label, unit, hexecSamples, baseSamples, baselineLabel, extra = {}) {
  const hexec = stats(hexecSamples);
  const baseline = baseSamples ? stats(baseSamples) : null;
  const target = extra.target ?? TARGETS[id] ?? null;
  let value = extra.value;
  const valueKind = extra.valueKind ?? 'ratio';
  if (value === undefined) value = hexec && baseline ? hexec.median / baseline.median : null;
  const met = value === null || !target ? null : target.op === '<=' ? value <= target.value : value >= target.value;
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
    met,
    samples: { hexec: hexecSamples, baseline: baseSamples ?? null },
    ...(extra.failures ? { failures: extra.failures } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

function errorRow(id, label, e) {
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
    met: null,
    error: String(e?.message ?? e).slice(0, 300),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = join(root, 'dist/cli.mjs');
  if (!existsSync(cli) || !existsSync(join(root, 'build/test/helpers/fake-model-server-main.js')))
    throw new Error('build first: node scripts/build.mjs');
  const started = performance.now();
  const cache = cacheDir();
  const codex = opts.codex ? ensureCodex(cache, opts.install) : null;
  const rssMethod = ensureTimeTool(log, opts.install);
  // Runs live outside /tmp: codex refuses to set up its sandbox helpers under the temp dir.
  const runsDir = join(cache, 'runs', `${Date.now()}-${process.pid}`);
  const scratch = join(runsDir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  let seq = 0;
  const freshDir = (tag) => join(runsDir, `${tag}-${(seq += 1)}`);

  const cmd = {
    hexec: (args) => [process.execPath, cli, ...args],
    codex: (args) => [process.execPath, codex.launcher, ...args],
  };
  const tools = opts.codex ? ['hexec', 'codex'] : ['hexec'];
  const order = (i) => (i % 2 === 0 ? tools : [...tools].reverse());
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
    latencyMs: opts.latencyMs,
    rssMethod,
    // Other work on the machine skews every row; readers of the table should know.
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    rows: [],
  };
  if (codex && res.codexVersion !== CODEX_VERSION)
    throw new Error(`codex --version says ${res.codexVersion}, expected ${CODEX_VERSION}`);

  /** One model run of tool in a workspace against a new fake server. */
  const modelRun = async (tool, sc, w, extraArgs = [], replies = sc.replies) => {
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
  };

  for (const id of opts.rows) {
    const t0 = performance.now();
    const label0 = id;
    try {
      if (id === 'version') {
        const samples = { hexec: [], codex: [] };
        for (const tool of tools)
          await timedRun(cmd[tool](['--version']), { cwd: root, env: { PATH: process.env.PATH }, rssMethod, scratch });
        for (let i = 0; i < opts.n; i += 1) {
          for (const tool of order(i)) {
            const r = await timedRun(cmd[tool](['--version']), {
              cwd: root,
              env: { PATH: process.env.PATH },
              rssMethod,
              scratch,
            });
            if (r.code !== 0) throw new Error(`${tool} --version: exit ${r.code}`);
            samples[tool].push(r.wallMs);
          }
        }
        res.rows.push(
          rowOf(
            'version',
            '`--version` (codex: npm launcher)',
            'ms',
            samples.hexec,
            opts.codex ? samples.codex : null,
            opts.codex ? 'codex' : null,
          ),
        );
      } else if (id === 'sandbox') {
        const r = await measureSandboxOverhead({ root, n: Math.max(opts.n * 5, 20), scratch });
        const row = rowOf(
          'sandbox',
          `sandbox overhead per command (bwrap ${r.bwrapVersion})`,
          'ms',
          r.sandboxedMs,
          r.plainMs,
          'plain spawn',
          {
            valueKind: 'ms',
            value: stats(r.overheadMs).median,
          },
        );
        row.overhead = stats(r.overheadMs);
        res.rows.push(row);
      } else if (id === 'install-size') {
        const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
          cwd: root,
          encoding: 'utf8',
        });
        if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
        const hexecBytes = JSON.parse(pack.stdout)[0].unpackedSize;
        let codexBytes = null;
        if (codex) {
          const scope = join(codex.prefix, 'node_modules/@openai');
          codexBytes = readdirSync(scope)
            .filter((d) => d === 'codex' || d.startsWith('codex-'))
            .reduce((sum, d) => sum + treeBytes(join(scope, d)), 0);
        }
        res.rows.push(
          rowOf(
            'install-size',
            'install size (unpacked)',
            'bytes',
            [hexecBytes],
            codexBytes === null ? null : [codexBytes],
            opts.codex ? 'codex' : null,
          ),
        );
      } else if (id === 'replay') {
        const sc = RUN_SCENARIOS.find((s) => s.id === 'twenty-turn');
        const slow = sc.replies.map((r) => withLatency(r, opts.latencyMs));
        const live = [];
        const replay = [];
        const failures = [];
        for (let i = 0; i < opts.n; i += 1) {
          const cassette = join(scratch, `cassette-${i}.json`);
          const w1 = makeWorkspace(freshDir('replay-live'));
          const a = await modelRun('hexec', sc, w1, ['--record', cassette], slow);
          rmSync(w1.dir, { recursive: true, force: true });
          if (a.error) {
            failures.push(`live: ${a.error}`);
            continue;
          }
          live.push(a.wallMs);
          const w2 = makeWorkspace(freshDir('replay'));
          writeProviderConfig(w2.codexHome, 'http://127.0.0.1:9/v1');
          const b = await timedRun(cmd.hexec(['exec', '--json', ...sc.args, '--replay', cassette, PROMPT]), {
            cwd: w2.ws,
            env: runEnv(w2, 'hexec'),
            rssMethod,
            scratch,
          });
          const err = checkRun(sc, b, w2.ws);
          rmSync(w2.dir, { recursive: true, force: true });
          if (err) failures.push(`replay: ${err}`);
          else replay.push(b.wallMs);
        }
        if (replay.length === 0) throw new Error(failures[0] ?? 'no successful run');
        res.rows.push(
          rowOf(
            'replay',
            `replay of the 20-turn run vs live (${opts.latencyMs} ms/response latency)`,
            'ms',
            replay,
            live,
            'hexec live',
            {
              valueKind: 'speedup',
              value: stats(live).median / stats(replay).median,
              failures,
            },
          ),
        );
      } else {
        const sc = RUN_SCENARIOS.find((s) => s.id === id);
        const samples = { hexec: [], codex: [] };
        const rss = { hexec: [], codex: [] };
        const failures = [];
        // Initialised-home rows share one home per tool, initialised by the warm-up run.
        const homes = {};
        for (const tool of tools) {
          const w = makeWorkspace(freshDir(`${id}-${tool}-warmup`));
          const r = await modelRun(tool, sc, w);
          if (r.error) throw new Error(`${tool} warm-up run: ${r.error}`);
          if (sc.initialisedHome) homes[tool] = w;
          else rmSync(w.dir, { recursive: true, force: true });
        }
        for (let i = 0; i < opts.n; i += 1) {
          for (const tool of order(i)) {
            const fresh = makeWorkspace(freshDir(`${id}-${tool}`));
            const w = sc.initialisedHome ? { ...homes[tool], ws: fresh.ws } : fresh;
            const r = await modelRun(tool, sc, w);
            rmSync(fresh.dir, { recursive: true, force: true });
            if (r.error) {
              failures.push(`${tool}: ${r.error}`);
              continue;
            }
            samples[tool].push(r.wallMs);
            rss[tool].push(r.rssKb);
          }
        }
        if (samples.hexec.length === 0 && samples.codex.length === 0)
          throw new Error(failures[0] ?? 'no successful run');
        const base = opts.codex ? 'codex' : null;
        res.rows.push(rowOf(id, sc.label, 'ms', samples.hexec, opts.codex ? samples.codex : null, base, { failures }));
        res.rows.push(
          rowOf(`${id}:rss`, `${sc.label}: peak RSS`, 'KiB', rss.hexec, opts.codex ? rss.codex : null, base, {
            target: TARGETS.rss,
            failures,
          }),
        );
      }
    } catch (e) {
      res.rows.push(errorRow(id, label0, e));
    }
    log(`${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  rmSync(runsDir, { recursive: true, force: true });
  res.loadAverage = { atStart: res.loadAverage, atEnd: loadavg().map((x) => Math.round(x * 100) / 100) };
  res.totalSeconds = Math.round((performance.now() - started) / 100) / 10;

  const table = renderTable(res.rows);
  const text = `${renderHeader(res)}\n\n${table}\n\n${renderNotes(res)}\n`;
  process.stdout.write(`\n${text}`);
  for (const r of res.rows)
    if (r.failures?.length) log(`${r.id}: ${r.failures.length} failed runs excluded, first: ${r.failures[0]}`);
  const out = opts.out ?? join(root, 'bench/results.json');
  writeFileSync(out, `${JSON.stringify(res, null, 2)}\n`);
  log(`wrote ${out} (${res.totalSeconds} s)`);
  if (opts.updateReadme) updateReadme(join(root, 'README.md'), text);
}

function treeBytes(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, name) => sum + treeBytes(join(p, name)), 0);
}

/** Replaces the body of the "## Benchmarks" section of README.md (appends the section when absent). */
function updateReadme(file, text) {
  const readme = readFileSync(file, 'utf8');
  const body = `## Benchmarks\n\n\`npm run bench\` (hexec against \`codex exec\` ${CODEX_VERSION}; see \`bench/run.mjs\`). Latest run:\n\n${text}`;
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
