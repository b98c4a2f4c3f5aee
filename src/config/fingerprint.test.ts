import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { flags, makeTree, type ConfigTree } from '../../test/helpers/config-tree.js';
import { fingerprint, fingerprintInput, normalisePaths, redactSecrets } from './fingerprint.js';
import { resolveConfig } from './resolve.js';

test('redaction: secret-named strings, headers, env and set values; variable names and numbers kept', () => {
  const r = redactSecrets({
    api_key: 'sk-1',
    max_tokens: 10,
    env_key: 'MOCK_KEY',
    bearer_token_env_var: 'TOK',
    provider: { http_headers: { 'X-Id': 'a' }, experimental_bearer_token: 'b', env_http_headers: { A: 'VAR' } },
    mcp: { env: { PLAIN: 'v' }, args: ['--token', 'x'] },
    shell_environment_policy: { set: { Z: '1' } },
  });
  assert.deepEqual(r, {
    api_key: '<redacted>',
    max_tokens: 10,
    env_key: 'MOCK_KEY',
    bearer_token_env_var: 'TOK',
    provider: {
      http_headers: { 'X-Id': '<redacted>' },
      experimental_bearer_token: '<redacted>',
      env_http_headers: { A: 'VAR' },
    },
    mcp: { env: { PLAIN: '<redacted>' }, args: ['--token', 'x'] },
    shell_environment_policy: { set: { Z: '<redacted>' } },
  });
});

test('path normalisation: longest prefix first, only at path boundaries', () => {
  const out = normalisePaths(
    { a: '/h/proj/sub', b: '/h/.codex/x', c: '/h/y', d: '/h/projX', e: ['/h/proj'], '/h/proj/k': 1 },
    { project: '/h/proj', codexHome: '/h/.codex', home: '/h' },
  );
  assert.deepEqual(out, {
    a: '$PROJECT/sub',
    b: '$CODEX_HOME/x',
    c: '$HOME/y',
    d: '$HOME/projX',
    e: ['$PROJECT'],
    '$PROJECT/k': 1,
  });
});

function tree(t: { after(fn: () => void): void }, userConfig: string): ConfigTree {
  const x = makeTree();
  t.after(() => x.cleanup());
  x.write('home/.codex/config.toml', userConfig);
  x.write('ws/sub/AGENTS.md', 'docs\n');
  return x;
}

test('equal across machines (paths, HOME) and secret values; different when any effective value changes', (t) => {
  const cfg = (secret: string) =>
    `model = "m"\n[sandbox_workspace_write]\nwritable_roots = ["~/cache", "../out"]\n[model_providers.p]\nname = "p"\nbase_url = "http://x"\nexperimental_bearer_token = "${secret}"\n`;
  const a = tree(t, cfg('one'));
  const b = tree(t, cfg('two'));
  const fa = fingerprint(resolveConfig(flags({ addDir: ['x'] }), a.env(join(a.ws, 'sub'))));
  const fb = fingerprint(resolveConfig(flags({ addDir: ['x'] }), b.env(join(b.ws, 'sub'))));
  assert.equal(fa, fb);
  assert.match(fa, /^[0-9a-f]{64}$/);
  const input = JSON.stringify(fingerprintInput(resolveConfig(flags(), a.env(join(a.ws, 'sub')))));
  assert.ok(!input.includes(a.root), input);
  assert.ok(input.includes('"$PROJECT/sub"') && input.includes('$HOME/cache') && input.includes('$HOME/out'));
  const variants: Array<[string, () => string]> = [
    ['model', () => fingerprint(resolveConfig(flags({ model: 'other' }), a.env(join(a.ws, 'sub'))))],
    ['cwd depth', () => fingerprint(resolveConfig(flags({ addDir: ['x'] }), a.env(a.ws)))],
    [
      'sandbox',
      () => fingerprint(resolveConfig(flags({ addDir: ['x'], sandbox: 'workspace-write' }), a.env(join(a.ws, 'sub')))),
    ],
    ['feature', () => fingerprint(resolveConfig(flags({ addDir: ['x'], enable: ['f'] }), a.env(join(a.ws, 'sub'))))],
    ['add-dir', () => fingerprint(resolveConfig(flags({ addDir: ['y'] }), a.env(join(a.ws, 'sub'))))],
    ['budget', () => fingerprint(resolveConfig(flags({ addDir: ['x'], maxTurns: '3' }), a.env(join(a.ws, 'sub'))))],
  ];
  const seen = new Set([fa]);
  for (const [name, f] of variants) {
    const v = f();
    assert.ok(!seen.has(v), `${name} did not change the fingerprint`);
    seen.add(v);
  }
  a.write('ws/sub/AGENTS.md', 'changed docs\n');
  assert.notEqual(fingerprint(resolveConfig(flags({ addDir: ['x'] }), a.env(join(a.ws, 'sub')))), fa);
});

test('a loopback port (a per-run key proxy or replay server) does not change the fingerprint; a host does', () => {
  const a = makeTree();
  try {
    const fp = (url: string): string =>
      fingerprint(
        resolveConfig(
          flags({
            config: ['model_provider=p', `model_providers.p={name="p", base_url="${url}", wire_api="responses"}`],
          }),
          a.env(),
        ),
      );
    assert.equal(fp('http://127.0.0.1:40111/v1'), fp('http://127.0.0.1:39222/v1'));
    assert.notEqual(fp('http://127.0.0.1:40111/v1'), fp('http://10.0.0.1:40111/v1'));
    assert.notEqual(fp('https://api.example.com:8443/v1'), fp('https://api.example.com:9443/v1'));
  } finally {
    a.cleanup();
  }
});
