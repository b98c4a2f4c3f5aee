import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { HexecError } from '../errors/index.js';
import { stripInjectedNulls, toStrictSchema } from './strict-schema.js';

// ajv-formats is CommonJS with a default export; normalise the interop shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv | Ajv2020,
) => void;

export interface OutputSchema {
  readonly path: string;
  /** The file's contents. */
  readonly original: unknown;
  /** What is sent to the model as text.format.schema. */
  readonly wireSchema: unknown;
  readonly strict: boolean;
  /** Why the schema is sent non-strict (warning text), when it is. */
  readonly warning?: string;
  readonly sha256?: string;
  /** Validates a final message. */
  check(text: string): OutputCheck;
}

export type OutputCheck =
  | { readonly ok: true; readonly value: unknown; readonly normalizedText: string }
  | { readonly ok: false; readonly errors: ReadonlyArray<{ path: string; message: string }> };

function formatAjvError(e: ErrorObject): { path: string; message: string } {
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties')
    message = `must not have additional property \`${String((e.params as { additionalProperty?: string }).additionalProperty)}\``;
  if (e.keyword === 'required')
    message = `must have required property \`${String((e.params as { missingProperty?: string }).missingProperty)}\``;
  if (e.keyword === 'enum')
    message = `must be one of ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`;
  return { path: e.instancePath, message };
}

function compile(schema: unknown, path: string): ValidateFunction {
  const declared = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>)['$schema'] : '';
  const draft = typeof declared === 'string' ? declared : '';
  const ajv = /draft-0[467]/.test(draft)
    ? new Ajv({ allErrors: true, strict: false })
    : new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  try {
    return ajv.compile(schema as object);
  } catch (e) {
    throw new HexecError(
      'usage',
      `Output schema file ${path} is not a valid JSON Schema: ${e instanceof Error ? e.message : String(e)}`,
      {
        source: { flag: '--output-schema' },
      },
    );
  }
}

/** Strips a ```json fence if the model wrapped its answer in one. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  return m?.[1] ?? text;
}

/** JSON.parse's message with the position as "line L column C" (as codex reports it). */
function jsonErrorText(e: unknown, raw: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /^(.*?)(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
  if (m === null) return message;
  const pos = Number(m[2]);
  const before = raw.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${m[1] ?? message} at line ${line} column ${column}`;
}

/** Reads, parses and compiles --output-schema at start-up; any problem is exit 2. */
export function loadOutputSchema(file: string, cwd: string): OutputSchema {
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  let raw: string;
  try {
    raw = readFileSync(abs, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const code = err.code;
    const text =
      code === 'ENOENT'
        ? 'No such file or directory'
        : code === 'EACCES'
          ? 'Permission denied'
          : code === 'EISDIR'
            ? 'Is a directory'
            : undefined;
    // codex prints the OS error like Rust's io::Error: "No such file or directory (os error 2)"
    const why =
      text !== undefined && typeof err.errno === 'number'
        ? `${text} (os error ${Math.abs(err.errno)})`
        : (text ?? String(err.message));
    throw new HexecError('usage', `Failed to read output schema file ${file}: ${why}`, {
      source: { flag: '--output-schema' },
    });
  }
  let original: unknown;
  try {
    original = JSON.parse(raw);
  } catch (e) {
    throw new HexecError('usage', `Output schema file ${file} is not valid JSON: ${jsonErrorText(e, raw)}`, {
      source: { flag: '--output-schema' },
    });
  }
  if (typeof original !== 'object' || original === null || Array.isArray(original)) {
    if (typeof original !== 'boolean') {
      throw new HexecError('usage', `Output schema file ${file} is not a JSON Schema: expected an object`, {
        source: { flag: '--output-schema' },
        found: Array.isArray(original) ? 'array' : typeof original,
      });
    }
  }
  const validate = compile(original, file);
  const strict = toStrictSchema(original);
  const check = (text: string): OutputCheck => {
    let value: unknown;
    try {
      value = JSON.parse(unfence(text));
    } catch (e) {
      return {
        ok: false,
        errors: [{ path: '', message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` }],
      };
    }
    const stripped = stripInjectedNulls(value, strict.nullableOptionals);
    if (validate(stripped.value)) {
      const normalizedText = stripped.changed || unfence(text) !== text ? JSON.stringify(stripped.value) : text;
      return { ok: true, value: stripped.value, normalizedText };
    }
    return { ok: false, errors: (validate.errors ?? []).map(formatAjvError) };
  };
  return {
    path: abs,
    original,
    wireSchema: strict.schema,
    strict: strict.strict,
    ...(strict.strict
      ? {}
      : {
          warning: `--output-schema ${file} cannot be made strict (${strict.reason ?? 'unsupported'}); sending it non-strict`,
        }),
    check,
  };
}
