import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_SCHEMA } from './config-schema.js';
import { validateTable, newTable, type Table } from './schema.js';
import { parseTomlText } from './toml-source.js';
import { flags, makeTree } from '../../test/helpers/config-tree.js';
import { formatError, HexecError } from '../errors/index.js';
import { resolveConfig } from './resolve.js';

const ctx = { baseDir: '/base/dir', home: '/home/u' };
const v = (text: string) => validateTable(parseTomlText(text, 'x.toml'), CONFIG_SCHEMA, ctx);

test('valid keys pass; unknown keys are listed with their full path and dropped', () => {
  const r = v(
    'model = "m"\nfoo = 1\n[sandbox_workspace_write]\nnetwork_access = true\nbogus = 2\n[mcp_servers.s]\ncommand = "x"\nwat = 1\n',
  );
  assert.equal(r.violation, undefined);
  assert.deepEqual(r.unknown, [['foo'], ['sandbox_workspace_write', 'bogus'], ['mcp_servers', 's', 'wat']]);
  assert.equal(r.value['model'], 'm');
  assert.equal(Object.hasOwn(r.value, 'foo'), false);
});

test('wrong types report path, expected and found', () => {
  assert.deepEqual(v('model = 1').violation, { path: ['model'], expected: 'a string', found: 'integer 1' });
  assert.deepEqual(
    v('sandbox_mode = "nope"').violation?.expected,
    'one of "read-only", "workspace-write", "danger-full-access"',
  );
  assert.deepEqual(v('project_doc_max_bytes = -1').violation, {
    path: ['project_doc_max_bytes'],
    expected: 'an integer >= 0',
    found: 'integer -1',
  });
  assert.deepEqual(v('[features]\nx = "yes"').violation, {
    path: ['features', 'x'],
    expected: 'a boolean',
    found: 'string "yes"',
  });
  assert.deepEqual(v('notify = ["a", 2]').violation?.path, ['notify', '1']);
  assert.equal(v('timeout = "soon"').violation?.expected, 'a duration such as "90s", "10m" or "1h30m"');
  assert.equal(v('max_cost_usd = 0').violation?.expected, 'a number > 0');
  assert.equal(v('max_tokens = 99999999999999999999').violation?.found, 'integer 99999999999999999999');
  assert.equal(v('model = 1979-05-27').violation?.found, 'a datetime');
  assert.equal(v('approval_policy = "sometimes"').violation?.path.join('.'), 'approval_policy');
});

test('relative paths resolve against the layer directory, ~ against HOME', () => {
  const r = v(
    'model_instructions_file = "p.md"\n[sandbox_workspace_write]\nwritable_roots = ["../x", "~/y", "/abs"]\n',
  );
  assert.equal(r.value['model_instructions_file'], '/base/dir/p.md');
  assert.deepEqual((r.value['sandbox_workspace_write'] as Table)['writable_roots'], ['/base/x', '/home/u/y', '/abs']);
});

test('free-form tables keep their content as plain JSON values (big integers as strings)', () => {
  const r = v('[hooks]\nStop = [{ command = "x", n = 99999999999999999999, when = 1979-05-27T07:32:00Z }]\n');
  assert.deepEqual(JSON.parse(JSON.stringify(r.value['hooks'])), {
    Stop: [{ command: 'x', n: '99999999999999999999', when: '1979-05-27T07:32:00.000Z' }],
  });
});

test('hexec keys validate', () => {
  const r = v(
    'hermetic = true\noutput_schema_max_repairs = 0\nmax_turns = 3\ntimeout = "1h30m"\n[model_prices."gpt-5.5"]\ninput_per_mtok = 1.25\noutput_per_mtok = 10\n',
  );
  assert.equal(r.violation, undefined);
  assert.deepEqual(r.unknown, []);
  assert.equal(v('max_turns = 0').violation?.expected, 'an integer >= 1');
  assert.equal(validateTable(newTable(), CONFIG_SCHEMA, ctx).violation, undefined);
});

test('type errors never echo a string that may be a secret', () => {
  const tree = makeTree();
  try {
    assert.throws(
      () => resolveConfig(flags({ config: ['model_providers.mock.http_headers="sk-hdr-secret-abcdef"'] }), tree.env()),
      (e: unknown) =>
        e instanceof HexecError && !formatError(e).includes('sk-hdr-secret') && /not shown/.test(formatError(e)),
    );
  } finally {
    tree.cleanup();
  }
});
