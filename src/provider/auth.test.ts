import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HexecError } from '../errors/index.js';
import { describeAuthSource, resolveAuth } from './auth.js';
import { BUILTIN_OPENAI_PROVIDER, type ProviderInfo } from './provider-info.js';

const mock: ProviderInfo = { id: 'mock', baseUrl: 'http://127.0.0.1:1/v1', wireApi: 'responses', envKey: 'MOCK_KEY' };
const noFile = (): undefined => undefined;

test('env_key provider uses that variable', () => {
  const a = resolveAuth(mock, {
    vars: { MOCK_KEY: 'sk-1', CODEX_API_KEY: 'other' },
    codexHome: '/h',
    readAuthJson: noFile,
  });
  assert.deepEqual(a, { kind: 'bearer', token: 'sk-1', source: 'env:MOCK_KEY' });
  assert.equal(describeAuthSource(mock, a), 'the key from MOCK_KEY');
});

test('missing or blank env_key variable is an auth error naming it (exit 7)', () => {
  for (const vars of [{}, { MOCK_KEY: '  ' }] as Record<string, string>[]) {
    assert.throws(
      () => resolveAuth(mock, { vars, codexHome: '/h', readAuthJson: noFile }),
      (e: unknown) =>
        e instanceof HexecError && e.kind === 'auth' && e.exitCode === 7 && e.message.includes('`MOCK_KEY`'),
    );
  }
});

test('env_key_instructions become the hint', () => {
  try {
    resolveAuth(
      { ...mock, envKeyInstructions: 'get one at example.com' },
      { vars: {}, codexHome: '/h', readAuthJson: noFile },
    );
    assert.fail('expected throw');
  } catch (e) {
    assert.ok(e instanceof HexecError);
    assert.equal(e.hint, 'get one at example.com');
  }
});

test('built-in openai: CODEX_API_KEY, then OPENAI_API_KEY, then auth.json', () => {
  const file = (p: string): string | undefined => (p === '/h/auth.json' ? '{"OPENAI_API_KEY":"sk-file"}' : undefined);
  const r = (vars: Record<string, string>) =>
    resolveAuth(BUILTIN_OPENAI_PROVIDER, { vars, codexHome: '/h', readAuthJson: file });
  assert.deepEqual(r({ CODEX_API_KEY: 'a', OPENAI_API_KEY: 'b' }), {
    kind: 'bearer',
    token: 'a',
    source: 'env:CODEX_API_KEY',
  });
  assert.deepEqual(r({ OPENAI_API_KEY: 'b' }), { kind: 'bearer', token: 'b', source: 'env:OPENAI_API_KEY' });
  assert.deepEqual(r({}), { kind: 'bearer', token: 'sk-file', source: '/h/auth.json' });
});

test('built-in openai with no key anywhere is an auth error naming the sources', () => {
  for (const content of [undefined, 'not json', '{"OPENAI_API_KEY":null}', '[]']) {
    assert.throws(
      () => resolveAuth(BUILTIN_OPENAI_PROVIDER, { vars: {}, codexHome: '/h', readAuthJson: () => content }),
      (e: unknown) =>
        e instanceof HexecError &&
        e.kind === 'auth' &&
        e.message.includes('CODEX_API_KEY') &&
        e.message.includes('/h/auth.json'),
    );
  }
});

test('keyless provider sends no Authorization; experimental_bearer_token wins over everything', () => {
  const local: ProviderInfo = { id: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', wireApi: 'chat' };
  assert.equal(resolveAuth(local, { vars: { CODEX_API_KEY: 'x' }, codexHome: '/h' }).kind, 'none');
  const withToken = resolveAuth({ ...mock, experimentalBearerToken: 'sekrit-value' }, { vars: {}, codexHome: '/h' });
  assert.equal(withToken.kind === 'bearer' ? withToken.token : '', 'sekrit-value');
  assert.equal(withToken.source.includes('sekrit'), false);
});
