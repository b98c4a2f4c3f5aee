import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply } from '../helpers/fake-model-server.js';
import { MOCK_KEY, execJson, normaliseEvents, withServer } from './exec-helpers.js';

/**
 * --record / --replay end to end: a recorded run with a command and a patch replays with
 * the fake server stopped, the effects happen again for real, a changed prompt is exit 6
 * with a diff, order mode ignores request contents, and no cassette holds a secret.
 */

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from the patch\n*** End Patch';
const SECRET_VAR = { DEPLOY_TOKEN: 'tok-e2e-7f3a9c1b2d4e' };

function script(): ReturnType<typeof reply.text>[] {
  return [reply.execCommand('echo ran >> log.txt; echo done'), reply.applyPatch(PATCH), reply.text('all done')];
}

test('a recorded run replays offline: same events and exit code, commands and patches run again, no secret in the cassette', async () => {
  const t = await withServer({ replies: script() });
  try {
    const args = ['-s', 'danger-full-access', '-o', 'last.txt'];
    const prompt = `run the job (token ${SECRET_VAR.DEPLOY_TOKEN})`;
    const rec = await execJson(t.sb, [...args, '--record', 'run.cassette.jsonl', prompt], SECRET_VAR);
    assert.equal(rec.code, 0, rec.stderr);
    assert.equal(t.server.requests.length, 3);
    const cassettePath = join(t.sb.workspace, 'run.cassette.jsonl');
    const cassette = readFileSync(cassettePath, 'utf8');
    assert.equal(cassette.trim().split('\n').length, 4, 'header + 3 interactions');
    assert.ok(!cassette.includes(MOCK_KEY), 'the API key is not in the cassette');
    assert.ok(!cassette.includes(SECRET_VAR.DEPLOY_TOKEN), 'values of *TOKEN* variables are redacted');
    assert.ok(cassette.includes('[REDACTED]'));
    assert.equal(readFileSync(join(t.sb.workspace, 'log.txt'), 'utf8'), 'ran\n');
    assert.ok(existsSync(join(t.sb.workspace, 'hello.txt')));

    // offline: the server is gone; the patch's file is removed to see it come back
    await t.server.close();
    rmSync(join(t.sb.workspace, 'hello.txt'));
    rmSync(join(t.sb.workspace, 'last.txt'));
    const rep = await execJson(t.sb, [...args, '--replay', 'run.cassette.jsonl', prompt], {
      ...SECRET_VAR,
      MOCK_KEY: '',
    });
    assert.equal(rep.code, rec.code, rep.stderr);
    assert.deepEqual(normaliseEvents(rep.events), normaliseEvents(rec.events));
    assert.equal(readFileSync(join(t.sb.workspace, 'log.txt'), 'utf8'), 'ran\nran\n', 'the command ran again');
    assert.equal(
      readFileSync(join(t.sb.workspace, 'hello.txt'), 'utf8'),
      'hello from the patch\n',
      'the patch applied again',
    );
    assert.equal(readFileSync(join(t.sb.workspace, 'last.txt'), 'utf8'), 'all done');

    // a changed prompt: exit 6 with a readable diff of the first differing request
    const changed = await execJson(t.sb, [...args, '--replay', 'run.cassette.jsonl', 'run another job'], SECRET_VAR);
    assert.equal(changed.code, 6, changed.stderr);
    assert.match(changed.stderr, /replay diverged at request 1 \(strict mode\)/);
    assert.match(changed.stderr, /^-.*run the job \(token \[REDACTED\]\)/m);
    assert.match(changed.stderr, /^\+.*run another job/m);
    assert.ok(!changed.stderr.includes(SECRET_VAR.DEPLOY_TOKEN));
    const failed = changed.events.at(-1) ?? {};
    assert.equal(failed['type'], 'turn.failed');
    assert.equal(failed['reason'], 'replay');

    // order mode serves the replies whatever the requests say
    const ordered = await execJson(
      t.sb,
      [...args, '--replay', 'run.cassette.jsonl', '--replay-mode', 'order', 'run another job'],
      SECRET_VAR,
    );
    assert.equal(ordered.code, 0, ordered.stderr);
    assert.deepEqual(normaliseEvents(ordered.events), normaliseEvents(rec.events));
  } finally {
    await t.done();
  }
});

test('a run that needs more requests than recorded fails with exit 6', async () => {
  const t = await withServer({ replies: [reply.text('short')] });
  try {
    const rec = await execJson(t.sb, ['--record', 'c.jsonl', 'hi']);
    assert.equal(rec.code, 0, rec.stderr);
    await t.server.close();
    // the same prompt but with a schema that rejects the recorded answer → a repair request
    t.sb.write('ws/schema.json', '{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}');
    const rep = await execJson(t.sb, [
      '--replay',
      'c.jsonl',
      '--replay-mode',
      'order',
      '--output-schema',
      'schema.json',
      'hi',
    ]);
    assert.equal(rep.code, 6, rep.stderr);
    assert.match(rep.stderr, /made request 2 but the cassette holds only 1 request/);
  } finally {
    await t.done();
  }
});

test('a command polled with write_stdin replays: recorded runs number exec sessions deterministically', async () => {
  const t = await withServer({
    replies: [
      reply.execCommand('sleep 0.4; echo late >> log.txt', { yield_time_ms: 250 }),
      reply.functionCall('write_stdin', { session_id: 1000, chars: '', yield_time_ms: 5000 }),
      reply.text('finished'),
    ],
  });
  try {
    const args = ['-s', 'danger-full-access'];
    const rec = await execJson(t.sb, [...args, '--record', 'poll.jsonl', 'poll it']);
    assert.equal(rec.code, 0, rec.stderr);
    const outputs = (t.server.requests[2]?.body as { input: Record<string, unknown>[] }).input
      .filter((i) => i['type'] === 'function_call_output')
      .map((i) => String(i['output']));
    assert.match(outputs[0] ?? '', /Process running with session ID 1000/);
    assert.match(outputs[1] ?? '', /Process exited with code 0/);
    await t.server.close();
    const rep = await execJson(t.sb, [...args, '--replay', 'poll.jsonl', 'poll it']);
    assert.equal(rep.code, 0, rep.stderr);
    assert.deepEqual(normaliseEvents(rep.events), normaliseEvents(rec.events));
    assert.equal(readFileSync(join(t.sb.workspace, 'log.txt'), 'utf8'), 'late\nlate\n');
  } finally {
    await t.done();
  }
});
