import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, type ConfigTree } from '../helpers/config-tree.js';
import { FIXTURES } from '../helpers/paths.js';
import { gitInit, runCli } from '../helpers/run-cli.js';

/**
 * test/fixtures/codex/20-config-precedence-results.txt, line by line, against
 * `hexec config show --json`: same resolved values, same accept/reject (codex exits 1
 * on configuration errors, hexec 2 per its exit-code contract).
 */
const USER = 'model = "gpt-5.5"\n';

function scenario(t: { after(fn: () => void): void }, files: Record<string, string> = {}): ConfigTree {
  const tree = makeTree({ git: false });
  t.after(() => tree.cleanup());
  gitInit(tree.ws);
  tree.write('home/.codex/config.toml', USER);
  for (const [p, text] of Object.entries(files))
    tree.write(
      p.replaceAll('$WS', 'ws').replaceAll('$CODEX_HOME', 'home/.codex').replaceAll('$SYS', 'etc-codex'),
      text,
    );
  return tree;
}

interface Shown {
  readonly code: number | null;
  readonly stderr: string;
  readonly json: {
    effective: Record<string, unknown> & { provider: Record<string, unknown> };
    warnings: string[];
    rulesDirs: Array<{ layer: string; dir: string }>;
    requirements: { rules: unknown };
  };
}

function show(tree: ConfigTree, args: string[] = [], cwd = tree.ws, extraEnv: Record<string, string> = {}): Shown {
  const r = runCli(['config', 'show', '--json', ...args], { cwd, env: tree.vars(extraEnv) });
  return {
    code: r.code,
    stderr: r.stderr,
    json: r.code === 0 ? (JSON.parse(r.stdout) as Shown['json']) : (undefined as never),
  };
}

function model(s: Shown): unknown {
  assert.equal(s.code, 0, s.stderr);
  return s.json.effective['model'];
}

function rejected(s: Shown, pattern: RegExp): void {
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr, pattern);
}

const trusted = (ws: string) => `${USER}[projects.${JSON.stringify(ws)}]\ntrust_level = "trusted"\n`;

test('fixture 20 lists the cases this file checks', () => {
  const text = readFileSync(join(FIXTURES, 'codex', '20-config-precedence-results.txt'), 'utf8');
  for (const needle of [
    '-p nonexistent',
    'managed_config.toml model=managed-model + -c model=cli-model',
    'allowed_sandbox_modes=["read-only"] + -s workspace-write',
    '-c foo_unknown_key=1 --strict-config',
    '-c noequals',
  ]) {
    assert.ok(text.includes(needle), needle);
  }
});

test('project config and trust', (t) => {
  const a = scenario(t, { '$WS/.codex/config.toml': 'model = "proj-model"\n' });
  const untrusted = show(a);
  assert.equal(model(untrusted), 'gpt-5.5');
  assert.match(
    untrusted.stderr,
    /warning: Untrusted project-local configuration is disabled\. Run `hexec exec --trust`/,
  );
  assert.equal(model(show(a, ['--trust'])), 'proj-model');
  assert.equal(
    readFileSync(join(a.codexHome, 'config.toml'), 'utf8'),
    `${USER}\n[projects.${JSON.stringify(a.ws)}]\ntrust_level = "trusted"\n`,
  );

  const b = scenario(t);
  b.write('home/.codex/config.toml', `${USER}[projects.${JSON.stringify(b.ws)}]\ntrust_level = "untrusted"\n`);
  rejected(
    show(b, ['--trust']),
    new RegExp(`Error: .*${b.ws} is marked as untrusted\\. Update its trust setting first\\.`),
  );

  const c = scenario(t, {
    '$WS/.codex/config.toml': 'model = "proj-model"\n',
    '$WS/sub/.codex/config.toml': 'model = "sub-model"\nmodel_reasoning_effort = "high"\n',
    '$WS/sub/dir/.keep': '',
  });
  c.write('home/.codex/config.toml', trusted(c.ws));
  assert.equal(model(show(c, ['-c', 'model=cli-model'])), 'cli-model');
  const sub = show(c, [], join(c.ws, 'sub'));
  assert.deepEqual([model(sub), sub.json.effective['model_reasoning_effort']], ['sub-model', 'high']);
  assert.equal(model(show(c, [], join(c.ws, 'sub', 'dir'))), 'sub-model');

  const d = scenario(t, { '$WS/.codex/.keep': '' });
  assert.match(show(d).stderr, /Untrusted project-local configuration is disabled/);
});

test('profiles', (t) => {
  const a = scenario(t, {
    '$CODEX_HOME/fast.config.toml': 'model = "profile-model"\nmodel_reasoning_effort = "low"\n',
  });
  const p = show(a, ['-p', 'fast']);
  assert.deepEqual([model(p), p.json.effective['model_reasoning_effort']], ['profile-model', 'low']);
  assert.equal(model(show(a, ['-p', 'fast', '-c', 'model=cli-model'])), 'cli-model');
  assert.equal(model(show(a, ['--profile', 'nonexistent'])), 'gpt-5.5');
  a.write('ws/.codex/config.toml', 'model = "proj-model"\n');
  a.write('home/.codex/config.toml', trusted(a.ws));
  assert.equal(model(show(a, ['-p', 'fast'])), 'proj-model');
  a.write('home/.codex/config.toml', `${USER}[profiles.fast]\nmodel = "x"\n`);
  rejected(
    show(a, ['-p', 'fast']),
    /--profile `fast` cannot be used while .*config\.toml contains legacy `profile = "fast"` or `\[profiles\.fast\]` config; move those settings into .*fast\.config\.toml/,
  );
  a.write('home/.codex/config.toml', 'profile = "fast"\n');
  rejected(
    show(a),
    /legacy `profile = "fast"` config is no longer supported; use `--profile fast` with `fast\.config\.toml` instead/,
  );
});

test('system and managed files', (t) => {
  const a = scenario(t, { '$SYS/config.toml': 'model = "system-model"\nmodel_reasoning_effort = "high"\n' });
  const s = show(a);
  assert.deepEqual([model(s), s.json.effective['model_reasoning_effort']], ['gpt-5.5', 'high']);
  a.write('etc-codex/managed_config.toml', 'model = "managed-model"\n');
  assert.equal(model(show(a, ['-c', 'model=cli-model'])), 'managed-model');
  assert.equal(model(show(a, ['-m', 'flag-model'])), 'flag-model');
  a.write('etc-codex/managed_config.toml', 'sandbox_mode = "workspace-write"\n');
  assert.equal(show(a).json.effective['sandbox_mode'], 'workspace-write');
  rejected(show(a, ['-s', 'danger-full-access']), /requirements do not allow `sandbox_mode = "danger-full-access"`/);
});

test('requirements.toml', (t) => {
  const a = scenario(t, { '$SYS/requirements.toml': 'allowed_sandbox_modes = ["read-only"]\n' });
  const s = show(a, ['-s', 'workspace-write']);
  assert.equal(s.json.effective['sandbox_mode'], 'read-only');
  assert.match(
    s.stderr,
    /warning: Configured value for `sandbox_mode` is disallowed by requirements; falling back to required value ReadOnly \(set by .*requirements\.toml\)/,
  );
  rejected(
    show(a, ['--dangerously-bypass-approvals-and-sandbox']),
    /`approval_policy = "never"` cannot be used because requirements do not allow `sandbox_mode = "danger-full-access"`/,
  );
  rejected(show(a, ['--yolo']), /danger-full-access/);
  a.write('etc-codex/requirements.toml', 'allowed_approval_policies = ["on-request"]\n');
  const ap = show(a);
  assert.equal(ap.json.effective['approval_policy'], 'on-request');
  assert.match(
    ap.stderr,
    /Configured value for `approval_policy` is disallowed by requirements; falling back to required value OnRequest/,
  );
  a.write(
    'etc-codex/requirements.toml',
    '[rules]\nprefix_rules = [{ pattern = [{ token = "echo" }], decision = "forbidden", justification = "requirements say no" }]\n',
  );
  const rules = show(a, ['--ignore-rules']);
  assert.equal(
    (rules.json.requirements.rules as { prefix_rules: Array<{ justification: string }> }).prefix_rules[0]
      ?.justification,
    'requirements say no',
  );
  a.write(
    'etc-codex/requirements.toml',
    '[rules]\nprefix_rules = [{ pattern = [{ token = "echo" }], decision = "allow" }]\n',
  );
  rejected(
    show(a),
    /invalid rules in requirements \(.*\): .*decision 'allow', which is not permitted in requirements\.toml .*\(use 'prompt', 'prompt-user', or 'forbidden'\)/,
  );
});

test('CLI flag vs -c vs config', (t) => {
  const a = scenario(t);
  assert.equal(model(show(a, ['-c', 'model=first', '-c', 'model=second'])), 'second');
  assert.equal(model(show(a, ['-m', 'from-m-flag', '-c', 'model=from-c'])), 'from-m-flag');
  assert.equal(
    show(a, ['-s', 'workspace-write', '-c', 'sandbox_mode=read-only']).json.effective['sandbox_mode'],
    'workspace-write',
  );
  assert.equal(model(show(a, ['-c', 'model=gpt 5.5 with spaces'])), 'gpt 5.5 with spaces');
  assert.equal(show(a, ['-c', 'model_reasoning_effort=bogus']).json.effective['model_reasoning_effort'], 'bogus');
  rejected(show(a, ['-c', 'noequals']), /^Error: -c\/--config: Invalid override \(missing '='\): noequals\n$/);
  const unknown = show(a, ['-c', 'foo_unknown_key=1']);
  assert.equal(unknown.code, 0);
  assert.equal(
    unknown.stderr,
    'warning: hexec is ignoring 1 unrecognized configuration setting. Check for typos or deprecated settings.\n  session-flags: `foo_unknown_key` is ignored.\n',
  );
  rejected(
    show(a, ['-c', 'foo_unknown_key=1', '--strict-config']),
    /^Error: unknown configuration field `foo_unknown_key` in -c\/--config override\n$/,
  );
  a.write('home/.codex/config.toml', 'sandbox_mode = "workspace-write"\n');
  assert.equal(show(a).json.effective['sandbox_mode'], 'workspace-write');
});

test('approval policy in exec', (t) => {
  const a = scenario(t);
  for (const p of ['on-request', 'on-failure', 'never'])
    assert.equal(show(a, ['-c', `approval_policy=${p}`]).json.effective['approval_policy'], 'never');
  rejected(
    show(a, ['-c', 'approval_policy=untrusted']),
    /approval_policy = "untrusted" is no longer supported; remove this setting/,
  );
  const afm = show(a, ['--approve-for-me']).json.effective;
  assert.deepEqual(
    [afm['sandbox_mode'], afm['approval_policy'], afm['approvals_reviewer']],
    ['workspace-write', 'on-request', 'auto_review'],
  );
  assert.equal(show(a, ['--yolo']).json.effective['sandbox_mode'], 'danger-full-access');
});

test('rules file locations', (t) => {
  const a = scenario(t, {
    '$CODEX_HOME/rules/default.rules': '',
    '$WS/.codex/rules/proj.rules': '',
    '$SYS/rules/sys.rules': '',
  });
  const layers = (s: Shown) => s.json.rulesDirs.map((d) => d.layer);
  assert.deepEqual(layers(show(a)), ['system', 'user']);
  assert.deepEqual(layers(show(a, ['--ignore-rules'])), ['system']);
  a.write('home/.codex/config.toml', trusted(a.ws));
  assert.deepEqual(layers(show(a)), ['system', 'user', 'project']);
  assert.deepEqual(layers(show(a, ['--ignore-rules'])), ['system']);
});

test('provider and auth environment', (t) => {
  const a = scenario(t);
  const env = { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };
  assert.equal(show(a, [], a.ws, env).json.effective.provider['base_url'], 'https://api.openai.com/v1');
  assert.equal(
    show(a, ['-c', 'openai_base_url=http://127.0.0.1:9/simple/v1']).json.effective.provider['base_url'],
    'http://127.0.0.1:9/simple/v1',
  );
  assert.deepEqual(show(a).json.effective.provider['env_keys'], ['CODEX_API_KEY', 'OPENAI_API_KEY']);
  a.write(
    'home/.codex/config.toml',
    'model_provider = "mock"\n[model_providers.mock]\nname = "mock"\nbase_url = "http://127.0.0.1:18080/simple/v1"\nwire_api = "responses"\nenv_key = "MOCK_KEY"\n',
  );
  assert.equal(show(a).json.effective.provider['env_key'], 'MOCK_KEY');
});
