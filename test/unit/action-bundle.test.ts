import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { REPO_ROOT } from '../helpers/paths.js';

const BUNDLE = 'dist/action.cjs';

async function rebuild(): Promise<Buffer> {
  const mod = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'action-bundle.mjs')).href)) as {
    actionBuildOptions: (root: string, version: string) => BuildOptions;
  };
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const result = await build({ ...mod.actionBuildOptions(REPO_ROOT, version), write: false });
  const file = result.outputFiles?.[0];
  assert.ok(file !== undefined);
  return Buffer.from(file.contents);
}

test('the committed action bundle is what the sources build to (rebuild, then commit dist/action.cjs)', async (t) => {
  const fresh = await rebuild();
  const git = spawnSync('git', ['show', `:${BUNDLE}`], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  if (git.status !== 0) {
    t.skip('not a git checkout');
    return;
  }
  assert.ok(
    git.stdout.equals(fresh),
    `${BUNDLE} in git differs from a fresh build: run \`npm run build\` and commit ${BUNDLE}`,
  );
});

test('building the action bundle twice gives identical bytes', async () => {
  const [a, b] = [await rebuild(), await rebuild()];
  assert.ok(a.equals(b));
  assert.ok(!a.toString('utf8').includes(REPO_ROOT), 'no absolute checkout paths in the bundle');
});

test('action.yml runs the bundle on node24', () => {
  const yml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
  assert.match(yml, /\nruns:\n {2}using: "node24"\n {2}main: "dist\/action\.cjs"\n/);
});
