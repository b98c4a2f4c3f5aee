import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { asIdentity } from './as-user.js';

const req = {
  program: '/usr/bin/node',
  args: ['cli.mjs', 'exec'],
  cwd: '/ws',
  env: { PATH: '/usr/bin:/bin', HOME: '/home/agent', GH_TOKEN: 'ghs_secret value "quoted"' },
};
const sudoUser = { kind: 'user', name: 'agent', uid: 1002, gid: 1002, home: '/home/agent', via: 'sudo' } as const;

test('under sudo the environment goes through env -i, and passed secrets never on a command line', () => {
  const plain = asIdentity(req, sudoUser);
  assert.deepEqual(plain.args.slice(0, 6), ['-n', '-u', 'agent', '--', '/usr/bin/env', '-i']);
  const wrapped = asIdentity(req, sudoUser, ['GH_TOKEN', 'UNSET_NAME']);
  assert.deepEqual(wrapped.args, [
    '-n',
    '--preserve-env=GH_TOKEN',
    '-u',
    'agent',
    '--',
    '/usr/bin/env',
    '-i',
    '-S',
    'GH_TOKEN=${GH_TOKEN}',
    'PATH=/usr/bin:/bin',
    'HOME=/home/agent',
    '/usr/bin/node',
    'cli.mjs',
    'exec',
  ]);
  assert.ok(!wrapped.args.join(' ').includes('ghs_secret'), 'the value is in no argument');
  assert.equal(wrapped.env['GH_TOKEN'], req.env.GH_TOKEN, 'sudo receives it in its environment');
  assert.deepEqual(asIdentity(req, { ...sudoUser, via: 'setuid' }), { ...req, uid: 1002, gid: 1002 });
  assert.equal(asIdentity(req, { kind: 'self' }), req);
});

test('env -S copies the preserved value before -i clears the rest (what the sudo wrapping relies on)', () => {
  const tail = asIdentity(req, sudoUser, ['GH_TOKEN']).args.slice(5, -3);
  const r = spawnSync(tail[0] as string, [...tail.slice(1), '/usr/bin/env'], {
    env: { GH_TOKEN: req.env.GH_TOKEN, OTHER: 'dropped' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').sort(), [
    `GH_TOKEN=${req.env.GH_TOKEN}`,
    'HOME=/home/agent',
    'PATH=/usr/bin:/bin',
  ]);
});
