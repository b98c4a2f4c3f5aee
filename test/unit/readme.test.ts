import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { EXIT_MEANINGS } from '../../src/errors/exit-codes.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

test("README's exit-code table is the contract in src/errors/exit-codes.ts", () => {
  const rows = [...readme.matchAll(/^\| (\d+) \| ([^|]+) \|$/gm)].map((m) => [Number(m[1]), (m[2] ?? '').trim()] as const);
  assert.deepEqual(rows, EXIT_MEANINGS.map(([c, m]) => [c, m]));
});

test('.ci/run runs the README set-up command and npm test, nothing else', () => {
  const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
  const commands = ci.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^set -|^cd /.test(l.trim()));
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const readmeCommands = block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '');
  assert.deepEqual(commands.map((c) => c.trim().replace(/^bash /, './')), readmeCommands.map((c) => c.replace(/^bash /, './')));
});
