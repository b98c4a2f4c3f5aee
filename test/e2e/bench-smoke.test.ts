import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

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

test('npm run bench, smoke: two rows, hexec only, N=1 — table on stdout, results JSON with machine and rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-bench-smoke-'));
  try {
    const out = join(dir, 'results.json');
    const cache = join(dir, 'cache');
    const r = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'bench/run.mjs'),
        '--n',
        '1',
        '--rows',
        'version,one-request',
        '--no-codex',
        '--no-install',
        '--out',
        out,
      ],
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
    assert.match(r.stdout, /\| `--version` \(codex: npm launcher\) \| [\d.]+ ms \|/);
    assert.match(r.stdout, /\| one-request run \(empty home\) \| [\d.]+ ms \|/);
    assert.match(r.stdout, /^Measured .* \(\d+ cores\)/m);
    // Run directories are removed; nothing but the (empty) runs folder is left in the cache.
    assert.deepEqual(readdirSync(join(cache, 'runs')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
