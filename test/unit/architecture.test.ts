import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * The layers of DEVELOPERS.md: a folder may import itself and the folders listed for
 * it, nothing else. Nothing imports upward.
 */
const ALLOWED: Record<string, readonly string[]> = {
  bin: [
    'cli',
    'batch',
    'app',
    'agent',
    'config',
    'output',
    'provider',
    'tools',
    'policy',
    'sandbox',
    'exec',
    'env',
    'errors',
    'util',
  ],
  cli: [
    'batch',
    'app',
    'agent',
    'config',
    'output',
    'provider',
    'tools',
    'policy',
    'sandbox',
    'exec',
    'env',
    'errors',
    'util',
  ],
  batch: [
    'app',
    'agent',
    'config',
    'output',
    'provider',
    'tools',
    'policy',
    'sandbox',
    'exec',
    'env',
    'errors',
    'util',
  ],
  app: ['agent', 'config', 'output', 'provider', 'tools', 'policy', 'sandbox', 'exec', 'env', 'errors', 'util'],
  agent: ['provider', 'tools', 'policy', 'sandbox', 'exec', 'env', 'errors', 'util'],
  config: ['policy', 'env', 'errors', 'util'],
  output: ['env', 'errors', 'util'],
  provider: ['exec', 'env', 'errors', 'util'],
  tools: ['policy', 'sandbox', 'exec', 'env', 'errors', 'util'],
  policy: ['env', 'errors', 'util'],
  sandbox: ['exec', 'env', 'errors', 'util'],
  exec: ['env', 'errors', 'util'],
  env: ['errors', 'util'],
  errors: ['util'],
  util: [],
};

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function layerOf(file: string): string {
  return relative(SRC, file).split(sep)[0] ?? '';
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

test('every src/ folder is a known layer', () => {
  for (const name of readdirSync(SRC)) {
    assert.ok(name in ALLOWED, `src/${name} is not a layer of DEVELOPERS.md`);
  }
});

test('imports only go down the layers', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC)) {
        violations.push(`${relative(REPO_ROOT, file)} imports outside src: ${spec}`);
        continue;
      }
      const to = layerOf(target);
      if (to !== from && !(ALLOWED[from] ?? []).includes(to)) {
        violations.push(`${relative(REPO_ROOT, file)} (${from}) imports ${spec} (${to})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

function grepOutside(pattern: RegExp, allowedLayer: string): string[] {
  const hits: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (layerOf(file) === allowedLayer) continue;
    const text = readFileSync(file, 'utf8');
    if (pattern.test(text)) hits.push(relative(REPO_ROOT, file));
  }
  return hits;
}

test('only env/ reads process.env, home, tmpdir or cwd', () => {
  assert.deepEqual(grepOutside(/process\.env|\bhomedir\s*\(|\btmpdir\s*\(|process\.cwd\s*\(|userInfo\s*\(/, 'env'), []);
});

test('only exec/ imports node:child_process', () => {
  assert.deepEqual(grepOutside(/['"](node:)?child_process['"]/, 'exec'), []);
});

test('only bin/ calls process.exit', () => {
  assert.deepEqual(grepOutside(/process\.exit\s*\(/, 'bin'), []);
});

test('no default exports in src/', () => {
  assert.deepEqual(grepOutside(/^export default /m, '__none__'), []);
});

test('the checker itself catches an upward import', () => {
  const fake = `import { x } from '../cli/argv.js';`;
  const m = [...fake.matchAll(IMPORT_RE)];
  assert.equal(m[0]?.[1], '../cli/argv.js');
  assert.ok(!(ALLOWED['agent'] ?? []).includes('cli'));
});
