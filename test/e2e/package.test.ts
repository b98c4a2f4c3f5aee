import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const MAX_TARBALL_BYTES = 8 * 1024 * 1024;

test('npm pack gives a small tarball that installs offline into an empty directory and runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-pack-'));
  try {
    // npm with a scrubbed environment: its own HOME and cache, no user npmrc, no notifier.
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_userconfig: join(dir, 'npmrc'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_loglevel: 'error',
    };
    writeFileSync(join(dir, 'npmrc'), '');
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    assert.ok(info !== undefined);
    const tgz = join(dir, info.filename);
    assert.ok(statSync(tgz).size <= MAX_TARBALL_BYTES, `tarball is ${statSync(tgz).size} bytes, limit ${MAX_TARBALL_BYTES}`);
    const paths = info.files.map((f) => f.path);
    for (const required of ['package.json', 'LICENSE', 'README.md', 'dist/cli.mjs', 'dist/action.cjs']) {
      assert.ok(paths.includes(required), `${required} is in the tarball`);
    }
    assert.deepEqual(paths.filter((p) => /^(src|test|build|node_modules|scripts)\//.test(p) || p.endsWith('.ts')), [], 'no sources or tests');

    const app = join(dir, 'app');
    mkdirSync(app);
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tgz], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, install.stderr);
    const version = spawnSync(join(app, 'node_modules', '.bin', 'hexec'), ['--version'], { cwd: app, env, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^hexec \d+\.\d+\.\d+/);
    const gate = spawnSync(join(app, 'node_modules', '.bin', 'hexec'), ['gate', '--help'], { cwd: app, env, encoding: 'utf8' });
    assert.equal(gate.status, 0, 'lazily loaded commands work from the installed package');
    // The offline demo run from the installed package is added by the lead with the engine.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
