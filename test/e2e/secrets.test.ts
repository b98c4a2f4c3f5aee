import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import { MOCK_KEY, execJson, withServer } from './exec-helpers.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test("sandboxed commands cannot read hexec's own state ($CODEX_HOME: auth.json, transcripts)", async (t) => {
  const look = reply.execCommand(
    'cat "$CODEX_HOME/auth.json" ~/.codex/auth.json 2>&1; ls -a "$CODEX_HOME" ~/.codex 2>&1',
  );
  const { sb, done } = await withServer({ replies: [look, reply.text('done'), look, reply.text('done')] });
  t.after(done);
  sb.write(join(sb.codexHome, 'auth.json'), '{"OPENAI_API_KEY":"sk-authjson-secret-value-42"}');
  for (const mode of ['read-only', 'workspace-write']) {
    const r = await execJson(sb, ['-s', mode, 'look around'], { CODEX_HOME: sb.codexHome });
    assert.equal(r.code, 0, r.stderr);
    const item = r.events.find(
      (e) => e['type'] === 'item.completed' && (e['item'] as { type: string }).type === 'command_execution',
    );
    const out = (item?.['item'] as { aggregated_output?: string } | undefined)?.aggregated_output ?? '';
    assert.ok(!out.includes('sk-authjson'), out);
    assert.ok(!out.includes('config.toml'), `CODEX_HOME listing leaked: ${out}`);
  }
});

test('a secret a command prints never reaches events, -o or the rollout (danger-full-access)', async (t) => {
  const { sb, done } = await withServer({
    replies: [
      reply.execCommand(
        'echo "key=$MOCK_KEY tok=$DEPLOY_TOKEN"; cat /proc/$PPID/environ | tr "\\0" "\\n" | grep -c KEY',
      ),
      reply.text(`I saw ${MOCK_KEY}`),
    ],
  });
  t.after(done);
  const out = join(sb.root, 'last.txt');
  const r = await execJson(
    sb,
    [
      '-s',
      'danger-full-access',
      '-c',
      'shell_environment_policy.ignore_default_excludes=true',
      '-o',
      out,
      'print the env',
    ],
    { DEPLOY_TOKEN: 'deploy-token-value-9876' },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes(MOCK_KEY), 'key in events');
  assert.ok(!r.stdout.includes('deploy-token-value-9876'), 'secret-named variable in events');
  assert.match(r.stdout, /\[REDACTED\]/);
  assert.ok(!readFileSync(out, 'utf8').includes(MOCK_KEY), 'key in -o');
  const rollouts = filesUnder(join(sb.codexHome, 'sessions'));
  assert.equal(rollouts.length, 1);
  const text = readFileSync(rollouts[0] as string, 'utf8');
  assert.ok(!text.includes(MOCK_KEY) && !text.includes('deploy-token-value-9876'), 'secret in the rollout');
});

test('CODEX_HOME inside a writable root is refused (exit 5): commands could read or tamper with it', async (t) => {
  const { sb, done } = await withServer({ replies: [reply.text('never')] });
  t.after(done);
  const inside = join(sb.workspace, 'state');
  sb.write(join(inside, 'config.toml'), readFileSync(join(sb.codexHome, 'config.toml'), 'utf8'));
  const r = await execJson(sb, ['-s', 'workspace-write', 'hi'], { CODEX_HOME: inside });
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /CODEX_HOME .* overlaps the writable root/);
  const ro = await execJson(sb, ['-s', 'read-only', 'hi'], { CODEX_HOME: inside });
  assert.equal(ro.code, 0, 'read-only: state inside the workspace is hidden and cannot be renamed');
});

test('-o inside the workspace cannot be redirected by a command that swaps its directory for a symlink', async (t) => {
  const { sb, done } = await withServer({
    replies: [
      reply.execCommand('mv out out.bak && ln -s "$VICTIM" out && echo swapped'),
      reply.text('* * * * * root pwned'),
    ],
  });
  t.after(done);
  const victim = join(sb.root, 'victim-dir');
  sb.write(join(victim, 'keep'), 'x');
  sb.write(join(sb.workspace, 'out', 'result.txt'), 'old');
  const r = await execJson(sb, ['-s', 'workspace-write', '-o', join(sb.workspace, 'out', 'result.txt'), 'go'], {
    VICTIM: victim,
  });
  assert.ok(!existsSync(join(victim, 'result.txt')), 'the final message landed outside the writable roots');
  assert.notEqual(r.code, 0, 'writing -o through the swapped directory fails the run');
  assert.match(r.stderr, /cannot write the last message/);
});

test("view_image sees what commands see: the sandbox's private /tmp, never hexec's hidden state", async (t) => {
  const { sb, server, done } = await withServer({
    replies: [
      reply.execCommand("printf '\\211PNG\\r\\n\\032\\nrest' > /tmp/shot.png && echo ok"),
      reply.functionCall('view_image', { path: '/tmp/shot.png' }),
    ],
  });
  t.after(done);
  server.enqueue(reply.functionCall('view_image', { path: join(sb.codexHome, 'auth.json') }), reply.text('done'));
  const secretPng = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('secret-in-auth'),
  ]);
  writeFileSync(join(sb.codexHome, 'auth.json'), secretPng);
  const r = await execJson(sb, ['-s', 'workspace-write', 'look']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.stringify(server.requests.at(-1)?.body);
  assert.match(body, /data:image\/png;base64,/, 'the PNG a command wrote to /tmp was viewable');
  assert.ok(!body.includes(secretPng.toString('base64')), 'hidden state reached the model via view_image');
});

test('--pass-env gives commands a named secret on purpose, in a hermetic sandboxed run; the key and hexec-owned names are refused', async (t) => {
  const probe =
    'test "$GH_TOKEN" = gh-token-value-4242 && echo gh=passed; echo other=${OTHER_TOKEN:-absent} unset=${NOT_SET_VAR:-absent}; echo "$GH_TOKEN"';
  const { server, sb, done } = await withServer({ replies: [reply.execCommand(probe), reply.text('done')] });
  t.after(done);
  // A hermetic run reads no user config: the provider comes from the command line.
  const hermetic = [
    '--hermetic',
    '--skip-git-repo-check',
    '-c',
    'model_provider="mock"',
    '-c',
    `model_providers.mock={base_url="${server.baseUrl}",wire_api="responses",env_key="MOCK_KEY"}`,
  ];
  const r = await execJson(sb, [...hermetic, '-s', 'workspace-write', '--pass-env', 'GH_TOKEN,NOT_SET_VAR', 'probe'], {
    GH_TOKEN: 'gh-token-value-4242',
    OTHER_TOKEN: 'other-token-value-77',
  });
  assert.equal(r.code, 0, r.stderr);
  const item = r.events.find(
    (e) => e['type'] === 'item.completed' && (e['item'] as { type: string }).type === 'command_execution',
  );
  const out = (item?.['item'] as { aggregated_output?: string } | undefined)?.aggregated_output ?? '';
  assert.match(out, /^gh=passed$/m, 'the named variable reached the command');
  assert.match(out, /^other=absent unset=absent$/m, 'an unnamed secret and an unset name pass nothing');
  assert.ok(!r.stdout.includes('gh-token-value-4242'), 'the passed value is redacted from events');
  assert.match(out, /^\[REDACTED\]$/m);

  for (const [name, why] of [
    ['MOCK_KEY', /it holds the model API key/],
    ['PATH', /hexec sets it for every command itself/],
    ['CODEX_THREAD_ID', /hexec sets it for every command itself/],
    ['1BAD', /not an environment variable name/],
  ] as const) {
    const bad = await execJson(sb, [...hermetic, '--pass-env', name, 'x']);
    assert.equal(bad.code, 2, `${name}: ${bad.stderr}`);
    assert.match(bad.stderr, new RegExp(`cannot pass ${name} to the agent's commands: ${why.source}`));
  }
  assert.equal(server.requests.length, 2, 'a refused --pass-env sends nothing to the model');
});
