import type { SandboxModeName } from '../sandbox/index.js';

/**
 * The keys of a task (one declaration each): the task file's validator, the defaults
 * merge, the published `schemas/tasks.schema.json` and the key table of docs/batch.md
 * all derive from this list.
 */
export type FieldKind =
  | { readonly type: 'string' }
  | { readonly type: 'id' }
  | { readonly type: 'path' }
  | { readonly type: 'integer' }
  | { readonly type: 'number' }
  | { readonly type: 'boolean' }
  | { readonly type: 'duration' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'config' }
  | { readonly type: 'schema' };

export interface TaskField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly doc: string;
  /** May be set under `defaults` (every key but `id`). */
  readonly inDefaults: boolean;
}

const SANDBOX_MODES: Record<SandboxModeName, true> = {
  'read-only': true,
  'workspace-write': true,
  'danger-full-access': true,
};

export const TASK_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

const f = (name: string, kind: FieldKind, doc: string, inDefaults = true): TaskField => ({
  name,
  kind,
  doc,
  inDefaults,
});

export const TASK_FIELDS: readonly TaskField[] = [
  f(
    'id',
    { type: 'id' },
    'Unique name of the task; also its result directory (`OUT/<id>/`). Letters, digits, `.`, `_`, `-`.',
    false,
  ),
  f(
    'repo',
    { type: 'string' },
    'The repository: a local path (relative to the task file) worked on in place, or a git URL cloned into a scratch directory.',
  ),
  f(
    'ref',
    { type: 'string' },
    'Branch, tag or commit to check out. With a local path, the repository is cloned into a scratch directory first.',
  ),
  f('workdir', { type: 'string' }, 'Subdirectory of the repository the agent works in (`-C`).'),
  f('prompt', { type: 'string' }, 'The prompt. Exactly one of `prompt` and `prompt_file`.'),
  f('prompt_file', { type: 'path' }, 'File holding the prompt (relative to the task file).'),
  f(
    'output_schema',
    { type: 'schema' },
    'JSON Schema the final message must satisfy (`--output-schema`): a file (relative to the task file) or an inline schema object.',
  ),
  f('sandbox', { type: 'enum', values: Object.keys(SANDBOX_MODES) }, 'Sandbox of the agent’s commands (`-s`).'),
  f('model', { type: 'string' }, 'Model (`-m`).'),
  f('hermetic', { type: 'boolean' }, 'Run hermetically (`--hermetic`); default true.'),
  f('max_turns', { type: 'integer' }, 'Budget: model requests (`--max-turns`); exit 4 when reached.'),
  f('max_tokens', { type: 'integer' }, 'Budget: tokens (`--max-tokens`); exit 4 when reached.'),
  f('max_cost_usd', { type: 'number' }, 'Budget: cost in USD (`--max-cost-usd`); exit 4 when reached.'),
  f('timeout', { type: 'duration' }, 'Budget: wall time of the agent, e.g. `10m` (`--timeout`); exit 4 when reached.'),
  f(
    'config',
    { type: 'config' },
    'Configuration overrides (`-c key=value`): an object of dotted keys to values. Merged key by key over the defaults’ `config`.',
  ),
  f(
    'record',
    { type: 'boolean' },
    'Record the model traffic to `cassette.jsonl` in the result directory (default true; not with `replay`).',
  ),
  f(
    'replay',
    { type: 'path' },
    'Serve the model from this cassette (relative to the task file): no network, no API key.',
  ),
  f('replay_mode', { type: 'enum', values: ['strict', 'order'] }, 'How the replay matches requests (`--replay-mode`).'),
  f(
    'skip_git_repo_check',
    { type: 'boolean' },
    'Allow a repository that is not a git repository (`--skip-git-repo-check`).',
  ),
  f(
    'verify',
    { type: 'string' },
    'Shell command run outside the agent, in the workspace, after the agent exited 0; the task passes only when it exits 0.',
  ),
  f('verify_timeout', { type: 'duration' }, 'Time limit of `verify` (default 10m); a verify that times out fails.'),
];

export function fieldNamed(name: string): TaskField | undefined {
  return TASK_FIELDS.find((x) => x.name === name);
}

/** Pairs of keys of which a task sets at most one; the task's own choice replaces the defaults'. */
export const EXCLUSIVE_KEYS: ReadonlyArray<readonly [string, string]> = [['prompt', 'prompt_file']];

function kindSchema(kind: FieldKind): Record<string, unknown> {
  switch (kind.type) {
    case 'id':
      return { type: 'string', pattern: TASK_ID_PATTERN };
    case 'string':
    case 'path':
      return { type: 'string', minLength: 1 };
    case 'integer':
      return { type: 'integer', minimum: 1 };
    case 'number':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'boolean':
      return { type: 'boolean' };
    case 'duration':
      return { type: 'string', pattern: '^(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?(ms|s|m|h))+)$' };
    case 'enum':
      return { enum: [...kind.values] };
    case 'config':
      return {
        type: 'object',
        propertyNames: { pattern: '^[^=\\s]+$' },
        additionalProperties: { not: { type: 'null' } },
      };
    case 'schema':
      return { oneOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] };
  }
}

function propertiesOf(fields: readonly TaskField[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const x of fields) props[x.name] = { description: x.doc, ...kindSchema(x.kind) };
  return props;
}

/** The published JSON Schema of a task file (a JSONL line, or a whole YAML/JSON document). */
export function tasksJsonSchema(): Record<string, unknown> {
  const defaults = TASK_FIELDS.filter((x) => x.inDefaults);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/hexec/hexec/schemas/tasks.schema.json',
    title: 'hexec batch task file',
    description:
      'A JSONL task file: one task per line, optionally a first line {"defaults": {...}}. A YAML or JSON task file: {"defaults": {...}, "tasks": [...]}. See docs/batch.md.',
    oneOf: [{ $ref: '#/$defs/document' }, { $ref: '#/$defs/defaultsLine' }, { $ref: '#/$defs/task' }],
    $defs: {
      task: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: propertiesOf(TASK_FIELDS),
        not: { required: ['prompt', 'prompt_file'] },
      },
      defaults: {
        type: 'object',
        additionalProperties: false,
        properties: propertiesOf(defaults),
        not: { required: ['prompt', 'prompt_file'] },
      },
      defaultsLine: {
        type: 'object',
        required: ['defaults'],
        additionalProperties: false,
        properties: { defaults: { $ref: '#/$defs/defaults' } },
      },
      document: {
        type: 'object',
        required: ['tasks'],
        additionalProperties: false,
        properties: {
          defaults: { $ref: '#/$defs/defaults' },
          tasks: { type: 'array', minItems: 1, items: { $ref: '#/$defs/task' } },
        },
      },
    },
  };
}

function kindText(kind: FieldKind): string {
  switch (kind.type) {
    case 'enum':
      return kind.values.map((v) => `\`${v}\``).join(' \\| ');
    case 'config':
      return 'object';
    case 'schema':
      return 'path or object';
    case 'id':
      return 'string';
    default:
      return kind.type;
  }
}

/** The key table of docs/batch.md (between its task-keys markers), from the declarations. */
export function taskKeysMarkdown(): string {
  const rows = TASK_FIELDS.map((x) => `| \`${x.name}\` | ${kindText(x.kind)} | ${x.doc.replace(/\|/g, '\\|')} |`);
  return ['| key | type | meaning |', '|---|---|---|', ...rows].join('\n');
}
