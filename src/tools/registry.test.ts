import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_ONLY_REJECTION } from './apply-patch/index.js';
import { createExecSessions, passThroughLauncher, type ExecSessions } from './exec-command/index.js';
import { dispatchTool, ESCALATION_REJECTED, type ToolCall, type ToolContext, type ToolOutcome } from './index.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

const dir = tempDir('hexec-dispatch-');
const frozen = { nowMs: () => 0, monotonicMs: () => 0 };
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir };

function ctx(over: Partial<ToolContext> = {}): ToolContext {
  return {
    cwd: dir,
    env,
    execSessions: createExecSessions({
      launcher: passThroughLauncher,
      allowLogin: false,
      clock: frozen,
      newChunkId: () => 'c0ffee',
    }),
    canWrite: () => true,
    clock: frozen,
    ...over,
  };
}

const fn = (name: string, args: unknown): ToolCall => ({
  type: 'function_call',
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
  call_id: 'call_1',
});

/** A tool's output as text: the string itself, or content items as JSON. */
const textOf = (o: ToolOutcome): string => (typeof o.output === 'string' ? o.output : JSON.stringify(o.output));

test('exec_command runs and reports a command_execution event', async () => {
  const r = await dispatchTool(fn('exec_command', { cmd: 'echo hi', yield_time_ms: 2000 }), ctx());
  assert.equal(
    r.output,
    'Chunk ID: c0ffee\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\nhi\n',
  );
  assert.deepEqual(r.event, {
    kind: 'command_execution',
    command: "/bin/bash -c 'echo hi'",
    aggregated_output: 'hi\n',
    exit_code: 0,
    status: 'completed',
    sandboxDenied: false,
  });
});

test('each command learns the tool call that started it (CODEX_TOOL_CALL_ID)', async () => {
  const r = await dispatchTool(
    fn('exec_command', { cmd: 'echo "id=$CODEX_TOOL_CALL_ID"', yield_time_ms: 2000 }),
    ctx(),
  );
  assert.ok(r.event.kind === 'command_execution' && r.event.aggregated_output === 'id=call_1\n');
});

test('write_stdin reaches the same session manager', async () => {
  const c = ctx();
  const first = await dispatchTool(
    fn('exec_command', { cmd: 'read x; echo "x=$x"', tty: true, yield_time_ms: 250 }),
    c,
  );
  const id = /session ID (\d+)/.exec(textOf(first))?.[1];
  assert.ok(id !== undefined, textOf(first));
  const second = await dispatchTool(fn('write_stdin', { session_id: Number(id), chars: 'v\n' }), c);
  assert.match(textOf(second), /Process exited with code 0\n.*Output:\nx=v\n$/s);
  assert.equal(second.event.kind, 'command_execution');
});

test('apply_patch as a custom tool call and as a JSON function call', async () => {
  const patch = '*** Begin Patch\n*** Add File: made.txt\n+made\n*** End Patch\n';
  const r = await dispatchTool({ type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: 'c' }, ctx());
  assert.equal(
    r.output,
    'Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nA made.txt\n',
  );
  assert.deepEqual(r.event, {
    kind: 'file_change',
    changes: [{ path: join(dir, 'made.txt'), kind: 'add' }],
    status: 'completed',
  });
  const upd = '*** Begin Patch\n*** Update File: made.txt\n-made\n+remade\n*** End Patch';
  const r2 = await dispatchTool(fn('apply_patch', { input: upd }), ctx());
  assert.equal(r2.event.kind, 'file_change');
  assert.equal(readFileSync(join(dir, 'made.txt'), 'utf8'), 'remade\n');
});

test('a rejected patch gives text and no event', async () => {
  const patch = '*** Begin Patch\n*** Add File: nope.txt\n+x\n*** End Patch\n';
  const r = await dispatchTool(
    { type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: 'c' },
    ctx({ canWrite: () => READ_ONLY_REJECTION }),
  );
  assert.deepEqual(r, { output: `patch rejected: ${READ_ONLY_REJECTION}`, event: { kind: 'none' } });
});

test('view_image returns a data URL for each format, decided by magic bytes', async () => {
  const samples: Record<string, [Buffer, string]> = {
    'a.png': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]), 'image/png'],
    'b.bin': [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg'],
    'c.gif': [Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
    'd.webp': [Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'image/webp'],
  };
  for (const [name, [bytes, mime]] of Object.entries(samples)) {
    writeFileSync(join(dir, name), bytes);
    const r = await dispatchTool(fn('view_image', { path: name }), ctx());
    assert.deepEqual(
      r.output,
      [{ type: 'input_image', image_url: `data:${mime};base64,${bytes.toString('base64')}` }],
      name,
    );
    assert.deepEqual(r.event, { kind: 'none' });
  }
});

test('view_image errors are text', async () => {
  writeFileSync(join(dir, 'fake.png'), 'not an image');
  mkdirSync(join(dir, 'folder'), { recursive: true });
  const cases: Array<[string, string]> = [
    [
      'fake.png',
      `unable to process image at \`${join(dir, 'fake.png')}\`: unsupported image format (expected PNG, JPEG, GIF or WebP)`,
    ],
    [
      'missing.png',
      `unable to locate image at \`${join(dir, 'missing.png')}\`: No such file or directory (os error 2)`,
    ],
    ['folder', `image path \`${join(dir, 'folder')}\` is not a file`],
  ];
  for (const [path, expected] of cases) {
    const r = await dispatchTool(fn('view_image', { path }), ctx());
    assert.equal(r.output, expected);
  }
  assert.equal(
    (await dispatchTool(fn('view_image', {}), ctx())).output,
    'failed to parse function arguments: missing field `path`',
  );
});

test('update_plan: todo items when enabled, unknown otherwise', async () => {
  const args = {
    explanation: 'why',
    plan: [
      { step: 'write tests', status: 'completed' },
      { step: 'fix bug', status: 'in_progress' },
    ],
  };
  const r = await dispatchTool(fn('update_plan', args), ctx({ planTool: true }));
  assert.deepEqual(r, {
    output: 'Plan updated',
    event: {
      kind: 'todo_list',
      items: [
        { text: 'write tests', completed: true },
        { text: 'fix bug', completed: false },
      ],
    },
  });
  const bad = await dispatchTool(fn('update_plan', { plan: [{ step: 'x', status: 'done' }] }), ctx({ planTool: true }));
  assert.match(textOf(bad), /^failed to parse function arguments: plan\[0\]: unknown status "done"/);
  assert.equal(
    (await dispatchTool(fn('update_plan', {}), ctx({ planTool: true }))).output,
    'failed to parse function arguments: missing field `plan`',
  );
  assert.equal((await dispatchTool(fn('update_plan', args), ctx())).output, 'unsupported call: update_plan');
});

test('unknown tools, bad JSON and missing fields never throw', async () => {
  const c = ctx();
  assert.equal((await dispatchTool(fn('shell', { command: ['ls'] }), c)).output, 'unsupported call: shell');
  assert.equal(
    (await dispatchTool({ type: 'custom_tool_call', name: 'exec', input: 'x', call_id: 'c' }, c)).output,
    'unsupported custom tool call: exec',
  );
  assert.match(textOf(await dispatchTool(fn('exec_command', '{"cmd":'), c)), /^failed to parse function arguments: /);
  assert.equal(
    (await dispatchTool(fn('exec_command', '[1]'), c)).output,
    'failed to parse function arguments: expected a JSON object',
  );
  assert.equal(
    (await dispatchTool(fn('exec_command', { cmd: 5 }), c)).output,
    'failed to parse function arguments: missing field `cmd`',
  );
  assert.equal(
    (await dispatchTool(fn('write_stdin', {}), c)).output,
    'failed to parse function arguments: missing field `session_id`',
  );
  assert.equal(
    (await dispatchTool(fn('apply_patch', { patch: 'x' }), c)).output,
    'failed to parse function arguments: missing field `input`',
  );
  assert.equal(
    (await dispatchTool(fn('exec_command', { cmd: 'ls', sandbox_permissions: 'require_escalated' }), c)).output,
    ESCALATION_REJECTED,
  );
  const escalated = await dispatchTool(
    fn('exec_command', { cmd: 'echo ok', sandbox_permissions: 'require_escalated' }),
    ctx({ escalation: 'ignore' }),
  );
  assert.equal(escalated.event.kind, 'command_execution');
  const broken: ExecSessions = {
    execCommand: () => Promise.reject(new Error('boom')),
    writeStdin: () => Promise.reject(new Error('boom')),
    terminateAll: () => Promise.resolve([]),
    runningSessionIds: () => [],
  };
  assert.deepEqual(await dispatchTool(fn('exec_command', { cmd: 'ls' }), ctx({ execSessions: broken })), {
    output: 'exec_command failed: boom',
    event: { kind: 'none' },
  });
});
