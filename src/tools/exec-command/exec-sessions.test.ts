import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/helpers/paths.js';
import { createExecSessions, sequentialIds, STDIN_CLOSED, type ExecSessionsOptions } from './exec-sessions.js';
import { passThroughLauncher, type CommandLauncher } from './launcher.js';
import { tempDir } from '../../../test/helpers/temp-dir.js';

const home = tempDir('hexec-exec-');
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home };
const ctx = { cwd: home, env };
const frozen = { nowMs: () => 0, monotonicMs: () => 0 };

/** Shows `-lc` to the model but runs `-c`, so no profile of this machine is read. */
const noProfile: CommandLauncher = (cmd) =>
  passThroughLauncher({ ...cmd, argv: cmd.argv.map((a) => (a === '-lc' ? '-c' : a)) });

function sessions(extra: Partial<ExecSessionsOptions> = {}): ReturnType<typeof createExecSessions> {
  return createExecSessions({ launcher: noProfile, clock: frozen, ...extra });
}

function fixtureCall(name: string): { args: { cmd: string; yield_time_ms: number }; output: string; command: string } {
  const req = JSON.parse(readFileSync(join(FIXTURES, 'codex', name, 'request-2.json'), 'utf8')) as {
    body: { input: Array<{ type: string; arguments?: string; output?: string }> };
  };
  const call = req.body.input.find((i) => i.type === 'function_call');
  const out = req.body.input.find((i) => i.type === 'function_call_output');
  const events = readFileSync(join(FIXTURES, 'codex', name, 'stdout.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; item?: { type: string; command?: string } });
  const started = events.find((e) => e.type === 'item.completed' && e.item?.type === 'command_execution');
  return {
    args: JSON.parse(call?.arguments ?? '{}') as { cmd: string; yield_time_ms: number },
    output: out?.output ?? '',
    command: started?.item?.command ?? '',
  };
}

test('echo hi: output text and event match codex fixture 01', async () => {
  const f = fixtureCall('01-tool-call-json');
  const s = sessions({ newChunkId: () => '3bef37' });
  const r = await s.execCommand(f.args, ctx);
  assert.equal(r.text, f.output);
  assert.deepEqual(r.event, {
    command: f.command,
    aggregated_output: 'hi\n',
    exit_code: 0,
    status: 'completed',
    sandboxDenied: false,
  });
});

test('non-zero exit: output text and event match codex fixture 12', async () => {
  const f = fixtureCall('12-command-exit-3');
  const s = sessions({ newChunkId: () => '98c05f' });
  const r = await s.execCommand(f.args, ctx);
  assert.equal(r.text, f.output);
  assert.deepEqual(r.event, {
    command: f.command,
    aggregated_output: 'oops\n',
    exit_code: 3,
    status: 'failed',
    sandboxDenied: false,
  });
});

test('a sandboxed failure naming a denial is flagged (fixture 12b text)', async () => {
  const f = fixtureCall('12b-command-sandbox-denied');
  const fake = 'echo "touch: cannot touch \'inside.txt\': Read-only file system" >&2; exit 1';
  const sandboxed: CommandLauncher = (cmd) => ({ ...noProfile(cmd), sandboxed: true }) as ReturnType<CommandLauncher>;
  const s = createExecSessions({ launcher: sandboxed, clock: frozen, newChunkId: () => 'b8123d' });
  const r = await s.execCommand({ cmd: fake, yield_time_ms: 2000 }, ctx);
  assert.equal(r.text, f.output);
  assert.equal(r.event?.sandboxDenied, true);
  // the same failure outside a sandbox, or a success, is not a denial
  const plain = await sessions().execCommand({ cmd: fake }, ctx);
  assert.equal(plain.event?.sandboxDenied, false);
  const fine = await s.execCommand({ cmd: 'echo Permission denied' }, ctx);
  assert.equal(fine.event?.sandboxDenied, false);
});

test('real wall time and a random 6-hex chunk id by default', async () => {
  const s = createExecSessions({ launcher: noProfile });
  const r = await s.execCommand({ cmd: 'echo hi' }, ctx);
  assert.match(r.text, /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\nProcess exited with code 0\n/);
});

test('a process outliving the call becomes a session fed by write_stdin (tty)', async () => {
  const s = sessions({ newSessionId: () => 4242 });
  const first = await s.execCommand(
    { cmd: 'echo ready; read line; echo "got:$line"', tty: true, yield_time_ms: 250 },
    ctx,
  );
  assert.match(first.text, /\nProcess running with session ID 4242\nOriginal token count: 2\nOutput:\nready\n$/);
  assert.equal(first.event?.status, 'in_progress');
  assert.equal(first.event?.exit_code, null);
  assert.deepEqual(s.runningSessionIds(), [4242]);
  const second = await s.writeStdin({ session_id: 4242, chars: 'abc\n', yield_time_ms: 5000 }, {});
  assert.match(second.text, /\nProcess exited with code 0\nOriginal token count: 2\nOutput:\ngot:abc\n$/);
  assert.deepEqual(second.event, {
    command: '/bin/bash -lc \'echo ready; read line; echo "got:$line"\'',
    aggregated_output: 'ready\ngot:abc\n',
    exit_code: 0,
    status: 'completed',
    sandboxDenied: false,
    sessionId: 4242,
  });
  assert.deepEqual(s.runningSessionIds(), []);
  const gone = await s.writeStdin({ session_id: 4242, chars: '' }, {});
  assert.equal(gone.text, 'write_stdin failed: Unknown process id 4242');
  assert.equal(gone.event, undefined);
});

test('without tty stdin is closed: readers see EOF, writes are refused', async () => {
  const s = sessions({ newSessionId: () => 7 });
  const cat = await s.execCommand({ cmd: 'cat; echo rc=$?' }, ctx);
  assert.match(cat.text, /Process exited with code 0\n.*\nOutput:\nrc=0\n$/s);
  const running = await s.execCommand({ cmd: 'echo started; exec sleep 30', yield_time_ms: 250 }, ctx);
  assert.match(running.text, /Process running with session ID 7\n/);
  const w = await s.writeStdin({ session_id: 7, chars: 'x' }, {});
  assert.equal(w.text, `write_stdin failed: ${STDIN_CLOSED}`);
  const killed = await s.terminateAll();
  assert.equal(killed.length, 1);
  assert.deepEqual(killed[0], {
    command: "/bin/bash -lc 'echo started; exec sleep 30'",
    aggregated_output: 'started\n',
    exit_code: 143,
    status: 'failed',
    sandboxDenied: false,
    sessionId: 7,
  });
  assert.deepEqual(s.runningSessionIds(), []);
});

test('an abort signal ends the wait early; the process keeps running until terminateAll', async () => {
  const s = sessions();
  const ac = new AbortController();
  ac.abort();
  const started = performance.now();
  const r = await s.execCommand({ cmd: 'exec sleep 30', yield_time_ms: 30000 }, { ...ctx, signal: ac.signal });
  assert.ok(performance.now() - started < 5000);
  assert.match(r.text, /Process running with session ID \d+\n/);
  assert.equal((await s.terminateAll())[0]?.exit_code, 143);
});

test('workdir, env, shell and login', async () => {
  mkdirSync(join(home, 'sub'), { recursive: true });
  const s = createExecSessions({ launcher: passThroughLauncher, clock: frozen, allowLogin: false });
  const r = await s.execCommand({ cmd: 'pwd; echo "$HOME"', workdir: 'sub' }, ctx);
  assert.equal(r.event?.aggregated_output, `${join(home, 'sub')}\n${home}\n`);
  assert.equal(r.event?.command, '/bin/bash -c \'pwd; echo "$HOME"\'');
  const sh = await s.execCommand({ cmd: 'echo $0', shell: '/bin/sh', login: true }, ctx);
  assert.equal(sh.event?.command, "/bin/sh -c 'echo $0'");
  assert.equal(sh.event?.aggregated_output, '/bin/sh\n');
  const seen: string[][] = [];
  const spy: CommandLauncher = (cmd) => {
    seen.push([...cmd.argv]);
    return { type: 'refused', reason: 'blocked by policy' };
  };
  const s2 = createExecSessions({ launcher: spy });
  await s2.execCommand({ cmd: 'a' }, ctx);
  await s2.execCommand({ cmd: 'b', login: false }, ctx);
  assert.deepEqual(seen, [
    ['/bin/bash', '-lc', 'a'],
    ['/bin/bash', '-c', 'b'],
  ]);
});

test('refusals, spawn failures and empty commands are text, with no event', async () => {
  const refuse: CommandLauncher = () => ({ type: 'refused', reason: 'sandbox unavailable' });
  const r = await createExecSessions({ launcher: refuse }).execCommand({ cmd: 'echo hi' }, ctx);
  assert.deepEqual(r, { text: "`/bin/bash -lc 'echo hi'` rejected: sandbox unavailable" });
  const bad = await sessions().execCommand({ cmd: 'echo hi', shell: '/nonexistent/shell' }, ctx);
  assert.deepEqual(bad, {
    text: 'exec_command failed: Failed to create unified exec process: No such file or directory (os error 2)',
  });
  const empty = await sessions().execCommand({ cmd: '  ' }, ctx);
  assert.equal(empty.event, undefined);
});

test('long output is truncated to max_output_tokens; the event keeps it all', async () => {
  const s = sessions({ newChunkId: () => 'abcdef' });
  const r = await s.execCommand({ cmd: "head -c 100000 /dev/zero | tr '\\0' a", max_output_tokens: 10 }, ctx);
  assert.match(
    r.text,
    /\nOriginal token count: 25000\nOutput:\nTotal output lines: 1\n\na{20}…24990 tokens truncated…a{20}$/,
  );
  assert.equal(r.event?.aggregated_output.length, 100000);
});

test('beyond maxSessions the oldest session is killed', async () => {
  let n = 0;
  const s = sessions({ maxSessions: 1, newSessionId: () => ++n });
  await s.execCommand({ cmd: 'exec sleep 30', yield_time_ms: 250 }, ctx);
  await s.execCommand({ cmd: 'exec sleep 30', yield_time_ms: 250 }, ctx);
  assert.deepEqual(s.runningSessionIds(), [2]);
  const poll = await s.writeStdin({ session_id: 1 }, {});
  assert.equal(poll.text, 'write_stdin failed: Unknown process id 1');
  await s.terminateAll();
});

test('sequentialIds: chunk ids count up in 6 hex digits, session ids from 1000 skipping ids in use', () => {
  const a = sequentialIds();
  assert.deepEqual([a.newChunkId(), a.newChunkId(), a.newChunkId()], ['000001', '000002', '000003']);
  assert.equal(a.newSessionId(new Set()), 1000);
  assert.equal(a.newSessionId(new Set([1001, 1002])), 1003);
  const b = sequentialIds();
  assert.equal(b.newChunkId(), '000001', 'each run starts afresh');
});
