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
