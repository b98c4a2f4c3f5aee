import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHumanRenderer, tokensUsed } from './render-human.js';

const header = {
  version: '0.1.0',
  workdir: '/ws',
  model: 'gpt-5.5',
  provider: 'mock',
  approval: 'never',
  sandbox: 'read-only',
  reasoningEffort: 'none',
  reasoningSummaries: 'none',
  sessionId: 'id-1',
  hermetic: false,
  prompt: 'run echo hi',
};
const usage = {
  input_tokens: 2200,
  cached_input_tokens: 200,
  cache_write_input_tokens: 0,
  output_tokens: 50,
  reasoning_output_tokens: 5,
};

function render(live: boolean, color: boolean): string {
  let out = '';
  let now = 1000;
  const r = createHumanRenderer({ stderr: { write: (t) => void (out += t) }, color, live, nowMs: () => now });
  r.header(header);
  r.event({
    type: 'item.started',
    item: {
      id: 'item_0',
      type: 'command_execution',
      command: "/bin/bash -lc 'echo hi'",
      aggregated_output: '',
      exit_code: null,
      status: 'in_progress',
    },
  });
  now += 7;
  r.event(
    {
      type: 'item.completed',
      item: {
        id: 'item_0',
        type: 'command_execution',
        command: "/bin/bash -lc 'echo hi'",
        aggregated_output: 'hi\n',
        exit_code: 0,
        status: 'completed',
      },
    },
    { durationMs: 5 },
  );
  r.event({ type: 'model.usage', request: 1, usage });
  r.event({ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'Done.' } });
  r.event({ type: 'turn.completed', usage });
  r.close();
  return out;
}

test("plain output has codex's transcript layout", () => {
  assert.equal(
    render(false, false),
    'hexec v0.1.0\n--------\nworkdir: /ws\nmodel: gpt-5.5\nprovider: mock\napproval: never\nsandbox: read-only\nreasoning effort: none\nreasoning summaries: none\nsession id: id-1\n--------\n' +
      "user\nrun echo hi\nexec\n/bin/bash -lc 'echo hi' in /ws\n succeeded in 5ms:\nhi\n\nhexec\nDone.\ntokens used\n2,050\n",
  );
  assert.equal(tokensUsed(usage), 2050);
});

test('a TTY gets colour and a status line that is cleared before each transcript line', () => {
  const out = render(true, true);
  assert.ok(out.includes('\x1b[35m'), 'magenta tool label');
  assert.ok(out.includes('\r\x1b[2K'), 'the status line is cleared');
  assert.match(out, /2,050 tokens/);
  assert.ok(out.endsWith('\r\x1b[2K') || !out.includes('⏱', out.length - 5), 'the status line is cleared at the end');
});

test('failures print ERROR lines', () => {
  let out = '';
  const r = createHumanRenderer({
    stderr: { write: (t) => void (out += t) },
    color: false,
    live: false,
    nowMs: () => 0,
  });
  r.event({ type: 'error', message: 'boom' });
  r.event({ type: 'turn.failed', error: { message: 'boom' } });
  assert.equal(out, 'ERROR: boom\nERROR: boom\n');
});
