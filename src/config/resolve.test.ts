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
  tree.write('home/.codex/config.toml', 'model = "gpt-5.5"\n');
  return tree;
}

function run(tree: ConfigTree, f: Partial<ConfigFlags> = {}, cwd = tree.ws) {
  return resolveConfig(flags(f), tree.env(cwd));
}

function rejects(fn: () => unknown, pattern: RegExp): string {
  let text = '';
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof HexecError, String(e));
    assert.equal(e.exitCode, 2);
    text = formatError(e);
    assert.match(text, pattern);
    return true;
  });
  return text;
}

test('defaults: the codex default model on openai, read-only, approval never', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const r = run(tree);
  assert.equal(r.effective.model, DEFAULT_MODEL);
  assert.equal(r.effective.provider.base_url, 'https://api.openai.com/v1');
  assert.deepEqual(r.effective.provider.env_keys, ['CODEX_API_KEY', 'OPENAI_API_KEY']);
  assert.equal(r.effective.sandbox_mode, 'read-only');
  assert.equal(r.effective.approval_policy, 'never');
  assert.equal(r.provenance['model']?.layer, 'default');
  assert.equal(r.projectRoot, tree.ws);
});

test('untrusted project config is skipped with the warning; --trust loads it and records trust', (t) => {
  const tree = setup(t);
  tree.write('ws/.codex/config.toml', 'model = "proj-model"\n');
  const r = run(tree);
  assert.equal(r.effective.model, 'gpt-5.5');
  assert.ok(
    r.warnings.some((w) => w.startsWith('Untrusted project-local configuration is disabled. Run `hexec exec --trust`')),
  );
  const proj = r.layers.find((l) => l.kind === 'project' && l.file === join(tree.ws, '.codex', 'config.toml'));
  assert.equal(proj?.fate, 'skipped');
  const trusted = run(tree, { trust: true });
  assert.equal(trusted.effective.model, 'proj-model');
  assert.equal(trusted.trust.written, true);
  assert.match(
    readFileSync(join(tree.codexHome, 'config.toml'), 'utf8'),
    new RegExp(`\\[projects\\."${tree.ws}"\\]\ntrust_level = "trusted"\n$`),
  );
  const again = run(tree);
  assert.equal(again.effective.model, 'proj-model');
  assert.equal(again.trust.source, `[projects.${JSON.stringify(tree.ws)}]`);
  assert.deepEqual(again.provenance['model'], {
    layer: 'project',
    file: join(tree.ws, '.codex', 'config.toml'),
    line: 1,
    column: 1,
  });
});

test('explicitly untrusted + --trust is refused; empty .codex/ still warns', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/config.toml', `[projects.${JSON.stringify(tree.ws)}]\ntrust_level = "untrusted"\n`);
  tree.write('ws/.codex/rules/x.rules', '');
  rejects(
    () => run(tree, { trust: true }),
    new RegExp(`${tree.ws} is marked as untrusted. Update its trust setting first.`),
  );
  assert.ok(run(tree).warnings.some((w) => w.startsWith('Untrusted project-local')));
});

test('closest .codex layer wins; all layers from root to cwd apply; -c beats project', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/config.toml', `[projects.${JSON.stringify(tree.ws)}]\ntrust_level = "trusted"\n`);
  tree.write('ws/.codex/config.toml', 'model = "proj-model"\nmodel_verbosity = "low"\n');
  tree.write('ws/sub/.codex/config.toml', 'model = "sub-model"\nmodel_reasoning_effort = "high"\n');
  tree.write('ws/sub/dir/.keep', '');
  const r = run(tree, {}, join(tree.ws, 'sub', 'dir'));
  assert.equal(r.effective.model, 'sub-model');
  assert.equal(r.effective.model_reasoning_effort, 'high');
  assert.equal(r.effective.model_verbosity, 'low');
  assert.deepEqual(
    r.rulesDirs.filter((d) => d.layer === 'project').map((d) => d.dir),
    [join(tree.ws, '.codex', 'rules'), join(tree.ws, 'sub', '.codex', 'rules')],
  );
  assert.equal(run(tree, { config: ['model=cli-model'] }, join(tree.ws, 'sub')).effective.model, 'cli-model');
});

test('a .codex that is $CODEX_HOME is not a project layer', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const env = tree.env(tree.ws, { CODEX_HOME: join(tree.ws, '.codex') });
  tree.write(
    'ws/.codex/config.toml',
    `model = "home-model"\n[projects.${JSON.stringify(tree.ws)}]\ntrust_level = "trusted"\n`,
  );
  const r = resolveConfig(flags(), env);
  assert.equal(r.effective.model, 'home-model');
  assert.equal(r.layers.find((l) => l.kind === 'project')?.why, 'this .codex/ is $CODEX_HOME');
});

test('profiles: file layer above user, below project and -c; missing file ignored', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/fast.config.toml', 'model = "profile-model"\nmodel_reasoning_effort = "low"\n');
  const r = run(tree, { profile: 'fast' });
  assert.equal(r.effective.model, 'profile-model');
  assert.equal(r.effective.model_reasoning_effort, 'low');
  assert.equal(run(tree, { profile: 'fast', config: ['model=cli-model'] }).effective.model, 'cli-model');
  assert.equal(run(tree, { profile: 'nonexistent' }).effective.model, 'gpt-5.5');
  assert.equal(run(tree, { profile: 'fast', ignoreUserConfig: true }).effective.model, DEFAULT_MODEL);
  tree.write('ws/.codex/config.toml', 'model = "proj-model"\n');
  assert.equal(run(tree, { profile: 'fast', trust: true }).effective.model, 'proj-model');
  rejects(() => run(tree, { profile: '../x' }), /invalid profile name/);
});

test('legacy profiles are errors with codex texts', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/config.toml', 'model = "m"\n[profiles.fast]\nmodel = "p"\n');
  rejects(
    () => run(tree, { profile: 'fast' }),
    /--profile `fast` cannot be used while .*config\.toml contains legacy `profile = "fast"` or `\[profiles\.fast\]` config; move those settings into .*fast\.config\.toml/,
  );
  assert.equal(run(tree).effective.model, 'm');
  tree.write('home/.codex/config.toml', 'profile = "fast"\n');
  const text = rejects(
    () => run(tree),
    /legacy `profile = "fast"` config is no longer supported; use `--profile fast` with `fast.config.toml` instead/,
  );
  assert.match(text, /config\.toml:1:1: /);
});

test('system < user; managed beats -c; dedicated flags beat managed', (t) => {
  const tree = setup(t);
  tree.write('etc-codex/config.toml', 'model = "system-model"\nmodel_reasoning_effort = "high"\n');
  const r = run(tree);
  assert.equal(r.effective.model, 'gpt-5.5');
  assert.equal(r.effective.model_reasoning_effort, 'high');
  assert.equal(r.provenance['model_reasoning_effort']?.layer, 'system');
  tree.write('etc-codex/managed_config.toml', 'model = "managed-model"\n');
  assert.equal(run(tree, { config: ['model=cli-model'] }).effective.model, 'managed-model');
  const m = run(tree, { model: 'flag-model' });
  assert.equal(m.effective.model, 'flag-model');
  assert.deepEqual(m.provenance['model'], { layer: 'cli-flags', flag: '--model' });
  assert.deepEqual(
    m.adminPolicy.map((a) => a.kind),
    ['system', 'managed'],
  );
});

test('flag vs -c: last -c wins, -m beats -c, -s beats -c, config sandbox_mode applies', (t) => {
  const tree = setup(t);
  assert.equal(run(tree, { config: ['model=first', 'model=second'] }).effective.model, 'second');
  assert.equal(run(tree, { model: 'from-m-flag', config: ['model=from-c'] }).effective.model, 'from-m-flag');
  assert.equal(
    run(tree, { sandbox: 'workspace-write', config: ['sandbox_mode=read-only'] }).effective.sandbox_mode,
    'workspace-write',
  );
  assert.equal(run(tree, { config: ['model=gpt 5.5 with spaces'] }).effective.model, 'gpt 5.5 with spaces');
  assert.equal(run(tree, { config: ['model_reasoning_effort=bogus'] }).effective.model_reasoning_effort, 'bogus');
  assert.equal(run(tree, { fullAuto: true }).effective.sandbox_mode, 'workspace-write');
  assert.equal(run(tree, { dangerouslyBypass: true }).effective.sandbox_mode, 'danger-full-access');
  tree.write('home/.codex/config.toml', 'sandbox_mode = "workspace-write"\n');
  assert.equal(run(tree).effective.sandbox_mode, 'workspace-write');
});

test('approval policy: exec forces never; --approve-for-me; untrusted is rejected', (t) => {
  const tree = setup(t);
  for (const p of ['on-request', 'on-failure', 'never'])
    assert.equal(run(tree, { config: [`approval_policy=${p}`] }).effective.approval_policy, 'never');
  const a = run(tree, { approveForMe: true });
  assert.deepEqual(
    [a.effective.sandbox_mode, a.effective.approval_policy, a.effective.approvals_reviewer],
    ['workspace-write', 'on-request', 'auto_review'],
  );
  rejects(
    () => run(tree, { config: ['approval_policy=untrusted'] }),
    /approval_policy = "untrusted" is no longer supported; remove this setting/,
  );
});

test('unknown keys warn (codex text) or fail with --strict-config', (t) => {
  const tree = setup(t);
  const r = run(tree, { config: ['foo_unknown_key=1'] });
  assert.deepEqual(r.warnings, [
    'hexec is ignoring 1 unrecognized configuration setting. Check for typos or deprecated settings.\n  session-flags: `foo_unknown_key` is ignored.',
  ]);
  rejects(
    () => run(tree, { config: ['foo_unknown_key=1'], strictConfig: true }),
    /^unknown configuration field `foo_unknown_key` in -c\/--config override$/,
  );
  tree.write('home/.codex/config.toml', 'bogus_key = true\nmodel = "gpt-5.5"\n');
  const file = join(tree.codexHome, 'config.toml');
  assert.equal(
    rejects(() => run(tree, { strictConfig: true }), /bogus_key/),
    `${file}:1:1: unknown configuration field \`bogus_key\``,
  );
  assert.match(
    run(tree, { config: ['x.y=1'] }).warnings[0] ?? '',
    /ignoring 2 unrecognized configuration settings\.[^]*\n {2}.*config\.toml: `bogus_key` is ignored\.\n {2}session-flags: `x` is ignored\.$/,
  );
});

test('type errors name file, line, key, expected and found', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/config.toml', 'model = "m"\n\n[sandbox_workspace_write]\nnetwork_access = "yes"\n');
  const text = rejects(() => run(tree), /network_access/);
  assert.equal(
    text,
    `${join(tree.codexHome, 'config.toml')}:4:1: \`sandbox_workspace_write.network_access\`: invalid value (expected a boolean, found string "yes")`,
  );
  assert.equal(
    rejects(
      () => run(tree, { ignoreUserConfig: true, config: ['project_doc_max_bytes=lots'] }),
      /project_doc_max_bytes/,
    ),
    '-c/--config: `project_doc_max_bytes`: invalid value (expected an integer >= 0, found string "lots")',
  );
  tree.write('home/.codex/config.toml', 'model = "m"\nmodel = [\n');
  assert.match(
    rejects(() => run(tree), /TOML parse error/),
    /config\.toml:2:1: TOML parse error: /,
  );
  tree.write('home/.codex/config.toml', Buffer.from([0x6d, 0x3d, 0x22, 0xff, 0x22]));
  rejects(() => run(tree), /config\.toml: configuration file is not valid UTF-8/);
});

test('provider resolution: custom, inline via -c, --oss, unknown', (t) => {
  const tree = setup(t);
  tree.write(
    'home/.codex/config.toml',
    'model_provider = "mock"\nrequest_max_retries = 1\n[model_providers.mock]\nname = "mock"\nbase_url = "http://127.0.0.1:1/v1"\nenv_key = "MOCK_KEY"\nstream_max_retries = 0\n',
  );
  const p = run(tree).effective.provider;
  assert.deepEqual(
    [p.id, p.base_url, p.env_key, p.request_max_retries, p.stream_max_retries, p.stream_idle_timeout_ms, p.wire_api],
    ['mock', 'http://127.0.0.1:1/v1', 'MOCK_KEY', 1, 0, 300000, 'responses'],
  );
  const inline = run(tree, {
    ignoreUserConfig: true,
    config: [
      'model_provider=m2',
      'model_providers.m2={name="m2", base_url="http://x/v1", wire_api="responses", env_key="K"}',
    ],
  });
  assert.equal(inline.effective.provider.base_url, 'http://x/v1');
  assert.equal(inline.provenance['provider.base_url']?.flag, '-c model_providers.m2');
  assert.equal(
    run(tree, { oss: true, localProvider: 'ollama' }).effective.provider.base_url,
    'http://localhost:11434/v1',
  );
  assert.equal(run(tree, { oss: true, config: ['oss_provider=lmstudio'] }).effective.provider.wire_api, 'chat');
  rejects(() => run(tree, { oss: true }), /No default OSS provider configured/);
  rejects(() => run(tree, { config: ['model_provider=nope'] }), /Model provider `nope` not found/);
  assert.equal(
    run(tree, { ignoreUserConfig: true, config: ['openai_base_url=http://127.0.0.1:9/v1'] }).effective.provider
      .base_url,
    'http://127.0.0.1:9/v1',
  );
});

test('mcp servers: defaults, transport mixing and inline bearer tokens are errors', (t) => {
  const tree = setup(t);
  tree.write('home/.codex/config.toml', '[mcp_servers.s]\ncommand = "srv"\nargs = ["-x"]\n');
  const s = run(tree).effective.mcp_servers['s'];
  assert.deepEqual([s?.transport, s?.enabled, s?.startup_timeout_sec, s?.tool_timeout_sec], ['stdio', true, 10, 60]);
  assert.equal(run(tree, { config: ['mcp_servers.s.enabled=false'] }).effective.mcp_servers['s']?.enabled, false);
  rejects(() => run(tree, { config: ['mcp_servers.s.url=http://x'] }), /`url` cannot be combined with `command`/);
  rejects(
    () => run(tree, { config: ['mcp_servers.h.url=http://x', 'mcp_servers.h.bearer_token=abc'] }),
    /inline `bearer_token` is not supported/,
  );
  rejects(() => run(tree, { config: ['mcp_servers.n.enabled=true'] }), /needs `command`/);
  rejects(() => run(tree, { config: ['mcp_servers.s.scopes=["a"]'] }), /`scopes` is not valid for a stdio server/);
});

test('-C sets cwd; --add-dir resolves against it; budgets from flags and config', (t) => {
  const tree = setup(t);
  tree.write('ws/sub/.keep', '');
  tree.write('home/.codex/config.toml', 'max_turns = 5\ntimeout = "10m"\n');
  const r = resolveConfig(flags({ cd: 'ws/sub', addDir: ['../extra'], maxTokens: '1000' }), tree.env(tree.root));
  assert.equal(r.cwd, join(tree.ws, 'sub'));
  assert.deepEqual(r.addDirs, [join(tree.ws, 'extra')]);
  assert.deepEqual([r.effective.max_turns, r.effective.max_tokens, r.effective.timeout_ms], [5, 1000, 600000]);
  rejects(() => run(tree, { maxTurns: '0' }), /--max-turns/);
  rejects(() => run(tree, { timeout: 'soon' }), /--timeout/);
  rejects(() => resolveConfig(flags({ cd: 'nope' }), tree.env(tree.root)), /not a directory/);
});
