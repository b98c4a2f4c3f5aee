import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import {
  assertEventsEqualFixture,
  conversationShape,
  fixtureDir,
  fixtureExit,
  fixtureText,
  itemLabel,
  startExecCase,
} from '../helpers/exec-parity.js';

/**
 * Rollouts (fixture 01's rollout.jsonl), `exec resume --last` / `resume <id>` (16c,
 * 16d). Keys codex writes that hexec leaves out on purpose (codex-internal storage
 * and account concepts with no hexec meaning) are listed in ROLLOUT_OMITTED.
 */

const ROLLOUT_OMITTED: Record<string, readonly string[]> = {
  session_meta: ['account_scoped', 'history_mode', 'context_window', 'git'],
};

function rolloutFiles(codexHome: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(codexHome, join(d, e.name)));
    }
  };
  walk(join(codexHome, 'sessions'));
  return out;
}

type RolloutLine = { timestamp: string; ordinal: number; type: string; payload: Record<string, unknown> };
const readRollout = (path: string): RolloutLine[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as RolloutLine);

const codexRollout = (): RolloutLine[] => readRollout(join(fixtureDir('01-tool-call-json'), 'rollout.jsonl'));
const codexRecords = (type: string, payloadType?: string): Record<string, unknown>[] =>
  codexRollout()
    .filter((r) => r.type === type && (payloadType === undefined || r.payload['type'] === payloadType))
    .map((r) => r.payload);

const runOne = () => [
  reply.execCommand('echo hi', { yield_time_ms: 2000 }),
  reply.text('The command printed hi. Done.'),
];

describe('codex parity: rollouts and resume', { concurrency: true }, () => {
  test('01: one rollout in codex place and line format', async (t) => {
    const c = await startExecCase(t, { replies: runOne() });
    const r = await c.runJson(['run echo hi']);
    assert.equal(r.code, 0);
    const threadId = String(r.events[0]!['thread_id']);
    const files = rolloutFiles(c.sb.codexHome);
    assert.equal(files.length, 1);
    const codexName = fixtureText('01-tool-call-json', 'rollout-filename.txt').trim();
    const namePattern =
      /^sessions\/(\d{4})\/(\d{2})\/(\d{2})\/rollout-(\d{4})-(\d{2})-(\d{2})T\d{2}-\d{2}-\d{2}-(.+)\.jsonl$/;
    assert.match(`sessions/2026/11/24/${codexName}`, namePattern);
    const m = namePattern.exec(files[0]!);
    assert.ok(m !== null, files[0]);
    assert.deepEqual([m[4], m[5], m[6], m[7]], [m[1], m[2], m[3], threadId]);

    const lines = readRollout(join(c.sb.codexHome, files[0]!));
    lines.forEach((l, i) => {
      assert.deepEqual(
        Object.keys(l)
          .filter((k) => k !== 'metadata')
          .sort(),
        ['ordinal', 'payload', 'timestamp', 'type'],
      );
      assert.equal(l.ordinal, i);
      assert.match(l.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
    assert.equal(lines[0]!.type, 'session_meta');
    const codexMeta = codexRecords('session_meta')[0]!;
    const ours = lines[0]!.payload;
    const expectedKeys = Object.keys(codexMeta).filter((k) => !(ROLLOUT_OMITTED['session_meta'] ?? []).includes(k));
    assert.deepEqual(
      Object.keys(ours)
        .filter((k) => k !== 'hexec')
        .sort(),
      expectedKeys.sort(),
    );
    assert.deepEqual(
      [ours['id'], ours['session_id'], ours['cwd'], ours['source']],
      [threadId, threadId, c.sb.workspace, 'exec'],
    );
    assert.deepEqual(ours['runtime_workspace_roots'], [c.sb.workspace]);

    // The conversation as response items, in codex's order.
    const items = lines.filter((l) => l.type === 'response_item').map((l) => itemLabel(l.payload));
    const codexItems = codexRollout()
      .filter((l) => l.type === 'response_item')
      .map((l) => itemLabel(l.payload));
    assert.deepEqual(
      items.slice(items.indexOf('message/user', items.lastIndexOf('message/developer'))).slice(-4),
      codexItems.slice(-4),
    );

    // Usage records: the keys usage readers (and `resume`) rely on.
    const usageRecs = lines.filter((l) => l.type === 'token_usage_record');
    assert.equal(usageRecs.length, 2);
    const codexUsage = codexRecords('token_usage_record');
    assert.deepEqual(Object.keys(usageRecs[1]!.payload).sort(), Object.keys(codexUsage[1]!).sort());
    for (const k of ['usage', 'turn_token_usage', 'thread_token_usage'])
      assert.deepEqual(usageRecs[1]!.payload[k], codexUsage[1]![k], k);
    const counts = lines.filter((l) => l.type === 'event_msg' && l.payload['type'] === 'token_count');
    assert.equal(counts.length, 2);
    const codexCount = codexRecords('event_msg', 'token_count')[1]!;
    assert.deepEqual(Object.keys(counts[1]!.payload).sort(), Object.keys(codexCount).sort());
    const info = counts[1]!.payload['info'] as Record<string, unknown>;
    const codexInfo = codexCount['info'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(info).sort(), Object.keys(codexInfo).sort());
    for (const k of ['total_token_usage', 'last_token_usage']) assert.deepEqual(info[k], codexInfo[k], k);
    const complete = lines.at(-1)!;
    assert.deepEqual(
      [complete.type, complete.payload['type'], complete.payload['last_agent_message']],
      ['event_msg', 'task_complete', 'The command printed hi. Done.'],
    );
  });

  test('16c: resume --last continues the thread: same id, history replayed, cumulative usage', async (t) => {
    const c = await startExecCase(t, { replies: [...runOne(), reply.text('The command printed hi. Done.')] });
    const first = await c.runJson(['run echo hi']);
    assert.equal(first.code, 0);
    const [path] = rolloutFiles(c.sb.codexHome);
    const before = readRollout(join(c.sb.codexHome, path!)).length;
    const r = await c.runJson(['resume', '--last', 'follow up question']);
    assert.equal(r.code, fixtureExit('16c-resume-last'));
    assertEventsEqualFixture(r.events, '16c-resume-last', c.sb.workspace);
    assert.equal(r.events[0]!['thread_id'], first.events[0]!['thread_id']);
    // The request replays the conversation, then the new prompt.
    const body = c.srv.requests[2]!.body as Record<string, unknown>;
    const shape = conversationShape(body).filter((s) => s !== 'message/developer');
    assert.deepEqual(shape, [
      'message/user',
      'function_call',
      'function_call_output',
      'message/assistant',
      'message/user',
    ]);
    const input = body['input'] as Record<string, unknown>[];
    assert.equal(
      JSON.stringify(input.at(-1)),
      JSON.stringify({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'follow up question' }] }),
    );
    // Appended to the same file, ordinals continuing.
    assert.deepEqual(rolloutFiles(c.sb.codexHome), [path]);
    const after = readRollout(join(c.sb.codexHome, path!));
    assert.ok(after.length > before);
    after.forEach((l, i) => assert.equal(l.ordinal, i));
  });

  test('16c: resume <id> continues that thread', async (t) => {
    const c = await startExecCase(t, { replies: [...runOne(), reply.text('The command printed hi. Done.')] });
    const first = await c.runJson(['run echo hi']);
    const id = String(first.events[0]!['thread_id']);
    const r = await c.runJson(['resume', id, 'follow up question']);
    assert.equal(r.code, 0);
    assertEventsEqualFixture(r.events, '16c-resume-last', c.sb.workspace);
    assert.equal(r.events[0]!['thread_id'], id);
  });

  test('16d: after an --ephemeral run, resume --last starts a new thread; resume <id> fails', async (t) => {
    const name = '16d-resume-after-ephemeral';
    const c = await startExecCase(t, { replies: [reply.text('Hello from mock.'), reply.text('Hello from mock.')] });
    const first = await c.runJson(['--ephemeral', 'hi']);
    assertEventsEqualFixture(first.events, name, c.sb.workspace, 'first-run-ephemeral.stdout.jsonl');
    const id = String(first.events[0]!['thread_id']);
    const last = await c.runJson(['resume', '--last', 'hi again']);
    assert.equal(last.code, fixtureExit(name, 'resume-last.exit-code.txt'));
    assertEventsEqualFixture(last.events, name, c.sb.workspace, 'resume-last.stdout.jsonl');
    assert.notEqual(last.events[0]!['thread_id'], id, 'a new thread');
    const byId = await c.run(['--json', 'resume', id, 'hi again']);
    assert.equal(fixtureExit(name, 'resume-by-id.exit-code.txt'), 1);
    assert.equal(byId.code, 2, 'an unknown session id is bad input: exit 2 (codex: 1)');
    assert.equal(byId.stdout, fixtureText(name, 'resume-by-id.stdout.jsonl'));
    assert.match(byId.stderr, new RegExp(`no rollout found for thread id ${id}`));
    assert.equal(c.srv.requests.length, 2, 'no request for the failed resume');
  });
});
