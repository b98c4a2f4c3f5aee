import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHexecError } from '../../errors/index.js';
import { parseAssertion as parseAny, type Assertion } from './assertion.js';

type Compare = Extract<Assertion, { kind: 'compare' }>;
function parseAssertion(src: string): Compare {
  const a = parseAny(src);
  return a as Compare;
}

function parseError(src: string): string {
  try {
    parseAny(src);
  } catch (e) {
    assert.ok(isHexecError(e), 'a HexecError');
    assert.equal(e.kind, 'usage');
    return e.message;
  }
  assert.fail(`'${src}' parsed but should not`);
}

test('comparisons parse into pointer, operator and JSON value', () => {
  assert.deepEqual(parseAssertion('/verdict == "pass"'), {
    kind: 'compare',
    source: '/verdict == "pass"',
    pointer: ['verdict'],
    op: '==',
    value: 'pass',
  });
  assert.deepEqual(parseAssertion('/issues/length <= 3').pointer, ['issues', 'length']);
  assert.equal(parseAssertion('/score >= 0.8').op, '>=');
  assert.deepEqual(parseAssertion('/a != null'), {
    kind: 'compare',
    source: '/a != null',
    pointer: ['a'],
    op: '!=',
    value: null,
  });
  assert.deepEqual(parseAssertion('/tags contains "x"').value, 'x');
  assert.deepEqual(parseAssertion('/o == {"a":[1,2]}').value, { a: [1, 2] });
  assert.equal(parseAssertion('/n > -1e3').value, -1000);
  assert.equal(parseAssertion('/n < 2').op, '<');
});

test('operators need no spaces when symbolic, but words do', () => {
  assert.equal(parseAssertion('/n >=2').op, '>=');
  assert.equal(parseAssertion('/n <=2').op, '<=');
  assert.match(parseError('/t containsx "a"'), /unknown operator 'containsx'/);
});

test('exists and missing take no value', () => {
  assert.deepEqual(parseAny('/x exists'), { kind: 'exists', source: '/x exists', pointer: ['x'] });
  assert.deepEqual(parseAny('/x missing').kind, 'missing');
  assert.match(parseError('/x exists 3'), /unknown operator 'exists'/);
});

test('pointer escapes and quoted pointers', () => {
  assert.deepEqual(parseAssertion('/a~1b/c~0d exists').pointer, ['a/b', 'c~d']);
  assert.deepEqual(parseAssertion("'/with space/x' == 1").pointer, ['with space', 'x']);
  assert.deepEqual(parseAssertion("'' exists").pointer, [], 'the empty pointer is the whole document');
  assert.match(parseError(' exists'), /'exists' is not a JSON Pointer/);
  assert.match(parseError("'/open == 1"), /unterminated quoted pointer/);
  assert.match(parseError('/a~2 exists'), /'~' must be followed by 0 or 1/);
});

test('strict parsing: clear errors for every malformed form', () => {
  assert.match(parseError('/n == 1e999999'), /out of range/);
  assert.match(parseError(''), /it is empty/);
  assert.match(parseError('verdict == "pass"'), /'verdict' is not a JSON Pointer/);
  assert.match(parseError('.verdict == "pass"'), /not a JSON Pointer/);
  assert.match(parseError('/verdict'), /missing operator/);
  assert.match(parseError('/verdict =='), /missing value after '=='/);
  assert.match(parseError('/verdict == pass'), /'pass' is not a JSON value/);
  assert.match(parseError("/verdict == 'pass'"), /not a JSON value/);
  assert.match(parseError('/verdict == "a" "b"'), /not a JSON value/);
  assert.match(parseError('/score >= "0.8"'), /'>=' compares numbers/);
  assert.match(parseError('/score < true'), /'<' compares numbers/);
  assert.match(parseError('/s matches 3'), /'matches' needs a regular expression/);
  assert.match(parseError('/s matches "("'), /invalid regular expression/);
  assert.match(parseError('/s ~= 1'), /unknown operator '~='/);
});

test('matches compiles a unicode regular expression', () => {
  const a = parseAssertion('/s matches "^v\\\\d+$"');
  assert.equal(a.kind, 'compare');
  assert.ok(a.kind === 'compare' && a.regex?.test('v12') === true);
  assert.ok(a.kind === 'compare' && a.regex?.flags.includes('u'));
});
