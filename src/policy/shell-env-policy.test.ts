import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCommandEnv, type CommandEnvContext } from './command-env.js';
import { applyShellEnvironmentPolicy, parseShellEnvironmentPolicy } from './shell-env-policy.js';

/** The parent environment of fixture 21 (names from the fixture; values made up). */
const PARENT: Record<string, string> = {
  HOME: '/home/u',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  LC_CTYPE: 'C.UTF-8',
  PATH: '/usr/bin:/bin',
  SHELL: '/bin/bash',
  TERM: 'xterm',
  USER: 'u',
  FOO_SECRET: 's1',
  MY_TOKEN: 't1',
  API_KEY_X: 'k1',
  PLAIN_VAR: 'p',
  OTHER_VAR: 'o',
  MOCK_KEY: 'sk-mock-123456789',
};
const names = (e: Record<string, string>): string[] => Object.keys(e).sort();
const apply = (t: unknown): Record<string, string> =>
  applyShellEnvironmentPolicy(parseShellEnvironmentPolicy(t), PARENT);

test('fixture 21, default: hexec diverges from codex and drops *KEY*/*SECRET*/*TOKEN*', () => {
  assert.deepEqual(
    names(apply(undefined)),
    names(PARENT).filter((n) => !['FOO_SECRET', 'MY_TOKEN', 'API_KEY_X', 'MOCK_KEY'].includes(n)),
  );
});

test('fixture 21, ignore_default_excludes=false: parent minus API_KEY_X, FOO_SECRET, MY_TOKEN, MOCK_KEY', () => {
  const e = apply({ ignore_default_excludes: false });
  for (const n of ['API_KEY_X', 'FOO_SECRET', 'MY_TOKEN', 'MOCK_KEY']) assert.equal(e[n], undefined, n);
  assert.equal(e['PLAIN_VAR'], 'p');
});

test('ignore_default_excludes=true passes secrets (codex 0.169 default behaviour)', () => {
  assert.deepEqual(names(apply({ ignore_default_excludes: true })), names(PARENT));
});

test('default excludes are case-insensitive', () => {
  const e = applyShellEnvironmentPolicy(parseShellEnvironmentPolicy({}), {
    my_api_key: '1',
    Secret_thing: '2',
    gh_token: '3',
    KEEP: '4',
  });
  assert.deepEqual(names(e), ['KEEP']);
});

test('fixture 21, exclude=["PLAIN_*"]: parent minus PLAIN_VAR', () => {
  const e = apply({ exclude: ['PLAIN_*'], ignore_default_excludes: true });
  assert.deepEqual(
    names(e),
    names(PARENT).filter((n) => n !== 'PLAIN_VAR'),
  );
});

test('fixture 21, include_only=["PLAIN_*","PATH"]: PATH and PLAIN_VAR only (HOME dropped)', () => {
  assert.deepEqual(names(apply({ include_only: ['PLAIN_*', 'PATH'] })), ['PATH', 'PLAIN_VAR']);
});

test('fixture 21, inherit=core: HOME, LANG, LC_*, PATH, SHELL, TERM (USER too: codex core list)', () => {
  assert.deepEqual(names(apply({ inherit: 'core' })), [
    'HOME',
    'LANG',
    'LC_ALL',
    'LC_CTYPE',
    'PATH',
    'SHELL',
    'TERM',
    'USER',
  ]);
});

test('fixture 21, inherit=none + set: only the set variable (no PATH)', () => {
  assert.deepEqual(apply({ inherit: 'none', set: { ZED: '1' } }), { ZED: '1' });
});

test('fixture 21, inherit=core + set: ZED=1 present', () => {
  assert.equal(apply({ inherit: 'core', set: { ZED: '1' } })['ZED'], '1');
});

test('set comes after excludes, include_only after set', () => {
  assert.equal(apply({ set: { MY_TOKEN: 'explicit' } })['MY_TOKEN'], 'explicit');
  assert.deepEqual(apply({ set: { ZED: '1' }, include_only: ['PATH'] }), { PATH: '/usr/bin:/bin' });
});

test('bad shell_environment_policy values are config errors', () => {
  assert.throws(() => parseShellEnvironmentPolicy({ inherit: 'some' }), /invalid value/);
  assert.throws(() => parseShellEnvironmentPolicy({ exclude: 'X' }), /invalid value/);
  assert.throws(() => parseShellEnvironmentPolicy({ set: { A: 1 } }), /invalid value/);
  assert.throws(() => parseShellEnvironmentPolicy({ bogus: true }), /unknown key/);
});

const CTX: CommandEnvContext = {
  sandboxMode: 'read-only',
  networkDisabled: true,
  threadId: 'th',
  sessionId: 'se',
  toolCallId: 'tc',
  secretVarNames: ['MOCK_KEY'],
  secretValues: ['sk-mock-123456789'],
};

test('fixture 21, injected variables (present even with include_only)', () => {
  const e = createCommandEnv(parseShellEnvironmentPolicy({ include_only: ['PATH'] }), PARENT, CTX);
  assert.deepEqual(
    { ...e, PATH: undefined },
    {
      PATH: undefined,
      CODEX_CI: '1',
      CODEX_THREAD_ID: 'th',
      CODEX_SESSION_ID: 'se',
      CODEX_TOOL_CALL_ID: 'tc',
      CODEX_VERSION: '0.169.0',
      CODEX_PERMISSION_PROFILE: ':read-only',
      CODEX_SANDBOX_NETWORK_DISABLED: '1',
      CODEX_APPLY_PATCH_PRESERVE_LINE_ENDINGS: '1',
      NO_COLOR: '1',
      COLORTERM: '',
      TERM: 'dumb',
      PAGER: 'cat',
      GIT_PAGER: 'cat',
      GH_PAGER: 'cat',
      HEXEC: '1',
      HEXEC_SANDBOX: 'read-only',
      LC_CTYPE: 'C.UTF-8',
    },
  );
});

test('CODEX_SANDBOX_NETWORK_DISABLED only when the network is off', () => {
  const parent = { ...PARENT, CODEX_SANDBOX_NETWORK_DISABLED: '1' };
  const e = createCommandEnv(parseShellEnvironmentPolicy({}), parent, {
    ...CTX,
    sandboxMode: 'danger-full-access',
    networkDisabled: false,
  });
  assert.equal(e['CODEX_SANDBOX_NETWORK_DISABLED'], undefined);
  assert.equal(e['HEXEC_SANDBOX'], 'danger-full-access');
});

test('the API key and its variable never reach a command, under any policy, even via set or another name', () => {
  const parent = { ...PARENT, COPY_OF_IT: 'sk-mock-123456789', HEADER: 'Bearer sk-mock-123456789' };
  for (const t of [
    { ignore_default_excludes: true },
    { inherit: 'all' },
    { set: { MOCK_KEY: 'sk-mock-123456789', OTHER: 'sk-mock-123456789' } },
    { include_only: ['*'] },
  ]) {
    const e = createCommandEnv(parseShellEnvironmentPolicy({ ignore_default_excludes: true, ...t }), parent, CTX);
    assert.ok(!Object.values(e).some((v) => v.includes('sk-mock-123456789')), JSON.stringify(t));
    assert.equal(e['MOCK_KEY'], undefined);
  }
});
