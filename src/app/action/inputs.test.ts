import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveHostEnv, type HostEnv } from '../../env/index.js';
import { isHexecError } from '../../errors/index.js';
import { inputVarName, readActionInputs } from './inputs.js';

function env(inputs: Record<string, string>, extra: Record<string, string> = {}): HostEnv {
  const vars: Record<string, string> = { GITHUB_WORKSPACE: '/ws', ...extra };
  for (const [k, v] of Object.entries(inputs)) vars[inputVarName(k)] = v;
  return deriveHostEnv({
    vars,
    cwd: '/cwd',
    home: '/home/r',
    tmpdir: '/tmp',
    uid: 1001,
    gid: 1001,
    username: 'runner',
    platform: 'linux',
    arch: 'x64',
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    nodeVersion: '24.0.0',
    execPath: '/usr/bin/node',
  });
}

function usage(inputs: Record<string, string>): string {
  try {
    readActionInputs(env(inputs));
  } catch (e) {
    assert.ok(isHexecError(e));
    assert.equal(e.exitCode, 2);
    return e.message;
  }
  assert.fail('expected a usage error');
}

test('input variable names keep hyphens, as the runner sets them', () => {
  assert.equal(inputVarName('openai-api-key'), 'INPUT_OPENAI-API-KEY');
  assert.equal(inputVarName('prompt file'), 'INPUT_PROMPT_FILE');
});

test('defaults: workspace, workspace-write, drop-sudo, hermetic', () => {
  const i = readActionInputs(env({ prompt: 'hi' }));
  assert.deepEqual(i.prompt, { type: 'inline', text: 'hi' });
  assert.equal(i.workingDirectory, '/ws');
  assert.equal(i.sandbox, 'workspace-write');
  assert.equal(i.safetyStrategy, 'drop-sudo');
  assert.equal(i.hermetic, true);
  assert.equal(i.allowBots, false);
  assert.deepEqual(i.codexArgs, []);
  assert.equal(i.apiKey, undefined);
});

test('paths are resolved under the workspace; values pass through', () => {
  const i = readActionInputs(
    env(
      {
        'prompt-file': 'p.md',
        'output-file': 'out/msg.txt',
        'working-directory': 'sub',
        'output-schema-file': '/abs/s.json',
        model: 'gpt-x',
        effort: 'high',
        'codex-args': '["--ephemeral"]',
        hermetic: 'false',
        record: 'c.json',
        'max-turns': '5',
        'max-cost-usd': '0.5',
        timeout: '10m',
        'openai-api-key': 'sk-1',
        'allow-bots': 'TRUE',
        sandbox: 'read-only',
      },
      { GITHUB_TOKEN: 'ght' },
    ),
  );
  assert.deepEqual(i.prompt, { type: 'file', path: '/ws/p.md' });
  assert.equal(i.outputFile, '/ws/out/msg.txt');
  assert.equal(i.workingDirectory, '/ws/sub');
  assert.deepEqual(i.outputSchema, { type: 'file', path: '/abs/s.json' });
  assert.equal(i.record, '/ws/c.json');
  assert.equal(i.hermetic, false);
  assert.equal(i.allowBots, true);
  assert.equal(i.githubToken, 'ght');
  assert.deepEqual(i.codexArgs, ['--ephemeral']);
  assert.equal(i.maxTurns, '5');
  assert.equal(i.sandbox, 'read-only');
});

test('every invalid combination names the input and what is allowed', () => {
  assert.match(usage({}), /exactly one of `prompt` and `prompt-file`/);
  assert.match(usage({ prompt: 'a', 'prompt-file': 'b' }), /exactly one/);
  assert.match(
    usage({ prompt: 'a', 'safety-strategy': 'yolo' }),
    /'safety-strategy': must be one of 'drop-sudo', 'unprivileged-user', 'read-only', 'unsafe'/,
  );
  assert.match(usage({ prompt: 'a', sandbox: 'none' }), /'sandbox': must be one of/);
  assert.match(usage({ prompt: 'a', 'safety-strategy': 'unprivileged-user' }), /'codex-user': is required/);
  assert.match(usage({ prompt: 'a', 'codex-user': 'a b' }), /'codex-user': is not a valid user name/);
  assert.match(usage({ prompt: 'a', 'output-schema': '{}', 'output-schema-file': 's' }), /not both/);
  assert.match(usage({ prompt: 'a', 'allow-bots': 'yes' }), /'allow-bots': must be true or false/);
  assert.match(usage({ prompt: 'a', 'allow-bot-users': '*' }), /does not support '\*'/);
  assert.match(usage({ prompt: 'a', record: 'x', replay: 'y' }), /`record` or `replay`/);
  assert.match(usage({ prompt: 'a', 'max-turns': '0' }), /'max-turns': must be a positive integer/);
  assert.match(usage({ prompt: 'a', 'max-tokens': '1e3' }), /'max-tokens': must be a positive integer/);
  assert.match(usage({ prompt: 'a', 'max-cost-usd': '-1' }), /'max-cost-usd': must be a positive number/);
  assert.match(usage({ prompt: 'a', timeout: 'soon' }), /'timeout': must be a duration/);
  assert.match(usage({ prompt: 'a', effort: 'HIGH!' }), /'effort'/);
  assert.match(usage({ prompt: 'a', 'codex-args': '[1]' }), /codex-args must be a JSON array of strings/);
});

test('permission-profile (codex-action v1): built-in profiles choose the sandbox; with `sandbox`, safety-strategy read-only or a named profile it is exit 2', () => {
  const mode = (profile: string): string =>
    readActionInputs(env({ prompt: 'a', 'permission-profile': profile })).sandbox;
  assert.equal(mode(':read-only'), 'read-only');
  assert.equal(mode(':workspace'), 'workspace-write');
  assert.equal(mode(':danger-full-access'), 'danger-full-access');
  assert.equal(
    readActionInputs(env({ prompt: 'a', 'permission-profile': ':read-only' })).permissionProfile,
    ':read-only',
  );
  assert.match(
    usage({ prompt: 'a', 'permission-profile': ':workspace', sandbox: 'workspace-write' }),
    /^input 'permission-profile': `permission-profile` and `sandbox` are mutually exclusive/,
  );
  assert.match(
    usage({ prompt: 'a', 'permission-profile': ':read-only', 'safety-strategy': 'read-only' }),
    /cannot be combined with safety-strategy 'read-only', which forces the legacy read-only sandbox/,
  );
  assert.match(usage({ prompt: 'a', 'permission-profile': 'public-review' }), /named profiles .* are not supported/);
  assert.match(usage({ prompt: 'a', 'permission-profile': 'read-only' }), /built-in profiles ':read-only'/);
});

test('codex-version is accepted; pass-env lists names and refuses the inputs, the runner credentials and the model key', () => {
  const i = readActionInputs(
    env({ prompt: 'a', 'codex-version': '0.171.0', 'pass-env': 'GH_TOKEN, NPM_TOKEN\nGH_TOKEN' }),
  );
  assert.equal(i.codexVersion, '0.171.0');
  assert.deepEqual(i.passEnv, ['GH_TOKEN', 'NPM_TOKEN']);
  assert.deepEqual(readActionInputs(env({ prompt: 'a' })).passEnv, []);
  assert.match(usage({ prompt: 'a', 'pass-env': 'GH-TOKEN' }), /'pass-env': lists environment variable names/);
  assert.match(usage({ prompt: 'a', 'pass-env': 'INPUT_OPENAI-API-KEY' }), /'pass-env': lists environment variable/);
  assert.match(usage({ prompt: 'a', 'pass-env': 'INPUT_PROMPT' }), /cannot pass INPUT_PROMPT: the action's inputs/);
  assert.match(usage({ prompt: 'a', 'pass-env': 'ACTIONS_RUNTIME_TOKEN' }), /the runner's own credentials/);
  assert.match(usage({ prompt: 'a', 'pass-env': 'OPENAI_API_KEY' }), /give the model key as openai-api-key/);
});
