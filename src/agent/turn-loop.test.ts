import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventSink } from './event-sink.js';
import type { ThreadEvent } from './events.js';
import type { ModelPort, ModelStreamEvent, ResponseItem, ToolPort } from './ports.js';
import { runTurn, type TurnInput } from './turn-loop.js';
import { ZERO_USAGE } from './usage.js';
import { parseDurationMs, costOf } from './budget.js';

const U = {
  input_tokens: 100,
  cached_input_tokens: 10,
  cache_write_input_tokens: 0,
  output_tokens: 5,
  reasoning_output_tokens: 1,
};

function msg(text: string): ResponseItem {
  return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] };
}
function call(cmd: string, id = 'c1'): ResponseItem {
  return { type: 'function_call', name: 'exec_command', call_id: id, arguments: JSON.stringify({ cmd }) };
}

/** A scripted model: each request gets the next list of items. Records requests. */
function scripted(replies: ResponseItem[][]): ModelPort & { requests: Record<string, unknown>[] } {
  const requests: Record<string, unknown>[] = [];
  return {
    requests,
    async *stream(req): AsyncIterable<ModelStreamEvent> {
      requests.push(structuredClone(req));
      const items = replies[requests.length - 1];
      if (items === undefined) throw new Error('no more replies');
      for (const item of items) yield { type: 'output_item_done', item };
      yield { type: 'completed', usage: U };
    },
  };
}

const echoTools: ToolPort = {
  run: async (c) => {
    const cmd = (JSON.parse(c.input) as { cmd: string }).cmd;
    return {
      outputItem: { type: 'function_call_output', call_id: c.callId, output: 'ran' },
      event: {
        type: 'command_execution',
        command: `/bin/bash -lc '${cmd}'`,
        aggregatedOutput: 'hi\n',
        exitCode: cmd === 'denied' ? 1 : 0,
        status: cmd === 'denied' ? 'failed' : 'completed',
        sandboxDenied: cmd === 'denied',
      },
    };
  },
  finish: async () => [],
};

function setup(model: ModelPort, extra: Partial<TurnInput> = {}): { input: TurnInput; events: ThreadEvent[] } {
  const events: ThreadEvent[] = [];
  const input: TurnInput = {
    sink: createEventSink((e) => events.push(e)),
    model,
    tools: echoTools,
    requestTemplate: { model: 'm', stream: true },
    contextItems: [{ type: 'message', role: 'developer', content: [] }],
    history: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] }],
    usageBefore: ZERO_USAGE,
    budgets: {},
    maxRepairs: 2,
    signal: new AbortController().signal,
    clockMs: () => 0,
    ...extra,
  };
  return { input, events };
}

test('tool call then final message: codex event order, ids and cumulative usage', async () => {
  const model = scripted([[call('echo hi')], [msg('done')]]);
  const { input, events } = setup(model);
  const out = await runTurn(input);
  assert.equal(out.status, 'completed');
  assert.equal(out.status === 'completed' ? out.finalText : '', 'done');
  const shape = events
    .filter((e) => e.type !== 'model.usage')
    .map((e) => ('item' in e ? `${e.type}:${e.item.type}:${e.item.id}` : e.type));
  assert.deepEqual(shape, [
    'turn.started',
    'item.started:command_execution:item_0',
    'item.completed:command_execution:item_0',
    'item.completed:agent_message:item_1',
    'turn.completed',
  ]);
  const done = events.at(-1);
  assert.ok(done?.type === 'turn.completed');
  assert.equal(done.usage.input_tokens, 200);
  // second request resends context + history + call + output
  const second = model.requests[1]?.['input'] as ResponseItem[];
  assert.deepEqual(
    second.map((i) => i.type),
    ['message', 'message', 'function_call', 'function_call_output'],
  );
});

test('a sandbox-denied command emits no item (codex fixture 12b); the model still gets the output', async () => {
  const model = scripted([[call('denied')], [msg('could not')]]);
  const { input, events } = setup(model);
  await runTurn(input);
  assert.deepEqual(
    events.filter((e) => e.type.startsWith('item.')).map((e) => ('item' in e ? e.item.type : '')),
    ['agent_message'],
  );
  assert.equal(input.history.filter((i) => i.type === 'function_call_output').length, 1);
});

test('a process that outlives its call: started now, completed when a later poll sees it end', async () => {
  const model = scripted([
    [call('serve')],
    [{ type: 'function_call', name: 'write_stdin', call_id: 'c2', arguments: '{"session_id":7}' }],
    [msg('ok')],
  ]);
  let n = 0;
  const tools: ToolPort = {
    run: async (c) => {
      n += 1;
      return {
        outputItem: { type: 'function_call_output', call_id: c.callId, output: 'x' },
        event: {
          type: 'command_execution',
          command: 'srv',
          aggregatedOutput: n === 1 ? '' : 'done',
          exitCode: n === 1 ? null : 0,
          status: n === 1 ? 'in_progress' : 'completed',
          sandboxDenied: false,
          sessionId: 7,
        },
      };
    },
    finish: async () => [],
  };
  const { input, events } = setup(model, { tools });
  await runTurn(input);
  const items = events
    .filter((e) => e.type.startsWith('item.'))
    .map((e) => ('item' in e ? `${e.type}:${e.item.id}:${e.item.type}` : ''));
  assert.deepEqual(items, [
    'item.started:item_0:command_execution',
    'item.completed:item_0:command_execution',
    'item.completed:item_1:agent_message',
  ]);
});

test('schema: a bad final answer gets a repair request carrying the errors', async () => {
  const model = scripted([[msg('not json')], [msg('{"a":1}')]]);
  const { input, events } = setup(model, {
    finalCheck: (t) =>
      t.startsWith('{')
        ? { ok: true, normalizedText: t }
        : { ok: false, errors: [{ path: '', message: 'must be object' }] },
  });
  const out = await runTurn(input);
  assert.equal(out.status, 'completed');
  assert.equal(out.status === 'completed' ? out.finalText : '', '{"a":1}');
  const repair = (model.requests[1]?.['input'] as ResponseItem[]).at(-1) as Record<string, unknown>;
  assert.match(JSON.stringify(repair), /must be object/);
  assert.ok(events.some((e) => e.type === 'item.completed' && e.item.type === 'error'));
});

test('schema: still bad after the repairs → output-schema failure with the errors', async () => {
  const model = scripted([[msg('x')], [msg('y')], [msg('z')]]);
  const { input, events } = setup(model, {
    maxRepairs: 2,
    finalCheck: () => ({ ok: false, errors: [{ path: '/a', message: 'required' }] }),
  });
  const out = await runTurn(input);
  assert.equal(out.status, 'failed');
  assert.equal(out.status === 'failed' ? out.error.exitCode : 0, 3);
  assert.equal(model.requests.length, 3);
  const failed = events.at(-1);
  assert.ok(failed?.type === 'turn.failed' && failed.reason === 'output_schema');
  assert.deepEqual(failed.schema_errors, [{ path: '/a', message: 'required' }]);
});

test('max_turns budget stops before the next request with a structured event', async () => {
  const model = scripted([[call('a')], [call('b', 'c2')], [msg('never')]]);
  const { input, events } = setup(model, { budgets: { maxTurns: 2 } });
  const out = await runTurn(input);
  assert.equal(out.status, 'failed');
  assert.equal(out.status === 'failed' ? out.error.exitCode : 0, 4);
  assert.equal(model.requests.length, 2);
  const failed = events.at(-1);
  assert.ok(failed?.type === 'turn.failed');
  assert.deepEqual(failed.budget, { name: 'max_turns', limit: 2, used: 2 });
});

test('max_tokens budget trips after the response that crosses it', async () => {
  const model = scripted([[call('a')], [msg('x')]]);
  const { input } = setup(model, { budgets: { maxTokens: 50 } });
  const out = await runTurn(input);
  assert.equal(out.status === 'failed' ? out.error.kind : '', 'budget');
  assert.equal(model.requests.length, 1);
});

test('model errors become error + turn.failed, exit 1', async () => {
  const model: ModelPort = {
    // eslint-disable-next-line require-yield
    async *stream() {
      throw new Error('boom');
    },
  };
  const { input, events } = setup(model);
  const out = await runTurn(input);
  assert.equal(out.status === 'failed' ? out.error.exitCode : 0, 1);
  assert.deepEqual(
    events.slice(1).map((e) => e.type),
    ['error', 'turn.failed'],
  );
});

test('durations and prices', () => {
  assert.equal(parseDurationMs('90s'), 90_000);
  assert.equal(parseDurationMs('1h30m'), 5_400_000);
  assert.equal(parseDurationMs('250ms'), 250);
  assert.equal(parseDurationMs('2'), 2000);
  assert.equal(parseDurationMs('5x'), undefined);
  assert.equal(parseDurationMs('s'), undefined);
  assert.equal(
    costOf(
      { ...U, input_tokens: 1_000_000, cached_input_tokens: 0, output_tokens: 0 },
      { input_per_mtok: 1.25, output_per_mtok: 10 },
    ),
    1.25,
  );
  assert.equal(
    costOf(
      { ...U, input_tokens: 1_000_000, cached_input_tokens: 1_000_000, output_tokens: 1_000_000 },
      { input_per_mtok: 1, cached_input_per_mtok: 0.1, output_per_mtok: 10 },
    ),
    10.1,
  );
});

test('timeout budget aborts an in-flight model stream with the budget error as the abort reason', async () => {
  let seenReason: unknown;
  const hanging: ModelPort = {
    // eslint-disable-next-line require-yield -- this stream never yields: it waits for the abort and throws
    async *stream(_req, opts): AsyncIterable<ModelStreamEvent> {
      await new Promise<void>((resolve) => opts.signal.addEventListener('abort', () => resolve(), { once: true }));
      seenReason = opts.signal.reason;
      throw opts.signal.reason;
    },
  };
  const started = Date.now();
  const { input, events } = setup(hanging, { budgets: { timeoutMs: 50 }, clockMs: () => Date.now() });
  const out = await runTurn(input);
  assert.equal(out.status, 'failed');
  assert.ok(out.status === 'failed' && out.error.kind === 'budget');
  assert.ok(seenReason instanceof Error && /timeout of 50 ms/.test(seenReason.message));
  const last = events.at(-1);
  assert.ok(last?.type === 'turn.failed');
  assert.equal(last.reason, 'budget');
  assert.equal(last.budget?.name, 'timeout');
  assert.ok(Date.now() - started < 5000);
});

test('every item appended to the history is reported as it happens (rollouts)', async () => {
  const model = scripted([[call('echo hi')], [msg('done')]]);
  const seen: string[] = [];
  const { input } = setup(model, { onAppend: (items) => seen.push(...items.map((i) => i.type)) });
  await runTurn(input);
  assert.deepEqual(seen, ['function_call', 'function_call_output', 'message']);
});

test('a reply with no message and no tool call fails the turn (no silent success)', async () => {
  const model = scripted([[{ type: 'reasoning', summary: [] }]]);
  const { input, events } = setup(model);
  const out = await runTurn(input);
  assert.equal(out.status, 'failed');
  assert.equal(out.status === 'failed' ? out.error.exitCode : 0, 1);
  assert.equal(events.at(-1)?.type, 'turn.failed');
});

test('the final answer is redacted before it is checked: the kept text is the checked text', async () => {
  const redact = (t: string): string => t.replaceAll('sk-secret', '[REDACTED]');
  const checked: string[] = [];
  const model = scripted([[msg('{"k":"sk-secret"}')], [msg('{"k":"sk-ok"}')]]);
  const { input, events } = setup(model, {
    redact,
    finalCheck: (t) => {
      checked.push(t);
      return /"sk-/.test(t) ? { ok: true, normalizedText: t } : { ok: false, errors: [{ path: '/k', message: 'bad' }] };
    },
  });
  const out = await runTurn(input);
  assert.deepEqual(checked, ['{"k":"[REDACTED]"}', '{"k":"sk-ok"}']);
  assert.equal(out.status === 'completed' ? out.finalText : '', '{"k":"sk-ok"}');
  assert.equal(model.requests.length, 2, 'the redacted answer failed the check and was repaired');
  const shown = events.flatMap((e) =>
    e.type === 'item.completed' && e.item.type === 'agent_message' ? [e.item.text] : [],
  );
  assert.deepEqual(shown, ['{"k":"[REDACTED]"}', '{"k":"sk-ok"}']);
  // Without a schema the kept text is redacted all the same.
  const plain = setup(scripted([[msg('key sk-secret')]]), { redact });
  const done = await runTurn(plain.input);
  assert.equal(done.status === 'completed' ? done.finalText : '', 'key [REDACTED]');
});
