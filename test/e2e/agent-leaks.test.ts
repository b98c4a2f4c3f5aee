import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeModelServer, reply } from '../helpers/fake-model-server.js';
import { runCliAsync, type CliResult } from '../helpers/workspace.js';
import { makeWorkspace, type Workspace } from './sandbox-helpers.js';

/**
 * What hexec holds must not reach a command through the side doors: descriptors it
 * inherited, and the command environment on a process's command line. Through the agent's
 * exec_command, against the fake model server.
 */
const KEY = 'sk-leaks-test-0b5d77c1e9a24f03';

function providerArgs(baseUrl: string): string[] {
  return [
    '-c',
    'model_provider=mock',
    '-c',
    `model_providers.mock={name="mock", base_url="${baseUrl}", wire_api="responses", env_key="OPENAI_API_KEY", request_max_retries=0, stream_max_retries=0}`,
  ];
}

/** Runs one `hexec exec` whose model runs `cmd` once; returns hexec's result and the command output the model got. */
async function runOne(
  w: Workspace,
  cmd: string,
  extra: readonly string[],
  opts: { via?: readonly string[]; whileRunning?: (done: Promise<CliResult>) => Promise<void> } = {},
): Promise<{ r: CliResult; output: string }> {
  const s = await startFakeModelServer({
    replies: [reply.execCommand(cmd, { yield_time_ms: 10_000 }), reply.text('done')],
  });
  try {
    const done = runCliAsync(['exec', '--json', '-C', w.ws, ...extra, ...providerArgs(s.baseUrl), 'go'], {
      cwd: w.ws,
      env: w.env,
      ...(opts.via !== undefined ? { via: opts.via } : {}),
    });
    await opts.whileRunning?.(done);
    const r = await done;
    const body = s.requests[1]?.body as { input?: Array<Record<string, unknown>> } | undefined;
    const out = body?.input?.find((i) => i['type'] === 'function_call_output');
    const output = out?.['output'];
    return { r, output: typeof output === 'string' ? output : '' };
  } finally {
    await s.close();
  }
}

/** A wrapper shell that opens fd 300 on `file` (no close-on-exec) and execs the rest: a CI runner's leftover. */
const holdingFd300 = (file: string): string[] => ['/bin/bash', '-c', 'exec 300>>"$0"; exec "$@"', file];

test('a descriptor hexec inherited (fd 300 from its parent) reaches no command in any mode; the control shows it is live', async () => {
  const w = makeWorkspace({ OPENAI_API_KEY: KEY });
  const file = join(w.outside, 'runner-log.txt');
  writeFileSync(file, '');
  const control = spawnSync('/bin/bash', ['-c', 'exec 300>>"$0"; bash -c "echo control >&300"', file]);
  assert.equal(control.status, 0);
  const cmd =
    '{ echo leak >&300; } 2>/dev/null; { echo leak > /proc/self/fd/300; } 2>/dev/null; ls /proc/self/fd | tr "\\n" " "';
  const modes = ['read-only', 'workspace-write', 'danger-full-access'] as const;
  const runs = await Promise.all(modes.map((m) => runOne(w, cmd, ['-s', m], { via: holdingFd300(file) })));
  runs.forEach(({ r, output }, i) => {
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      output,
      /\n0 1 2 3 ?$/,
      `${modes[i] ?? ''}: the command saw more than 0-2 (3 is ls's own):\n${output}`,
    );
  });
  assert.equal(readFileSync(file, 'utf8'), 'control\n', 'a command wrote through the inherited descriptor');
});

/** Every process's command line on the host, as text. */
function allCmdlines(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

test("no value of the command environment is on any process's command line while a command runs", async () => {
  const password = 'db-pass-6e1f0c3a9b7d';
  const note = 'deploy-note-94a2c7e1';
  const marker = 'MARKER-3c8e51f0';
  const w = makeWorkspace({ OPENAI_API_KEY: KEY, DB_PASSWORD: password });
  // In the user's config, not on hexec's own command line (where the user would have put it).
  writeFileSync(
    join(w.env['CODEX_HOME'] as string, 'config.toml'),
    `[shell_environment_policy]\nignore_default_excludes = true\nset = { DEPLOY_NOTE = "${note}" }\n`,
  );
  const go = join(w.ws, 'go.fifo');
  assert.equal(spawnSync('mkfifo', [go]).status, 0);
  let seen: string[] = [];
  const cmd = `printf %s "$DB_PASSWORD/$DEPLOY_NOTE" | sha256sum; cat go.fifo >/dev/null; echo released ${marker}`;
  const { r, output } = await runOne(w, cmd, ['-s', 'workspace-write'], {
    // Opening the FIFO for writing returns once the command has it open for reading:
    // the whole chain (hexec, bwrap, bash, cat) is alive. If hexec ends first, a reader
    // of our own releases the open.
    whileRunning: async (done) => {
      const writer = open(go, 'w');
      void done.then(() => closeSync(openSync(go, constants.O_RDONLY | constants.O_NONBLOCK)));
      const fh = await writer;
      seen = allCmdlines();
      await fh.write('go\n');
      await fh.close();
    },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(output, new RegExp(marker), output);
  const digest = createHash('sha256').update(`${password}/${note}`).digest('hex');
  assert.ok(output.includes(digest), 'the command got both values in its environment');
  // The control: the scan does see the sandbox's processes (bwrap's own command line too).
  assert.ok(
    seen.some((c) => c.includes('bwrap') && c.includes(marker)),
    "the scan saw no bwrap command line holding the command's marker",
  );
  for (const v of [password, note]) {
    const hits = seen.filter((c) => c.includes(v));
    assert.deepEqual(hits, [], `${v} is on a command line`);
  }
});
