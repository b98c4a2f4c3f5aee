import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parseDurationMs } from '../config/index.js';
import { HexecError } from '../errors/index.js';
import { closestName, sha256Hex } from '../util/index.js';
import { EXCLUSIVE_KEYS, TASK_FIELDS, TASK_ID_PATTERN, fieldNamed, type TaskField } from './task-fields.js';
import { parseYamlDocument } from './task-yaml.js';

/** One task, defaults applied, paths resolved against the task file's directory. */
export interface Task {
  readonly index: number;
  readonly id: string;
  /** Line of the task in the task file. */
  readonly line: number;
  readonly repo: { readonly type: 'path'; readonly path: string } | { readonly type: 'url'; readonly url: string };
  readonly ref?: string;
  readonly workdir?: string;
  readonly prompt: { readonly type: 'text'; readonly text: string } | { readonly type: 'file'; readonly path: string };
  readonly outputSchema?:
    { readonly type: 'file'; readonly path: string } | { readonly type: 'inline'; readonly schema: object };
  readonly sandbox?: string;
  readonly model?: string;
  readonly hermetic: boolean;
  readonly maxTurns?: number;
  readonly maxTokens?: number;
  readonly maxCostUsd?: number;
  readonly timeout?: string;
  /** `-c` overrides, dotted key → value, in the order written. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly record: boolean;
  readonly replay?: string;
  readonly replayMode?: 'strict' | 'order';
  readonly skipGitRepoCheck: boolean;
  readonly verify?: string;
  readonly verifyTimeoutMs: number;
}

export interface TaskFile {
  readonly path: string;
  readonly dir: string;
  readonly format: 'jsonl' | 'yaml';
  readonly sha256: string;
  readonly tasks: readonly Task[];
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 10 * 60_000;

type Raw = Record<string, unknown>;
type Where = (key?: string) => { readonly file: string; readonly line?: number; readonly key?: string };

const HINT_FORMAT = 'see `hexec help batch` or schemas/tasks.schema.json for the task keys';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function bad(where: Where, key: string | undefined, message: string, expected?: string, found?: unknown): HexecError {
  return new HexecError('usage', message, {
    source: where(key),
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found: typeName(found) } : {}),
    hint: HINT_FORMAT,
  });
}

/** Checks one value against its field's kind; throws exit 2 naming the line and key. */
function checkValue(field: TaskField, v: unknown, where: Where): void {
  const k = field.kind;
  const fail = (expected: string): never => {
    throw bad(where, field.name, 'wrong type', expected, v);
  };
  switch (k.type) {
    case 'id':
      if (typeof v !== 'string' || !new RegExp(TASK_ID_PATTERN).test(v))
        fail('an id of letters, digits, `.`, `_`, `-` (at most 100, starting with a letter or digit)');
      return;
    case 'string':
    case 'path':
      if (typeof v !== 'string' || v === '') fail('a non-empty string');
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) fail('a whole number >= 1');
      return;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail('a number > 0');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') fail('true or false');
      return;
    case 'duration':
      if (typeof v !== 'string' || parseDurationMs(v) === undefined) fail('a duration such as "90s", "10m" or "1h30m"');
      return;
    case 'enum':
      if (typeof v !== 'string' || !k.values.includes(v)) fail(`one of ${k.values.join(', ')}`);
      return;
    case 'config':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) fail('an object of dotted config keys to values');
      for (const [ck, cv] of Object.entries(v as Raw)) {
        if (ck === '' || /[=\s]/.test(ck)) throw bad(where, `config.${ck}`, 'not a config key', 'a dotted key', ck);
        if (cv === null) throw bad(where, `config.${ck}`, 'a config value cannot be null', 'a value', cv);
      }
      return;
    case 'schema':
      if (!(typeof v === 'string' && v !== '') && (v === null || typeof v !== 'object' || Array.isArray(v)))
        fail('a schema file path or an inline JSON Schema object');
      return;
  }
}

function checkKeys(obj: Raw, where: Where, inDefaults: boolean): void {
  for (const [key, v] of Object.entries(obj)) {
    const field = fieldNamed(key);
    if (field === undefined || (inDefaults && !field.inDefaults)) {
      const names = TASK_FIELDS.filter((x) => !inDefaults || x.inDefaults).map((x) => x.name);
      const near = closestName(key, names);
      throw new HexecError(
        'usage',
        field === undefined ? 'unknown task key' : `\`${key}\` cannot be a default (each task has its own)`,
        {
          source: where(key),
          hint: near !== undefined && near !== key ? `did you mean \`${near}\`?` : HINT_FORMAT,
        },
      );
    }
    checkValue(field, v, where);
  }
  for (const [a, b] of EXCLUSIVE_KEYS)
    if (obj[a] !== undefined && obj[b] !== undefined)
      throw bad(where, b, `\`${a}\` and \`${b}\` cannot both be set`, `one of \`${a}\` and \`${b}\``);
}

function isObject(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isGitUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[\w.-]+@[\w.-]+:/.test(repo);
}

function merge(defaults: Raw, task: Raw): Raw {
  const out: Raw = { ...defaults };
  for (const [a, b] of EXCLUSIVE_KEYS) {
    if (task[a] !== undefined || task[b] !== undefined) {
      delete out[a];
      delete out[b];
    }
  }
  Object.assign(out, task);
  if (isObject(defaults['config']) && isObject(task['config']))
    out['config'] = { ...defaults['config'], ...task['config'] };
  return out;
}

function toTask(raw: Raw, index: number, line: number, dir: string, where: Where): Task {
  const str = (k: string): string | undefined => raw[k] as string | undefined;
  const num = (k: string): number | undefined => raw[k] as number | undefined;
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(dir, p));
  const repo = str('repo');
  if (repo === undefined)
    throw bad(where, 'repo', 'the task has no `repo`', 'a local path or a git URL, here or under `defaults`');
  const prompt = str('prompt');
  const promptFile = str('prompt_file');
  if (prompt === undefined && promptFile === undefined)
    throw bad(where, 'prompt', 'the task has no prompt', '`prompt` or `prompt_file`, here or under `defaults`');
  const schema = raw['output_schema'];
  const replay = str('replay');
  const opt = <T>(k: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [k]: v });
  return {
    index,
    id: str('id') ?? '',
    line,
    repo: isGitUrl(repo) ? { type: 'url', url: repo } : { type: 'path', path: at(repo) },
    ...opt('ref', str('ref')),
    ...opt('workdir', str('workdir')),
    prompt: prompt !== undefined ? { type: 'text', text: prompt } : { type: 'file', path: at(promptFile ?? '') },
    ...opt(
      'outputSchema',
      schema === undefined
        ? undefined
        : typeof schema === 'string'
          ? { type: 'file' as const, path: at(schema) }
          : { type: 'inline' as const, schema: schema as object },
    ),
    ...opt('sandbox', str('sandbox')),
    ...opt('model', str('model')),
    hermetic: raw['hermetic'] !== false,
    ...opt('maxTurns', num('max_turns')),
    ...opt('maxTokens', num('max_tokens')),
    ...opt('maxCostUsd', num('max_cost_usd')),
    ...opt('timeout', str('timeout')),
    config: isObject(raw['config']) ? raw['config'] : {},
    record: replay === undefined && raw['record'] !== false,
    ...opt('replay', replay === undefined ? undefined : at(replay)),
    ...opt('replayMode', str('replay_mode') as 'strict' | 'order' | undefined),
    skipGitRepoCheck: raw['skip_git_repo_check'] === true,
    ...opt('verify', str('verify')),
    verifyTimeoutMs: parseDurationMs(str('verify_timeout') ?? '') ?? DEFAULT_VERIFY_TIMEOUT_MS,
  };
}

interface RawEntry {
  readonly raw: Raw;
  readonly line: number;
  readonly where: Where;
}

function jsonlEntries(text: string, file: string): { defaults: Raw; defaultsWhere?: Where; tasks: RawEntry[] } {
  let defaults: Raw = {};
  let defaultsWhere: Where | undefined;
  const tasks: RawEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const t = (lines[i] ?? '').trim();
    if (t === '') continue;
    const line = i + 1;
    const where: Where = (key) => ({ file, line, ...(key !== undefined ? { key } : {}) });
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      throw new HexecError('usage', `not a JSON object: ${(e as Error).message}`, {
        source: { file, line },
        hint: 'a JSONL task file holds one JSON object per line; for YAML name the file *.yaml',
      });
    }
    if (!isObject(v)) throw bad(where, undefined, 'a line of a task file must be a JSON object', 'an object', v);
    if ('defaults' in v && !('id' in v)) {
      if (tasks.length > 0 || defaultsWhere !== undefined)
        throw bad(where, 'defaults', '`defaults` must be the first line, and only once');
      if (Object.keys(v).length !== 1) throw bad(where, undefined, 'a defaults line holds only `defaults`');
      const d = v['defaults'];
      if (!isObject(d)) throw bad(where, 'defaults', 'wrong type', 'an object of task keys', d);
      defaults = d;
      defaultsWhere = (key) => ({ file, line, ...(key !== undefined ? { key: `defaults.${key}` } : {}) });
      continue;
    }
    tasks.push({ raw: v, line, where });
  }
  return { defaults, ...(defaultsWhere !== undefined ? { defaultsWhere } : {}), tasks };
}

async function yamlEntries(
  text: string,
  file: string,
): Promise<{ defaults: Raw; defaultsWhere?: Where; tasks: RawEntry[] }> {
  const doc = await parseYamlDocument(text, file);
  const top = doc.value;
  const whereAt =
    (base: (string | number)[], prefix: string): Where =>
    (key) => {
      const line = doc.lineOf(key === undefined ? base : [...base, key.split('.')[0] ?? key]);
      return {
        file,
        ...(line !== undefined ? { line } : {}),
        ...(key !== undefined ? { key: `${prefix}${key}` } : {}),
      };
    };
  if (!isObject(top)) throw bad(whereAt([], ''), undefined, 'wrong type', 'a mapping with `tasks:`', top);
  for (const k of Object.keys(top))
    if (k !== 'tasks' && k !== 'defaults')
      throw new HexecError('usage', 'unknown top-level key', {
        source: whereAt([], '')(k),
        hint: 'the top level holds `defaults` (optional) and `tasks`',
      });
  const list = top['tasks'];
  if (!Array.isArray(list) || list.length === 0)
    throw bad(whereAt([], ''), 'tasks', 'the task file has no tasks', 'a non-empty list of tasks', list);
  const d = top['defaults'] ?? {};
  if (!isObject(d)) throw bad(whereAt([], ''), 'defaults', 'wrong type', 'a mapping of task keys', d);
  const tasks = list.map((raw: unknown, i): RawEntry => {
    const where = whereAt(['tasks', i], '');
    if (!isObject(raw)) throw bad(where, undefined, 'a task must be a mapping', 'a mapping', raw);
    return { raw, line: doc.lineOf(['tasks', i]) ?? 1, where };
  });
  return { defaults: d, defaultsWhere: whereAt(['defaults'], 'defaults.'), tasks };
}

/** Reads and checks a whole task file: any problem is exit 2 naming the file, line and key. */
export async function loadTaskFile(path: string, cwd: string): Promise<TaskFile> {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new HexecError('usage', `cannot read the task file: ${(e as Error).message}`, { source: { file: path } });
  }
  const ext = extname(abs).toLowerCase();
  const format = ext === '.yaml' || ext === '.yml' || ext === '.json' ? 'yaml' : 'jsonl';
  const entries = format === 'yaml' ? await yamlEntries(text, path) : jsonlEntries(text, path);
  if (entries.defaultsWhere !== undefined) checkKeys(entries.defaults, entries.defaultsWhere, true);
  if (entries.tasks.length === 0)
    throw new HexecError('usage', 'the task file has no tasks', { source: { file: path }, hint: HINT_FORMAT });
  const dir = dirname(abs);
  const seen = new Map<string, number>();
  const tasks = entries.tasks.map((e, index) => {
    checkKeys(e.raw, e.where, false);
    if (e.raw['id'] === undefined) throw bad(e.where, 'id', 'the task has no `id`', 'a unique id');
    const id = e.raw['id'] as string;
    const first = seen.get(id);
    if (first !== undefined) throw bad(e.where, 'id', `duplicate id ${JSON.stringify(id)} (first on line ${first})`);
    seen.set(id, e.line);
    return toTask(merge(entries.defaults, e.raw), index, e.line, dir, e.where);
  });
  return { path: abs, dir, format, sha256: sha256Hex(text), tasks };
}
