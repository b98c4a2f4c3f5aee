import { isAbsolute, resolve } from 'node:path';

/**
 * A small typed schema for TOML values: enough to say "expected X, found Y" at the
 * right key, to list unknown keys, and to resolve relative paths. Values come out
 * cleaned: unknown keys dropped, paths absolute, null-prototype tables.
 */
export type Schema =
  | { readonly t: 'string' }
  | { readonly t: 'path' }
  | { readonly t: 'bool' }
  | { readonly t: 'int'; readonly min?: number }
  | { readonly t: 'number'; readonly min?: number; readonly positive?: boolean }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'array'; readonly of: Schema }
  | { readonly t: 'table'; readonly fields: Readonly<Record<string, Schema>> }
  | { readonly t: 'map'; readonly of: Schema }
  | { readonly t: 'any' }
  | { readonly t: 'oneOf'; readonly options: readonly Schema[]; readonly label: string }
  | { readonly t: 'custom'; readonly base: Schema; readonly label: string; readonly check: (v: unknown) => boolean };

export type Table = Record<string, unknown>;

export function newTable(): Table {
  return Object.create(null) as Table;
}

export function isTable(v: unknown): v is Table {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !isTomlDate(v);
}

function isTomlDate(v: unknown): boolean {
  return v !== null && typeof v === 'object' && typeof (v as { toISOString?: unknown }).toISOString === 'function';
}

/** A wrong value at a key path: fatal. */
export interface SchemaViolation {
  readonly path: readonly string[];
  readonly expected: string;
  readonly found: string;
}

export interface ValidateContext {
  /** Relative paths resolve against this directory. */
  readonly baseDir: string;
  readonly home: string;
}

export interface ValidateResult {
  readonly value: Table;
  readonly unknown: ReadonlyArray<readonly string[]>;
  readonly violation: SchemaViolation | undefined;
}

export function describeSchema(s: Schema): string {
  switch (s.t) {
    case 'string':
      return 'a string';
    case 'path':
      return 'a path string';
    case 'bool':
      return 'a boolean';
    case 'int':
      return s.min !== undefined ? `an integer >= ${s.min}` : 'an integer';
    case 'number':
      return s.positive === true ? 'a number > 0' : s.min !== undefined ? `a number >= ${s.min}` : 'a number';
    case 'enum':
      return `one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'array':
      return `an array of ${describeSchema(s.of).replace(/^an? /, '')}s`;
    case 'table':
      return 'a table';
    case 'map':
      return `a table of ${describeSchema(s.of).replace(/^an? /, '')}s`;
    case 'any':
      return 'any value';
    case 'oneOf':
      return s.label;
    case 'custom':
      return s.label;
  }
}

export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  if (typeof v === 'bigint') return `integer ${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `float ${v}`;
  if (Array.isArray(v)) return 'an array';
  if (isTable(v)) return 'a table';
  if (isTomlDate(v)) return 'a datetime';
  return typeof v;
}

class Violation extends Error {
  constructor(readonly v: SchemaViolation) {
    super('schema violation');
  }
}

function expandPath(p: string, ctx: ValidateContext): string {
  if (p === '~') return ctx.home;
  if (p.startsWith('~/')) return resolve(ctx.home, p.slice(2));
  return isAbsolute(p) ? resolve(p) : resolve(ctx.baseDir, p);
}

/** Plain JSON-able copy of an untyped subtree (bigints beyond 2^53 and dates become strings). */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plainValue);
  if (isTable(v)) {
    const out = newTable();
    for (const [k, x] of Object.entries(v)) out[k] = plainValue(x);
    return out;
  }
  if (isTomlDate(v)) return (v as { toISOString(): string }).toISOString();
  return v;
}

function check(v: unknown, s: Schema, path: string[], ctx: ValidateContext, unknown: string[][]): unknown {
  const fail = (): never => {
    // Never echo a value that may be a secret (keys, tokens, headers, env values).
    const secretish = path.some((seg) => /key|token|secret|password|auth|header|bearer|env|set/i.test(seg));
    const found =
      secretish && typeof v === 'string' ? `a string (${v.length} characters, not shown)` : describeValue(v);
    throw new Violation({ path, expected: describeSchema(s), found });
  };
  switch (s.t) {
    case 'string':
      return typeof v === 'string' ? v : fail();
    case 'path':
      return typeof v === 'string' && v !== '' ? expandPath(v, ctx) : fail();
    case 'bool':
      return typeof v === 'boolean' ? v : fail();
    case 'int': {
      const n = typeof v === 'bigint' ? fail() : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail();
      if (s.min !== undefined && n < s.min) return fail();
      return n;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail();
      if (s.min !== undefined && v < s.min) return fail();
      if (s.positive === true && !(v > 0)) return fail();
      return v;
    }
    case 'enum':
      return typeof v === 'string' && s.values.includes(v) ? v : fail();
    case 'array':
      if (!Array.isArray(v)) return fail();
      return v.map((x, i) => check(x, s.of, [...path, String(i)], ctx, unknown));
    case 'table': {
      if (!isTable(v)) return fail();
      const out = newTable();
      for (const [k, x] of Object.entries(v)) {
        const sub = Object.hasOwn(s.fields, k) ? s.fields[k] : undefined;
        if (sub === undefined) {
          unknown.push([...path, k]);
          continue;
        }
        out[k] = check(x, sub, [...path, k], ctx, unknown);
      }
      return out;
    }
    case 'map': {
      if (!isTable(v)) return fail();
      const out = newTable();
      for (const [k, x] of Object.entries(v)) out[k] = check(x, s.of, [...path, k], ctx, unknown);
      return out;
    }
    case 'any':
      return plainValue(v);
    case 'oneOf': {
      for (const opt of s.options) {
        const probe: string[][] = [];
        try {
          const r = check(v, opt, path, ctx, probe);
          unknown.push(...probe);
          return r;
        } catch (e) {
          if (!(e instanceof Violation)) throw e;
        }
      }
      return fail();
    }
    case 'custom': {
      const r = check(v, s.base, path, ctx, unknown);
      return s.check(r) ? r : fail();
    }
  }
}

/** Validates one layer's table against a table schema. */
export function validateTable(value: Table, schema: Schema & { t: 'table' }, ctx: ValidateContext): ValidateResult {
  const unknown: string[][] = [];
  try {
    const v = check(value, schema, [], ctx, unknown) as Table;
    return { value: v, unknown, violation: undefined };
  } catch (e) {
    if (e instanceof Violation) return { value: newTable(), unknown, violation: e.v };
    throw e;
  }
}

/** Schema of a key path (undefined: unknown key). */
export function schemaAt(schema: Schema, path: readonly string[]): Schema | undefined {
  let cur: Schema | undefined = schema;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (cur.t === 'table') cur = Object.hasOwn(cur.fields, seg) ? cur.fields[seg] : undefined;
    else if (cur.t === 'map') cur = cur.of;
    else if (cur.t === 'any') return cur;
    else return undefined;
  }
  return cur;
}
