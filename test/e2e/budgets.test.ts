import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply } from '../helpers/fake-model-server.js';
import { cleanEnv, runCliAsync } from '../helpers/workspace.js';
import { execJson, items, ofType, withServer, type ExecRun } from './exec-helpers.js';

/**
 * Budgets end to end: each one stops the run with exit 4 and a structured turn.failed
 * (reason "budget", budget {name, limit, used}) as the last event on stdout; --timeout
 * also cuts a hanging model stream and kills a running command.
 */

function lastEventIsBudgetFailure(r: ExecRun, name: string): Record<string, unknown> {
  assert.equal(r.code, 4, r.stderr);
  const last = r.events.at(-1) ?? {};
  assert.equal(last['type'], 'turn.failed', `turn.failed is the last event (flushed): ${r.stdout}`);
  assert.ok(r.stdout.endsWith('\n'));
  assert.equal(last['reason'], 'budget');
  const budget = last['budget'] as Record<string, unknown>;
  assert.equal(budget['name'], name);
  assert.equal(ofType(r.events, 'turn.completed').length, 0);
  return budget;
}

test('--max-turns: the request after the limit is not sent; exit 4 with {name, limit, used}', async () => {
  const t = await withServer({ replies: [reply.execCommand('echo hi'), reply.text('done')] });
  try {
    const r = await execJson(t.sb, ['-s', 'danger-full-access', '--max-turns', '1', 'run echo hi']);
    const budget = lastEventIsBudgetFailure(r, 'max_turns');
    assert.deepEqual(budget, { name: 'max_turns', limit: 1, used: 1 });
    assert.equal(t.server.requests.length, 1);
    assert.equal(items(r.events, 'command_execution').length, 1, 'the tool call of the allowed turn ran');
  } finally {
    await t.done();
  }
});

test('max_turns as a config key works the same', async () => {
  const t = await withServer({
    replies: [reply.execCommand('echo hi'), reply.execCommand('echo again'), reply.text('done')],
    extraToml: 'max_turns = 2',
  });
  try {
    const r = await execJson(t.sb, ['-s', 'danger-full-access', 'go']);
    assert.deepEqual(lastEventIsBudgetFailure(r, 'max_turns'), { name: 'max_turns', limit: 2, used: 2 });
    assert.equal(t.server.requests.length, 2);
  } finally {
    await t.done();
  }
});

test('--max-tokens: input + output tokens of the turn over the limit → exit 4', async () => {
  const t = await withServer({ replies: [reply.text('hello', { usage: { input: 900, cached: 0, output: 200 } })] });
  try {
    const r = await execJson(t.sb, ['--max-tokens', '1000', 'hi']);
    assert.deepEqual(lastEventIsBudgetFailure(r, 'max_tokens'), { name: 'max_tokens', limit: 1000, used: 1100 });
  } finally {
    await t.done();
  }
});

test('--max-cost-usd: priced from the shipped table (gpt-5.5) → exit 4 with the spend', async () => {
  // 1000 uncached × $5 + 200 cached × $0.50 + 30 out × $30, per million = $0.006
  const t = await withServer({ replies: [reply.text('hello', { usage: { input: 1200, cached: 200, output: 30 } })] });
  try {
    const r = await execJson(t.sb, ['--max-cost-usd', '0.001', 'hi']);
    assert.deepEqual(lastEventIsBudgetFailure(r, 'max_cost_usd'), { name: 'max_cost_usd', limit: 0.001, used: 0.006 });
  } finally {
    await t.done();
  }
});

test('--timeout aborts a hanging model stream at once (not at the next request)', async () => {
  const t = await withServer({ replies: [reply.hang(1)] });
  try {
    const started = Date.now();
    const run = execJson(t.sb, ['--timeout', '400ms', 'hi']);
    await t.server.waitForClientAborts(1);
    const r = await run;
    const budget = lastEventIsBudgetFailure(r, 'timeout');
    assert.equal(budget['limit'], 400);
    assert.ok(Number(budget['used']) >= 400);
    assert.ok(Date.now() - started < 10_000, 'well before the 300 s idle timeout');
    assert.equal(t.server.requests.length, 1, 'no retry after a budget stop');
    assert.equal(items(r.events, 'error').filter((i) => /timeout/.test(String(i['message']))).length, 0);
  } finally {
    await t.done();
  }
});

test('--timeout kills a long command and reports it', async () => {
  const t = await withServer({
    replies: [reply.execCommand('echo $$ > pid.txt; exec sleep 30', { yield_time_ms: 30_000 }), reply.text('never')],
  });
  try {
    const started = Date.now();
    const r = await execJson(t.sb, ['-s', 'danger-full-access', '--timeout', '1s', 'sleep']);
    lastEventIsBudgetFailure(r, 'timeout');
    assert.ok(Date.now() - started < 10_000, `stopped by the budget, not by the command (${Date.now() - started} ms)`);
    assert.equal(t.server.requests.length, 1);
    const pid = Number(readFileSync(join(t.sb.workspace, 'pid.txt'), 'utf8').trim());
    assert.ok(pid > 0);
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the command was killed');
    const cmd = ofType(r.events, 'item.completed')
      .map((e) => e['item'] as Record<string, unknown>)
      .find((i) => i['type'] === 'command_execution');
    assert.ok(cmd !== undefined, 'the started command item is completed');
    assert.notEqual(cmd['exit_code'], 0);
  } finally {
    await t.done();
  }
});

test('cost: turn.completed.usage.cost_usd when priced; --usage-events gives model.usage per request with cost', async () => {
  const t = await withServer({
    replies: [
      reply.execCommand('true', {}, { usage: { input: 1000, cached: 0, output: 100 } }),
      reply.text('done', { usage: { input: 2000, cached: 1000, output: 10 } }),
    ],
  });
  try {
    const r = await execJson(t.sb, ['-s', 'danger-full-access', '--usage-events', 'go']);
    assert.equal(r.code, 0, r.stderr);
    const usage = ofType(r.events, 'model.usage');
    assert.deepEqual(
      usage.map((u) => u['request']),
      [1, 2],
    );
    // (1000×5 + 100×30)/1e6 = 0.008; (1000×5 + 1000×0.5 + 10×30)/1e6 = 0.0058
    assert.deepEqual(
      usage.map((u) => (u['usage'] as Record<string, unknown>)['cost_usd']),
      [0.008, 0.0058],
    );
    const done = ofType(r.events, 'turn.completed')[0]?.['usage'] as Record<string, unknown>;
    assert.equal(done['cost_usd'], 0.0138);
    assert.equal(done['input_tokens'], 3000);
    // model.usage comes right after its response, before the command runs
    const types = r.events.map((e) => e['type']);
    assert.ok(types.indexOf('model.usage') < types.indexOf('item.started'));
    // without --usage-events: no model.usage events (codex parity)
    t.server.enqueue(reply.text('x'));
    const plain = await execJson(t.sb, ['hi']);
    assert.equal(ofType(plain.events, 'model.usage').length, 0);
  } finally {
    await t.done();
  }
});

test('config model_prices replaces a shipped entry and prices unknown models; unpriced → no cost_usd', async () => {
  const t = await withServer({
    replies: [
      reply.text('a', { usage: { input: 1_000_000, cached: 0, output: 1_000_000 } }),
      reply.text('b', { usage: { input: 10, cached: 0, output: 10 } }),
    ],
    extraToml:
      'model_prices."gpt-5.5" = { input_per_mtok = 1, output_per_mtok = 2 }\nmodel_prices.my-local = { input_per_mtok = 0.5, output_per_mtok = 0.5 }',
  });
  try {
    const r = await execJson(t.sb, ['hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((ofType(r.events, 'turn.completed')[0]?.['usage'] as Record<string, unknown>)['cost_usd'], 3);
    const unpriced = await execJson(t.sb, ['-m', 'unpriced-model', 'hi']);
    assert.equal(unpriced.code, 0, unpriced.stderr);
    assert.ok(!('cost_usd' in (ofType(unpriced.events, 'turn.completed')[0]?.['usage'] as Record<string, unknown>)));
    // config show: the shipped table merged with the config's entries
    const show = await runCliAsync(['config', 'show'], { cwd: t.sb.workspace, env: cleanEnv(t.sb) });
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /model_prices\."gpt-5\.5"\.input_per_mtok = 1\n/);
    assert.match(show.stdout, /model_prices\.my-local\.output_per_mtok = 0\.5\n/);
    assert.match(show.stdout, /model_prices\.gpt-4o-mini\.output_per_mtok = 0\.6\n/);
  } finally {
    await t.done();
  }
});
