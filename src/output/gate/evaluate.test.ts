import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAssertion } from './assertion.js';
import { evaluateAssertion } from './evaluate.js';

const DOC = {
  verdict: 'pass',
  score: 0.8,
  issues: [{ id: 1 }, { id: 2 }],
  tags: ['x', 'y'],
  title: 'héllo',
  nothing: null,
  nested: { 'a/b': { 'c~d': 7 } },
  obj: { length: 42 },
};

function check(expr: string, doc: unknown = DOC): boolean {
  return evaluateAssertion(doc, parseAssertion(expr)).ok;
}

test('equality is deep and type-exact', () => {
  assert.ok(check('/verdict == "pass"'));
  assert.ok(!check('/verdict == "fail"'));
  assert.ok(check('/issues == [{"id":1},{"id":2}]'));
  assert.ok(check('/nested == {"a/b":{"c~d":7}}'));
  assert.ok(!check('/score == "0.8"'));
  assert.ok(check('/score != "0.8"'));
  assert.ok(check('/nothing == null'));
  assert.ok(!check('/nothing != null'));
  assert.ok(check('/verdict != null'));
});

test('numeric comparisons hold only on numbers', () => {
  assert.ok(check('/score >= 0.8'));
  assert.ok(!check('/score > 0.8'));
  assert.ok(check('/score < 1'));
  assert.ok(check('/score <= 0.8'));
  assert.ok(!check('/verdict >= 0'), 'a string is not a number');
  assert.ok(!check('/nothing < 1'));
});

test('length of arrays and strings; an object member named length wins', () => {
  assert.ok(check('/issues/length == 2'));
  assert.ok(check('/issues/length <= 3'));
  assert.ok(!check('/issues/length > 2'));
  assert.ok(check('/title/length == 5'), 'length counts code points');
  assert.ok(check('/obj/length == 42'));
  assert.ok(!check('/issues/length/x exists'), 'length only as the last token');
});

test('contains: array element by deep equality, substring of a string', () => {
  assert.ok(check('/tags contains "x"'));
  assert.ok(!check('/tags contains "z"'));
  assert.ok(check('/issues contains {"id":2}'));
  assert.ok(check('/verdict contains "as"'));
  assert.ok(!check('/verdict contains 1'));
  assert.ok(!check('/score contains 0'));
});

test('matches on strings only', () => {
  assert.ok(check('/verdict matches "^pa"'));
  assert.ok(!check('/verdict matches "^fa"'));
  assert.ok(!check('/score matches "0"'));
});

test('exists and missing; absent members fail everything else', () => {
  assert.ok(check('/verdict exists'));
  assert.ok(check('/nothing exists'), 'null is present');
  assert.ok(!check('/nope exists'));
  assert.ok(check('/nope missing'));
  assert.ok(!check('/verdict missing'));
  assert.ok(!check('/nope != null'));
  assert.ok(!check('/nope != 1'));
  assert.ok(check('/nested/a~1b/c~0d == 7'));
  assert.ok(check('/issues/1/id == 2'));
  assert.ok(!check('/issues/2 exists'));
  assert.ok(!check('/issues/01 exists'), 'leading zeros are not indexes');
});

test('failures say what was expected and what was found', () => {
  const r = evaluateAssertion(DOC, parseAssertion('/score >= 0.9'));
  assert.deepEqual(r, { check: '/score >= 0.9', ok: false, expected: '/score (number) >= 0.9', found: 'number 0.8' });
  const m = evaluateAssertion(DOC, parseAssertion('/issues/5/id == 1'));
  assert.equal(m.found, 'nothing (/issues has 2 element(s), no index 5)');
  const s = evaluateAssertion(DOC, parseAssertion('/verdict/x exists'));
  assert.equal(s.found, "nothing (/verdict is a string, it has no member 'x')");
  const n = evaluateAssertion(DOC, parseAssertion('/score/x exists'));
  assert.equal(n.found, "nothing (/score is number 0.8, it has no member 'x')");
  const o = evaluateAssertion(DOC, parseAssertion('/nope == 1'));
  assert.equal(o.found, "nothing ((root) has no member 'nope')");
  assert.equal(evaluateAssertion(DOC, parseAssertion('/tags == 1')).found, 'an array ["x","y"]');
});

test('the empty pointer addresses the whole document', () => {
  assert.ok(check("'' == [1]", [1]));
  assert.ok(check("'' exists", 0));
  assert.ok(check('/length == 3', [1, 2, 3]));
});
