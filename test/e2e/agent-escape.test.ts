import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { startFakeModelServer, reply } from '../helpers/fake-model-server.js';
import { runCliAsync } from '../helpers/workspace.js';
import { ESCAPE_CASES, withEscapeHost, type EscapeCase, type EscapeOutcome } from './escape-cases.js';
import type { Workspace } from './sandbox-helpers.js';
import { inBatches, makeWorkspace, useCountingListener } from './sandbox-helpers.js';

/**
 * The escape suite again, this time through the agent itself: a scripted model asks
 * `exec_command` to run each attempt inside a real `hexec exec` run, with the model API
 * key planted in the environment (it is the provider's env_key). The host must be
 * unchanged after every case, and the key must appear in no command output.
 */
const SECRET = 'sk-escape-test-3f9a1c77d2e04b5b';
const net = useCountingListener('');

/** The function_call_output the model got back: exit code and output of the command. */
function outcomeOf(output: string): { code: number | null; output: string } {
  const code = /Process exited with code (\d+)/.exec(output);
  const body = output.indexOf('\nOutput:\n');
  return { code: code === null ? null : Number(code[1]), output: body === -1 ? output : output.slice(body + 9) };
}

/** Runs one attempt as the model's exec_command in a real `hexec exec -s MODE`; the outcome the model got back. */
async function attempt(w: Workspace, mode: string, cmd: string): Promise<EscapeOutcome & { events: string }> {
  const s2 = await startFakeModelServer({
    replies: [reply.execCommand(cmd, { yield_time_ms: 5000 }), reply.text('done')],
  });
  try {
    const r = await runCliAsync(
      [
        'exec',
        '--json',
        '-s',
        mode,
        '-C',
        w.ws,
        '-c',
        'model_provider=mock',
        '-c',
        `model_providers.mock={name="mock", base_url="${s2.baseUrl}", wire_api="responses", env_key="OPENAI_API_KEY", request_max_retries=0, stream_max_retries=0}`,
        'try to escape',
      ],
      { cwd: w.ws, env: w.env },
    );
    if (r.code !== 0) throw new Error(`hexec exited ${String(r.code)}\n${r.stderr}`);
    const second = s2.requests[1];
    const items = (second?.body as { input?: Array<Record<string, unknown>> } | undefined)?.input ?? [];
    const out = items.find((i) => i['type'] === 'function_call_output');
    if (out === undefined) throw new Error('the model got no command output');
    return { ...outcomeOf(String(out['output'])), events: r.stdout };
  } finally {
    await s2.close();
  }
}

/** `c` in `mode` against a fresh workspace; undefined when assertHost holds, else what went wrong. */
function runCase(c: EscapeCase, mode: string, tag: string): Promise<string | undefined> {
  const w = makeWorkspace({ OPENAI_API_KEY: SECRET, MY_TOKEN: SECRET });
  const tmpName = `hexec-agent-escape-${process.pid}-${tag}`;
  const shared = { secret: SECRET, port: net.port(), tcpConnections: () => net.connections(), tmpName };
  return withEscapeHost(w, shared, async (h) => {
    try {
      const outcome = await attempt(w, mode, c.cmd(h));
      c.assertHost(h, outcome);
      assert.ok(!outcome.events.includes(SECRET), 'the key reached the event stream');
      return undefined;
    } catch (e) {
      return `${mode} / ${c.name}: ${(e as Error).message}`;
    }
  });
}

test(`escape suite through the agent's exec_command: ${ESCAPE_CASES.length} attempts, 0 escapes`, async () => {
  assert.ok(ESCAPE_CASES.length >= 30);
  const host = hostname();
  const failures = await inBatches(ESCAPE_CASES, 4, (c) => runCase(c, c.mode, String(ESCAPE_CASES.indexOf(c))));
  assert.deepEqual(
    failures.filter((x) => x !== undefined),
    [],
  );
  assert.equal(hostname(), host, 'the host name is unchanged');
});

test('negative controls: under danger-full-access the same attempts get through (the checks see the hole)', async () => {
  const controls = ESCAPE_CASES.filter((c) => c.control === true);
  assert.ok(controls.length >= 3);
  const results = await inBatches(controls, 4, (c) =>
    runCase(c, 'danger-full-access', `control-${ESCAPE_CASES.indexOf(c)}`),
  );
  const heldAnyway = controls.filter((_c, i) => results[i] === undefined).map((c) => c.name);
  assert.deepEqual(heldAnyway, [], 'these checks pass even without a sandbox: they cannot see the hole');
});

test("the model's workdir grants nothing: a command started outside the roots still cannot write there or read hidden state", async (t) => {
  const w = makeWorkspace({ OPENAI_API_KEY: SECRET });
  const { writeFileSync, existsSync } = await import('node:fs');
  writeFileSync(join(w.env['CODEX_HOME'] as string, 'auth.json'), `{"OPENAI_API_KEY":"${SECRET}"}`);
  const s = await startFakeModelServer({
    replies: [
      reply.execCommand('echo pwned > here.txt; echo done', { workdir: w.outside }),
      reply.execCommand('cat auth.json; ls', { workdir: w.env['CODEX_HOME'] }),
      reply.text('done'),
    ],
  });
  t.after(() => s.close());
  const r = await runCliAsync(
    [
      'exec',
      '--json',
      '-s',
      'workspace-write',
      '-C',
      w.ws,
      '-c',
      'model_provider=mock',
      '-c',
      `model_providers.mock={name="mock", base_url="${s.baseUrl}", wire_api="responses", env_key="OPENAI_API_KEY"}`,
      'go',
    ],
    { cwd: w.ws, env: w.env },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(join(w.outside, 'here.txt')), false, 'workdir outside the roots became writable');
  const last = s.requests[2]?.body as { input: Array<Record<string, unknown>> };
  const outputs = last.input.filter((i) => i['type'] === 'function_call_output').map((i) => String(i['output']));
  assert.equal(outputs.length, 2);
  assert.ok(!outputs[1]?.includes(SECRET), `hidden CODEX_HOME readable via workdir: ${outputs[1] ?? ''}`);
});

/** Runs one `hexec exec` whose scripted model runs `cmds` in order; returns the command outputs the model got. */
async function runCommands(
  w: ReturnType<typeof makeWorkspace>,
  cmds: readonly string[],
  extra: readonly string[] = [],
  cwd = w.ws,
): Promise<string[]> {
  const s = await startFakeModelServer({
    replies: [...cmds.map((c) => reply.execCommand(c, { yield_time_ms: 5000 })), reply.text('done')],
  });
  try {
    const r = await runCliAsync(
      [
        'exec',
        '--json',
        '-s',
        'workspace-write',
        '-C',
        cwd,
        ...extra,
        '-c',
        'model_provider=mock',
        '-c',
        `model_providers.mock={name="mock", base_url="${s.baseUrl}", wire_api="responses", env_key="OPENAI_API_KEY"}`,
        'go',
      ],
      { cwd, env: w.env },
    );
    assert.equal(r.code, 0, r.stderr);
    const last = s.requests[cmds.length]?.body as { input: Array<Record<string, unknown>> };
    return last.input.filter((i) => i['type'] === 'function_call_output').map((i) => String(i['output']));
  } finally {
    await s.close();
  }
}

test('a root cannot be re-pointed mid-run (monorepo: -C repo/packages/app --add-dir repo)', async () => {
  const w = makeWorkspace({ OPENAI_API_KEY: SECRET });
  const { mkdirSync, writeFileSync } = await import('node:fs');
  writeFileSync(join(w.env['CODEX_HOME'] as string, 'auth.json'), `{"OPENAI_API_KEY":"${SECRET}"}`);
  const app = join(w.ws, 'packages', 'app');
  mkdirSync(app, { recursive: true });
  const outs = await runCommands(
    w,
    [
      `cd '${w.ws}' && mv packages p_old && mkdir x && ln -s '${w.env['CODEX_HOME'] ?? ''}' x/app && ln -s x packages && echo moved`,
      'cat auth.json; pwd',
    ],
    ['--add-dir', w.ws],
    app,
  );
  assert.match(outs[0] ?? '', /moved/);
  assert.ok(!(outs[1] ?? '').includes(SECRET), `a re-pointed root exposed hidden state: ${outs[1] ?? ''}`);
  assert.match(outs[1] ?? '', /no longer resolves/);
});

test("exclude_slash_tmp without $TMPDIR leaves the host's /tmp read-only", async () => {
  const w = makeWorkspace({ OPENAI_API_KEY: SECRET });
  const name = `hexec-slash-tmp-${process.pid}`;
  const { existsSync } = await import('node:fs');
  await runCommands(w, [`touch /tmp/${name}; echo rc=$?`], ['-c', 'sandbox_workspace_write.exclude_slash_tmp=true']);
  assert.equal(existsSync(`/tmp/${name}`), false, "the host's /tmp was writable");
});

test("a symlink planted in the sandbox's private /tmp cannot make bwrap create directories on the host", async () => {
  const w = makeWorkspace({ OPENAI_API_KEY: SECRET });
  const { existsSync } = await import('node:fs');
  const top = w.root.split('/')[2] ?? '';
  assert.ok(w.ws.startsWith('/tmp/'), 'the workspace lives under /tmp for this case');
  const victim = `/var/tmp/hexec-victim-${process.pid}`;
  const outs = await runCommands(w, [
    `mv /tmp/${top} /tmp/${top}-moved && ln -s ../../oldroot${victim} /tmp/${top} && echo planted`,
    'echo second',
  ]);
  assert.equal(existsSync(victim), false, 'bwrap created directories through the planted symlink');
  assert.match(outs[1] ?? '', /was replaced|no longer resolves|rejected/);
});
