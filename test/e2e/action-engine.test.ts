import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PATH } from '../helpers/paths.js';
import { makeRunner, recordingServer, runActionBundle, type ActionRun } from '../helpers/action-harness.js';

/**
 * dist/action.cjs driving the real `hexec exec` (no stand-in CLI) against a fake model
 * server, behind the real key proxy: every output and the job summary, a recorded run
 * replayed without a key, and the auth failures (missing key, key refused upstream).
 */
const KEY = 'sk-engine-test-KEY_0123456789';
const MODEL = 'gpt-5.1-codex'; // priced in hexec's table: 1.25 / 0.125 / 10 USD per Mtok

function sse(events: Array<Record<string, unknown>>): string {
  return events.map((e) => `event: ${String(e['type'])}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

const REPLY = sse([
  { type: 'response.created', response: { id: 'resp_1' } },
  {
    type: 'response.output_item.done',
    output_index: 0,
    item: {
      type: 'message',
      role: 'assistant',
      id: 'msg_1',
      status: 'completed',
      content: [{ type: 'output_text', text: 'All done.', annotations: [] }],
    },
  },
  {
    type: 'response.completed',
    response: {
      id: 'resp_1',
      usage: {
        input_tokens: 1000,
        input_tokens_details: { cached_tokens: 400 },
        output_tokens: 50,
        output_tokens_details: { reasoning_tokens: 10 },
        total_tokens: 1050,
      },
    },
  },
]);
// (600 × 1.25 + 400 × 0.125 + 50 × 10) / 1e6
const COST = 0.0013;

const runners: string[] = [];
test.after(() => runners.forEach((d) => rmSync(d, { recursive: true, force: true })));
function runner(): ReturnType<typeof makeRunner> {
  const r = makeRunner();
  runners.push(r.dir);
  return r;
}

/** `hexec config fingerprint` for the configuration the action gave `hexec exec`. */
async function configFingerprint(r: ReturnType<typeof makeRunner>, args: string[]): Promise<string> {
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: r.dir,
    CODEX_HOME: join(r.dir, '.codex'),
    HEXEC_SYSTEM_CONFIG_DIR: join(r.dir, 'etc-codex'),
  };
  return await new Promise((resolveFp, rejectFp) => {
    const child = spawn(process.execPath, [CLI_PATH, 'config', 'fingerprint', ...args], {
      cwd: r.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('close', (code) =>
      code === 0 ? resolveFp(out.trim()) : rejectFp(new Error(`config fingerprint exited ${String(code)}: ${err}`)),
    );
  });
}

function proxyPort(run: ActionRun): string {
  const m = /hexec proxy: listening on http:\/\/127\.0\.0\.1:(\d+)\/v1/.exec(run.stdout);
  assert.ok(m !== null, `the proxy said where it listens:\n${run.stdout}`);
  return m[1] as string;
}

test('record through the key proxy: every output and the job summary; the replay needs no key and no server', async () => {
  const model = await recordingServer(() => ({ status: 200, body: REPLY }));
  const r = runner();
  const inputs = { prompt: 'Say you are done.', sandbox: 'read-only', model: MODEL, 'output-file': 'out/final.txt' };
  let recorded: ActionRun;
  try {
    recorded = await runActionBundle(r, {
      ...inputs,
      'openai-api-key': KEY,
      'responses-api-endpoint': `${model.url}/v1`,
      record: 'cassettes/run.jsonl',
    });
  } finally {
    model.server.close();
  }
  assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr);
  const cassette = join(r.workspace, 'cassettes', 'run.jsonl');
  const usage = {
    input_tokens: 1000,
    cached_input_tokens: 400,
    output_tokens: 50,
    reasoning_output_tokens: 10,
    cost_usd: COST,
  };
  const port = proxyPort(recorded);
  const fp = await configFingerprint(r, [
    '--skip-git-repo-check',
    '-C',
    r.workspace,
    '--hermetic',
    '--model',
    MODEL,
    '-c',
    'model_provider=hexec-proxy',
    '-c',
    `model_providers.hexec-proxy={name="hexec-proxy", base_url="http://127.0.0.1:${port}/v1", wire_api="responses"}`,
    '--sandbox',
    'read-only',
  ]);
  assert.match(fp, /^[0-9a-f]{64}$/);
  assert.deepEqual(recorded.outputs, {
    'final-message': 'All done.',
    'exit-code': '0',
    usage: JSON.stringify(usage),
    'input-tokens': '1000',
    'cached-input-tokens': '400',
    'output-tokens': '50',
    'reasoning-output-tokens': '10',
    'cost-usd': String(COST),
    'config-fingerprint': fp,
    cassette,
  });
  assert.equal(readFileSync(join(r.workspace, 'out', 'final.txt'), 'utf8'), 'All done.');
  for (const row of [
    ['exit-code', '0'],
    ['input-tokens', '1000'],
    ['cached-input-tokens', '400'],
    ['output-tokens', '50'],
    ['reasoning-output-tokens', '10'],
    ['cost-usd', String(COST)],
    ['config-fingerprint', fp],
    ['cassette', cassette],
  ]) {
    assert.ok(
      recorded.summary.includes(`| ${row[0]} | \`${row[1]}\` |`),
      `summary row ${row[0]}:\n${recorded.summary}`,
    );
  }
  assert.ok(recorded.summary.includes(JSON.stringify(usage)), 'the summary holds the usage JSON');
  assert.match(recorded.summary, /#### final-message\n\n```text\nAll done\.\n```/);
  // The model saw only POSTs to its endpoint, each with the key the proxy added.
  assert.ok(model.seen.length >= 1);
  assert.ok(
    model.seen.every((s) => s.method === 'POST' && s.url === '/v1/responses' && s.authorization === `Bearer ${KEY}`),
  );
  assert.ok(existsSync(cassette));
  assert.ok(!readFileSync(cassette, 'utf8').includes(KEY), 'the key is not in the cassette');
  assert.ok(!recorded.stdout.includes(KEY) && !recorded.stderr.includes(KEY), 'nor in the log');

  // Replay in PR CI: no key, the model server is gone.
  const requests = model.seen.length;
  const replayed = await runActionBundle(r, { ...inputs, replay: 'cassettes/run.jsonl' });
  assert.equal(replayed.code, 0, replayed.stdout + replayed.stderr);
  assert.doesNotMatch(replayed.stdout, /hexec proxy/, 'no proxy without a key');
  assert.equal(replayed.outputs['final-message'], 'All done.');
  assert.equal(replayed.outputs['usage'], JSON.stringify(usage));
  assert.equal(replayed.outputs['cost-usd'], String(COST));
  assert.equal(replayed.outputs['cassette'], cassette);
  assert.match(replayed.outputs['config-fingerprint'] ?? '', /^[0-9a-f]{64}$/);
  assert.equal(model.seen.length, requests, 'the replay sent nothing to the model server');
});

test('no key and no replay: exit 7 from hexec, saying which key is missing', async () => {
  const r = runner();
  const res = await runActionBundle(r, { prompt: 'hi', sandbox: 'read-only', model: MODEL });
  assert.equal(res.code, 7, res.stdout + res.stderr);
  assert.equal(res.outputs['exit-code'], '7');
  assert.match(res.stdout, /Missing environment variable: `CODEX_API_KEY`/, "hexec's own message");
  assert.match(
    res.stdout,
    /::error::hexec exec exited 7%0Ahint: the 'openai-api-key' input is empty .*set it, e\.g\. openai-api-key: \$\{\{ secrets\.OPENAI_API_KEY \}\}, or serve the model from a recorded cassette with 'replay'$/m,
  );
});

test("a key the model server refuses (401): exit 7 from hexec through the proxy, with the server's message", async () => {
  const model = await recordingServer(() => ({
    status: 401,
    body: JSON.stringify({
      error: {
        message: 'Incorrect API key provided: sk-wrong***.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    }),
  }));
  const r = runner();
  try {
    const res = await runActionBundle(r, {
      prompt: 'hi',
      sandbox: 'read-only',
      model: MODEL,
      'openai-api-key': 'sk-wrong-key-0123',
      'responses-api-endpoint': `${model.url}/v1`,
    });
    assert.equal(res.code, 7, res.stdout + res.stderr);
    assert.equal(res.outputs['exit-code'], '7');
    const annotation = res.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    assert.match(
      annotation,
      /^::error::hexec exec exited 7: authentication failed: provider `hexec-proxy` answered 401 Unauthorized .*Incorrect API key provided: sk-wrong\*\*\*\./,
    );
    assert.equal(annotation.split('answered 401').length, 2, 'the failure is named once');
    assert.match(
      annotation,
      /%0Ahint: the key proxy added the 'openai-api-key' input to each request and http:\/\/127\.0\.0\.1:\d+\/v1 refused it: check the secret, and 'responses-api-endpoint'$/,
    );
    assert.match(res.stdout, /POST \/v1\/responses -> 401/, 'the proxy forwarded the request and logged the refusal');
    assert.equal(model.seen[0]?.authorization, 'Bearer sk-wrong-key-0123');
  } finally {
    model.server.close();
  }
});
