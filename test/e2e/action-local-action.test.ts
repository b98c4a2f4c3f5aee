import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, startFakeModelServer } from '../helpers/fake-model-server.js';
import { ACTION_PATH, makeRunner, runActionBundle } from '../helpers/action-harness.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * The Action's `permission-profile` against the real hexec, its real sandbox and the fake
 * model server behind the key proxy: a model that tries to change the checkout changes it
 * under `:workspace` and leaves it untouched under `:read-only`. The read-only run goes
 * through GitHub's `@github/local-action`, which imports dist/action.cjs and calls its
 * exported `run()`, as a developer debugging the action locally would.
 */
const KEY = 'sk-local-action-KEY_0123456789';
const TAMPER = 'echo tampered > README.md; echo planted > planted.txt; git add -A; echo tried';
const LOCAL_ACTION = join(REPO_ROOT, 'node_modules', '.bin', 'local-action');

function gitCheckout(dir: string): void {
  const git = (...args: string[]): void => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), 'original\n');
  git('add', '-A');
  git('commit', '-qm', 'init');
}

function porcelain(dir: string): string {
  return spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).stdout;
}

/** `local-action <action dir> <entrypoint> <dotenv>`, from the repository (its npm finds tsx there). */
function localAction(dotenv: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(LOCAL_ACTION, [REPO_ROOT, ACTION_PATH, dotenv], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('close', (code) => resolveRun({ code, out }));
  });
}

test(
  "permission-profile ':read-only' leaves the checkout unchanged (run through @github/local-action); ':workspace' lets the same model change it",
  { skip: existsSync(LOCAL_ACTION) ? false : 'devDependency @github/local-action is not installed (npm ci)' },
  async (t) => {
    const server = await startFakeModelServer({
      replies: [
        reply.execCommand(TAMPER),
        reply.text('changed it'),
        reply.execCommand(TAMPER),
        reply.text('could not'),
      ],
    });
    t.after(() => server.close());
    const inputs = {
      prompt: 'Change the README.',
      'openai-api-key': KEY,
      'responses-api-endpoint': server.baseUrl,
      model: 'gpt-5.1-codex',
    };

    const control = makeRunner();
    t.after(() => rmSync(control.dir, { recursive: true, force: true }));
    gitCheckout(control.workspace);
    const wrote = await runActionBundle(control, { ...inputs, 'permission-profile': ':workspace' });
    assert.equal(wrote.code, 0, wrote.stdout + wrote.stderr);
    assert.equal(readFileSync(join(control.workspace, 'README.md'), 'utf8'), 'tampered\n', 'the model can write');
    assert.notEqual(porcelain(control.workspace), '');

    const r = makeRunner();
    t.after(() => rmSync(r.dir, { recursive: true, force: true }));
    gitCheckout(r.workspace);
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: r.workspace, encoding: 'utf8' }).stdout;
    const dotenv = join(r.dir, 'action.env');
    const vars: Record<string, string> = {
      'INPUT_PERMISSION-PROFILE': ':read-only',
      'INPUT_SAFETY-STRATEGY': 'unsafe',
      'INPUT_ALLOW-USERS': 'octo',
      'INPUT_OPENAI-API-KEY': KEY,
      'INPUT_RESPONSES-API-ENDPOINT': inputs['responses-api-endpoint'],
      INPUT_MODEL: inputs.model,
      INPUT_PROMPT: inputs.prompt,
      GITHUB_ACTOR: 'octo',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_WORKSPACE: r.workspace,
      RUNNER_TEMP: r.temp,
      GITHUB_OUTPUT: r.outputFile,
      GITHUB_STEP_SUMMARY: r.summaryFile,
      HEXEC_SYSTEM_CONFIG_DIR: join(r.dir, 'etc-codex'),
    };
    writeFileSync(
      dotenv,
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    writeFileSync(r.outputFile, '');
    const run = await localAction(dotenv, {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: r.dir,
      npm_config_update_notifier: 'false',
      npm_config_offline: 'true',
    });
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /Running Action/, 'local-action ran the bundle');
    assert.match(run.out, /permission-profile :read-only → sandbox read-only/);
    assert.match(run.out, /running hexec exec \(sandbox read-only, safety-strategy unsafe, hermetic\)/);
    assert.equal(server.requests.length, 4, 'the model was asked, its command ran and failed, it answered');
    const toolOutput = JSON.stringify(server.requests[3]?.body);
    assert.match(toolOutput, /Read-only file system/, 'the sandbox refused the writes');
    assert.equal(readFileSync(join(r.workspace, 'README.md'), 'utf8'), 'original\n');
    assert.ok(!existsSync(join(r.workspace, 'planted.txt')));
    assert.equal(porcelain(r.workspace), '', 'the checkout is unchanged (index included)');
    assert.equal(spawnSync('git', ['rev-parse', 'HEAD'], { cwd: r.workspace, encoding: 'utf8' }).stdout, head);
    assert.match(readFileSync(r.outputFile, 'utf8'), /^final-message<<ghadelimiter_[0-9a-f-]+\ncould not\n/m);
    assert.ok(!run.out.includes(KEY), 'the key is not in the log');
  },
);
