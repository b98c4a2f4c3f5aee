import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../../test/helpers/config-tree.js';
import { dirsFromRoot, findGitRoot, findProjectRoot, lookupTrust, recordTrust } from './project.js';
import { parseTomlText } from './toml-source.js';

test('project root: first ancestor with a marker; [] or no marker means cwd', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const deep = join(tree.ws, 'a', 'b');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(tree.ws, 'a', 'package.json'), '{}');
  assert.equal(findProjectRoot(deep, ['.git']), tree.ws);
  assert.equal(findProjectRoot(deep, ['package.json', '.git']), join(tree.ws, 'a'));
  assert.equal(findProjectRoot(deep, []), deep);
  assert.equal(findProjectRoot(deep, ['no-such-marker']), deep);
  assert.equal(findGitRoot(deep), tree.ws);
  assert.deepEqual(dirsFromRoot(tree.ws, deep), [tree.ws, join(tree.ws, 'a'), deep]);
});

test('trust lookup order: exact cwd, then project root, then git root', () => {
  const projects = parseTomlText(
    '[projects."/r/sub"]\ntrust_level = "untrusted"\n[projects."/r"]\ntrust_level = "trusted"\n[projects."/g"]\ntrust_level = "trusted"\n',
    'x',
  )['projects'];
  assert.deepEqual(lookupTrust(projects, ['/r/sub', '/r', '/g']), { level: 'untrusted', key: '/r/sub' });
  assert.deepEqual(lookupTrust(projects, ['/r/other', '/r', '/g']), { level: 'trusted', key: '/r' });
  assert.deepEqual(lookupTrust(projects, ['/x', '/y', '/g']), { level: 'trusted', key: '/g' });
  assert.deepEqual(lookupTrust(projects, ['/x', '/y', null]), { level: 'unknown', key: null });
  assert.deepEqual(lookupTrust(undefined, ['/r']), { level: 'unknown', key: null });
});

test('recordTrust appends, preserves content, is idempotent, and inserts under an existing header', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const file = join(tree.codexHome, 'config.toml');
  writeFileSync(file, '# mine\nmodel = "m"');
  assert.equal(recordTrust(file, '/w/"q"'), true);
  assert.equal(readFileSync(file, 'utf8'), '# mine\nmodel = "m"\n\n[projects."/w/\\"q\\""]\ntrust_level = "trusted"\n');
  assert.equal(recordTrust(file, '/w/"q"'), false);
  writeFileSync(file, '[projects."/p"]\n# note\n');
  assert.equal(recordTrust(file, '/p'), true);
  assert.equal(readFileSync(file, 'utf8'), '[projects."/p"]\ntrust_level = "trusted"\n# note\n');
  const fresh = join(tree.root, 'new-home', 'config.toml');
  assert.equal(recordTrust(fresh, '/n'), true);
  assert.equal(readFileSync(fresh, 'utf8'), '[projects."/n"]\ntrust_level = "trusted"\n');
});

test('recordTrust refuses to edit what it cannot edit safely, leaving the file unchanged', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const file = join(tree.codexHome, 'config.toml');
  const text = 'projects = { "/p" = { } }\n';
  writeFileSync(file, text);
  assert.throws(() => recordTrust(file, '/p'), /cannot record trust/);
  assert.equal(readFileSync(file, 'utf8'), text);
});

test('recordTrust reports an unwritable CODEX_HOME as a config error', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const blocker = tree.write('not-a-dir', 'x');
  assert.throws(
    () => recordTrust(join(blocker, 'config.toml'), '/p'),
    (e: unknown) =>
      e instanceof Error &&
      e.name === 'HexecError' &&
      /cannot record trust for \/p \((ENOTDIR|EEXIST)\)/.test(e.message),
  );
});
