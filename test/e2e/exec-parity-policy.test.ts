import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply } from '../helpers/fake-model-server.js';
import {
  assertEventsEqualFixture,
  fixtureExit,
  fixtureRequest,
  fixtureText,
  startExecCase,
} from '../helpers/exec-parity.js';

/**
 * Refused commands and patches (fixtures 12b, 11b, 13a, 13b, 13d): a sandbox-denied or rule-rejected
 * command produces no command_execution item, the model is told why, the turn
 * completes (exit 0).
 */

const lastOutput = (body: unknown): string => {
  const input = (body as { input: Record<string, unknown>[] }).input;
  const output = input[input.length - 1]?.['output'];
  return typeof output === 'string' ? output : '';
};

describe('codex parity: refused commands', { concurrency: true }, () => {
  test('12b: a write denied by the read-only sandbox: no command item, the failure goes to the model', async (t) => {
    const name = '12b-command-sandbox-denied';
    const codexOut = lastOutput(fixtureRequest(name, 2).body);
    const c = await startExecCase(t, {
      replies: [
        reply.execCommand('touch inside.txt', { yield_time_ms: 2000 }),
        reply.text(`TOOL OUTPUT WAS:\n${codexOut}`),
      ],
    });
    const r = await c.runJson(['run CMD: touch inside.txt']);
    assert.equal(r.code, fixtureExit(name));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    assert.equal(existsSync(join(c.sb.workspace, 'inside.txt')), false);
    const ours = lastOutput(c.srv.requests[1]!.body);
    assert.match(ours, /Process exited with code 1\n/);
    assert.match(ours, /touch: cannot touch 'inside\.txt': Read-only file system\n$/);
  });

  for (const [name, why] of [
    ['13a-rules-forbidden', /rejected: no echo allowed/],
    ['13b-rules-prompt-under-never', /approval required by policy, but AskForApproval is set to Never/],
  ] as const) {
    test(`${name.slice(0, 3)}: a rules-rejected command never runs; the model gets the reason`, async (t) => {
      const c = await startExecCase(t, {
        replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
      });
      c.sb.write(join(c.sb.codexHome, 'rules', 'default.rules'), fixtureText(name, 'default.rules'));
      const r = await c.runJson(['-o', 'last.txt', 'run echo hi']);
      assert.equal(r.code, fixtureExit(name));
      assertEventsEqualFixture(r.events, name, c.sb.workspace);
      assert.match(lastOutput(fixtureRequest(name, 2).body), why);
      assert.match(lastOutput(c.srv.requests[1]!.body), why);
      assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), 'The command printed hi. Done.');
    });
  }

  test('11b: apply_patch in read-only: rejected with codex words, no file_change item, no file', async (t) => {
    const name = '11b-apply-patch-read-only';
    const codexOut = lastOutput(fixtureRequest(name, 2).body);
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n';
    const c = await startExecCase(t, {
      replies: [reply.applyPatch(patch), reply.text(`PATCH OUTPUT: ${JSON.stringify(codexOut)}`)],
    });
    const r = await c.runJson(['patch it']);
    assert.equal(r.code, fixtureExit(name));
    assert.equal(lastOutput(c.srv.requests[1]!.body), codexOut);
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
    assert.equal(existsSync(join(c.sb.workspace, 'hello.txt')), false);
  });

  test('13d: --ignore-rules runs the forbidden command normally', async (t) => {
    const name = '13d-rules-ignored';
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    c.sb.write(join(c.sb.codexHome, 'rules', 'default.rules'), fixtureText('13a-rules-forbidden', 'default.rules'));
    const r = await c.runJson(['--ignore-rules', 'run echo hi']);
    assert.equal(r.code, fixtureExit(name));
    assertEventsEqualFixture(r.events, name, c.sb.workspace);
  });
});
