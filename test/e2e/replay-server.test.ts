import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { reply } from '../helpers/fake-model-server.js';
import { CLI_PATH, REPO_ROOT } from '../helpers/paths.js';
import { cleanEnv, type Sandbox } from '../helpers/workspace.js';
import { execJson, items, normaliseEvents, withServer } from './exec-helpers.js';

/**
 * `hexec replay-server FILE` serves a recorded cassette to `hexec exec` through a
 * keyless provider configured with -c, on both wires; recorded cassettes validate
 * against the published schemas/cassette.schema.json.
 */

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => void;
const PATCH = '*** Begin Patch\n*** Add File: served.txt\n+served\n*** End Patch';

interface Served {
  readonly port: number;
  readonly child: ChildProcess;
  stderr(): string;
  stop(): Promise<number | null>;
}

function startReplayServer(sb: Sandbox, args: readonly string[]): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, 'replay-server', ...args], {
      cwd: sb.workspace,
      env: cleanEnv(sb),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        const port = (JSON.parse(line) as { port: number }).port;
        resolve({
          port,
          child,
          stderr: () => err,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`replay-server exited early (${String(code)}): ${err}`)));
  });
}

function replayProvider(port: number, wire: 'responses' | 'chat'): string[] {
  return [
    '-c',
    'model_provider=replay',
    '-c',
    `model_providers.replay={name="replay", base_url="http://127.0.0.1:${port}/v1", wire_api="${wire}"}`,
  ];
}

function validateCassette(path: string): void {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/cassette.schema.json'), 'utf8')) as object,
  );
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  for (const line of lines) assert.ok(validate(JSON.parse(line)), `${path}: ${JSON.stringify(validate.errors)}`);
}

/** The message of the run's turn.failed. */
function failure(events: readonly Record<string, unknown>[]): string {
  const failed = events.find((e) => e['type'] === 'turn.failed');
  const message = (failed?.['error'] as Record<string, unknown> | undefined)?.['message'];
  return typeof message === 'string' ? message : '';
}

/** Events minus thread.started (the provider differs by design). */
function body(events: readonly Record<string, unknown>[]): unknown[] {
  return normaliseEvents(events).slice(1);
}

for (const wire of ['responses', 'chat'] as const) {
  test(`replay-server replays a recorded ${wire} run to hexec exec through a keyless provider (--strict)`, async () => {
    const t = await withServer({
      wire,
      replies: [reply.execCommand('echo served >> log.txt'), reply.applyPatch(PATCH), reply.text('served done')],
    });
    let served: Served | undefined;
    try {
      const args = ['-s', 'danger-full-access'];
      const rec = await execJson(t.sb, [...args, '--record', 'rs.jsonl', 'serve me']);
      assert.equal(rec.code, 0, rec.stderr);
      validateCassette(join(t.sb.workspace, 'rs.jsonl'));
      await t.server.close();
      rmSync(join(t.sb.workspace, 'served.txt'));

      served = await startReplayServer(t.sb, ['rs.jsonl', '--strict']);
      const rep = await execJson(t.sb, [...args, ...replayProvider(served.port, wire), 'serve me'], { MOCK_KEY: '' });
      assert.equal(rep.code, 0, `${rep.stderr}\n${rep.stdout}\n${served.stderr()}`);
      assert.deepEqual(body(rep.events), body(rec.events));
      assert.equal(readFileSync(join(t.sb.workspace, 'served.txt'), 'utf8'), 'served\n', 'the patch ran for real');
      assert.equal(
        readFileSync(join(t.sb.workspace, 'log.txt'), 'utf8'),
        'served\nserved\n',
        'the command ran for real',
      );

      // the cassette is used up: the next request is refused with a readable reason
      const more = await execJson(t.sb, [...args, ...replayProvider(served.port, wire), 'serve me']);
      assert.equal(more.code, 1);
      assert.match(failure(more.events), /cassette exhausted: it holds 3 request\(s\)$/);
      assert.equal(await served.stop(), 0, 'exits cleanly on SIGTERM');
      served = undefined;
    } finally {
      if (served !== undefined) await served.stop();
      await t.done();
    }
  });
}

test('replay-server --strict refuses a different request with the diff; 404/405 otherwise; order mode by default', async () => {
  const t = await withServer({ replies: [reply.text('recorded answer')] });
  let strict: Served | undefined;
  let loose: Served | undefined;
  try {
    const rec = await execJson(t.sb, ['--record', 'one.jsonl', 'the recorded prompt']);
    assert.equal(rec.code, 0, rec.stderr);
    await t.server.close();
    strict = await startReplayServer(t.sb, ['one.jsonl', '--strict']);
    const other = await execJson(t.sb, [...replayProvider(strict.port, 'responses'), 'a different prompt']);
    assert.equal(other.code, 1);
    const msg = failure(other.events);
    assert.match(msg, /replay diverged at request 1 \(strict mode\)/);
    assert.match(msg, /^-.*the recorded prompt/m);
    assert.match(msg, /^\+.*a different prompt/m);

    const base = `http://127.0.0.1:${strict.port}`;
    assert.equal((await fetch(`${base}/v1/models`)).status, 404);
    const get = await fetch(`${base}/v1/responses`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');

    loose = await startReplayServer(t.sb, ['one.jsonl']);
    const ordered = await execJson(t.sb, [...replayProvider(loose.port, 'responses'), 'a different prompt']);
    assert.equal(ordered.code, 0, ordered.stderr);
    assert.deepEqual(
      items(ordered.events, 'agent_message').map((i) => i['text']),
      ['recorded answer'],
    );
  } finally {
    await strict?.stop();
    await loose?.stop();
    await t.done();
  }
});

test('replay-server: usage errors exit 2, an unreadable cassette exits 6', async () => {
  const t = await withServer({ replies: [] });
  try {
    const { runCliAsync } = await import('../helpers/workspace.js');
    const none = await runCliAsync(['replay-server'], { cwd: t.sb.workspace, env: cleanEnv(t.sb) });
    assert.equal(none.code, 2, none.stderr);
    const badPort = await runCliAsync(['replay-server', 'x.jsonl', '--port', 'http'], {
      cwd: t.sb.workspace,
      env: cleanEnv(t.sb),
    });
    assert.equal(badPort.code, 2, badPort.stderr);
    const missing = await runCliAsync(['replay-server', 'missing.jsonl'], { cwd: t.sb.workspace, env: cleanEnv(t.sb) });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /cannot read cassette/);
  } finally {
    await t.done();
  }
});
