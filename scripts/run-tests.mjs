// Runs the transpiled tests with node's own runner. `unit` = tests beside the code in src/,
// `e2e` = test/e2e; no argument = both. Node 20's --test takes file paths, not globs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const which = process.argv[2] ?? 'all';
function walk(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const files = [];
if (which === 'all' || which === 'unit')
  files.push(...walk(join(root, 'build/src')), ...walk(join(root, 'build/test/unit')));
if (which === 'all' || which === 'e2e') files.push(...walk(join(root, 'build/test/e2e')));
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
