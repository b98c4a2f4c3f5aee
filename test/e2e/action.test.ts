import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { LEAK_MARKER, makeRunner, recordingServer, runActionBundle, writeFakeCli } from '../helpers/action-harness.js';

const KEY = `sk-action-test${LEAK_MARKER}`;
const runners: string[] = [];
test.after(() => runners.forEach((d) => rmSync(d, { recursive: true, force: true })));
function runner(): ReturnType<typeof makeRunner> {
  const r = makeRunner();
  runners.push(r.dir);
  return r;
}

test('invalid inputs fail the step with an annotation naming the input, exit-code output 2', async () => {
  const r = runner();
  const none = await runActionBundle(r, {});
  assert.equal(none.code, 2);
  assert.match(none.stdout, /::error::input 'prompt': exactly one of `prompt` and `prompt-file` must be set/);
  assert.equal(none.outputs['exit-code'], '2');
  const strat = await runActionBundle(r, { prompt: 'x', 'safety-strategy': 'root' });
  assert.match(
    strat.stdout,
    /::error::input 'safety-strategy': must be one of 'drop-sudo', 'unprivileged-user', 'read-only', 'unsafe'/,
  );
  const args = await runActionBundle(r, { prompt: 'x', 'codex-args': '["unterminated' });
  assert.match(args.stdout, /codex-args starts with '\[' but is not valid JSON/);
  const pf = await runActionBundle(r, { 'prompt-file': 'missing.md' });
  assert.match(pf.stdout, /::error::input 'prompt-file': cannot read .*missing\.md \(ENOENT\)/);
});

test('actor check goes to GITHUB_API_URL: read-only actor rejected (exit 7), writer allowed', async () => {
  const gh = await recordingServer((url) =>
    url.endsWith('/collaborators/reader/permission')
      ? { status: 200, body: '{"permission":"read"}' }
      : url.endsWith('/collaborators/writer/permission')
        ? { status: 200, body: '{"permission":"write"}' }
        : { status: 404, body: '{}' },
  );
  try {
    const r = runner();
    const fake = writeFakeCli(r.dir);
    const base = {
      GITHUB_API_URL: gh.url,
      'INPUT_ALLOW-USERS': '',
      'INPUT_GITHUB-TOKEN': 'ghs_tok',
      HEXEC_ACTION_CLI: fake,
    };
    const rejected = await runActionBundle(r, { prompt: 'x' }, { ...base, GITHUB_ACTOR: 'reader' });
    assert.equal(rejected.code, 7);
    assert.match(
      rejected.stdout,
      /::error::actor check: 'reader' needs write access to o\/r; their permission is 'read'/,
    );
    const stranger = await runActionBundle(r, { prompt: 'x' }, { ...base, GITHUB_ACTOR: 'stranger' });
    assert.match(stranger.stdout, /'stranger' is not a collaborator on o\/r/);
    const bot = await runActionBundle(
      r,
      { prompt: 'x', 'allow-bots': 'true' },
      { ...base, GITHUB_ACTOR: 'other[bot]' },
    );
    assert.equal(bot.code, 7, 'allow-bots trusts only github-actions[bot]');
    const ok = await runActionBundle(r, { prompt: 'x' }, { ...base, GITHUB_ACTOR: 'writer' });
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /actor 'writer' allowed \(permission 'write'\)/);
    assert.deepEqual(
      gh.seen.map((s) => `${s.url} ${s.authorization}`),
      [
        '/repos/o/r/collaborators/reader/permission Bearer ghs_tok',
        '/repos/o/r/collaborators/stranger/permission Bearer ghs_tok',
        '/repos/o/r/collaborators/other%5Bbot%5D/permission Bearer ghs_tok',
        '/repos/o/r/collaborators/writer/permission Bearer ghs_tok',
      ],
    );
    const noToken = await runActionBundle(r, { prompt: 'x' }, { GITHUB_API_URL: gh.url, 'INPUT_ALLOW-USERS': '' });
    assert.match(noToken.stdout, /a GitHub token is required/);
  } finally {
    gh.server.close();
  }
});

test('a run: key only in the proxy, allowlisted env, argv, every output and the job summary', async () => {
  const upstream = await recordingServer(() => ({ status: 200, body: '{"id":"resp_1"}' }));
  try {
    const r = runner();
    const fake = writeFakeCli(r.dir);
    const res = await runActionBundle(
      r,
      {
        prompt: 'Fix the failing test.',
        'openai-api-key': KEY,
        'responses-api-endpoint': `${upstream.url}/v1`,
        model: 'gpt-test',
        effort: 'high',
        'codex-args': `--ephemeral -c 'x="a b"'`,
        'output-file': 'out/final.txt',
        'output-schema': '{"type":"object"}',
        'max-turns': '7',
        record: 'cassettes/run.json',
        sandbox: 'workspace-write',
      },
      { HEXEC_ACTION_CLI: fake, SOME_API_TOKEN: 'tok-should-not-leak', OPENAI_API_KEY: 'also-secret' },
    );
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const dump = JSON.parse(readFileSync(join(r.dir, 'dump.json'), 'utf8')) as {
      args: string[];
      env: Record<string, string>;
      stdin: string;
      upstream: { status: number; body: string };
      cwd: string;
      leaks: string[];
    };
    // Under 'unsafe' the agent runs as the action's own user, and the runner puts inputs in the
    // action's environment: the scan finds it there (which is why unsafe is unsafe, and why
    // the scan in the unprivileged-user test is meaningful). Never in a file.
    assert.ok(
      dump.leaks.every((p) => p.startsWith('/proc/')),
      dump.leaks.join(' '),
    );
    assert.ok(
      dump.leaks.some((p) => p.endsWith('/environ')),
      'the scan finds the key in the action process environment',
    );
    // The agent reached the model through the proxy, which added the key.
    assert.deepEqual(dump.upstream, { status: 200, body: '{"id":"resp_1"}' });
    assert.deepEqual(
      upstream.seen.map((s) => [s.method, s.url, s.authorization]),
      [['POST', '/v1/responses', `Bearer ${KEY}`]],
    );
    // The key is nowhere the agent can see: not its env, argv or stdin, nor the log.
    const agentView = JSON.stringify({ env: dump.env, args: dump.args, stdin: dump.stdin });
    assert.ok(!agentView.includes(KEY));
    assert.ok(!agentView.includes('tok-should-not-leak') && !agentView.includes('also-secret'));
    assert.ok(!res.stdout.includes(KEY) && !res.stderr.includes(KEY));
    assert.deepEqual(
      Object.keys(dump.env).filter((k) => /KEY|TOKEN|SECRET|^INPUT_|^GITHUB_OUTPUT/.test(k)),
      [],
    );
    assert.equal(dump.env['CODEX_INTERNAL_ORIGINATOR_OVERRIDE'], 'codex_github_action');
    assert.equal(dump.stdin, 'Fix the failing test.');
    assert.equal(dump.cwd, r.workspace);
    // argv: fixed flags, inputs, codex-args, then the proxy provider, --sandbox last.
    const a = dump.args;
    assert.deepEqual(
      a.slice(0, 8).map((x, i) => (i === 3 ? '<o>' : x)),
      ['exec', '--json', '-o', '<o>', '--skip-git-repo-check', '-C', r.workspace, '--hermetic'],
    );
    for (const pair of [
      ['--model', 'gpt-test'],
      ['-c', 'model_reasoning_effort="high"'],
      ['--max-turns', '7'],
      ['--record', join(r.workspace, 'cassettes/run.json')],
      ['-c', 'x="a b"'],
    ]) {
      assert.ok(
        a.some((x, i) => x === pair[0] && a[i + 1] === pair[1]),
        `${pair.join(' ')} in ${a.join(' ')}`,
      );
    }
    assert.ok(a.includes('--output-schema') && a.includes('--ephemeral'));
    assert.ok(a.includes('model_provider=hexec-proxy'));
    assert.match(
      a.find((x) => x.startsWith('model_providers.hexec-proxy=')) ?? '',
      /^model_providers\.hexec-proxy=\{name="hexec-proxy", base_url="http:\/\/127\.0\.0\.1:\d+\/v1", wire_api="responses"\}$/,
    );
    assert.ok(
      a.indexOf('model_provider=hexec-proxy') > a.indexOf('x="a b"'),
      'the provider override comes after codex-args',
    );
    assert.deepEqual(a.slice(-3), ['--sandbox', 'workspace-write', '-']);
    // Outputs.
    assert.deepEqual(res.outputs, {
      'final-message': 'Fixed the test.\nAll green.\n',
      'exit-code': '0',
      usage:
        '{"input_tokens":1200,"cached_input_tokens":200,"output_tokens":300,"reasoning_output_tokens":40,"cost_usd":0.0125}',
      'input-tokens': '1200',
      'cached-input-tokens': '200',
      'output-tokens': '300',
      'reasoning-output-tokens': '40',
      'cost-usd': '0.0125',
      'config-fingerprint': 'sha256:feedface',
      cassette: join(r.workspace, 'cassettes/run.json'),
    });
    assert.equal(readFileSync(join(r.workspace, 'out/final.txt'), 'utf8'), 'Fixed the test.\nAll green.\n');
    assert.match(
      readFileSync(r.outputFile, 'utf8'),
      /^final-message<<ghadelimiter_[0-9a-f-]{36}\nFixed the test\.\nAll green\.\n\nghadelimiter_/,
    );
    assert.match(res.summary, /\| input-tokens \| `1200` \|/);
    assert.match(res.summary, /\| cost-usd \| `0\.0125` \|/);
    assert.match(res.summary, /\| config-fingerprint \| `sha256:feedface` \|/);
    assert.match(res.summary, /```text\nFixed the test\.\nAll green\.\n\n```/);
    // The proxy was shut down and the run directory removed.
    assert.match(res.stdout, /GET \/shutdown -> 200/);
  } finally {
    upstream.server.close();
  }
});

test('hexec exit codes become the step result; read-only forces the sandbox; no key → no proxy', async () => {
  const r = runner();
  const fake = writeFakeCli(r.dir);
  const res = await runActionBundle(
    r,
    { prompt: 'please exit 4', 'safety-strategy': 'read-only', sandbox: 'danger-full-access', hermetic: 'false' },
    { HEXEC_ACTION_CLI: fake },
  );
  assert.equal(res.code, 4);
  assert.equal(res.outputs['exit-code'], '4');
  assert.match(res.stdout, /::error::hexec exec exited 4/);
  const dump = JSON.parse(readFileSync(join(r.dir, 'dump.json'), 'utf8')) as { args: string[] };
  assert.deepEqual(dump.args.slice(-3), ['--sandbox', 'read-only', '-']);
  assert.ok(!dump.args.includes('--hermetic'));
  assert.ok(!dump.args.some((x) => x.includes('hexec-proxy')));
  const bypass = await runActionBundle(
    r,
    { prompt: 'x', 'safety-strategy': 'read-only', 'codex-args': '--yolo' },
    { HEXEC_ACTION_CLI: fake },
  );
  assert.equal(bypass.code, 2);
  assert.match(bypass.stdout, /codex-args contains --yolo, which would override the sandbox input \(read-only\)/);
  const unsafe = await runActionBundle(
    r,
    {
      prompt: 'x',
      'safety-strategy': 'unsafe',
      sandbox: 'workspace-write',
      'codex-args': '["--dangerously-bypass-approvals-and-sandbox"]',
    },
    { HEXEC_ACTION_CLI: fake },
  );
  assert.equal(unsafe.code, 2, 'a bypass flag cannot undo the sandbox input under any strategy');
  assert.match(unsafe.stdout, /would override the sandbox input \(workspace-write\)/);
});

const isRoot = process.getuid?.() === 0;

test(
  'drop-sudo as root fails before changing anything, saying what to use instead',
  { skip: isRoot ? false : 'needs root (would really drop sudo otherwise)' },
  async () => {
    const r = runner();
    const res = await runActionBundle(
      r,
      { prompt: 'x', 'safety-strategy': 'drop-sudo' },
      { HEXEC_ACTION_CLI: writeFakeCli(r.dir) },
    );
    assert.equal(res.code, 2);
    assert.match(
      res.stdout,
      /::error::safety-strategy: the action runs as root, and root cannot drop its own privileges%0Ahint: .*unprivileged-user/,
    );
  },
);

test(
  'unprivileged-user: preconditions named, then the agent runs as that user without the key',
  { skip: isRoot ? false : 'needs root to switch users' },
  async () => {
    const r = runner();
    const missing = await runActionBundle(r, {
      prompt: 'x',
      'safety-strategy': 'unprivileged-user',
      'codex-user': 'no-such-user-hexec',
    });
    assert.match(
      missing.stdout,
      /codex-user 'no-such-user-hexec' does not exist on this runner%0Ahint: create it first/,
    );
    const nobody = spawnSync('getent', ['passwd', 'nobody'], { encoding: 'utf8' }).stdout.split(':');
    const uid = Number(nobody[2]);
    const gid = Number(nobody[3]);
    const fakeDir = join(r.dir, 'fake');
    mkdirSync(fakeDir);
    chmodSync(fakeDir, 0o777);
    const fake = writeFakeCli(fakeDir);
    chmodSync(r.workspace, 0o700);
    const unreadable = await runActionBundle(
      r,
      { prompt: 'x', 'safety-strategy': 'unprivileged-user', 'codex-user': 'nobody', sandbox: 'read-only' },
      { HEXEC_ACTION_CLI: fake },
    );
    assert.equal(unreadable.code, 2);
    assert.match(
      unreadable.stdout,
      /user 'nobody' cannot read the working directory .*%0Ahint: make the checkout readable/,
    );
    chmodSync(r.workspace, 0o755);
    const noHome = await runActionBundle(
      r,
      { prompt: 'x', 'safety-strategy': 'unprivileged-user', 'codex-user': 'nobody', sandbox: 'read-only' },
      { HEXEC_ACTION_CLI: fake },
    );
    assert.match(noHome.stdout, /user 'nobody' cannot write .* for CODEX_HOME/);
    const home = join(r.dir, 'nobody-codex');
    mkdirSync(home);
    chownSync(home, uid, gid);
    const upstream = await recordingServer(() => ({ status: 200, body: '{}' }));
    try {
      const ok = await runActionBundle(
        r,
        {
          prompt: 'x',
          'safety-strategy': 'unprivileged-user',
          'codex-user': 'nobody',
          sandbox: 'read-only',
          'codex-home': home,
          'openai-api-key': KEY,
          'responses-api-endpoint': `${upstream.url}/v1`,
        },
        { HEXEC_ACTION_CLI: fake },
      );
      assert.equal(ok.code, 0, ok.stdout);
      const dump = JSON.parse(readFileSync(join(fakeDir, 'dump.json'), 'utf8')) as {
        uid: number;
        env: Record<string, string>;
        leaks: string[];
      };
      assert.equal(dump.uid, uid);
      // The agent's user finds the key in no /proc/*/environ or cmdline and no file under RUNNER_TEMP.
      assert.deepEqual(dump.leaks, []);
      assert.equal(dump.env['USER'], 'nobody');
      assert.equal(dump.env['CODEX_HOME'], home);
      assert.ok(!JSON.stringify(dump).includes(KEY));
      assert.deepEqual(
        upstream.seen.map((s) => s.authorization),
        [`Bearer ${KEY}`],
      );
      assert.equal(ok.outputs['final-message'], 'Fixed the test.\nAll green.\n');
    } finally {
      upstream.server.close();
    }
    writeFileSync(join(r.dir, 'done'), '');
  },
);

test('permission-profile sets the sandbox (conflicts exit 2); codex-version is a notice; pass-env reaches hexec and its commands by name', async () => {
  const r = runner();
  const fake = writeFakeCli(r.dir);
  const args = (): string[] => (JSON.parse(readFileSync(join(r.dir, 'dump.json'), 'utf8')) as { args: string[] }).args;
  const ro = await runActionBundle(
    r,
    { prompt: 'x', 'permission-profile': ':read-only', 'codex-version': '0.171.0' },
    { HEXEC_ACTION_CLI: fake },
  );
  assert.equal(ro.code, 0, ro.stdout);
  assert.deepEqual(args().slice(-3), ['--sandbox', 'read-only', '-']);
  assert.match(ro.stdout, /permission-profile :read-only → sandbox read-only/);
  assert.match(
    ro.stdout,
    /^::notice::input 'codex-version' \(0\.171\.0\) has no effect: this action runs hexec \d+\.\d+\.\d+/m,
  );
  const ws = await runActionBundle(r, { prompt: 'x', 'permission-profile': ':workspace' }, { HEXEC_ACTION_CLI: fake });
  assert.equal(ws.code, 0, ws.stdout);
  assert.deepEqual(args().slice(-3), ['--sandbox', 'workspace-write', '-']);
  for (const [inputs, message] of [
    [{ 'permission-profile': ':read-only', sandbox: 'read-only' }, /mutually exclusive/],
    [{ 'permission-profile': ':read-only', 'safety-strategy': 'read-only' }, /forces the legacy read-only sandbox/],
    [{ 'permission-profile': 'reviewers' }, /named profiles .* are not supported/],
  ] as const) {
    const bad = await runActionBundle(r, { prompt: 'x', ...inputs }, { HEXEC_ACTION_CLI: fake });
    assert.equal(bad.code, 2, bad.stdout);
    assert.equal(bad.outputs['exit-code'], '2');
    assert.match(bad.stdout, new RegExp(`^::error::input 'permission-profile': .*${message.source}`, 'm'));
  }

  const passed = await runActionBundle(
    r,
    { prompt: 'x', 'pass-env': 'GH_TOKEN, NOT_IN_STEP_ENV' },
    { HEXEC_ACTION_CLI: fake, GH_TOKEN: 'ghs_passed_on_purpose', NPM_TOKEN: 'npm_not_named' },
  );
  assert.equal(passed.code, 0, passed.stdout);
  const dump = JSON.parse(readFileSync(join(r.dir, 'dump.json'), 'utf8')) as {
    args: string[];
    env: Record<string, string>;
  };
  assert.equal(dump.env['GH_TOKEN'], 'ghs_passed_on_purpose');
  assert.equal(dump.env['NPM_TOKEN'], undefined, 'only named variables pass');
  assert.ok(dump.args.join(' ').includes('--pass-env GH_TOKEN --pass-env NOT_IN_STEP_ENV'));
  assert.match(passed.stdout, /^::warning::pass-env: NOT_IN_STEP_ENV not set in the step's environment/m);
  assert.ok(!passed.stdout.includes('ghs_passed_on_purpose'), 'the value is not logged');
});

test('bubblewrap preparation: only on GitHub-hosted Linux runners for a sandboxed mode, and only what is missing', async (t) => {
  const { planBwrap, probeBwrapHost } = await import('../../src/app/action/bwrap-prep.js');
  const here = planBwrap(probeBwrapHost('linux', 'github-hosted', 'workspace-write'));
  if (here.kind !== 'prepare' || here.steps.length > 0) {
    t.skip(
      `this machine would be changed (${here.kind === 'prepare' ? here.steps.map((s) => s.argv.join(' ')).join('; ') : here.why}); the plans are unit-tested`,
    );
    return;
  }
  const r = runner();
  const fake = writeFakeCli(r.dir);
  const hosted = await runActionBundle(
    r,
    { prompt: 'x' },
    { HEXEC_ACTION_CLI: fake, RUNNER_ENVIRONMENT: 'github-hosted' },
  );
  assert.equal(hosted.code, 0, hosted.stdout);
  assert.match(
    hosted.stdout,
    /^hexec action: bubblewrap ready on this GitHub-hosted runner \(bwrap \/\S+\/bwrap; kernel\.unprivileged_userns_clone=/m,
  );
  assert.doesNotMatch(hosted.stdout, /preparing bubblewrap/, 'nothing was missing, nothing was run');
  const self = await runActionBundle(r, { prompt: 'x' }, { HEXEC_ACTION_CLI: fake, RUNNER_ENVIRONMENT: 'self-hosted' });
  assert.doesNotMatch(self.stdout, /bubblewrap/, 'a self-hosted machine is left alone');
  const full = await runActionBundle(
    r,
    { prompt: 'x', sandbox: 'danger-full-access' },
    { HEXEC_ACTION_CLI: fake, RUNNER_ENVIRONMENT: 'github-hosted' },
  );
  assert.doesNotMatch(full.stdout, /bubblewrap/, 'no sandbox, no bubblewrap');
});
