import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hexec-gate-e2e-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'review.json'),
  JSON.stringify({ verdict: 'pass', issues: [{ s: 'minor' }], score: 0.9, tags: ['ci'] }),
);
writeFileSync(
  join(dir, 'review.schema.json'),
  JSON.stringify({
    type: 'object',
    required: ['verdict', 'issues', 'score'],
    properties: {
      verdict: { enum: ['pass', 'fail'] },
      issues: { type: 'array' },
      score: { type: 'number', minimum: 0, maximum: 1 },
    },
  }),
);

function gate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_PATH, 'gate', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      CODEX_HOME: join(dir, 'codex'),
      HEXEC_SYSTEM_CONFIG_DIR: join(dir, 'etc'),
    },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('gate passes: exit 0, every check listed on stdout', () => {
  const r = gate(
    'review.json',
    '--schema',
    'review.schema.json',
    '--assert',
    '/verdict == "pass"',
    '--assert=/issues/length <= 3',
    '--assert',
    '/score >= 0.8',
    '--assert',
    '/tags contains "ci"',
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ok {4}schema review\.schema\.json/);
  assert.match(r.stdout, /gate passed: 5 check\(s\) on review\.json/);
});

test('gate fails: exit 3, each failed check named with expected and found', () => {
  const r = gate(
    'review.json',
    '--assert',
    '/verdict == "fail"',
    '--assert',
    '/score >= 0.8',
    '--assert',
    '/missing exists',
  );
  assert.equal(r.status, 3);
  assert.match(
    r.stderr,
    /FAIL {2}\/verdict == "fail"\n {8}expected \/verdict equal to "fail"\n {8}found string "pass"/,
  );
  assert.match(r.stderr, /FAIL {2}\/missing exists\n {8}expected \/missing to exist/);
  assert.match(r.stderr, /ok {4}\/score >= 0\.8/);
  assert.match(r.stderr, /gate failed: 2 of 3 check\(s\)/);
});

test('gate usage errors exit 2 and name the problem', () => {
  const bad = gate('review.json', '--assert', 'verdict == pass');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--assert: invalid assertion 'verdict == pass'/);
  const missing = gate('nope.json', '--assert', '/a exists');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.json: cannot read output file/);
  writeFileSync(join(dir, 'broken.json'), '{');
  const broken = gate('broken.json', '--assert', '/a exists');
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /broken\.json: output file is not valid JSON/);
  assert.equal(gate('review.json').status, 2, 'nothing to check');
  assert.equal(gate('--assert', '/a exists').status, 2, 'FILE required');
  assert.equal(gate('review.json', '--bogus').status, 2);
});

test('gate --help documents the assertion language', () => {
  const r = gate('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /POINTER contains VALUE/);
  assert.match(r.stdout, /Exit codes: 0/);
});
