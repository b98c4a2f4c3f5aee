import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import {
  assertEventsEqualFixture,
  assertSameBodyKeys,
  assertSameKeys,
  conversationShape,
  fixtureExit,
  fixtureEvents,
  fixtureRequest,
  fixtureText,
  startExecCase,
} from '../helpers/exec-parity.js';

/**
 * `hexec exec --json` against the fake model server, scripted like the mock that
 * produced test/fixtures/codex/: same events (types, order, field names and, after
 * normalising ids and paths, values), same -o bytes, same request-body keys.
 */

/** codex 0.169 tools hexec does not offer: plan-mode questions, goals, deferred tool search, web search. */
const CODEX_ONLY_TOOLS = ['request_user_input', 'get_goal', 'create_goal', 'update_goal', 'tool_search', 'web_search'];
const codexSchema = (): string => fixtureText('.', 'schema.json');
/** Chunk ids and wall times vary from run to run. */
const normaliseToolOutput = (s: string): string =>
  s.replace(/Chunk ID: [0-9a-f]+/, 'Chunk ID: <id>').replace(/Wall time: [0-9.]+ seconds/, 'Wall time: <t> seconds');
const lastInput = (body: unknown): Record<string, unknown> => {
  const input = (body as { input: Record<string, unknown>[] }).input;
  return input[input.length - 1] ?? {};
};

describe('codex parity: --json runs', { concurrency: true }, () => {
  test('01: a tool call, then the final message; -o holds it without a newline', async (t) => {
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    const r = await c.runJson(['-o', 'last.txt', 'run echo hi']);
    assert.equal(r.code, fixtureExit('01-tool-call-json'));
    assertEventsEqualFixture(r.events, '01-tool-call-json', c.sb.workspace);
    assert.equal(
      readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'),
      fixtureText('01-tool-call-json', 'last-message.txt'),
    );
    assert.equal(r.stderr, '', 'a PROMPT argument means stdin is not read, so no "Reading additional input" line');
    assert.equal(c.srv.requests.length, 2);
    for (const n of [1, 2])
      assertSameBodyKeys(c.srv.requests[n - 1]!, fixtureRequest('01-tool-call-json', n).body, `01 request-${n}`);
    const codex2 = fixtureRequest('01-tool-call-json', 2).body;
    const ours2 = c.srv.requests[1]!.body as Record<string, unknown>;
    assert.deepEqual(conversationShape(ours2), conversationShape(codex2));
    assert.equal(
      normaliseToolOutput(String(lastInput(ours2)['output'])),
      normaliseToolOutput(String(lastInput(codex2)['output'])),
    );
    // Tools both declare have the same shape (key paths); the rest differ on purpose.
    const toolsOf = (b: Record<string, unknown>): Map<string, Record<string, unknown>> =>
      new Map((b['tools'] as Record<string, unknown>[]).map((x) => [String(x['name'] ?? x['type']), x]));
    const ourTools = toolsOf(ours2);
    const codexTools = toolsOf(codex2);
    for (const [toolName, tool] of ourTools)
      if (codexTools.has(toolName)) assertSameKeys(tool, codexTools.get(toolName), `tool ${toolName}`);
    assert.deepEqual(
      [...codexTools.keys()].filter((n) => !ourTools.has(n)),
      CODEX_ONLY_TOOLS,
    );
    assert.deepEqual(
      [...ourTools.keys()].filter((n) => !codexTools.has(n)),
      ['update_plan'],
    );
    // The headers codex's gateway-facing clients rely on.
    const h = c.srv.requests[0]!.headers;
    const threadId = String(r.events[0]!['thread_id']);
    assert.deepEqual(
      [h['session-id'], h['thread-id'], h['accept'], h['authorization']],
      [threadId, threadId, 'text/event-stream', 'Bearer sk-mock-key'],
    );
    assert.equal((c.srv.requests[0]!.body as Record<string, unknown>)['prompt_cache_key'], threadId);
  });

  test('02: --ephemeral gives the same stream and writes no sessions/', async (t) => {
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    const r = await c.runJson(['--ephemeral', '-o', 'last.txt', 'run echo hi']);
    assert.equal(r.code, 0);
    assertEventsEqualFixture(r.events, '02-tool-call-ephemeral', c.sb.workspace);
    assert.equal(
      readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'),
      fixtureText('02-tool-call-ephemeral', 'last-message.txt'),
    );
    assert.ok(!fixtureText('02-tool-call-ephemeral', 'codex-home-files.txt').includes('sessions'));
    assert.equal(existsSync(join(c.sb.codexHome, 'sessions')), false);
  });

  test('03: --output-schema is sent as text.format; the JSON answer goes to -o verbatim', async (t) => {
    const c = await startExecCase(t, { replies: [reply.json({ answer: 'hi', count: 1 })] });
    c.sb.write(join(c.sb.workspace, 'schema.json'), codexSchema());
    const r = await c.runJson(['-o', 'last.txt', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, fixtureExit('03-output-schema'));
    assertEventsEqualFixture(r.events, '03-output-schema', c.sb.workspace);
    assert.equal(
      readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'),
      fixtureText('03-output-schema', 'last-message.txt'),
    );
    const codex = fixtureRequest('03-output-schema', 1).body;
    assertSameBodyKeys(c.srv.requests[0]!, codex, '03 request-1');
    assert.deepEqual((c.srv.requests[0]!.body as Record<string, unknown>)['text'], codex['text']);
  });

  test('03c: --output-schema with a tool call: both requests carry the same text.format', async (t) => {
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    c.sb.write(join(c.sb.workspace, 'schema.json'), codexSchema());
    const r = await c.runJson(['-c', 'output_schema_max_repairs=0', '--output-schema', 'schema.json', 'run echo hi']);
    // codex does not check the answer against the schema (exit 0); hexec does, and this
    // prose answer is not JSON, so (repairs off) it exits 3: our contract, on purpose.
    // The stream up to the final message is what codex printed.
    const name = '03c-output-schema-with-tool-call';
    assert.equal(fixtureExit(name), 0);
    assert.equal(r.code, 3);
    const codex = [1, 2].map((n) => fixtureRequest(name, n).body);
    for (const n of [0, 1]) assertSameBodyKeys(c.srv.requests[n]!, codex[n]!, `03c request-${n + 1}`);
    for (const n of [0, 1])
      assert.deepEqual((c.srv.requests[n]!.body as Record<string, unknown>)['text'], codex[n]!['text']);
    const { skeleton } = await import('../helpers/exec-parity.js');
    assert.deepEqual(skeleton(r.events), [...skeleton(fixtureEvents(name)).slice(0, -1), 'turn.failed']);
  });

  test('03c: --output-schema with a tool call and a conforming answer matches codex exactly', async (t) => {
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.json({ answer: 'hi', count: 1 })],
    });
    c.sb.write(join(c.sb.workspace, 'schema.json'), codexSchema());
    const r = await c.runJson(['-o', 'last.txt', '--output-schema', 'schema.json', 'run echo hi']);
    assert.equal(r.code, 0);
    const name = '03c-output-schema-with-tool-call';
    const expected = fixtureText(name, 'stdout.jsonl').replace(
      '"text":"The command printed hi. Done."',
      `"text":${JSON.stringify('{"answer":"hi","count":1}')}`,
    );
    const { parseJsonl } = await import('../helpers/workspace.js');
    const { normaliseEvents, assertEventShapes } = await import('../helpers/exec-parity.js');
    const codexEvents = parseJsonl(expected);
    assertEventShapes(r.events, codexEvents, name);
    assert.deepEqual(normaliseEvents(r.events, c.sb.workspace), normaliseEvents(codexEvents, '$WORKSPACE'));
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '{"answer":"hi","count":1}');
    for (const n of [0, 1])
      assert.deepEqual(
        (c.srv.requests[n]!.body as Record<string, unknown>)['text'],
        fixtureRequest(name, n + 1).body['text'],
      );
  });

  test('10: a reasoning summary becomes a reasoning item; reasoning tokens in usage', async (t) => {
    const c = await startExecCase(t, { replies: [reply.reasoning('**Thinking** about it', 'Reasoned answer.')] });
    const r = await c.runJson(['think']);
    assert.equal(r.code, fixtureExit('10-reasoning-summary'));
    assertEventsEqualFixture(r.events, '10-reasoning-summary', c.sb.workspace);
    assertSameBodyKeys(c.srv.requests[0]!, fixtureRequest('10-reasoning-summary', 1).body, '10 request-1');
  });

  test('11a: apply_patch under workspace-write: file_change started/completed, codex tool output', async (t) => {
    const name = '11a-apply-patch-workspace-write';
    const codex2 = fixtureRequest(name, 2).body;
    const codexOut = String(lastInput(codex2)['output']);
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n';
    const c = await startExecCase(t, {
      replies: [reply.applyPatch(patch), reply.text(`PATCH OUTPUT: ${JSON.stringify(codexOut)}`)],
    });
    const r = await c.runJson(['-s', 'workspace-write', 'patch it']);
    assert.equal(r.code, fixtureExit(name));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    assert.equal(readFileSync(join(c.sb.workspace, 'hello.txt'), 'utf8'), 'hello world\n');
    const ours2 = c.srv.requests[1]!.body as Record<string, unknown>;
    assertSameBodyKeys(c.srv.requests[1]!, codex2, '11a request-2');
    assert.deepEqual(conversationShape(ours2), conversationShape(codex2));
    assert.equal(normaliseToolOutput(String(lastInput(ours2)['output'])), normaliseToolOutput(codexOut));
  });

  test('12: a command exiting 3 is a failed command_execution; the turn completes (exit 0)', async (t) => {
    const name = '12-command-exit-3';
    const codex2 = fixtureRequest(name, 2).body;
    const codexOut = String(lastInput(codex2)['output']);
    const c = await startExecCase(t, {
      replies: [
        reply.execCommand('echo oops >&2; exit 3', { yield_time_ms: 2000 }),
        reply.text(`TOOL OUTPUT WAS:\n${codexOut}`),
      ],
    });
    const r = await c.runJson(['run CMD: echo oops >&2; exit 3']);
    assert.equal(r.code, fixtureExit(name));
    const ours2 = c.srv.requests[1]!.body as Record<string, unknown>;
    assert.equal(normaliseToolOutput(String(lastInput(ours2)['output'])), normaliseToolOutput(codexOut));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
  });

  test('14: no model configured: the default model of codex 0.169 and its request shape', async (t) => {
    const name = '14-default-model-request';
    const c = await startExecCase(t, { model: null, replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['hi']);
    assert.equal(r.code, fixtureExit(name));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    const codex = fixtureRequest(name, 1).body;
    const ours = c.srv.requests[0]!.body as Record<string, unknown>;
    assertSameBodyKeys(c.srv.requests[0]!, codex, '14 request-1');
    for (const k of ['model', 'parallel_tool_calls', 'reasoning', 'text', 'tool_choice', 'store', 'include'])
      assert.deepEqual(ours[k], codex[k], k);
  });

  test('14: with -m gpt-6.1-sol the request has codex 14 shape: tools in an additional_tools item', async (t) => {
    const name = '14-default-model-request';
    const c = await startExecCase(t, { model: null, replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['-m', 'gpt-6.1-sol', 'hi']);
    assert.equal(r.code, fixtureExit(name));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    const codex = fixtureRequest(name, 1).body;
    const ours = c.srv.requests[0]!.body as Record<string, unknown>;
    assertSameBodyKeys(c.srv.requests[0]!, codex, '14 request-1');
    for (const k of ['model', 'parallel_tool_calls', 'reasoning', 'text', 'tool_choice', 'store', 'include'])
      assert.deepEqual(ours[k], codex[k], k);
    const first = (ours['input'] as Record<string, unknown>[])[0]!;
    assert.deepEqual([first['type'], first['role']], ['additional_tools', 'developer']);
  });
});
