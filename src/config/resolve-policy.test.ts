import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flags, makeTree, type ConfigTree } from '../../test/helpers/config-tree.js';
import { formatError, HexecError } from '../errors/index.js';
import { resolveConfig } from './resolve.js';
import { DEFAULT_MODEL } from './effective.js';
import type { ConfigFlags } from './types.js';

function setup(t: { after(fn: () => void): void }): ConfigTree {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('home/.codex/config.toml', 'model = "user-model"\n');
  return tree;
}
const run = (tree: ConfigTree, f: Partial<ConfigFlags> = {}) => resolveConfig(flags(f), tree.env());
function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof HexecError && e.exitCode === 2 && pattern.test(formatError(e)));
}

test('requirements: disallowed sandbox falls back with a warning; danger-full-access is fatal', (t) => {
  const tree = setup(t);
  const req = tree.write('etc-codex/requirements.toml', 'allowed_sandbox_modes = ["read-only"]\n');
  const r = run(tree, { sandbox: 'workspace-write' });
  assert.equal(r.effective.sandbox_mode, 'read-only');
  assert.deepEqual(r.warnings, [
    `Configured value for \`sandbox_mode\` is disallowed by requirements; falling back to required value ReadOnly (set by ${req})`,
  ]);
  assert.equal(r.provenance['sandbox_mode']?.layer, 'requirements');
  rejects(
    () => run(tree, { dangerouslyBypass: true }),
    /^.*requirements\.toml: `allowed_sandbox_modes`: `approval_policy = "never"` cannot be used because requirements do not allow `sandbox_mode = "danger-full-access"`/,
  );
  rejects(
    () => run(tree, { sandbox: 'danger-full-access' }),
    /requirements do not allow `sandbox_mode = "danger-full-access"`/,
  );
  tree.write('etc-codex/requirements.toml', 'allowed_sandbox_modes = ["workspace-write"]\n');
  rejects(() => run(tree), /allowed_sandbox_modes must include "read-only"/);
});

test('requirements: approval policy falls back to the first allowed value', (t) => {
  const tree = setup(t);
  const req = tree.write('etc-codex/requirements.toml', 'allowed_approval_policies = ["on-request"]\n');
  const r = run(tree);
  assert.equal(r.effective.approval_policy, 'on-request');
  assert.deepEqual(r.warnings, [
    `Configured value for \`approval_policy\` is disallowed by requirements; falling back to required value OnRequest (set by ${req})`,
  ]);
  assert.deepEqual(r.requirements.allowed_approval_policies, ['on-request']);
});

test('requirements rules: validated, listed, and apply regardless of --ignore-rules; allow is fatal', (t) => {
  const tree = setup(t);
  const text =
    '[rules]\nprefix_rules = [\n  { pattern = [{ token = "echo" }, { any_of = ["-n", "-e"] }], decision = "forbidden", justification = "requirements say no" },\n]\n';
  const req = tree.write('etc-codex/requirements.toml', text);
  const r = run(tree, { ignoreRules: true });
  assert.deepEqual(JSON.parse(JSON.stringify(r.requirements.rules)), {
    file: req,
    line: 2,
    prefix_rules: [
      {
        pattern: [{ token: 'echo' }, { any_of: ['-n', '-e'] }],
        decision: 'forbidden',
        justification: 'requirements say no',
      },
    ],
    source_text: text,
  });
  assert.deepEqual(
    r.rulesDirs.map((d) => d.layer),
    ['system'],
  );
  tree.write(
    'etc-codex/requirements.toml',
    '[rules]\nprefix_rules = [{ pattern = [{ token = "echo" }], decision = "allow" }]\n',
  );
  rejects(
    () => run(tree),
    /invalid rules in requirements \(.*requirements\.toml\): prefix_rules\[0\] has decision 'allow', which is not permitted in requirements\.toml \(use 'prompt', 'prompt-user', or 'forbidden'\)/,
  );
  tree.write(
    'etc-codex/requirements.toml',
    '[rules]\nprefix_rules = [{ pattern = [{ tok = "echo" }], decision = "prompt" }]\n',
  );
  rejects(() => run(tree), /invalid pattern token/);
});

test('managed sandbox_mode is both a layer and a requirement', (t) => {
  const tree = setup(t);
  tree.write('etc-codex/managed_config.toml', 'sandbox_mode = "workspace-write"\napproval_policy = "never"\n');
  const r = run(tree);
  assert.equal(r.effective.sandbox_mode, 'workspace-write');
  assert.deepEqual(r.requirements.allowed_sandbox_modes, ['workspace-write', 'read-only']);
  assert.equal(run(tree, { sandbox: 'read-only' }).effective.sandbox_mode, 'read-only');
  rejects(() => run(tree, { sandbox: 'danger-full-access' }), /danger-full-access/);
  tree.write('etc-codex/requirements.toml', 'allowed_sandbox_modes = ["read-only", "danger-full-access"]\n');
  assert.equal(run(tree, { sandbox: 'danger-full-access' }).effective.sandbox_mode, 'danger-full-access');
});

test('--hermetic: no user config, profile, user/project rules or home AGENTS.md; admin layers still apply', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/fast.config.toml', 'model = "profile-model"\n');
  tree.write('home/.codex/AGENTS.md', 'home doc');
  tree.write('ws/AGENTS.md', 'project doc\n');
  tree.write('ws/.codex/config.toml', 'model_verbosity = "high"\n');
  tree.write('etc-codex/config.toml', 'model_reasoning_effort = "low"\n');
  tree.write('etc-codex/requirements.toml', 'allowed_approval_policies = ["never"]\n');
  const r = run(tree, { hermetic: true, profile: 'fast' });
  assert.equal(r.hermetic, true);
  assert.deepEqual([r.ephemeral, r.ignoreRules, r.ignoreUserConfig], [true, true, true]);
  assert.equal(r.effective.model, DEFAULT_MODEL);
  assert.equal(r.effective.model_reasoning_effort, 'low');
  assert.equal(r.effective.model_verbosity, null);
  assert.deepEqual(r.instructions.files, []);
  assert.deepEqual(
    r.rulesDirs.map((d) => d.layer),
    ['system'],
  );
  assert.deepEqual(
    r.adminPolicy.map((a) => a.kind),
    ['system', 'requirements'],
  );
  const fates = Object.fromEntries(r.layers.map((l) => [l.kind, l.fate]));
  assert.deepEqual([fates['user'], fates['profile'], fates['project']], ['skipped', 'skipped', 'skipped']);
  assert.deepEqual(
    r.layers.filter((l) => l.adminPolicy).map((l) => l.kind),
    ['system', 'managed', 'requirements'],
  );
  assert.equal(
    r.warnings.some((w) => w.startsWith('Untrusted')),
    false,
  );
});

test('hermetic + --trust reads the project (config and AGENTS.md) but does not record trust', (t) => {
  const tree = setup(t);
  tree.write('ws/AGENTS.md', 'project doc\n');
  tree.write('ws/.codex/config.toml', 'model_verbosity = "high"\n');
  const before = readFileSync(join(tree.codexHome, 'config.toml'), 'utf8');
  const r = run(tree, { hermetic: true, trust: true });
  assert.equal(r.effective.model_verbosity, 'high');
  assert.deepEqual(
    r.instructions.files.map((f) => f.kind),
    ['project'],
  );
  assert.equal(r.trust.written, false);
  assert.equal(readFileSync(join(tree.codexHome, 'config.toml'), 'utf8'), before);
});

test('hermetic = true from -c, system, or a trusted project; not from the user config', (t) => {
  const tree = setup(t);
  const c = run(tree, { config: ['hermetic=true'] });
  assert.equal(c.hermetic, true);
  assert.deepEqual(c.provenance['hermetic'], { layer: 'session-flags', flag: '-c hermetic' });
  assert.deepEqual(run(tree, { hermetic: true, config: ['hermetic=false'] }).provenance['hermetic'], {
    layer: 'cli-flags',
    flag: '--hermetic',
  });
  tree.write(
    'home/.codex/config.toml',
    `hermetic = true\n[projects.${JSON.stringify(tree.ws)}]\ntrust_level = "trusted"\n`,
  );
  const u = run(tree);
  assert.equal(u.hermetic, false);
  assert.ok(u.warnings.some((w) => w.startsWith('`hermetic` in')));
  tree.write('ws/.codex/config.toml', 'hermetic = true\nmodel = "proj"\n');
  const p = run(tree);
  assert.equal(p.hermetic, true);
  assert.deepEqual(p.provenance['hermetic'], {
    layer: 'project',
    file: join(tree.ws, '.codex', 'config.toml'),
    line: 1,
    column: 1,
    note: 'a trusted project turned hermetic mode on',
  });
  assert.equal(p.effective.model, DEFAULT_MODEL, 'the project layer itself now needs --trust');
  assert.equal(p.layers.find((l) => l.kind === 'user')?.fate, 'skipped');
  tree.write('etc-codex/config.toml', 'hermetic = true\n');
  assert.equal(run(tree, { ignoreUserConfig: true }).hermetic, true);
});

test('a parse error in an untrusted project config is ignored; in a trusted one it is fatal', (t) => {
  const tree = setup(t);
  tree.write('ws/.codex/config.toml', 'model = \n');
  assert.equal(run(tree).effective.model, 'user-model');
  rejects(() => run(tree, { trust: true }), /\.codex\/config\.toml:1:\d+: TOML parse error/);
});

test('--enable/--disable set features; provenance names the flag', (t) => {
  const tree = setup(t);
  const r = run(tree, { enable: ['hooks'], disable: ['web'] });
  assert.deepEqual(r.effective.features, { hooks: true, web: false });
  assert.deepEqual(r.provenance['features.web'], { layer: 'session-flags', flag: '--disable web' });
});
