import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexKeyLines } from './key-lines.js';

const DOC = [
  '# comment = 1', //                                   1
  'model = "gpt-5.5"  # trailing', //                   2
  'notes = """', //                                     3
  'fake = "inside a multi-line string"', //             4
  '"""', //                                             5
  'list = [', //                                        6
  '  "a", # x = 1', //                                  7
  '  { fake2 = 1 },', //                                8
  ']', //                                               9
  'a.b."c.d" = 1', //                                   10
  '', //                                                11
  '[model_providers.mock]', //                          12
  'name = "mock"', //                                   13
  "  'quoted key' = 'x'", //                            14
  '[projects."/w/x.y"]', //                             15
  'trust_level = "trusted"', //                         16
  '[[hooks.Stop]]', //                                  17
  'command = "x"', //                                   18
  "lit = '''", //                                       19
  'evil = 1', //                                        20
  "'''", //                                             21
  'inline = { k = "v", nested = { z = 1 } }', //        22
].join('\n');

test('finds top-level, dotted, quoted and table keys with 1-based line and column', () => {
  const ix = indexKeyLines(DOC);
  assert.deepEqual(ix.find(['model']), { line: 2, column: 1 });
  assert.deepEqual(ix.find(['a', 'b', 'c.d']), { line: 10, column: 1 });
  assert.deepEqual(ix.find(['model_providers', 'mock']), { line: 12, column: 1 });
  assert.deepEqual(ix.find(['model_providers', 'mock', 'name']), { line: 13, column: 1 });
  assert.deepEqual(ix.find(['model_providers', 'mock', 'quoted key']), { line: 14, column: 3 });
  assert.deepEqual(ix.find(['projects', '/w/x.y', 'trust_level']), { line: 16, column: 1 });
  assert.deepEqual(ix.find(['hooks', 'Stop', 'command']), { line: 18, column: 1 });
});

test('keys inside strings, arrays and inline tables are not mistaken for keys', () => {
  const ix = indexKeyLines(DOC);
  assert.equal(ix.find(['fake']), undefined);
  assert.equal(ix.find(['fake2']), undefined);
  assert.equal(ix.find(['x']), undefined);
  assert.deepEqual(ix.find(['hooks', 'Stop', 'evil']), { line: 17, column: 1 }); // the header, not line 20
  assert.deepEqual(ix.find(['list']), { line: 6, column: 1 });
});

test('a key inside an inline table maps to its outer key; unknown paths fall back to the closest ancestor', () => {
  const ix = indexKeyLines(DOC);
  assert.deepEqual(ix.find(['hooks', 'Stop', 'inline', 'nested', 'z']), { line: 22, column: 1 });
  assert.deepEqual(ix.find(['model_providers', 'mock', 'base_url']), { line: 12, column: 1 });
  assert.equal(ix.find(['nothing', 'here']), undefined);
});

test('CRLF line endings and escapes in quoted keys', () => {
  const ix = indexKeyLines('a = 1\r\n"k\\u0041y" = 2\r\n[t]\r\nb = 3\r\n');
  assert.deepEqual(ix.find(['kAy']), { line: 2, column: 1 });
  assert.deepEqual(ix.find(['t', 'b']), { line: 4, column: 1 });
});

test('the first definition wins for repeated array-of-tables headers', () => {
  const ix = indexKeyLines('[[x]]\na = 1\n[[x]]\na = 2\n');
  assert.deepEqual(ix.find(['x', 'a']), { line: 2, column: 1 });
});

test('terminates and never throws on arbitrary text (seeded)', () => {
  const chars = [...'ab=[]{}"\'#\n\r\\ .\t,x1'];
  let seed = 7;
  const r = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 5000; i += 1) {
    const s = Array.from({ length: Math.floor(r() * 40) }, () => chars[Math.floor(r() * chars.length)]).join('');
    const hit = indexKeyLines(s).find(['a']);
    if (hit !== undefined) assert.ok(hit.line >= 1 && hit.column >= 1);
  }
});
