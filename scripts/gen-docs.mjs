// Writes the files derived from the one declaration of each fact: the README's flag
// tables (src/cli/options-*.ts), and the key list of docs/config.md plus
// schemas/config.schema.json (src/config/keys/*.ts). Reads the per-file build, so run it
// after `npm run build` (`npm run gen` does both). `--check` writes nothing and exits 1
// when a file is stale; test/unit/generated-docs.test.ts makes the same check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { generatedFiles } = await import(join(root, 'build/src/cli/generated-files.js'));

const check = process.argv.includes('--check');
let stale = 0;
for (const g of generatedFiles()) {
  const path = join(root, g.path);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* missing: generated from scratch */
  }
  const next = g.render(current);
  if (next === current) continue;
  stale += 1;
  if (check) console.error(`${g.path} is stale: run \`npm run gen\``);
  else {
    writeFileSync(path, next);
    console.error(`wrote ${g.path}`);
  }
}
if (check && stale > 0) process.exit(1);
