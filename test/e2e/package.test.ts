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
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    assert.ok(info !== undefined);
    const tgz = join(dir, info.filename);
    assert.ok(
      statSync(tgz).size <= MAX_TARBALL_BYTES,
      `tarball is ${statSync(tgz).size} bytes, limit ${MAX_TARBALL_BYTES}`,
    );
    const paths = info.files.map((f) => f.path);
    for (const required of [
      'package.json',
      'LICENSE',
      'README.md',
      'dist/cli.mjs',
      'schemas/events.schema.json',
      'schemas/cassette.schema.json',
      'schemas/tasks.schema.json',
      'docs/config.md',
      'docs/docker.md',
    ]) {
      assert.ok(paths.includes(required), `${required} is in the tarball`);
    }
    assert.ok(
      paths.some((p) => p.startsWith('dist/chunks/')),
      'the lazily loaded chunks are in the tarball',
    );
    // The GitHub Action runs from the repository (action.yml + dist/action.cjs), not from npm.
    assert.ok(!paths.includes('dist/action.cjs'), 'the Action bundle is not in the npm package');
    assert.deepEqual(
      paths.filter((p) => /^(src|test|build|node_modules|scripts|examples)\//.test(p) || p.endsWith('.ts')),
      [],
      'no sources, tests or examples',
    );

    const app = join(dir, 'app');
    mkdirSync(app);
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tgz], {
      cwd: app,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(install.status, 0, install.stderr);
    const version = spawnSync(join(app, 'node_modules', '.bin', 'hexec'), ['--version'], {
      cwd: app,
      env,
      encoding: 'utf8',
    });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^hexec \d+\.\d+\.\d+/);
    const gate = spawnSync(join(app, 'node_modules', '.bin', 'hexec'), ['gate', '--help'], {
      cwd: app,
      env,
      encoding: 'utf8',
    });
    assert.equal(gate.status, 0, 'lazily loaded commands work from the installed package');
    const help = spawnSync(join(app, 'node_modules', '.bin', 'hexec'), ['help', 'docker'], {
      cwd: app,
      env,
      encoding: 'utf8',
    });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^# hexec in a container/, 'hexec help TOPIC reads the shipped docs/');

    // The offline demo with the installed hexec: the tarball has no examples/, so the
    // repository's run-demo.sh runs with HEXEC_BIN pointing at the installed bin.
    const bin = join(app, 'node_modules', '.bin', 'hexec');
    mkdirSync(join(dir, 'tmp'));
    const demoEnv = {
      PATH: env.PATH,
      HOME: dir,
      TMPDIR: join(dir, 'tmp'),
      CODEX_HOME: join(dir, 'codex-home'),
      HEXEC_SYSTEM_CONFIG_DIR: join(dir, 'etc-codex'),
      HEXEC_BIN: bin,
    };
    mkdirSync(demoEnv.CODEX_HOME);
    const demo = spawnSync('bash', [join(REPO_ROOT, 'examples', 'fix-failing-test', 'run-demo.sh')], {
      cwd: app,
      env: demoEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(demo.status, 0, demo.stdout + demo.stderr);
    assert.ok(demo.stdout.includes(`== hexec: ${bin}\n`), 'the demo ran the installed hexec');
    assert.match(
      demo.stdout,
      /^== hexec exec --hermetic --replay demo\.cassette\.jsonl --replay-mode strict -s workspace-write$/m,
    );
    assert.match(demo.stdout, /^2 of 4 cases fail$/m, 'the tests failed before the run');
    assert.match(demo.stdout, /^all 4 cases pass$/m, 'and pass after it');
    assert.match(demo.stdout, /^demo: the failing tests pass after the replayed run$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
