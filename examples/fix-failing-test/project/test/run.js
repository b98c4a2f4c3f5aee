// A tiny deterministic test runner: prints one line per case and exits 1 on failure.
import { slugify } from '../src/slugify.js';

const cases = [
  ['Hello, World!', 'hello-world'],
  ['  Trim me  ', 'trim-me'],
  ['already-a-slug', 'already-a-slug'],
  ['Many   spaces -- here', 'many-spaces-here'],
];
let failed = 0;
for (const [input, expected] of cases) {
  const got = slugify(input);
  if (got === expected) {
    console.log(`ok   slugify(${JSON.stringify(input)})`);
  } else {
    failed += 1;
    console.log(`FAIL slugify(${JSON.stringify(input)}): expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
}
console.log(failed === 0 ? `all ${cases.length} cases pass` : `${failed} of ${cases.length} cases fail`);
process.exit(failed === 0 ? 0 : 1);
