import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { generatedFiles } from '../../src/cli/generated-files.js';

test('every generated file (README flag tables, config docs and schema) is fresh: run `npm run gen`', () => {
  const files = generatedFiles();
  assert.ok(files.length >= 1);
  for (const g of files) {
    const current = readFileSync(join(REPO_ROOT, g.path), 'utf8');
    assert.ok(current === g.render(current), `${g.path} is stale: run \`npm run gen\``);
  }
});

test('the freshness check catches a hand edit inside a generated section', () => {
  const readme = generatedFiles().find((g) => g.path === 'README.md');
  assert.ok(readme !== undefined);
  const current = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const edited = current.replace('| `--ephemeral` | same |', '| `--ephemeral` | same, edited by hand |');
  assert.notEqual(edited, current);
  assert.notEqual(readme.render(edited), edited);
  assert.equal(readme.render(edited), current);
});
