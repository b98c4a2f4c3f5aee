import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOutputSchema } from './output-schema.js';
import { toStrictSchema, stripInjectedNulls } from './strict-schema.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

const dir = tempDir('hexec-schema-');
function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

test('an already-strict schema is sent unchanged (fixture 03)', () => {
  const s = {
    type: 'object',
    properties: { answer: { type: 'string' }, count: { type: 'integer' } },
    required: ['answer', 'count'],
    additionalProperties: false,
  };
  const r = toStrictSchema(s);
  assert.equal(r.strict, true);
  assert.equal(JSON.stringify(r.schema), JSON.stringify(s));
});

test('optional properties become required + nullable, objects get closed, nested too', () => {
  const r = toStrictSchema({
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: { type: 'object', properties: { c: { type: 'number' } } },
      d: { type: 'array', items: { type: 'object', properties: { e: { enum: ['x'] } } } },
    },
    required: ['a'],
  });
  assert.equal(r.strict, true);
  assert.deepEqual(r.schema, {
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: {
        type: ['object', 'null'],
        properties: { c: { type: ['number', 'null'] } },
        additionalProperties: false,
        required: ['c'],
      },
      d: {
        type: ['array', 'null'],
        items: {
          type: 'object',
          properties: { e: { enum: ['x', null] } },
          additionalProperties: false,
          required: ['e'],
        },
      },
    },
    required: ['a', 'b', 'd'],
    additionalProperties: false,
  });
  assert.deepEqual([...r.nullableOptionals].sort(), ['/b', '/b/c', '/d', '/d/*/e']);
});

test('schemas without a strict form are sent non-strict with a reason', () => {
  assert.equal(toStrictSchema({ type: 'string' }).strict, false);
  assert.match(toStrictSchema({ type: 'object', additionalProperties: true }).reason ?? '', /additionalProperties/);
  assert.match(toStrictSchema({ type: 'object', properties: { a: { not: { type: 'null' } } } }).reason ?? '', /not/);
});

test('injected nulls are removed before validation against the user schema', () => {
  const r = stripInjectedNulls({ a: 'x', b: null, d: [{ e: null }] }, ['/b', '/d/*/e']);
  assert.deepEqual(r.value, { a: 'x', d: [{}] });
  assert.equal(r.changed, true);
});

test('check: valid, invalid with JSON Pointer errors, not JSON, fenced', () => {
  const s = loadOutputSchema(
    file(
      's.json',
      JSON.stringify({
        type: 'object',
        properties: { answer: { type: 'string' }, count: { type: 'integer' }, note: { type: 'string' } },
        required: ['answer', 'count'],
      }),
    ),
    dir,
  );
  assert.deepEqual(s.check('{"answer":"hi","count":1,"note":null}'), {
    ok: true,
    value: { answer: 'hi', count: 1 },
    normalizedText: '{"answer":"hi","count":1}',
  });
  const ok = s.check('{"answer":"hi","count":1}');
  assert.ok(ok.ok && ok.normalizedText === '{"answer":"hi","count":1}');
  const bad = s.check('{"answer":3}');
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map((e) => e.path).sort(), ['', '/answer']);
  const prose = s.check('this is not json at all');
  assert.ok(!prose.ok && /not valid JSON/.test(prose.errors[0]?.message ?? ''));
  assert.equal(s.check('```json\n{"answer":"a","count":2}\n```').ok, true);
});

test('draft-07 schemas compile; bad files are exit-2 errors naming the file', () => {
  const s = loadOutputSchema(
    file(
      'd7.json',
      JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { x: { type: 'integer' } },
        required: ['x'],
      }),
    ),
    dir,
  );
  assert.equal(s.check('{"x":1}').ok, true);
  assert.throws(
    () => loadOutputSchema('missing.json', dir),
    (e: Error & { exitCode?: number }) =>
      e.exitCode === 2 && /Failed to read output schema file missing\.json/.test(e.message),
  );
  assert.throws(
    () => loadOutputSchema(file('bad.json', '{bad'), dir),
    (e: Error & { exitCode?: number }) => e.exitCode === 2 && /bad\.json is not valid JSON/.test(e.message),
  );
  assert.throws(
    () => loadOutputSchema(file('inv.json', '{"type":"nope"}'), dir),
    (e: Error & { exitCode?: number }) => e.exitCode === 2 && /not a valid JSON Schema/.test(e.message),
  );
});

test('bad files: codex-like texts with the OS error number and the JSON position as line/column', () => {
  assert.throws(
    () => loadOutputSchema('missing.json', dir),
    (e: Error) =>
      /Failed to read output schema file missing\.json: No such file or directory \(os error 2\)$/.test(e.message),
  );
  const bad = file('bad-pos.json', '{"a": 1,\n  x}');
  assert.throws(
    () => loadOutputSchema(bad, dir),
    (e: Error) => /^Output schema file bad-pos\.json is not valid JSON: .* at line 2 column 3$/.test(e.message),
  );
  const empty = file('empty.json', '');
  assert.throws(
    () => loadOutputSchema(empty, dir),
    (e: Error) => /is not valid JSON: Unexpected end of JSON input$/.test(e.message),
  );
});
