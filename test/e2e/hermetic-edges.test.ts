import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { reply, startFakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, makeSandbox, parseJsonl, runCliAsync } from '../helpers/workspace.js';

const provider = (baseUrl: string) => [
  '-c',
  'model_provider="mock"',
  '-c',
  `model_providers.mock={base_url="${baseUrl}",wire_api="responses",env_key="MOCK_KEY"}`,
];

test('hermetic: stdin is read only for `-`; resume is refused', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  const server = await startFakeModelServer({ replies: [reply.text('ok')] });
  t.after(() => server.close());
  const env = cleanEnv(sb, { MOCK_KEY: 'k' });
  const implicit = await runCliAsync(['exec', '--hermetic', '--json', ...provider(server.baseUrl)], {
    cwd: sb.workspace,
    env,
    stdin: 'prompt from a pipe',
  });
  assert.equal(implicit.code, 2);
  assert.match(implicit.stderr, /hermetic run reads stdin only when the prompt is `-`/);
  assert.equal(server.requests.length, 0);
  // hermetic by -c: the same rule
  const byConfig = await runCliAsync(['exec', '-c', 'hermetic=true', '--json', ...provider(server.baseUrl)], {
    cwd: sb.workspace,
    env,
    stdin: 'prompt',
  });
  assert.equal(byConfig.code, 2);
  const explicit = await runCliAsync(['exec', '--hermetic', '--json', ...provider(server.baseUrl), '-'], {
    cwd: sb.workspace,
    env,
    stdin: 'prompt from a pipe',
  });
  assert.equal(explicit.code, 0, explicit.stderr);
  const sent = JSON.stringify(server.requests[0]?.body);
  assert.ok(sent.includes('prompt from a pipe'));
  const resume = await runCliAsync(['exec', '--hermetic', 'resume', '--last', 'again'], { cwd: sb.workspace, env });
  assert.equal(resume.code, 2);
  assert.match(resume.stderr, /cannot resume a session/);
});

test('hermetic danger-full-access: HOME and TMPDIR under /tmp/hexec-<thread>, umask 022, removed afterwards', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  const server = await startFakeModelServer({
    replies: [
      reply.execCommand('echo "$HOME|$TMPDIR"; umask; touch "$HOME/x"; stat -c %a "$HOME/x"'),
      reply.text('done'),
    ],
  });
  t.after(() => server.close());
  const env = cleanEnv(sb, { MOCK_KEY: 'k', TMPDIR: sb.root });
  const r = await runCliAsync(
    ['exec', '--hermetic', '--json', '-s', 'danger-full-access', ...provider(server.baseUrl), 'go'],
    { cwd: sb.workspace, env },
  );
  assert.equal(r.code, 0, r.stderr);
  const events = parseJsonl(r.stdout);
  const thread = (events[0] as { thread_id: string }).thread_id;
  const item = events.find((e) => e['type'] === 'item.completed') as { item: { aggregated_output: string } };
  assert.equal(item.item.aggregated_output, `/tmp/hexec-${thread}/home|/tmp/hexec-${thread}/tmp\n0022\n644\n`);
  assert.equal(existsSync(`/tmp/hexec-${thread}`), false, 'scratch removed');
});

test('hermetic: thread.started lists the extensions configured by applied layers, which hexec does not run', async (t) => {
  const sb = makeSandbox();
  t.after(() => sb.cleanup());
  sb.write(`${sb.systemDir}/config.toml`, 'notify = ["notify-send"]\n[mcp_servers.docs]\ncommand = "docs-server"\n');
  const server = await startFakeModelServer({ replies: [reply.text('ok')] });
  t.after(() => server.close());
  const r = await runCliAsync(['exec', '--hermetic', '--json', ...provider(server.baseUrl), 'hi'], {
    cwd: sb.workspace,
    env: cleanEnv(sb, { MOCK_KEY: 'k' }),
  });
  assert.equal(r.code, 0, r.stderr);
  const info = (parseJsonl(r.stdout)[0] as { hexec: { extensions_not_run: string[] } }).hexec;
  assert.deepEqual(info.extensions_not_run, ['mcp_servers.docs', 'notify']);
  const explain = await runCliAsync(['config', 'show', '--hermetic', '--explain'], {
    cwd: sb.workspace,
    env: cleanEnv(sb),
  });
  assert.match(
    explain.stdout,
    /^Extensions: hexec runs no hooks, MCP servers, skills or notify programs\.\n {2}configured but not run: mcp_servers\.docs, notify$/m,
  );
});
