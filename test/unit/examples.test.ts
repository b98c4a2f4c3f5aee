import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, type YamlValue } from '../helpers/mini-yaml.js';
import { REPO_ROOT } from '../helpers/paths.js';

type Obj = { [k: string]: YamlValue };
const isObj = (v: YamlValue | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function asObj(v: YamlValue | undefined, what: string): Obj {
  assert.ok(isObj(v), `${what} is a mapping`);
  return v;
}
const action: Obj = asObj(parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')), 'action.yml');
const inputs: Obj = asObj(action['inputs'], 'inputs');
const outputs: Obj = asObj(action['outputs'], 'outputs');

/** codex-action v1.8's inputs: a workflow switches by changing `uses:` only. */
const CODEX_ACTION_INPUTS = [
  'prompt',
  'prompt-file',
  'output-file',
  'openai-api-key',
  'responses-api-endpoint',
  'working-directory',
  'sandbox',
  'codex-args',
  'output-schema',
  'output-schema-file',
  'model',
  'effort',
  'codex-home',
  'safety-strategy',
  'codex-user',
  'allow-users',
  'allow-bots',
  'allow-bot-users',
  // newer codex-action v1 inputs
  'permission-profile',
  'codex-version',
];
const HEXEC_INPUTS = [
  'hermetic',
  'record',
  'replay',
  'max-turns',
  'max-tokens',
  'max-cost-usd',
  'timeout',
  'pass-env',
  'github-token',
];
const OUTPUTS = [
  'final-message',
  'exit-code',
  'usage',
  'input-tokens',
  'cached-input-tokens',
  'output-tokens',
  'reasoning-output-tokens',
  'cost-usd',
  'config-fingerprint',
  'cassette',
];

test('action.yml declares every codex-action v1.8 input, the hexec ones and all outputs', () => {
  for (const name of [...CODEX_ACTION_INPUTS, ...HEXEC_INPUTS]) {
    const spec: Obj = asObj(inputs[name], `input ${name}`);
    assert.equal(typeof spec['description'], 'string', `input ${name} has a description`);
  }
  assert.equal((inputs['hermetic'] as Obj)['default'], 'true');
  assert.equal((inputs['safety-strategy'] as Obj)['default'], 'drop-sudo');
  assert.deepEqual(Object.keys(outputs).sort(), [...OUTPUTS].sort());
  assert.deepEqual(action['runs'], { using: 'node24', main: 'dist/action.cjs' });
});

const dir = join(REPO_ROOT, 'examples', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

test('there are the five example workflows', () => {
  assert.deepEqual(files.sort(), [
    'fix-failing-test.yml',
    'matrix.yml',
    'replay-pr.yml',
    'self-hosted-container.yml',
    'structured-review.yml',
  ]);
});

for (const file of files) {
  test(`examples/workflows/${file} parses and uses only declared action inputs`, () => {
    const wf = parseYaml(readFileSync(join(dir, file), 'utf8'));
    assert.ok(isObj(wf));
    assert.equal(typeof wf['name'], 'string');
    assert.ok(wf['on'] !== undefined && wf['on'] !== null, 'has triggers');
    const jobs = wf['jobs'];
    assert.ok(isObj(jobs) && Object.keys(jobs).length > 0);
    for (const [jobName, job] of Object.entries(jobs)) {
      assert.ok(isObj(job), jobName);
      assert.ok(job['runs-on'] !== undefined, `${jobName} has runs-on`);
      const steps = job['steps'];
      assert.ok(Array.isArray(steps) && steps.length > 0, `${jobName} has steps`);
      for (const step of steps) {
        assert.ok(isObj(step));
        assert.ok(
          (typeof step['uses'] === 'string') !== (typeof step['run'] === 'string'),
          `${jobName}: a step has exactly one of uses/run`,
        );
        if (typeof step['uses'] !== 'string' || !/(^|\/)hexec@/.test(step['uses'])) continue;
        const withs = step['with'];
        assert.ok(isObj(withs), `${file}: the hexec step passes inputs`);
        for (const key of Object.keys(withs))
          assert.ok(key in inputs, `${file}: input '${key}' is not declared in action.yml`);
        assert.ok('prompt' in withs !== 'prompt-file' in withs, `${file}: exactly one of prompt / prompt-file`);
        // What the engine needs: a sandbox other than danger-full-access runs bubblewrap. On
        // GitHub-hosted Ubuntu runners the action installs and enables it itself; a self-hosted
        // runner needs an earlier step (with sudo) that does.
        const sandbox =
          withs['safety-strategy'] === 'read-only' ? 'read-only' : (withs['sandbox'] ?? 'workspace-write');
        const hosted = typeof job['runs-on'] === 'string' && /^ubuntu-/.test(job['runs-on']);
        if (sandbox !== 'danger-full-access' && !hosted) {
          const before = steps
            .slice(0, steps.indexOf(step))
            .map((x) => (isObj(x) && typeof x['run'] === 'string' ? x['run'] : ''))
            .join('\n');
          assert.match(
            before,
            /apt-get install .*bubblewrap/,
            `${file}: bubblewrap is installed before the hexec step`,
          );
        }
        // A replay serves the recorded requests: the sandbox the model is told must be the recorded one.
        if ('replay' in withs)
          assert.notEqual(
            withs['safety-strategy'],
            'read-only',
            `${file}: read-only would change the sandbox of the replayed run`,
          );
        for (const k of ['record', 'replay'] as const) {
          if (typeof withs[k] === 'string') assert.match(withs[k], /\.jsonl$/, `${file}: cassettes are JSONL`);
        }
      }
      const text = JSON.stringify(job);
      for (const m of text.matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g)) {
        assert.ok(OUTPUTS.includes(m[1] ?? '') || m[1] === 'status', `${file}: output '${m[1] ?? ''}' is not declared`);
      }
    }
  });
}
