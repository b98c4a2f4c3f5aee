import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import {
  assertEventShapes,
  assertSameBodyKeys,
  fixtureEvents,
  fixtureExit,
  fixtureRequest,
  fixtureText,
  normaliseEvents,
  startExecCase,
} from '../helpers/exec-parity.js';

/**
 * Start-up warnings and start-up errors (fixtures 09b, 14b, 08a, 08b, -o): warnings
 * are `error` items before turn.started; fatal start-up problems stop the run before
 * any request. Deliberate divergences: the unknown-key warning is emitted once (codex
 * emits it twice) and says hexec; start-up errors exit 2 (codex 1).
 */

describe('codex parity: start-up warnings and errors', { concurrency: true }, () => {
  test('09b: an unknown -c key gives one warning item before turn.started (codex: two)', async (t) => {
    const name = '09b-unknown-c-key-not-strict';
    const c = await startExecCase(t, { replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['-c', 'foo_unknown_key=1', 'hi']);
    assert.equal(r.code, fixtureExit(name));
    const codex = fixtureEvents(name);
    assert.deepEqual(
      (codex[1]!['item'] as { message: string }).message,
      (codex[2]!['item'] as { message: string }).message,
      'codex duplicates the warning',
    );
    // codex's stream with the duplicate removed and the items renumbered.
    const once = [
      codex[0]!,
      codex[1]!,
      codex[3]!,
      { ...codex[4]!, item: { ...(codex[4]!['item'] as object), id: 'item_1' } },
      codex[5]!,
    ];
    assertEventShapes(r.events, once, name);
    const message = String((r.events[1]!['item'] as { message: string }).message);
    assert.equal(message, String((codex[1]!['item'] as { message: string }).message).replace(/^Codex /, 'hexec '));
    assert.deepEqual(normaliseEvents(r.events.slice(2), c.sb.workspace), normaliseEvents(once.slice(2), ''));
    assertSameBodyKeys(c.srv.requests[0]!, fixtureRequest(name, 1).body, '09b request-1');
  });

  test('14b: an unknown model slug: fallback warning item, reasoning {summary:auto}, no text', async (t) => {
    const name = '14b-unknown-model-request';
    const c = await startExecCase(t, { model: 'mock-model', replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['hi']);
    assert.equal(r.code, fixtureExit(name));
    const codex = fixtureEvents(name);
    assertEventShapes(r.events, codex, name);
    assert.deepEqual(normaliseEvents(r.events, c.sb.workspace), normaliseEvents(codex, ''));
    const body = fixtureRequest(name, 1).body;
    assertSameBodyKeys(c.srv.requests[0]!, body, '14b request-1');
    const ours = c.srv.requests[0]!.body as Record<string, unknown>;
    for (const k of ['reasoning', 'parallel_tool_calls', 'include']) assert.deepEqual(ours[k], body[k], k);
  });

  test('08a: a missing --output-schema file stops the run before any request (exit 2)', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('x')] });
    const r = await c.run(['--json', '--output-schema', 'nonexistent.json', 'hi']);
    assert.equal(fixtureExit('08a-output-schema-missing-file'), 1);
    assert.equal(r.code, 2);
    assert.match(
      fixtureText('08a-output-schema-missing-file', 'stderr.txt'),
      /Failed to read output schema file nonexistent\.json/,
    );
    assert.match(r.stderr, /nonexistent\.json/);
    assert.equal(r.stdout, '');
    assert.equal(c.srv.requests.length, 0);
  });

  test('08b: an --output-schema file that is not JSON stops the run before any request (exit 2)', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('x')] });
    c.sb.write(join(c.sb.workspace, 'bad.json'), '{not json');
    const r = await c.run(['--json', '--output-schema', 'bad.json', 'hi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.json/);
    assert.match(r.stderr, /not valid JSON/);
    assert.equal(r.stdout, '');
    assert.equal(c.srv.requests.length, 0);
  });

  test('-o in a missing directory: codex message, no request, exit 2', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('x')] });
    const r = await c.run(['--json', '-o', 'no/such/dir/last.txt', 'hi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Failed to open last message file ".*no\/such\/dir\/last\.txt"/);
    assert.equal(r.stdout, '');
    assert.equal(c.srv.requests.length, 0);
  });
});
