// Build: one bundled ESM file per entry point in dist/, plus a per-file transpile of
// src/ and test/ into build/ so node --test can run the TypeScript tests without a loader.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionBuildOptions } from './action-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const define = { __HEXEC_VERSION__: JSON.stringify(pkg.version) };
const banner = {
  js: "import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);",
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'src/bin/cli.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  define,
  banner,
  legalComments: 'none',
  logLevel: 'warning',
});
await build(actionBuildOptions(root, pkg.version));

rmSync(join(root, 'build'), { recursive: true, force: true });
const files = [...walk(join(root, 'src')), ...walk(join(root, 'test'))];
await build({
  entryPoints: files,
  outdir: join(root, 'build'),
  outbase: root,
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  define,
  logLevel: 'warning',
  sourcemap: 'inline',
});
console.error(
  `built dist/cli.mjs, dist/action.cjs and ${files.length} files into build/ (${relative(root, join(root, 'build'))})`,
);
