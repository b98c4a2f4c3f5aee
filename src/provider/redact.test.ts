import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSecrets, isSecretName, redactDeep, redactHeaders, REDACTED } from './redact.js';

test('secret-looking names', () => {
  for (const n of [
    'Authorization',
    'api-key',
    'X-Api-Key',
    'OPENAI_API_KEY',
    'GITHUB_TOKEN',
    'client_secret',
    'DB_PASSWORD',
  ])
    assert.ok(isSecretName(n), n);
  for (const n of ['originator', 'session-id', 'PATH', 'HOME']) assert.equal(isSecretName(n), false, n);
});

test('collectSecrets takes secret-named env values (long enough), longest first', () => {
  const s = collectSecrets(
    { OPENAI_API_KEY: 'sk-abcdefgh', SHORT_TOKEN: '1', PATH: '/usr/bin:/bin', MY_SECRET: 'sk-abcdefgh-longer' },
    ['resolved-key-123'],
  );
  assert.deepEqual(s, ['sk-abcdefgh-longer', 'resolved-key-123', 'sk-abcdefgh']);
});

test('redactDeep replaces literal values in nested strings and keys', () => {
  const v = { a: ['echo sk-abcdefgh-longer done', { ['k sk-abcdefgh']: 'sk-abcdefgh' }], n: 3, z: null };
  const r = redactDeep(v, ['sk-abcdefgh-longer', 'sk-abcdefgh']);
  assert.equal(JSON.stringify(r).includes('sk-abcdefgh'), false);
  assert.deepEqual(r, { a: [`echo ${REDACTED} done`, { [`k ${REDACTED}`]: REDACTED }], n: 3, z: null });
});

test('redactHeaders blanks secret-named headers and scrubs values elsewhere', () => {
  assert.deepEqual(
    redactHeaders({ authorization: 'Bearer x', 'x-note': 'key=sk-abcdefgh', originator: 'codex_exec' }, [
      'sk-abcdefgh',
    ]),
    {
      authorization: REDACTED,
      'x-note': `key=${REDACTED}`,
      originator: 'codex_exec',
    },
  );
});
