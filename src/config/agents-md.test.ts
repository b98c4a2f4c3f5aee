import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makeTree } from '../../test/helpers/config-tree.js';
import { loadInstructions, renderInstructions, type AgentsMdInput } from './agents-md.js';

function input(t: ReturnType<typeof makeTree>, over: Partial<AgentsMdInput> = {}): AgentsMdInput {
  return {
    cwd: join(t.ws, 'sub'),
    projectRoot: t.ws,
    codexHome: t.codexHome,
    maxBytes: 32768,
    fallbackFilenames: [],
    includeUserDoc: true,
    includeProjectDocs: true,
    ...over,
  };
}

test('codex-extensions §4.2 example: user doc, separator, project files verbatim joined by a blank line', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('ws/AGENTS.md', 'A\n');
  tree.write('ws/sub/AGENTS.md', 'B\n');
  tree.write('home/.codex/AGENTS.md', '\n  H \n\n');
  const r = loadInstructions(input(tree));
  assert.equal(
    r.text,
    `# AGENTS.md instructions for ${join(tree.ws, 'sub')}\n\n<INSTRUCTIONS>\nH\n\n--- project-doc ---\n\nA\n\n\nB\n\n</INSTRUCTIONS>`,
  );
  assert.deepEqual(
    r.files.map((f) => [f.kind, f.path, f.bytes, f.truncated]),
    [
      ['user', join(tree.codexHome, 'AGENTS.md'), 1, false],
      ['project', join(tree.ws, 'AGENTS.md'), 2, false],
      ['project', join(tree.ws, 'sub', 'AGENTS.md'), 2, false],
    ],
  );
  assert.equal(r.files[1]?.sha256, createHash('sha256').update('A\n').digest('hex'));
});

test('shared budget: the file that crosses it is cut at the byte limit, later files dropped', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('ws/AGENTS.md', 'ROOT-CONTENT-\n'); // 14 bytes
  tree.write('ws/sub/AGENTS.md', 'SUB-CONTENT\n');
  tree.write('ws/sub/deeper/AGENTS.md', 'never\n');
  const r = loadInstructions(input(tree, { cwd: join(tree.ws, 'sub', 'deeper'), maxBytes: 18 }));
  assert.equal(
    r.text,
    `# AGENTS.md instructions for ${join(tree.ws, 'sub', 'deeper')}\n\n<INSTRUCTIONS>\nROOT-CONTENT-\n\n\nSUB-\n</INSTRUCTIONS>`,
  );
  assert.deepEqual(
    r.files.map((f) => [f.bytes, f.size, f.truncated]),
    [
      [14, 14, false],
      [4, 12, true],
    ],
  );
});

test('first existing name per directory: override, AGENTS.md, then fallbacks in order', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('ws/AGENTS.override.md', 'O\n');
  tree.write('ws/AGENTS.md', 'not used\n');
  tree.write('ws/CLAUDE.md', 'not used either\n');
  tree.write('ws/sub/CLAUDE.md', 'C\n');
  const r = loadInstructions(input(tree, { fallbackFilenames: ['CLAUDE.md'], includeUserDoc: false }));
  assert.deepEqual(
    r.files.map((f) => f.path),
    [join(tree.ws, 'AGENTS.override.md'), join(tree.ws, 'sub', 'CLAUDE.md')],
  );
  const without = loadInstructions(input(tree, { includeUserDoc: false }));
  assert.deepEqual(
    without.files.map((f) => f.path),
    [join(tree.ws, 'AGENTS.override.md')],
  );
});

test('blank files are skipped (and still take their directory slot); budget 0 disables project docs only', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('ws/AGENTS.override.md', ' \n\t\n');
  tree.write('ws/AGENTS.md', 'shadowed\n');
  tree.write('ws/sub/AGENTS.md', 'S\n');
  tree.write('home/.codex/AGENTS.override.md', 'OVR');
  tree.write('home/.codex/AGENTS.md', 'plain');
  const r = loadInstructions(input(tree));
  assert.deepEqual(
    r.files.map((f) => f.path),
    [join(tree.codexHome, 'AGENTS.override.md'), join(tree.ws, 'sub', 'AGENTS.md')],
  );
  const zero = loadInstructions(input(tree, { maxBytes: 0 }));
  assert.equal(zero.text, '# AGENTS.md instructions\n\n<INSTRUCTIONS>\nOVR\n</INSTRUCTIONS>');
});

test('hermetic switches: no user doc, no project docs', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  tree.write('ws/AGENTS.md', 'A\n');
  tree.write('home/.codex/AGENTS.md', 'H');
  assert.equal(loadInstructions(input(tree, { includeUserDoc: false, includeProjectDocs: false })).text, null);
  assert.deepEqual(
    loadInstructions(input(tree, { includeUserDoc: false })).files.map((f) => f.kind),
    ['project'],
  );
});

test('renderInstructions without any doc is null; project-only has no separator', () => {
  assert.equal(renderInstructions('/w', undefined, []), null);
  assert.equal(
    renderInstructions('/w', undefined, ['x\n']),
    '# AGENTS.md instructions for /w\n\n<INSTRUCTIONS>\nx\n\n</INSTRUCTIONS>',
  );
});
