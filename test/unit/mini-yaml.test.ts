import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../helpers/mini-yaml.js';

test('the YAML subset used by workflows', () => {
  const doc = parseYaml(`name: CI  # comment
on:
  push:
    branches: [main, "release/*"]
  workflow_dispatch: {}
jobs:
  a:
    runs-on: ubuntu-latest
    env: { A: 1, B: 'x y' }
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0
      - name: run
        run: |
          echo "# not a comment"
          echo two

      -
        run: >-
          folded
          text
    outputs:
      x: \${{ steps.a.outputs.b }}
list:
- 1
- true
- null
- 'it''s'
`);
  assert.deepEqual(doc, {
    name: 'CI',
    on: { push: { branches: ['main', 'release/*'] }, workflow_dispatch: {} },
    jobs: {
      a: {
        'runs-on': 'ubuntu-latest',
        env: { A: 1, B: 'x y' },
        steps: [
          { uses: 'actions/checkout@v5', with: { 'fetch-depth': 0 } },
          { name: 'run', run: 'echo "# not a comment"\necho two\n' },
          { run: 'folded text' },
        ],
        outputs: { x: '${{ steps.a.outputs.b }}' },
      },
    },
    list: [1, true, null, "it's"],
  });
});

test('malformed YAML is refused, not misread', () => {
  assert.throws(() => parseYaml('a: 1\na: 2\n'), /duplicate key 'a'/);
  assert.throws(() => parseYaml('a:\n  b: 1\n    c: 2\n'), /unexpected indentation/);
  assert.throws(() => parseYaml('a: "open\n'), /unterminated/);
  assert.throws(() => parseYaml('a: &anchor 1\n'), /unsupported/);
  assert.throws(() => parseYaml('a: [1, 2\n'), /bad flow sequence/);
  assert.throws(() => parseYaml('just text\n'), /expected 'key: value'/);
  assert.throws(() => parseYaml('a:\n\tb: 1\n'), /tabs/);
});
