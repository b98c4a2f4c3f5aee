import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent' };

test('hexec help TOPIC prints each document in docs/', () => {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md'));
  assert.ok(docs.length >= 5);
  for (const f of docs) {
    const r = runCli(['help', f.slice(0, -3)], { cwd: REPO_ROOT, env });
    assert.equal(r.code, 0, f);
    assert.ok(r.stdout.includes(readFileSync(join(REPO_ROOT, 'docs', f), 'utf8').split('\n')[0] ?? '\0'), f);
  }
  const topics = runCli(['help', 'topics'], { cwd: REPO_ROOT, env });
  for (const f of docs) assert.match(topics.stdout, new RegExp(`^  ${f.slice(0, -3)}$`, 'm'));
});

test('unknown help topics and unsupported exec subcommands are usage errors (exit 2)', () => {
  assert.equal(runCli(['help', 'nope'], { cwd: REPO_ROOT, env }).code, 2);
  const review = runCli(['exec', 'review', 'x'], { cwd: REPO_ROOT, env });
  assert.equal(review.code, 2);
  assert.match(review.stderr, /not supported by hexec/);
  assert.equal(runCli(['exec', '--full-autox', 'x'], { cwd: REPO_ROOT, env }).code, 2);
  assert.equal(runCli(['exec', '--worktree', 'x'], { cwd: REPO_ROOT, env }).code, 2);
});

test('every command has help (hexec help COMMAND) and is listed in hexec help topics', async () => {
  const { registeredCommands } = await import('../../src/cli/main.js');
  const topics = runCli(['help', 'topics'], { cwd: REPO_ROOT, env }).stdout;
  for (const c of registeredCommands().filter((x) => x !== 'help')) {
    const r = runCli(['help', c], { cwd: REPO_ROOT, env });
    assert.equal(r.code, 0, c);
    assert.ok(r.stdout.length > 40, c);
    assert.match(topics, new RegExp(`^  ${c}$`, 'm'), c);
  }
});

test('exec and exec resume: --remote is checked as codex 0.171 checks it, then refused (exit 2, nothing run)', () => {
  const cases: ReadonlyArray<readonly [readonly string[], RegExp]> = [
    [['exec', '--remote', 'ws://127.0.0.1:1', 'x'], /^error: --remote is not supported: hexec runs locally/m],
    [['exec', '--remote', 'foo', 'x'], /^error: invalid remote address `foo`; expected `ws:\/\/host:port`/m],
    [['exec', '--remote-auth-token-env', 'T', 'x'], /^error: `--remote-auth-token-env` requires `--remote`\.$/m],
    [
      ['exec', 'resume', '--last', '--remote', 'ws://127.0.0.1:1', 'x'],
      /^error: remote resume requires a thread UUID$/m,
    ],
  ];
  for (const [args, text] of cases) {
    const r = runCli(args, { cwd: REPO_ROOT, env });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, text, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});
