import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { EXIT_MEANINGS } from '../../src/errors/exit-codes.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

test("README's exit-code table is the contract in src/errors/exit-codes.ts", () => {
  const rows = [...readme.matchAll(/^\| (\d+) \| ([^|]+) \|$/gm)].map(
    (m) => [Number(m[1]), (m[2] ?? '').trim()] as const,
  );
  assert.deepEqual(
    rows,
    EXIT_MEANINGS.map(([c, m]) => [c, m]),
  );
});

test('.ci/run runs the README set-up command and npm test, nothing else', () => {
  const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
  const commands = ci.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^set -|^cd /.test(l.trim()));
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const readmeCommands = block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
  assert.deepEqual(
    commands.map((c) => c.trim().replace(/^bash /, './')),
    readmeCommands.map((c) => c.replace(/^bash /, './')),
  );
});

/** Every option of `codex exec --help` in codex-cli 0.171.0 (0.169.0's plus --remote, --remote-auth-token-env). */
const CODEX_EXEC_OPTIONS = [
  '--config',
  '--enable',
  '--disable',
  '--remote',
  '--remote-auth-token-env',
  '--strict-config',
  '--image',
  '--model',
  '--oss',
  '--local-provider',
  '--profile',
  '--sandbox',
  '--approve-for-me',
  '--dangerously-bypass-approvals-and-sandbox',
  '--yolo',
  '--dangerously-bypass-hook-trust',
  '--cd',
  '--worktree',
  '--add-dir',
  '--thread-source',
  '--cyber-access-program',
  '--skip-git-repo-check',
  '--trust',
  '--ephemeral',
  '--ignore-user-config',
  '--ignore-rules',
  '--output-schema',
  '--color',
  '--json',
  '--output-last-message',
  '--help',
  '--version',
];

test("README's flag table covers every codex exec 0.171 option, and hexec parses each", async () => {
  const table = readme.slice(readme.indexOf('## `codex exec` flags in hexec'));
  const { findLong } = await import('../../src/cli/argv-spec.js');
  for (const flag of CODEX_EXEC_OPTIONS) {
    assert.ok(new RegExp(`^\\| [^|]*\`[^\`]*${flag}\\b`, 'm').test(table), `README flag table lacks ${flag}`);
    if (flag !== '--help' && flag !== '--version')
      assert.ok(findLong(flag.slice(2)) !== undefined, `argv spec lacks ${flag}`);
  }
});
