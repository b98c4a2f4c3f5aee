import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-dir.js';

interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

interface Row {
  id: string;
  label: string;
  unit: string;
  hexec: Stats | null;
  baseline: Stats | null;
  value: number | null;
  met: boolean | null;
  error?: string;
}

const tracked = (): string[] =>
  ['bench/results.json', 'README.md'].map((f) => readFileSync(join(REPO_ROOT, f), 'utf8'));

test('npm run bench, smoke: two rows, hexec only, N=1 — table on stdout, results JSON in the cache, tracked files untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-bench-smoke-'));
  try {
    const cache = join(dir, 'cache');
    const out = join(cache, 'results.json');
    const before = tracked();
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bench/run.mjs'), '--n', '1', '--rows', 'version,one-request', '--no-codex', '--no-install'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: join(dir, 'home'),
          HEXEC_BENCH_CACHE: cache,
          LANG: 'C.UTF-8',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(readFileSync(out, 'utf8')) as {
      date: string;
      machine: { cpu: string; cores: number; node: string; kernel: string };
      n: number;
      hexecVersion: string;
      codexVersion: string | null;
      rows: Row[];
    };
    assert.ok(!Number.isNaN(Date.parse(res.date)), res.date);
    assert.equal(typeof res.machine.cpu, 'string');
    assert.ok(res.machine.cores >= 1);
    assert.equal(res.machine.node, process.version);
    assert.ok(res.machine.kernel.length > 0);
    assert.equal(res.n, 1);
    assert.match(res.hexecVersion, /^\d+\.\d+\.\d+/);
    assert.equal(res.codexVersion, null);
    assert.deepEqual(
      res.rows.map((row) => row.id),
      ['version', 'one-request', 'one-request:rss'],
    );
    for (const row of res.rows) {
      assert.equal(row.error, undefined, `${row.id}: ${row.error ?? ''}`);
      assert.ok(row.hexec !== null && row.hexec.n === 1 && row.hexec.median > 0, row.id);
      assert.equal(row.baseline, null);
      assert.equal(row.value, null);
      assert.equal(row.met, null);
    }
    const rss = res.rows[2];
    assert.ok(
      rss !== undefined && rss.unit === 'KiB' && rss.hexec !== null && rss.hexec.median > 10_000,
      'peak RSS in KiB of a Node process',
    );
    assert.match(r.stdout, /\| `--version` \| [\d.]+ m?s \|/);
    assert.match(r.stdout, /\| one-request run \(empty home\) \| [\d.]+ m?s \|/);
    assert.match(r.stdout, /^Measured .* \(\d+ cores\)/m);
    // Run directories are removed; nothing but the (empty) runs folder is left in the cache.
    assert.deepEqual(readdirSync(join(cache, 'runs')), []);
    // Without --write, bench/results.json and README.md stay as they were, and the run says so.
    assert.deepEqual(tracked(), before);
    assert.match(r.stderr, /left as they are \(pass --write to update them\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface BenchRowsModule {
  rowOf: (
    id: string,
    label: string,
    unit: string,
    hexec: number[],
    base: number[] | null,
    baseLabel: string | null,
    extra?: { native?: number[] | null },
  ) => Row & { native: (Stats & { ratio: number; met: boolean | null }) | null };
}

test('bench rows: a model run carries native {median, ratio} and misses its target when hexec is over half the native time', async () => {
  const rows = (await import(pathToFileURL(join(REPO_ROOT, 'bench/lib/rows.mjs')).href)) as BenchRowsModule;
  const report = (await import(pathToFileURL(join(REPO_ROOT, 'bench/lib/report.mjs')).href)) as {
    renderTable: (r: unknown[]) => string;
  };
  const fast = rows.rowOf('tool-call', 'tool-call run', 'ms', [40, 50, 60], [200, 210, 220], 'codex', {
    native: [100, 110, 120],
  });
  assert.equal(fast.native?.median, 110);
  assert.ok(Math.abs((fast.native?.ratio ?? 0) - 50 / 110) < 1e-9);
  assert.equal(fast.native?.met, true);
  assert.equal(fast.met, true);
  // Well under the launcher's half, but over the native binary's: the row is not met.
  const slow = rows.rowOf('tool-call', 'tool-call run', 'ms', [70], [400], 'codex', { native: [100] });
  assert.equal(slow.value, 70 / 400);
  assert.equal(slow.native?.met, false);
  assert.equal(slow.met, false);
  const table = report.renderTable([fast, slow]);
  assert.match(
    table,
    /\| tool-call run \| 50\.0 ms \(40\.0 ms–60\.0 ms\) \| codex: 210 ms .* \| 110 ms \(100 ms–120 ms\) \| 0\.45 \(<= 0\.5\) \| yes \|/,
  );
  assert.match(table, /\| 100 ms \| 0\.70 \(<= 0\.5\) \| \*\*no\*\* \|/);
});

test('bench says what it downloads for the codex baseline (what, from where, how big, where cached) before npm runs', async () => {
  const dir = tempDir('hexec-bench-notice-');
  // A registry on loopback: HEAD of a tarball answers its size, everything else is 404, so npm fails at once.
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    if (req.method === 'HEAD' && req.url?.endsWith('.tgz') === true) {
      res.writeHead(200, { 'content-length': req.url.includes('-linux-') ? '167001509' : '4993' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    const cache = join(dir, 'cache');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bench/run.mjs'), '--n', '1', '--rows', 'version'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: join(dir, 'home'),
        HEXEC_BENCH_CACHE: cache,
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_fetch_retries: '0',
        npm_config_cache: join(dir, 'npm-cache'),
        LANG: 'C.UTF-8',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1, stderr);
    const notice = stderr.indexOf('the codex baseline is not cached yet');
    assert.ok(notice >= 0, stderr);
    const text = stderr.slice(notice);
    assert.match(text, /@openai\/codex@0\.169\.0 \(Node launcher, 5 kB\)/);
    if (process.platform === 'linux' && process.arch === 'x64') {
      assert.match(text, /@openai\/codex@0\.169\.0-linux-x64 \(native binary, 167 MB\)/);
      assert.match(text, /size: {2}167 MB to download, 404 MiB unpacked/);
    }
    assert.ok(text.includes(`from:  http://127.0.0.1:${port}/`), text);
    assert.ok(text.includes(`cache: ${join(cache, 'codex')}`), text);
    // The notice comes first; then npm asked the same registry and failed, and so did the bench.
    assert.match(text, /npm install of @openai\/codex@0\.169\.0 failed/);
    assert.ok(
      requests.some((r) => r.startsWith('GET /@openai')),
      requests.join(', '),
    );
  } finally {
    server.close();
  }
});
