import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { parseAllDocuments } from 'yaml';
import { jobCrossFieldErrors } from '../helpers/k8s-job-rules.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { loadWorkflowParser } from '../helpers/workflow-parser.js';

/**
 * The generators' output checked by the engines' own tooling: GitHub's workflow parser
 * (schema, expressions and the job graph), the Kubernetes OpenAPI models plus the API
 * server's cross-field Job rules, bash's parser for the Slurm submit script (the Slurm
 * test submits it to a real cluster). Each validator also rejects a broken variant, so it
 * is known to run.
 */
const dir = tempDir('hexec-batch-engines-');
mkdirSync(join(dir, 'ci'));
const TASKS = join(dir, 'ci', 'tasks.jsonl');
writeFileSync(
  TASKS,
  [
    '{"defaults": {"prompt": "bump the dependencies", "verify": "npm test", "max_cost_usd": 0.5}}',
    '{"id": "api", "repo": "https://example.invalid/acme/api.git", "ref": "main"}',
    '{"id": "web", "repo": "https://example.invalid/acme/web.git"}',
    '{"id": "cli", "repo": "https://example.invalid/acme/cli.git", "prompt": "what\'s \\"new\\": #1"}',
  ].join('\n'),
);
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' };

function generate(args: string[]): string {
  const r = runCli(['batch', ...args], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function workflowErrors(content: string): Promise<{ errors: string[]; jobs: Record<string, unknown>[] }> {
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await loadWorkflowParser();
  const parsed = parseWorkflow({ name: '.github/workflows/hexec-batch.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) return { errors, jobs: [] };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return {
    errors: [...errors, ...(template.errors ?? []).map((e) => e.Message)],
    jobs: template.jobs as unknown as Record<string, unknown>[],
  };
}

test('batch github: the workflow parses with GitHub’s parser; matrix over the indices, one artifact per task, report job needs the matrix', async () => {
  const text = generate(['github', 'ci/tasks.jsonl', '--parallel', '2']);
  const { errors, jobs } = await workflowErrors(text);
  assert.deepEqual(errors, []);
  const byId = Object.fromEntries(jobs.map((j) => [(j['id'] as { value: string }).value, j]));
  assert.deepEqual(Object.keys(byId).sort(), ['report', 'unit']);
  const needs = (id: string): string[] =>
    ((byId[id]?.['needs'] as { value: string }[] | undefined) ?? []).map((n) => n.value);
  assert.deepEqual(needs('unit'), []);
  assert.deepEqual(needs('report'), ['unit'], 'the report job runs after the matrix');
  assert.match(text, /max-parallel: 2\n/);
  assert.match(text, /- index: 0\n\s+id: api\n\s+- index: 1\n\s+id: web\n\s+- index: 2\n\s+id: cli\n/);
  assert.match(
    text,
    /run: npx --yes hexec@\d+\.\d+\.\d+ batch run ci\/tasks\.jsonl --index \$\{\{ matrix\.index \}\} --out results\n/,
  );
  assert.match(text, /name: hexec-result-\$\{\{ matrix\.id \}\}/);
  assert.match(text, /OPENAI_API_KEY: \$\{\{ secrets\.OPENAI_API_KEY \}\}/);

  // Broken on purpose: a job graph with an unknown dependency, and a job without runs-on.
  const badNeeds = await workflowErrors(text.replace('needs: unit', 'needs: units'));
  assert.ok(
    badNeeds.errors.some((e) => /units/.test(e)),
    badNeeds.errors.join('\n'),
  );
  const noRunner = await workflowErrors(
    text.replace(/\n {4}runs-on: ubuntu-latest\n {4}timeout-minutes/, '\n    timeout-minutes'),
  );
  assert.ok(noRunner.errors.length > 0, 'a job without runs-on is rejected');
});

test('batch k8s: ConfigMap and Indexed Job validate against the Kubernetes models and the Job cross-field rules', () => {
  const r = runCli(['batch', 'k8s', 'ci/tasks.jsonl', '--image', 'ghcr.io/acme/hexec:0.1.0', '--parallel', '2'], {
    cwd: dir,
    env,
  });
  assert.equal(r.code, 0, r.stderr);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Record<string, unknown>);
  assert.equal(docs.length, 2);
  const [cm, job] = docs as [Record<string, unknown>, Record<string, unknown>];
  new ConfigMap(cm).validate();
  new Job(job).validate();
  assert.deepEqual(jobCrossFieldErrors(job), []);
  const spec = job['spec'] as Record<string, unknown>;
  assert.equal(spec['completionMode'], 'Indexed');
  assert.equal(spec['completions'], 3);
  assert.equal(spec['parallelism'], 2);
  assert.equal(spec['backoffLimitPerIndex'], 1);
  assert.equal(
    (cm['data'] as Record<string, string>)['tasks.jsonl']?.split('\n').length,
    4,
    'the task file is in the ConfigMap',
  );
  assert.match(r.stdout, /secretKeyRef:\n\s+name: hexec-api-key\n\s+key: OPENAI_API_KEY/);

  // The schema rejects a wrong type; the cross-field rules catch what it cannot.
  const wrongType = structuredClone(job);
  (wrongType['spec'] as Record<string, unknown>)['completions'] = 'three';
  assert.throws(() => new Job(wrongType).validate(), /completions/);
  const onFailure = structuredClone(job);
  const podSpec = (
    (onFailure['spec'] as Record<string, unknown>)['template'] as Record<string, Record<string, unknown>>
  )['spec'];
  if (podSpec !== undefined) podSpec['restartPolicy'] = 'OnFailure';
  new Job(onFailure).validate();
  assert.deepEqual(jobCrossFieldErrors(onFailure), [
    'spec.backoffLimitPerIndex: needs restartPolicy Never',
    'spec.podFailurePolicy: needs restartPolicy Never',
  ]);

  const noImage = runCli(['batch', 'k8s', 'ci/tasks.jsonl'], { cwd: dir, env });
  assert.equal(noImage.code, 2);
  assert.match(noImage.stderr, /--image: the Job needs an image that has hexec/);
});

test('batch slurm: a submit script with a job array (--array=0-N%P) and an afterany report job, valid bash', () => {
  const text = generate(['slurm', 'ci/tasks.jsonl', '--parallel', '2', '--time', '30:00']);
  assert.match(text, /^#SBATCH --array=0-2%2$/m);
  assert.match(text, /^#SBATCH --time=30:00$/m);
  assert.match(text, /^exec hexec batch run ci\/tasks\.jsonl --out results$/m);
  assert.match(text, /sbatch --parsable --dependency=afterany:\$\{array_job\}/);
  const bash = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
  assert.equal(bash.status, 0, bash.stderr);
  const broken = spawnSync('bash', ['-n'], {
    input: text.replace(/\nHEXEC_UNIT\n\)\n/, '\nHEXEC_UNIT\n'),
    encoding: 'utf8',
  });
  assert.notEqual(broken.status, 0, 'bash rejects a script whose command substitution is not closed');
});
