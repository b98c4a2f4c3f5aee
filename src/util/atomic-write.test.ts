import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

test('writes the whole file, replaces old content, leaves no temp file', () => {
  const dir = tempDir('hexec-atomic-');
  const p = join(dir, 'out.txt');
  writeFileSync(p, 'old');
  writeFileAtomic(p, 'new');
  assert.equal(readFileSync(p, 'utf8'), 'new');
  assert.deepEqual(readdirSync(dir), ['out.txt']);
});

test('planted symlinks (old predictable temp names, or the target itself) never redirect the write', () => {
  const dir = tempDir('hexec-atomic-');
  const victim = join(dir, 'victim');
  writeFileSync(victim, 'untouched');
  for (let pid = 1; pid < 200; pid += 1) symlinkSync(victim, join(dir, `.out.txt.${pid}.1.tmp`));
  symlinkSync(victim, join(dir, 'out.txt'));
  writeFileAtomic(join(dir, 'out.txt'), 'final message');
  assert.equal(readFileSync(victim, 'utf8'), 'untouched');
  assert.equal(lstatSync(join(dir, 'out.txt')).isSymbolicLink(), false);
  assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'final message');
});
