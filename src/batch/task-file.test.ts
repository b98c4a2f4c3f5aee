import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { REPO_ROOT } from '../../test/helpers/paths.js';
import { formatError, isHexecError } from '../errors/index.js';
import { selectTask } from './select-task.js';
import { loadTaskFile, type TaskFile } from './task-file.js';
import { taskKeysMarkdown, tasksJsonSchema } from './task-fields.js';

const dir = tempDir('hexec-taskfile-');
let n = 0;
function file(ext: string, text: string): string {
  n += 1;
  const p = join(dir, `t${n}${ext}`);
  writeFileSync(p, text);
  return p;
}

async function failure(path: string): Promise<string> {
  try {
    await loadTaskFile(path, dir);
  } catch (e) {
    assert.ok(isHexecError(e), String(e));
    assert.equal(e.exitCode, 2);
    return formatError(e);
  }
  assert.fail('expected the task file to be rejected');
}

const JSONL = [
  '{"defaults": {"prompt": "bump deps", "sandbox": "workspace-write", "config": {"model": "m1", "a.b": 1}, "verify": "npm test"}}',
  '{"id": "one", "repo": "repos/one", "max_turns": 5}',
  '',
  '{"id": "two", "repo": "https://example.invalid/x.git", "ref": "v1", "prompt_file": "p.md", "config": {"a.b": 2}, "hermetic": false}',
].join('\n');

const YAML = `# the same tasks as JSONL
defaults:
  prompt: bump deps
  sandbox: workspace-write
  config: { model: m1, a.b: 1 }
  verify: npm test
tasks:
  - id: one
    repo: repos/one
    max_turns: 5
  - id: two
    repo: https://example.invalid/x.git
    ref: v1
    prompt_file: p.md
    config:
      a.b: 2
    hermetic: false
`;

test('JSONL: defaults apply, config merges key by key, a task’s prompt_file replaces the default prompt, paths resolve', async () => {
  const f = await loadTaskFile(file('.jsonl', JSONL), dir);
  assert.equal(f.format, 'jsonl');
  const [one, two] = f.tasks;
  assert.deepEqual(one?.repo, { type: 'path', path: join(dir, 'repos/one') });
  assert.deepEqual(one?.prompt, { type: 'text', text: 'bump deps' });
  assert.equal(one?.sandbox, 'workspace-write');
  assert.equal(one?.maxTurns, 5);
  assert.equal(one?.hermetic, true);
  assert.equal(one?.record, true);
  assert.equal(one?.verify, 'npm test');
  assert.equal(one?.line, 2);
  assert.deepEqual(two?.repo, { type: 'url', url: 'https://example.invalid/x.git' });
  assert.deepEqual(two?.prompt, { type: 'file', path: join(dir, 'p.md') });
  assert.deepEqual(two?.config, { model: 'm1', 'a.b': 2 });
  assert.equal(two?.hermetic, false);
  assert.equal(two?.line, 4);
});

test('YAML (loaded lazily) gives the same tasks as the JSONL file, lines from the document', async () => {
  const j = await loadTaskFile(file('.jsonl', JSONL), dir);
  const y = await loadTaskFile(file('.yaml', YAML), dir);
  assert.equal(y.format, 'yaml');
  const strip = (f: TaskFile): unknown => f.tasks.map((t) => ({ ...t, line: 0 }));
  assert.deepEqual(strip(y), strip(j));
  assert.deepEqual(
    y.tasks.map((t) => t.line),
    [8, 11],
  );
});

test('bad task files are exit 2 naming the file, line and key, with a hint', async () => {
  const cases: [string, string, RegExp][] = [
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x"}\n{"id": "b", "repo": ".", "promt": "x"}',
      /t\d+\.jsonl:2: `promt`: unknown task key\nhint: did you mean `prompt`\?/,
    ],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x", "max_turns": "5"}',
      /:1: `max_turns`: wrong type \(expected a whole number >= 1, found the string "5"\)/,
    ],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x"}\n{"id": "a", "repo": ".", "prompt": "y"}',
      /:2: `id`: duplicate id "a" \(first on line 1\)/,
    ],
    ['.jsonl', '{"id": "a", "prompt": "x"}', /:1: `repo`: the task has no `repo`/],
    ['.jsonl', '{"id": "a", "repo": "."}', /:1: `prompt`: the task has no prompt/],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x", "prompt_file": "y"}',
      /`prompt_file`: `prompt` and `prompt_file` cannot both be set/,
    ],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x"}\n{"id": "b", "repo": ".", "prompt": "x",}',
      /:2: not a JSON object/,
    ],
    ['.jsonl', '{"id": "a/b", "repo": ".", "prompt": "x"}', /:1: `id`: wrong type \(expected an id of letters/],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x", "timeout": "soon"}',
      /`timeout`: wrong type \(expected a duration/,
    ],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x", "sandbox": "none"}',
      /`sandbox`: wrong type \(expected one of read-only, workspace-write, danger-full-access/,
    ],
    [
      '.jsonl',
      '{"id": "a", "repo": ".", "prompt": "x"}\n{"defaults": {}}',
      /:2: `defaults`: `defaults` must be the first line/,
    ],
    [
      '.jsonl',
      '{"defaults": {"id": "x"}}\n{"id": "a", "repo": ".", "prompt": "x"}',
      /:1: `defaults.id`: `id` cannot be a default/,
    ],
    ['.jsonl', '\n\n', /the task file has no tasks/],
    [
      '.yaml',
      'tasks:\n  - id: a\n    repo: .\n    prompt: x\n  - id: b\n    repo: .\n    prompt: x\n    max_cost_usd: -1\n',
      /t\d+\.yaml:8: `max_cost_usd`: wrong type \(expected a number > 0, found number -1\)/,
    ],
    ['.yaml', 'tasks:\n  - id: a\n    repo: .\n   prompt: x\n', /t\d+\.yaml:4:\d+: not valid YAML/],
    ['.yaml', 'defaults:\n  verify: 1\ntasks:\n  - {id: a, repo: ., prompt: x}\n', /:2: `defaults.verify`: wrong type/],
    ['.yaml', 'task:\n  - {id: a}\n', /:1: `task`: unknown top-level key/],
    [
      '.yaml',
      'tasks:\n  - id: a\n    repo: .\n    prompt: x\n    prompt: y\n',
      /:5:\d+: not valid YAML: Map keys must be unique/,
    ],
  ];
  for (const [ext, text, re] of cases) assert.match(await failure(file(ext, text)), re, text);
  assert.match(await failure(join(dir, 'absent.jsonl')), /absent\.jsonl: cannot read the task file/);
});

test('a unit’s task: --id, --index, then HEXEC_BATCH_INDEX, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID; errors are exit 2', async () => {
  const f = await loadTaskFile(file('.jsonl', JSONL), dir);
  assert.equal(selectTask(f, { index: '1' }, {}).id, 'two');
  assert.equal(selectTask(f, { id: 'one' }, {}).id, 'one');
  assert.equal(selectTask(f, {}, { SLURM_ARRAY_TASK_ID: '1' }).id, 'two');
  assert.equal(selectTask(f, {}, { JOB_COMPLETION_INDEX: '0', SLURM_ARRAY_TASK_ID: '1' }).id, 'one');
  assert.equal(selectTask(f, {}, { HEXEC_BATCH_INDEX: '1', JOB_COMPLETION_INDEX: '0' }).id, 'two');
  const err = (sel: Parameters<typeof selectTask>[1], vars: Record<string, string> = {}): string => {
    try {
      selectTask(f, sel, vars);
    } catch (e) {
      assert.ok(isHexecError(e));
      assert.equal(e.exitCode, 2);
      return formatError(e);
    }
    return assert.fail('expected an error');
  };
  assert.match(err({ index: '2' }), /^--index: task index 2 is out of range .*\(expected indices 0-1, found 2\)/);
  assert.match(err({}, { SLURM_ARRAY_TASK_ID: '7' }), /^`SLURM_ARRAY_TASK_ID`: task index 7 is out of range/);
  assert.match(err({ index: 'x1' }), /--index: the task index is not a whole number/);
  assert.match(err({ id: 'onee' }), /--id: no task with id "onee" .*\nhint: did you mean "one"\?/);
  assert.match(err({}), /which task\?/);
});

test('schemas/tasks.schema.json and the docs’ key table are generated from the key declarations and accepts exactly the valid files', async () => {
  const committed = readFileSync(join(REPO_ROOT, 'schemas/tasks.schema.json'), 'utf8');
  assert.equal(committed, `${JSON.stringify(tasksJsonSchema(), null, 2)}\n`, 'run node scripts/gen-tasks-schema.mjs');
  const doc = readFileSync(join(REPO_ROOT, 'docs/batch.md'), 'utf8');
  assert.ok(
    doc.includes(`-->\n${taskKeysMarkdown()}\n<!-- task-keys:end -->`),
    'docs/batch.md key table: run node scripts/gen-tasks-schema.mjs',
  );
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(tasksJsonSchema());
  for (const line of JSONL.split('\n').filter((l) => l !== ''))
    assert.ok(validate(JSON.parse(line)), JSON.stringify(validate.errors));
  const yaml = await import('yaml');
  assert.ok(validate(yaml.parse(YAML)), JSON.stringify(validate.errors));
  for (const bad of [{ id: 'a', promt: 'x' }, { id: 'a', max_turns: 0 }, { defaults: { id: 'x' } }, { tasks: [] }])
    assert.ok(!validate(bad), JSON.stringify(bad));
});
