import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeTree, type ConfigTree } from '../helpers/config-tree.js';
import { gitInit, runCli } from '../helpers/run-cli.js';

function checkout(t: { after(fn: () => void): void }, prefix: string, secret: string): ConfigTree {
  const tree = makeTree({ git: false, prefix });
  t.after(() => tree.cleanup());
  gitInit(tree.ws);
  tree.write(
    'home/.codex/config.toml',
    `model_provider = "p"\n[model_providers.p]\nname = "p"\nbase_url = "http://127.0.0.1:1/v1"\nenv_key = "P_KEY"\nhttp_headers = { "X-Api-Key" = "${secret}" }\n[projects.${JSON.stringify(join(tree.root, 'ws'))}]\ntrust_level = "trusted"\n`,
  );
  tree.write('ws/.codex/config.toml', '[sandbox_workspace_write]\nwritable_roots = ["../build", "~/cache"]\n');
  tree.write('ws/AGENTS.md', 'Use pnpm.\n');
  tree.write('ws/pkg/.keep', '');
  return tree;
}

const fp = (tree: ConfigTree, args: string[] = [], cwd = join(tree.ws, 'pkg')) => {
  const r = runCli(['config', 'fingerprint', ...args], { cwd, env: tree.vars({ P_KEY: 'differs-per-machine' }) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^[0-9a-f]{64}\n$/);
  return r.stdout.trim();
};

test('equal across checkout paths, HOMEs and secret values; equal to config show --json', (t) => {
  const a = checkout(t, 'hexec-fp-a-', 'secret-one');
  const b = checkout(t, 'hexec-fp-bb-longer-', 'secret-two');
  assert.notEqual(a.root, b.root);
  const fa = fp(a, ['--add-dir', 'out']);
  assert.equal(fa, fp(b, ['--add-dir', 'out']));
  const shown = runCli(['config', 'show', '--json', '--add-dir', 'out'], { cwd: join(a.ws, 'pkg'), env: a.vars() });
  assert.equal((JSON.parse(shown.stdout) as { fingerprint: string }).fingerprint, fa);
  assert.ok(!shown.stdout.includes('secret-one'), 'secrets never reach the output');
});

test('different when any effective key changes', (t) => {
  const a = checkout(t, 'hexec-fp-c-', 's');
  const base = fp(a);
  const variants: string[][] = [
    ['-m', 'other'],
    ['-c', 'model_reasoning_effort=high'],
    ['-s', 'workspace-write'],
    ['--enable', 'x'],
    ['-c', 'shell_environment_policy.inherit="core"'],
    ['--hermetic'],
    ['-c', 'project_doc_max_bytes=3'],
  ];
  const seen = new Map([[base, 'base']]);
  for (const v of variants) {
    const f = fp(a, v);
    assert.ok(!seen.has(f), `${v.join(' ')} gave the same fingerprint as ${seen.get(f) ?? ''}`);
    seen.set(f, v.join(' '));
  }
  assert.notEqual(fp(a, [], a.ws), base, 'cwd depth is part of the configuration');
});
