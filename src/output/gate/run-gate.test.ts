import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isHexecError } from '../../errors/index.js';
import { formatGateReport, runGate } from './run-gate.js';

const dir = mkdtempSync(join(tmpdir(), 'hexec-gate-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const OUT = file('out.json', JSON.stringify({ verdict: 'pass', score: 0.5, issues: [], url: 'not a uri' }));
const SCHEMA_2020 = file(
  's2020.json',
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['verdict', 'score'],
    properties: {
      verdict: { enum: ['pass', 'fail'] },
      score: { type: 'number' },
      url: { type: 'string', format: 'uri' },
    },
    additionalProperties: false,
  }),
);

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(isHexecError(e));
    assert.equal(e.exitCode, 2);
    return `${e.source?.file ?? ''}|${e.message}`;
  }
  assert.fail('expected a usage error');
}

test('all checks pass → ok', () => {
  const r = runGate({ file: OUT, assertions: ['/verdict == "pass"', '/issues/length == 0'] });
  assert.equal(r.ok, true);
  assert.equal(r.checks.length, 2);
  assert.match(formatGateReport(r), /gate passed: 2 check\(s\)/);
});

test('a failing check is named with expected and found', () => {
  const r = runGate({ file: OUT, assertions: ['/verdict == "pass"', '/score >= 0.8'] });
  assert.equal(r.ok, false);
  const text = formatGateReport(r);
  assert.match(text, /ok {4}\/verdict == "pass"/);
  assert.match(text, /FAIL {2}\/score >= 0\.8\n {8}expected \/score \(number\) >= 0\.8\n {8}found number 0\.5/);
  assert.match(text, /gate failed: 1 of 2 check\(s\)/);
});

test('schema 2020-12 with formats: each error listed', () => {
  const r = runGate({ file: OUT, schemaFile: SCHEMA_2020, assertions: [] });
  assert.equal(r.ok, false);
  assert.deepEqual([...r.schemaErrors].sort(), [
    "at (root): must NOT have additional properties ('issues')",
    'at /url: must match format "uri"',
  ]);
  assert.match(formatGateReport(r, 's.json'), /FAIL {2}schema s\.json: 2 error\(s\)/);
});

test('draft-07 schemas are honoured (items as an array is draft-07 tuple syntax)', () => {
  const s7 = file(
    's7.json',
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: false,
    }),
  );
  assert.equal(runGate({ file: file('a.json', '["x"]'), schemaFile: s7, assertions: [] }).ok, true);
  assert.equal(runGate({ file: file('b.json', '["x", 1]'), schemaFile: s7, assertions: [] }).ok, false);
});

test('schema with no $schema is draft 2020-12', () => {
  const s = file('plain.json', JSON.stringify({ type: 'object', properties: { score: { type: 'integer' } } }));
  const r = runGate({ file: OUT, schemaFile: s, assertions: [] });
  assert.deepEqual(r.schemaErrors, ['at /score: must be integer']);
});

test('bad inputs are usage errors naming the file', () => {
  assert.match(
    usageError(() => runGate({ file: join(dir, 'absent.json'), assertions: ['/a exists'] })),
    /absent\.json\|cannot read output file \(ENOENT\)/,
  );
  assert.match(
    usageError(() => runGate({ file: file('bad.json', '{"a":'), assertions: ['/a exists'] })),
    /bad\.json\|output file is not valid JSON/,
  );
  assert.match(
    usageError(() => runGate({ file: file('empty.json', ''), assertions: ['/a exists'] })),
    /empty\.json\|output file is not valid JSON/,
  );
  assert.match(
    usageError(() => runGate({ file: OUT, schemaFile: file('badschema.json', '{"type": 12}'), assertions: [] })),
    /badschema\.json\|invalid JSON Schema/,
  );
  assert.match(
    usageError(() => runGate({ file: OUT, schemaFile: file('arr.json', '[]'), assertions: [] })),
    /arr\.json\|a JSON Schema must be an object/,
  );
  assert.match(
    usageError(() =>
      runGate({
        file: OUT,
        schemaFile: file('d4.json', '{"$schema":"http://json-schema.org/draft-04/schema#"}'),
        assertions: [],
      }),
    ),
    /d4\.json\|unsupported \$schema/,
  );
  assert.match(
    usageError(() => runGate({ file: OUT, schemaFile: file('notjson.json', 'nope'), assertions: [] })),
    /notjson\.json\|schema is not valid JSON/,
  );
});

test('assertions are parsed before any file is read', () => {
  assert.match(
    usageError(() => runGate({ file: join(dir, 'absent.json'), assertions: ['verdict == 1'] })),
    /invalid assertion/,
  );
});

test('a UTF-8 BOM is accepted', () => {
  assert.equal(runGate({ file: file('bom.json', '\ufeff{"a":1}'), assertions: ['/a == 1'] }).ok, true);
});
