import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HexecError } from '../../src/errors/index.js';
import {
  createModelClient,
  type ModelEvent,
  type ModelRequest,
  type ProviderInfo,
  type RetryNotice,
  type OutputItem,
} from '../../src/provider/index.js';
import {
  reply,
  startFakeModelServer,
  type FakeModelServer,
  type FakeModelServerOptions,
} from '../helpers/fake-model-server.js';

const REQ: ModelRequest = {
  body: {
    model: 'qwen3',
    input: [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'rules' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix it' }] },
    ],
    tools: [
      {
        type: 'function',
        name: 'exec_command',
        parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
      },
      { type: 'custom', name: 'apply_patch', description: 'edit files' },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
  },
};

async function withChat(
  opts: FakeModelServerOptions,
  over: Partial<ProviderInfo>,
  fn: (
    s: FakeModelServer,
    run: () => Promise<{ events: ModelEvent[]; notices: RetryNotice[]; error: unknown }>,
  ) => Promise<void>,
): Promise<void> {
  const s = await startFakeModelServer(opts);
  const c = createModelClient({
    provider: { id: 'ollama', baseUrl: s.baseUrl, wireApi: 'chat', ...over },
    auth: { kind: 'none', source: 'none' },
    backoffBaseMs: 1,
  });
  const run = async () => {
    const out = { events: [] as ModelEvent[], notices: [] as RetryNotice[], error: undefined as unknown };
    try {
      for await (const e of c.stream(REQ, {
        signal: new AbortController().signal,
        onRetry: (n) => out.notices.push(n),
      }))
        out.events.push(e);
    } catch (e) {
      out.error = e;
    }
    return out;
  };
  try {
    assert.equal(c.wire, 'chat');
    await fn(s, run);
  } finally {
    await s.close();
  }
}

const doneItems = (events: ModelEvent[]): OutputItem[] =>
  events.flatMap((e) => (e.type === 'output_item_done' ? [e.item] : []));

test('chat text reply: converted request, message item, usage from the final chunk', () =>
  withChat({ replies: [reply.text('All done.')] }, {}, async (s, run) => {
    const o = await run();
    assert.equal(o.error, undefined);
    assert.deepEqual(
      doneItems(o.events).map((i) => (i.type === 'message' ? i.content : null)),
      [[{ type: 'output_text', text: 'All done.', annotations: [] }]],
    );
    const c = o.events.at(-1);
    assert.ok(
      c?.type === 'completed' &&
        c.usage.input_tokens === 1200 &&
        c.usage.cached_input_tokens === 200 &&
        c.usage.output_tokens === 30,
    );
    const [r] = await s.waitForRequests(1);
    assert.equal(r?.url, '/v1/chat/completions');
    const body = r?.body as Record<string, unknown>;
    assert.deepEqual(body['messages'], [
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'fix it' },
    ]);
    assert.deepEqual(body['stream_options'], { include_usage: true });
    assert.equal(body['stream'], true);
    assert.equal((body['tools'] as unknown[]).length, 2);
  }));

test('chat tool calls: exec_command → function_call, apply_patch → custom_tool_call', () =>
  withChat(
    {
      replies: [
        reply.execCommand('ls -la'),
        reply.applyPatch('*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n'),
      ],
    },
    {},
    async (_s, run) => {
      const a = doneItems((await run()).events);
      assert.equal(a.length, 1);
      assert.ok(a[0]?.type === 'function_call');
      assert.equal(a[0]?.type === 'function_call' ? a[0].arguments : '', '{"cmd":"ls -la"}');
      const b = doneItems((await run()).events);
      assert.ok(b[0]?.type === 'custom_tool_call');
      assert.equal(
        b[0]?.type === 'custom_tool_call' ? b[0].input : '',
        '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n',
      );
    },
  ));

test('include_usage switched off: no stream_options, zero usage tolerated', () =>
  withChat({ replies: [reply.text('x')] }, { chatIncludeUsage: false }, async (s, run) => {
    const o = await run();
    const c = o.events.at(-1);
    assert.ok(c?.type === 'completed' && c.usage.input_tokens === 0 && c.usage.total_tokens === 0);
    const body = (await s.waitForRequests(1))[0]?.body as Record<string, unknown>;
    assert.equal('stream_options' in body, false);
  }));

test('usage in every chunk is tolerated (last wins)', () =>
  withChat({ replies: [reply.reasoning('think', 'answer')], chatUsage: 'every' }, {}, async (_s, run) => {
    const o = await run();
    const c = o.events.at(-1);
    assert.ok(c?.type === 'completed' && c.usage.reasoning_output_tokens === 12);
    assert.deepEqual(
      doneItems(o.events).map((i) => i.type),
      ['reasoning', 'message'],
    );
  }));

test('chat errors follow the same retry rules', () =>
  withChat(
    { replies: [reply.responseFailed('model crashed'), reply.httpError(500, ''), reply.text('ok')] },
    {},
    async (s, run) => {
      const o = await run();
      assert.equal(o.error, undefined);
      assert.deepEqual(
        o.notices.map((n) => n.text),
        ['Reconnecting... 1/5 (stream disconnected before completion: model crashed)'],
      );
      assert.equal(s.requests.length, 3);
    },
  ));

test('chat 400 is fatal with the body', () =>
  withChat({ replies: [reply.httpError(400, 'model "qwen3" not found')] }, {}, async (_s, run) => {
    const o = await run();
    assert.ok(o.error instanceof HexecError && o.error.message === 'model "qwen3" not found');
  }));
