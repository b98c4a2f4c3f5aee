// The static gates of `npm test`, run side by side: the type check, ESLint, the Prettier
// check and the events-schema freshness check. One line per gate with its time; a gate that
// fails prints its tool's output in full and how to fix it, and the script exits 1.
// `node scripts/gates.mjs lint format` runs only the named gates.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);

export const GATES = [
  {
    name: 'types',
    shown: 'tsc --noEmit -p tsconfig.json',
    argv: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'],
    fix: 'fix the type errors above (`npm run typecheck`)',
  },
  {
    name: 'lint',
    shown: 'eslint --max-warnings=0 .',
    argv: [bin('eslint'), '--max-warnings=0', '.'],
    fix: 'fix the findings above (`npm run lint`; a few are fixable with `npx eslint --fix <files>`)',
  },
  {
    name: 'format',
    // The cache (node_modules/.cache/prettier) is keyed by each file's content, the options
    // and Prettier's version, so it cannot hide a change; a fresh clone starts without one.
    shown: 'prettier --check --cache --cache-strategy content .',
    argv: [bin('prettier'), '--check', '--cache', '--cache-strategy', 'content', '.'],
    fix: 'run `npx prettier --write <the files above>`',
  },
  {
    name: 'schema',
    shown: 'node scripts/gen-event-schema.mjs --check',
    argv: [process.execPath, join(root, 'scripts/gen-event-schema.mjs'), '--check'],
    fix: 'run `node scripts/gen-event-schema.mjs` and commit schemas/events.schema.json',
  },
];

function run(gate) {
  const started = performance.now();
  return new Promise((resolve) => {
    const [cmd, ...args] = gate.argv;
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (e) => chunks.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? '✔' : '✖'} ${gate.name.padEnd(7)} ${seconds.padStart(5)} s  ${gate.shown}`);
      resolve({ gate, ok, code: code ?? signal, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !GATES.some((g) => g.name === w));
if (unknown.length > 0) {
  console.error(`unknown gate ${unknown.join(', ')}: expected one of ${GATES.map((g) => g.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length === 0 ? GATES : GATES.filter((g) => wanted.includes(g.name));
const results = await Promise.all(selected.map(run));
const failed = results.filter((r) => !r.ok);
for (const r of failed) {
  console.log(`\n── ${r.gate.name} failed (exit ${r.code}): ${r.gate.shown}`);
  console.log(r.output.trimEnd());
  console.log(`→ ${r.gate.fix}`);
}
if (failed.length > 0) {
  console.log(`\ngates: ${failed.length} of ${results.length} failed (${failed.map((r) => r.gate.name).join(', ')})`);
  process.exit(1);
}
