import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../helpers/config-tree.js';
import { FIXTURES } from '../helpers/paths.js';
import { gitInit, runCli } from '../helpers/run-cli.js';

/** Fixtures 09a–09d (codex exits 1 with these texts; hexec exits 2, same wording). */
const fixture = (name: string, file: string) => readFileSync(join(FIXTURES, 'codex', name, file), 'utf8');

function setup(t: { after(fn: () => void): void }, name: string) {
  const tree = makeTree({ git: false });
  t.after(() => tree.cleanup());
  gitInit(tree.ws);
  tree.write('home/.codex/config.toml', fixture(name, 'codex-home-config.toml'));
  return tree;
}

test('09a: --strict-config with an unknown -c key', (t) => {
  const tree = setup(t, '09a-strict-config-unknown-c-key');
  const r = runCli(['config', 'show', '--json', '-c', 'foo_unknown_key=1', '--strict-config'], {
    cwd: tree.ws,
    env: tree.vars(),
  });
  assert.equal(fixture('09a-strict-config-unknown-c-key', 'exit-code.txt').trim(), '1');
  assert.equal(r.code, 2);
  const codex = fixture('09a-strict-config-unknown-c-key', 'stderr.txt').replace('Error loading config.toml: ', '');
  assert.equal(r.stderr, `Error: ${codex}`);
  assert.equal(r.stdout, '');
});

test('09b: unknown -c key without --strict-config warns and resolves', (t) => {
  const tree = setup(t, '09b-unknown-c-key-not-strict');
  const r = runCli(['config', 'show', '--json', '-c', 'foo_unknown_key=1'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(r.code, 0);
  const codexLine = JSON.parse(fixture('09b-unknown-c-key-not-strict', 'stdout.jsonl').split('\n')[1] ?? '{}') as {
    item: { message: string };
  };
  assert.equal(r.stderr, `warning: ${codexLine.item.message.replace(/^Codex /, 'hexec ')}\n`);
  const json = JSON.parse(r.stdout) as {
    effective: { model: string; provider: { base_url: string; env_key: string } };
  };
  assert.deepEqual(
    [json.effective.model, json.effective.provider.base_url, json.effective.provider.env_key],
    ['gpt-5.5', 'http://127.0.0.1:18080/simple/v1', 'MOCK_KEY'],
  );
});

test('09c: --strict-config with an unknown key in config.toml names file:line:column', (t) => {
  const tree = setup(t, '09c-strict-config-unknown-toml-key');
  const r = runCli(['config', 'show', '--strict-config'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(r.code, 2);
  const codexLine = fixture('09c-strict-config-unknown-toml-key', 'stderr.txt').split('\n')[1] ?? '';
  assert.equal(codexLine, '$CODEX_HOME/config.toml:1:1: unknown configuration field `bogus_key`');
  assert.equal(r.stderr, `Error: ${codexLine.replace('$CODEX_HOME', tree.codexHome)}\n`);
  const lenient = runCli(['config', 'show'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(lenient.code, 0);
  assert.match(lenient.stderr, new RegExp(`  ${tree.codexHome}/config\\.toml: \`bogus_key\` is ignored\\.`));
});

test('09d: -c without = is rejected before anything else', (t) => {
  const tree = setup(t, '09d-c-without-equals');
  const r = runCli(['config', 'fingerprint', '-c', 'noequals'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(r.code, 2);
  const codex = fixture('09d-c-without-equals', 'stderr.txt').trim().replace('Error parsing -c overrides: ', '');
  assert.equal(r.stderr, `Error: -c/--config: ${codex}\n`);
});

test('16a: config show works outside a git repository (no git check for config commands)', (t) => {
  const tree = makeTree({ git: false });
  t.after(() => tree.cleanup());
  const r = runCli(['config', 'show', '--json'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { gitRoot: string | null; projectRoot: string };
  assert.deepEqual([json.gitRoot, json.projectRoot], [null, tree.ws]);
});
