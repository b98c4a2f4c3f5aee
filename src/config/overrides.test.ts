import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatError, HexecError } from '../errors/index.js';
import { buildSessionOverrides, parseOverride, parseOverrideValue } from './overrides.js';

test('values parse as TOML, else fall back to the raw string with quotes stripped', () => {
  assert.equal(parseOverrideValue('o3'), 'o3');
  assert.equal(parseOverrideValue('gpt 5.5 with spaces'), 'gpt 5.5 with spaces');
  assert.equal(parseOverrideValue('"quoted"'), 'quoted');
  assert.equal(parseOverrideValue("'lit'"), 'lit');
  assert.equal(parseOverrideValue('"unbalanced'), 'unbalanced');
  assert.equal(parseOverrideValue('42'), 42);
  assert.equal(parseOverrideValue('true'), true);
  assert.equal(parseOverrideValue('1.5'), 1.5);
  assert.deepEqual(parseOverrideValue('["a", "b"]'), ['a', 'b']);
  assert.deepEqual({ ...(parseOverrideValue('{ name = "m", n = 1 }') as object) }, { name: 'm', n: 1 });
  assert.equal(parseOverrideValue('99999999999999999999'), 99999999999999999999n);
  assert.equal(parseOverrideValue(''), '');
});

test('split on the first =, trim key and value, dotted key split naively', () => {
  assert.deepEqual(parseOverride(' model = o3 '), { path: ['model'], value: 'o3' });
  assert.deepEqual(parseOverride('a.b.c=x=y'), { path: ['a', 'b', 'c'], value: 'x=y' });
  assert.deepEqual(parseOverride('projects."/x".trust_level=1'), {
    path: ['projects', '"/x"', 'trust_level'],
    value: 1,
  });
  assert.deepEqual(parseOverride('use_legacy_landlock=true'), {
    path: ['features', 'use_legacy_landlock'],
    value: true,
  });
});

test("missing '=' and empty keys are config errors naming -c", () => {
  assert.throws(
    () => parseOverride('noequals'),
    (e: unknown) => {
      assert.ok(e instanceof HexecError);
      assert.equal(e.exitCode, 2);
      assert.equal(formatError(e), "-c/--config: Invalid override (missing '='): noequals");
      return true;
    },
  );
  assert.throws(() => parseOverride(' =1'), /Empty key in override/);
  assert.throws(() => parseOverride('__proto__.x=1'), /Invalid override key segment/);
});

test('later -c for the same key wins; --enable/--disable set features after -c', () => {
  const s = buildSessionOverrides(['model=first', 'model=second', 'features.x=false'], ['x', 'y'], ['z']);
  assert.equal(s.table['model'], 'second');
  assert.deepEqual({ ...(s.table['features'] as object) }, { x: true, y: true, z: false });
  assert.equal(s.flags.get('features.z'), '--disable z');
  assert.equal(s.flags.get('model'), '-c model');
  assert.equal(s.count, 6);
});

test('a scalar then a dotted key below it replaces the scalar with a table', () => {
  const s = buildSessionOverrides(['a=1', 'a.b=2'], [], []);
  assert.deepEqual(JSON.parse(JSON.stringify(s.table)), { a: { b: 2 } });
});
