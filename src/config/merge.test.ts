import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexKeyLines } from './key-lines.js';
import { mergeLayers, type LayerData } from './merge.js';
import { parseTomlText } from './toml-source.js';

function layer(kind: LayerData['kind'], file: string, text: string): LayerData {
  return { kind, label: file, file, table: parseTomlText(text, file), lines: indexKeyLines(text) };
}

test('tables merge key by key; scalars and arrays replace; provenance follows the last writer', () => {
  const m = mergeLayers([
    layer('system', '/etc/c.toml', 'model = "s"\nmodel_reasoning_effort = "high"\n[t]\na = 1\nlist = [1, 2]\n'),
    layer('user', '/u/c.toml', '\nmodel = "u"\n[t]\nb = 2\nlist = [3]\n'),
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(m.table)), {
    model: 'u',
    model_reasoning_effort: 'high',
    t: { a: 1, b: 2, list: [3] },
  });
  assert.deepEqual(m.provenance.get('model'), { layer: 'user', file: '/u/c.toml', line: 2, column: 1 });
  assert.deepEqual(m.provenance.get('model_reasoning_effort'), {
    layer: 'system',
    file: '/etc/c.toml',
    line: 2,
    column: 1,
  });
  assert.equal(m.provenance.get('t.list')?.layer, 'user');
  assert.equal(m.provenance.get('t.a')?.layer, 'system');
});

test('replacing a table by a scalar drops the provenance below it, and back', () => {
  const m = mergeLayers([layer('system', '/a', '[x]\ny = 1\n'), layer('user', '/b', 'x = 5\n')]);
  assert.deepEqual([...m.provenance.keys()], ['x']);
  const back = mergeLayers([layer('system', '/a', 'x = 5\n'), layer('user', '/b', '[x]\ny = 1\n')]);
  assert.deepEqual([...back.provenance.keys()], ['x.y']);
});

test('flag layers record the flag for leaves below an inline table', () => {
  const t = parseTomlText('[model_providers.mock]\nname = "m"\n', '-c');
  const m = mergeLayers([
    {
      kind: 'session-flags',
      label: 'session-flags',
      table: t,
      lines: { find: () => undefined },
      flags: new Map([['model_providers.mock', '-c model_providers.mock']]),
    },
  ]);
  assert.deepEqual(m.provenance.get('model_providers.mock.name'), {
    layer: 'session-flags',
    flag: '-c model_providers.mock',
  });
});
