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
 * Human mode (fixtures 15, 15b), prompt sources (18) and the git check (16a).
 * Deliberate divergences kept: the banner and the agent label say hexec; a PROMPT
 * argument means stdin is never read (no "Reading additional input from stdin..."
 * line, piped stdin ignored); start-up errors exit 2 (usage) instead of 1.
 */

const READING_ADDITIONAL = 'Reading additional input from stdin...\n';

/** codex's stderr with hexec's deliberate differences applied, volatile values masked. */
function expectedHuman(fixture: string): string {
  const text = fixtureText(fixture, 'stderr.txt');
  assert.ok(text.startsWith(READING_ADDITIONAL));
  return mask(
    text
      .slice(READING_ADDITIONAL.length)
      .replace(/^OpenAI Codex v0\.169\.0$/m, 'hexec v<version>')
      .replace(/^codex$/m, 'hexec'),
    '$WORKSPACE',
  );
}

function mask(stderr: string, workspace: string): string {
  return (
    stderr
      .split(workspace)
      .join('$WORKSPACE')
      .replace(/^hexec v\d+\.\d+\.\d+\S*$/m, 'hexec v<version>')
      .replace(/^session id: \S+$/m, 'session id: <id>')
      .replace(/ in \d+ms:$/gm, ' in <n>ms:')
      // hexec adds the priced cost after the token count: `2,050 ($0.0116)`.
      .replace(/^([\d,]+) \(\$\d+\.\d+\)$/m, '$1')
  );
}

describe('codex parity: human mode and prompt sources', { concurrency: true }, () => {
  test('15: transcript on stderr in codex layout, final message alone on stdout, -o without newline', async (t) => {
    const name = '15-human-output';
    const c = await startExecCase(t, {
      replies: [reply.execCommand('echo hi', { yield_time_ms: 2000 }), reply.text('The command printed hi. Done.')],
    });
    const r = await c.run(['-o', 'last.txt', 'run echo hi']);
    assert.equal(r.code, fixtureExit(name));
    assert.equal(r.stdout, fixtureText(name, 'stdout.txt'));
    assert.equal(mask(r.stderr, c.sb.workspace), expectedHuman(name));
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), fixtureText(name, 'last-message.txt'));
  });

  test('15b: a failed turn prints ERROR lines (twice, like codex) and nothing on stdout; exit 1', async (t) => {
    const name = '15b-human-output-failure';
    const c = await startExecCase(t, {
      replies: [reply.httpError(400, '{"error":{"message":"mock bad request","type":"invalid_request_error"}}')],
    });
    const r = await c.run(['-o', 'last.txt', 'hi']);
    assert.equal(r.code, fixtureExit(name));
    assert.equal(r.stdout, fixtureText(name, 'stdout.txt'));
    assert.equal(mask(r.stderr, c.sb.workspace), expectedHuman(name));
    assert.equal(readFileSync(join(c.sb.workspace, 'last.txt'), 'utf8'), '', '-o created, left empty');
  });

  test('18: stdin only is the prompt, verbatim', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('Hello from mock.')] });
    const stdin = fixtureText('18-stdin-prompt', 'stdin.txt');
    const r = await c.runJson([], { stdin });
    assert.equal(r.code, 0);
    const codexInput = (
      fixtureRequest('18-stdin-prompt', 0, 'request-stdin-only.json').body['input'] as Record<string, unknown>[]
    ).at(-1);
    const ourInput = (c.srv.requests[0]!.body as { input: Record<string, unknown>[] }).input.at(-1);
    const { id: _id, ...codexWithoutId } = codexInput ?? {};
    void _id;
    assert.deepEqual(ourInput, codexWithoutId, 'same item (hexec sends no item ids)');
    assert.equal(r.stderr, '', 'hexec does not print "Reading prompt from stdin..."');
  });

  test('18: `-` reads the prompt from stdin explicitly', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['-'], { stdin: 'from stdin\n' });
    assert.equal(r.code, 0);
    const ourInput = (c.srv.requests[0]!.body as { input: Record<string, unknown>[] }).input.at(-1);
    assert.deepEqual(ourInput, {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'from stdin\n' }],
    });
  });

  test('18: PROMPT plus piped stdin: stdin is ignored (hexec never reads it then)', async (t) => {
    const c = await startExecCase(t, { replies: [reply.text('Hello from mock.')] });
    const r = await c.runJson(['summarize'], { stdin: fixtureText('18-stdin-prompt', 'stdin.txt') });
    assert.equal(r.code, 0);
    const codexText = JSON.stringify(
      fixtureRequest('18-stdin-prompt', 0, 'request-prompt-plus-stdin.json').body['input'],
    );
    assert.ok(codexText.includes('<stdin>'), 'codex appends a <stdin> block');
    const ourInput = (c.srv.requests[0]!.body as { input: Record<string, unknown>[] }).input.at(-1);
    assert.deepEqual(ourInput, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'summarize' }] });
    assert.equal(r.stderr, '');
  });

  test('18: empty stdin and no PROMPT: "No prompt provided via stdin.", no request, exit 2', async (t) => {
    const c = await startExecCase(t);
    const r = await c.run(['--json'], { stdin: '' });
    assert.equal(fixtureExit('18-stdin-prompt', 'exit-code-empty-stdin.txt'), 1);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No prompt provided via stdin\./);
    assert.equal(r.stdout, '');
    assert.equal(c.srv.requests.length, 0);
  });

  test('16a: outside a git repository: codex message, no request, exit 2; --skip-git-repo-check runs', async (t) => {
    const name = '16a-not-git-repo';
    const c = await startExecCase(t, { git: false, replies: [reply.text('Hello from mock.')] });
    const r = await c.run(['--json', 'hi']);
    assert.equal(fixtureExit(name), 1);
    assert.equal(r.code, 2);
    const codexLine = fixtureText(name, 'stderr.txt').split('\n')[1] ?? '';
    assert.ok(r.stderr.includes(codexLine), r.stderr);
    assert.equal(r.stdout, fixtureText(name, 'stdout.jsonl'));
    assert.equal(c.srv.requests.length, 0);
    assert.equal(existsSync(join(c.sb.codexHome, 'sessions')), false);
    const ok = await c.runJson(['--skip-git-repo-check', 'hi']);
    assert.equal(ok.code, 0);
    assertEventsEqualFixture(ok.events, '14-default-model-request', c.sb.workspace);
  });
});
