import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { makeWorkspace, runCli, useCountingListener, type Workspace } from './sandbox-helpers.js';

const net = useCountingListener('hello\n');

/** The fixture-17 probe, with bash's /dev/tcp instead of curl. */
function probe(w: Workspace): string {
  return `for p in ./in_cwd.txt /tmp/in_tmp.txt ./.git/in_git.txt ${w.outside}/o.txt ${w.addDir}/e.txt; do (echo x > $p) 2>/dev/null && echo "OK $p" || echo "DENIED $p"; done; (exec 3<>/dev/tcp/127.0.0.1/${net.port()}) 2>/dev/null && echo net:ok || echo net:blocked`;
}

const lines = (w: Workspace, s: string): string =>
  s.replaceAll(w.outside, '$OUTSIDE_DIR').replaceAll(w.addDir, '$ADD_DIR');

test('fixture 17a: workspace-write — cwd and /tmp writable, .git and outside denied, network blocked', async () => {
  const w = makeWorkspace();
  const r = await runCli(['sandbox', '-s', 'workspace-write', '-C', w.ws, '--', 'bash', '-c', probe(w)], w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    lines(w, r.stdout),
    'OK ./in_cwd.txt\nOK /tmp/in_tmp.txt\nDENIED ./.git/in_git.txt\nDENIED $OUTSIDE_DIR/o.txt\nDENIED $ADD_DIR/e.txt\nnet:blocked\n',
  );
  assert.ok(existsSync(join(w.ws, 'in_cwd.txt')));
  assert.ok(!existsSync(join(w.ws, '.git/in_git.txt')));
  const fixture = readFileSync(join(FIXTURES, 'codex/17a-workspace-write-probe/stdout.jsonl'), 'utf8');
  for (const l of [
    'OK ./in_cwd.txt',
    'OK /tmp/in_tmp.txt',
    'DENIED ./.git/in_git.txt',
    'DENIED $OUTSIDE_DIR/o.txt',
    'DENIED $ADD_DIR/e.txt',
    'net:blocked',
  ])
    assert.ok(fixture.includes(l), l);
});

test('fixture 17b: --add-dir writable and network_access=true reaches 127.0.0.1', async () => {
  const w = makeWorkspace();
  const before = net.connections();
  const r = await runCli(
    [
      'sandbox',
      '-s',
      'workspace-write',
      '--add-dir',
      w.addDir,
      '-c',
      'sandbox_workspace_write.network_access=true',
      '-C',
      w.ws,
      '--',
      'bash',
      '-c',
      probe(w),
    ],
    w.env,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    lines(w, r.stdout),
    'OK ./in_cwd.txt\nOK /tmp/in_tmp.txt\nDENIED ./.git/in_git.txt\nDENIED $OUTSIDE_DIR/o.txt\nOK $ADD_DIR/e.txt\nnet:ok\n',
  );
  assert.ok(existsSync(join(w.addDir, 'e.txt')));
  assert.ok(net.connections() > before);
});

test('fixture 17c: read-only denies every write and the network', async () => {
  const w = makeWorkspace();
  const r = await runCli(['sandbox', '-C', w.ws, '--', 'bash', '-c', probe(w)], w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    lines(w, r.stdout),
    'DENIED ./in_cwd.txt\nDENIED /tmp/in_tmp.txt\nDENIED ./.git/in_git.txt\nDENIED $OUTSIDE_DIR/o.txt\nDENIED $ADD_DIR/e.txt\nnet:blocked\n',
  );
});

test("exit code of the command is hexec sandbox's exit code; the env carries the markers, not the secrets", async () => {
  const w = makeWorkspace({
    OPENAI_API_KEY: 'sk-test-abcdefgh12345',
    MY_TOKEN: 'tok',
    CODEX_API_KEY: 'sk-codex-xyz987654',
  });
  const r = await runCli(['sandbox', '-s', 'workspace-write', '-C', w.ws, '--', 'bash', '-c', 'env; exit 7'], w.env);
  assert.equal(r.code, 7);
  assert.match(r.stdout, /^HEXEC_SANDBOX=workspace-write$/m);
  assert.match(r.stdout, /^CODEX_SANDBOX_NETWORK_DISABLED=1$/m);
  assert.doesNotMatch(r.stdout, /sk-test|sk-codex|MY_TOKEN|OPENAI_API_KEY/);
  assert.ok(!existsSync(join(w.ws, '.codex.placeholder')));
});

test('a missing .codex is protected during the run and leaves no placeholder behind', async () => {
  const w = makeWorkspace();
  const ws2 = join(w.root, 'ws2');
  mkdirSync(ws2);
  const r = await runCli(
    [
      'sandbox',
      '-s',
      'workspace-write',
      '-C',
      ws2,
      '--',
      'bash',
      '-c',
      'mkdir .codex 2>/dev/null && echo created || echo denied',
    ],
    w.env,
  );
  assert.equal(r.stdout, 'denied\n');
  assert.ok(!existsSync(join(ws2, '.codex')));
});

test('rules in $CODEX_HOME/rules refuse a forbidden command (fixture 13a), --ignore-rules runs it (13d)', async () => {
  const w = makeWorkspace();
  mkdirSync(join(w.env['CODEX_HOME'] as string, 'rules'));
  const rules = readFileSync(join(FIXTURES, 'codex/13a-rules-forbidden/default.rules'), 'utf8');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(w.env['CODEX_HOME'] as string, 'rules/default.rules'), rules);
  const r = await runCli(['sandbox', '-C', w.ws, '--', '/bin/bash', '-lc', 'echo hi'], w.env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /`\/bin\/bash -lc 'echo hi'` rejected: no echo allowed/);
  const r2 = await runCli(['sandbox', '--ignore-rules', '-C', w.ws, '--', '/bin/bash', '-c', 'echo hi'], w.env);
  assert.equal(r2.stdout, 'hi\n');
});

test('bwrap hidden from PATH: read-only and workspace-write exit 5 with the diagnosis; danger-full-access runs', async () => {
  const w = makeWorkspace();
  const bin = join(w.root, 'bin');
  mkdirSync(bin);
  for (const p of ['sh', 'bash', 'true', 'echo']) symlinkSync(`/bin/${p}`, join(bin, p));
  const env = { ...w.env, PATH: bin };
  for (const mode of ['read-only', 'workspace-write']) {
    const r = await runCli(['sandbox', '-s', mode, '-C', w.ws, '--', 'sh', '-c', 'echo ran > ran.txt'], env);
    assert.equal(r.code, 5, mode);
    assert.match(r.stderr, /bubblewrap \(`bwrap`\) was not found on PATH/);
    assert.match(r.stderr, /apt-get install bubblewrap/);
    assert.equal(r.stdout, '');
    assert.ok(!existsSync(join(w.ws, 'ran.txt')), 'nothing ran unsandboxed');
  }
  const r = await runCli(['sandbox', '-s', 'danger-full-access', '-C', w.ws, '--', 'sh', '-c', 'echo ran'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ran\n');
});

test('a bwrap inside the working directory is never used', async () => {
  const w = makeWorkspace();
  const evil = join(w.ws, 'bin');
  mkdirSync(evil);
  symlinkSync('/bin/true', join(evil, 'bwrap'));
  const r = await runCli(['sandbox', '-C', w.ws, '--', 'true'], { ...w.env, PATH: evil });
  assert.equal(r.code, 5);
});

test('execpolicy check reproduces fixture 19 and --pretty', async () => {
  const dir = join(FIXTURES, 'codex/19-execpolicy-check');
  const expected = readFileSync(join(dir, 'check-output.txt'), 'utf8').split('\n');
  const env = { PATH: '/usr/bin:/bin' };
  const r = await runCli(
    ['execpolicy', 'check', '--rules', join(dir, 'example.rules'), 'git', 'push', 'origin', 'main'],
    env,
  );
  assert.equal(r.stdout, `${expected[1]}\n`);
  const r2 = await runCli(['execpolicy', 'check', '--rules', join(dir, 'example.rules'), '--', 'ls'], env);
  assert.equal(r2.stdout, '{"matchedRules":[]}\n');
  const r3 = await runCli(
    ['execpolicy', 'check', '--rules', join(dir, 'example.rules'), '--pretty', 'rm', '-rf', '/'],
    env,
  );
  assert.deepEqual(JSON.parse(r3.stdout), JSON.parse(expected[7] as string));
  assert.match(r3.stdout, /^\{\n {2}"matchedRules"/);
  const r4 = await runCli(
    ['execpolicy', 'check', '--rules', join(dir, 'prompt-user-rejected.rules'), 'echo', 'hi'],
    env,
  );
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /prompt-user-rejected\.rules:1:1: invalid decision: prompt-user/);
});
