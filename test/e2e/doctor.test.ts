import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cleanEnv, makeSandbox, runCliAsync } from '../helpers/workspace.js';

interface Report {
  machine_dependent: boolean;
  failed: boolean;
  checks: Array<{ id: string; status: string; summary: string; details: string[]; machine_dependent: boolean }>;
  fingerprints: { default: string | null; hermetic: string | null };
}

const byId = (r: Report, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c !== undefined, `no ${id} check`);
  return c;
};

test('doctor --ci: a clean machine passes; user config, rules, AGENTS.md and auth.json each make it fail and are named', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  const env = cleanEnv(sb, { OPENAI_API_KEY: 'sk-doctor-secret-value' });
  const clean = await runCliAsync(['doctor', '--ci', '--json', '--offline'], { cwd: sb.workspace, env });
  const r0 = JSON.parse(clean.stdout) as Report;
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(r0.machine_dependent, false);
  assert.equal(byId(r0, 'provider').status, 'skipped');
  assert.equal(byId(r0, 'sandbox').status, 'ok');
  assert.ok(!clean.stdout.includes('sk-doctor-secret-value'), 'the key never appears');

  sb.write(join(sb.codexHome, 'config.toml'), 'model = "user-model"\n');
  sb.write(join(sb.codexHome, 'rules', 'mine.rules'), 'prefix_rule(pattern=["rm"], decision="forbidden")\n');
  sb.write(join(sb.codexHome, 'AGENTS.md'), 'be nice\n');
  sb.write(join(sb.codexHome, 'hooks.json'), '{}\n');
  sb.write(join(sb.systemDir, 'config.toml'), 'model_verbosity = "high"\n');
  const dirty = await runCliAsync(['doctor', '--ci', '--json', '--offline'], { cwd: sb.workspace, env });
  assert.equal(dirty.code, 1, dirty.stdout);
  const r1 = JSON.parse(dirty.stdout) as Report;
  assert.equal(r1.machine_dependent, true);
  const machine = r1.checks
    .filter((c) => c.machine_dependent)
    .map((c) => c.id)
    .sort();
  assert.deepEqual(machine, ['config', 'instructions', 'rules']);
  assert.ok(
    byId(r1, 'config').details.some(
      (d) => d.includes('a hermetic run skips user') && d.includes(join(sb.codexHome, 'config.toml')),
    ),
  );
  assert.ok(
    byId(r1, 'config').details.some(
      (d) => d.startsWith('administrator policy') && d.includes(join(sb.systemDir, 'config.toml')),
    ),
  );
  assert.ok(
    byId(r1, 'differences').details.some((d) => d.startsWith('model: "user-model" → hermetic "gpt-6.1-sol"')),
    byId(r1, 'differences').details.join('\n'),
  );
  assert.ok(byId(r1, 'extensions').details.includes(join(sb.codexHome, 'hooks.json')));
  assert.notEqual(r1.fingerprints.default, r1.fingerprints.hermetic);

  // without --ci the report is printed and the exit is 0; human text names the same facts
  const human = await runCliAsync(['doctor', '--offline'], { cwd: sb.workspace, env });
  assert.equal(human.code, 0);
  assert.match(
    human.stdout,
    /^\[warn\] +config +1 user or trust-store config layer\(s\) would reach a non-hermetic run +\(machine-dependent\)$/m,
  );
  assert.match(human.stdout, /^\[warn\] +rules /m);

  // auth.json alone (openai provider, no env key): machine-dependent
  const sb2 = makeSandbox();
  t.after(() => sb2.cleanup());
  sb2.write(join(sb2.codexHome, 'auth.json'), '{"OPENAI_API_KEY":"sk-from-file-secret"}\n');
  const a = await runCliAsync(
    [
      'doctor',
      '--ci',
      '--json',
      '--offline',
      '-c',
      'model_provider="p"',
      '-c',
      'model_providers.p={base_url="http://127.0.0.1:9/v1",requires_openai_auth=true}',
    ],
    { cwd: sb2.workspace, env: cleanEnv(sb2) },
  );
  const ra = JSON.parse(a.stdout) as Report;
  assert.ok(!a.stdout.includes('sk-from-file-secret'));
  assert.equal(byId(ra, 'auth').machine_dependent, true, byId(ra, 'auth').summary);
  assert.equal(a.code, 1);
});

test('doctor: the provider check connects to base_url (no request) and fails on a closed port', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  let connections = 0;
  const server = createServer((s) => {
    connections += 1;
    s.on('data', () => assert.fail('doctor must not send a request'));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const args = (p: number) => [
    'doctor',
    '--json',
    '-c',
    'model_provider="p"',
    '-c',
    `model_providers.p={base_url="http://127.0.0.1:${p}/v1"}`,
  ];
  const up = await runCliAsync(args(port), { cwd: sb.workspace, env: cleanEnv(sb) });
  assert.equal(byId(JSON.parse(up.stdout) as Report, 'provider').status, 'ok');
  assert.equal(connections, 1);
  // a port that was just free: connection refused
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const freePort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const down = await runCliAsync([...args(freePort), '--ci'], { cwd: sb.workspace, env: cleanEnv(sb) });
  const rd = JSON.parse(down.stdout) as Report;
  assert.equal(byId(rd, 'provider').status, 'fail');
  assert.match(byId(rd, 'provider').summary, /ECONNREFUSED/);
  assert.equal(down.code, 1, 'a failed check fails --ci');
});

test('doctor rejects unknown arguments (exit 2)', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  const r = await runCliAsync(['doctor', 'extra'], { cwd: sb.workspace, env: cleanEnv(sb) });
  assert.equal(r.code, 2);
});
