import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import { assertEventsEqualFixture, fixtureRequest, startExecCase } from '../helpers/exec-parity.js';

/**
 * The Chat Completions wire (`wire_api = "chat"`, which codex 0.169 removed) runs the
 * same scenarios as the Responses wire and yields codex's event stream for them.
 */

const lastInput = (body: unknown): Record<string, unknown> => {
  const input = (body as { input: Record<string, unknown>[] }).input;
  return input[input.length - 1] ?? {};
};

describe('Chat Completions wire: codex scenarios end to end', { concurrency: true }, () => {
  test('01 over chat: tool call, command, final message; the tool result goes back as a tool message', async (t) => {
    const c = await startExecCase(t, {
      wire: 'chat',
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    const r = await c.runJson(['-o', 'last.txt', 'run echo hi']);
    assert.equal(r.code, 0, r.stderr);
    assertEventsEqualFixture(r.events, '01-tool-call-json', c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), 'The command printed hi. Done.');
    assert.equal(c.srv.requests.length, 2);
    assert.ok(c.srv.requests.every((q) => q.wire === 'chat'));
    const body = c.srv.requests[1]!.body as {
      messages: Record<string, unknown>[];
      tools: Record<string, unknown>[];
      stream: boolean;
    };
    assert.equal(body.stream, true);
    const roles = body.messages.map((m) => m['role']);
    assert.deepEqual(roles.slice(-3), ['user', 'assistant', 'tool']);
    const tool = body.messages.at(-1)!;
    assert.match(
      String(tool['content']),
      /^Chunk ID: [0-9a-f]+\nWall time: [0-9.]+ seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\nhi\n$/,
    );
    const assistant = body.messages.at(-2) as { tool_calls: { id: string; function: { name: string } }[] };
    assert.equal(assistant.tool_calls[0]!.function.name, 'exec_command');
    assert.equal(tool['tool_call_id'], assistant.tool_calls[0]!.id);
    assert.ok(
      body.tools.some((x) => (x['function'] as { name?: string } | undefined)?.name === 'apply_patch'),
      'apply_patch is offered as a function tool',
    );
  });

  test('11a over chat: apply_patch adds the file; file_change items like codex', async (t) => {
    const name = '11a-apply-patch-workspace-write';
    const codexOut = String(lastInput(fixtureRequest(name, 2).body)['output']);
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n';
    const c = await startExecCase(t, {
      wire: 'chat',
      replies: [reply.applyPatch(patch), reply.text(`PATCH OUTPUT: ${JSON.stringify(codexOut)}`)],
    });
    const r = await c.runJson(['-s', 'workspace-write', 'patch it']);
    assert.equal(r.code, 0, r.stderr);
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'hello.txt'), 'utf8'), 'hello world\n');
    const body = c.srv.requests[1]!.body as { messages: Record<string, unknown>[] };
    const tool = body.messages.at(-1)!;
    assert.equal(tool['role'], 'tool');
    assert.equal(String(tool['content']).replace(/Wall time: [0-9.]+ seconds/, 'Wall time: 0 seconds'), codexOut);
  });

  test('12 over chat: a failing command is a failed command_execution, the turn completes', async (t) => {
    const c = await startExecCase(t, {
      wire: 'chat',
      replies: [reply.execCommand('echo oops >&2; exit 3'), reply.text('done')],
    });
    const r = await c.runJson(['run it']);
    assert.equal(r.code, 0, r.stderr);
    const done = r.events.find(
      (e) => e['type'] === 'item.completed' && (e['item'] as { type: string }).type === 'command_execution',
    );
    assert.deepEqual(done?.['item'], {
      id: 'item_0',
      type: 'command_execution',
      command: "/bin/bash -lc 'echo oops >&2; exit 3'",
      aggregated_output: 'oops\n',
      exit_code: 3,
      status: 'failed',
    });
  });

  test('06 over chat: HTTP 400 fails the turn with the body as message, exit 1', async (t) => {
    const c = await startExecCase(t, {
      wire: 'chat',
      replies: [reply.httpError(400, '{"error":{"message":"mock bad request","type":"invalid_request_error"}}')],
    });
    const r = await c.runJson(['hi']);
    assert.equal(r.code, 1);
    assertEventsEqualFixture(r.events, '06-http-400', c.sb.workspace);
  });
});
