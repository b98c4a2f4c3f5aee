import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { HexecError } from '../../src/errors/index.js';
import {
  collectSecrets,
  createCassetteWriter,
  createModelClient,
  loadCassette,
  recordingClient,
  replayClient,
  type ModelClient,
  type ModelEvent,
  type ModelRequest,
  type RetryNotice,
} from '../../src/provider/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { reply, script, startFakeModelServer } from '../helpers/fake-model-server.js';

const KEY = 'sk-live-0123456789abcdef';
const ENV = { MOCK_KEY: KEY, GITHUB_TOKEN: 'ghp_secretsecret', PATH: '/usr/bin' };
const THREAD = '01a20c13-e0d0-7ab3-b948-0b34b30ee0b3';

function turn(thread: string, extra: ModelRequest['body']['input'] = [], model = 'gpt-5.5'): ModelRequest {
  return {
    headers: {
      originator: 'codex_exec',
      'session-id': thread,
      'thread-id': thread,
      'x-codex-turn-metadata': `{"turn_started_at_unix_ms":${Date.now()}}`,
      'x-api-key': KEY,
    },
    body: {
      model,
      prompt_cache_key: thread,
      client_metadata: { thread_id: thread },
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'run echo $MOCK_KEY' }] },
        ...extra,
      ],
      store: false,
    },
  };
}

/** Two-request tool turn: the command output contains the key (as `echo $MOCK_KEY` would). */
async function drive(
  c: ModelClient,
  thread: string,
  model = 'gpt-5.5',
): Promise<{ events: ModelEvent[]; notices: RetryNotice[] }> {
  const events: ModelEvent[] = [];
  const notices: RetryNotice[] = [];
  const opts = { signal: new AbortController().signal, onRetry: (n: RetryNotice) => notices.push(n) };
  for await (const e of c.stream(turn(thread, [], model), opts)) events.push(e);
  const call = events.find((e) => e.type === 'output_item_done');
  assert.ok(call?.type === 'output_item_done' && call.item.type === 'function_call');
  const extra: ModelRequest['body']['input'] = [
    call.item,
    { type: 'function_call_output', call_id: call.item.call_id, output: `${KEY}\n` },
  ];
  for await (const e of c.stream(turn(thread, extra, model), opts)) events.push(e);
  return { events, notices };
}

// CJS interop: the default import is module.exports, whose `.default` is the plugin itself.
const addFormats = addFormatsModule.default;

test('record against the fake server, then replay with the server stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-cassette-'));
  try {
    const path = join(dir, 'run.cassette.jsonl');
    const server = await startFakeModelServer({
      replies: script().responseFailed('flaky').execCommand('echo $MOCK_KEY').text(`Printed ${KEY}. Done.`).build(),
    });
    const live = createModelClient({
      provider: { id: 'mock', baseUrl: server.baseUrl, wireApi: 'responses', envKey: 'MOCK_KEY' },
      auth: { kind: 'bearer', token: KEY, source: 'env:MOCK_KEY' },
      backoffBaseMs: 1,
    });
    const writer = createCassetteWriter({
      path,
      wire: live.wire,
      configFingerprint: 'sha256:abc',
      createdAt: new Date(0).toISOString(),
      secrets: collectSecrets(ENV, [KEY]),
    });
    const recorded = await drive(recordingClient(live, writer), THREAD);
    writer.finish();
    await server.close();
    assert.equal(recorded.notices.length, 1);

    // no cassette file contains the key or any secret env value
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.equal(text.includes(KEY), false, `${name} leaks the key`);
      assert.equal(text.includes('ghp_secretsecret'), false);
      assert.equal(text.includes('x-api-key'), false);
    }

    // every line validates against the published schema
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/cassette.schema.json'), 'utf8')));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3);
    for (const l of lines) assert.ok(validate(JSON.parse(l)), JSON.stringify(validate.errors));

    // replay: another thread id, server gone, same events and notices
    const cassette = loadCassette(path);
    const replayed = await drive(
      replayClient(cassette, 'strict', { secrets: [KEY] }),
      '01b00000-0000-7000-8000-00000000abcd',
    );
    const redact = (evs: ModelEvent[]) => JSON.parse(JSON.stringify(evs).split(KEY).join('[REDACTED]')) as ModelEvent[];
    assert.deepEqual(replayed.events, redact(recorded.events));
    assert.deepEqual(
      replayed.notices.map((n) => n.text),
      recorded.notices.map((n) => n.text),
    );

    // strict: a changed request → exit 6 with a readable diff
    await assert.rejects(
      drive(replayClient(cassette, 'strict', { secrets: [KEY] }), THREAD, 'gpt-5.4'),
      (e: unknown) => {
        assert.ok(e instanceof HexecError);
        assert.equal(e.kind, 'replay');
        assert.equal(e.exitCode, 6);
        assert.match(e.message, /replay diverged at request 1/);
        assert.match(e.message, /^- +"model": "gpt-5\.5",$/m);
        assert.match(e.message, /^\+ +"model": "gpt-5\.4",$/m);
        return true;
      },
    );

    // order mode ignores contents
    const ordered = await drive(replayClient(cassette, 'order'), THREAD, 'gpt-5.4');
    assert.equal(ordered.events.length, replayed.events.length);

    // running out of entries → exit 6
    const short = replayClient({ header: cassette.header, interactions: cassette.interactions.slice(0, 1) }, 'order');
    await assert.rejects(
      drive(short, THREAD),
      (e: unknown) => e instanceof HexecError && e.exitCode === 6 && /holds only 1 request/.test(e.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed run still leaves a valid cassette that replays the failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-cassette-'));
  try {
    const path = join(dir, 'fail.jsonl');
    const body = '{"error":{"message":"mock bad request"}}';
    const server = await startFakeModelServer({ replies: [reply.httpError(400, body)] });
    const live = createModelClient({
      provider: { id: 'mock', baseUrl: server.baseUrl, wireApi: 'responses' },
      auth: { kind: 'none', source: 'none' },
    });
    const writer = createCassetteWriter({
      path,
      wire: 'responses',
      configFingerprint: 'f',
      createdAt: new Date(0).toISOString(),
      secrets: [],
    });
    const rec = recordingClient(live, writer);
    await assert.rejects(drive(rec, THREAD), (e: unknown) => e instanceof HexecError && e.message === body);
    await server.close();
    // no finish(): the appended lines alone must load
    const c = loadCassette(path);
    assert.equal(c.interactions.length, 1);
    assert.deepEqual(c.interactions[0]?.error, { kind: 'run', message: body });
    await assert.rejects(
      drive(replayClient(c, 'strict'), THREAD),
      (e: unknown) => e instanceof HexecError && e.kind === 'run' && e.message === body,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('replay honours an aborted signal', async () => {
  const c = replayClient(
    {
      header: {
        type: 'header',
        format: 'hexec-cassette',
        version: 1,
        hexec_version: 'x',
        config_fingerprint: '',
        wire: 'chat',
        created_at: '',
      },
      interactions: [],
    },
    'order',
  );
  assert.equal(c.wire, 'chat');
  const ac = new AbortController();
  ac.abort('SIGTERM');
  await assert.rejects(
    (async () => {
      for await (const e of c.stream(turn(THREAD), { signal: ac.signal })) void e;
    })(),
    (e: unknown) => e instanceof HexecError && e.kind === 'terminated',
  );
});
