/**
 * Normalises a user's JSON Schema to the strict dialect of OpenAI structured outputs:
 * every object closed (`additionalProperties: false`), every property required, and
 * properties that were optional made nullable. Returns `strict: false` with the reason
 * when the schema cannot be expressed strictly; it is then sent non-strict.
 */
export type JsonObject = { [k: string]: unknown };

export interface StrictResult {
  readonly schema: unknown;
  readonly strict: boolean;
  readonly reason?: string;
  /** JSON Pointers (in value space, `*` for array items) of properties made nullable. */
  readonly nullableOptionals: readonly string[];
}

const UNSUPPORTED = [
  'patternProperties',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'unevaluatedProperties',
  'propertyNames',
];

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function makeNullable(s: unknown): unknown {
  if (!isObject(s)) return s;
  const t = s['type'];
  if (typeof t === 'string') return t === 'null' ? s : { ...s, type: [t, 'null'] };
  if (Array.isArray(t)) return t.includes('null') ? s : { ...s, type: [...(t as unknown[]), 'null'] };
  if (Array.isArray(s['enum']))
    return (s['enum'] as unknown[]).includes(null) ? s : { ...s, enum: [...(s['enum'] as unknown[]), null] };
  return { anyOf: [s, { type: 'null' }] };
}

class NotStrict extends Error {
  override name = 'NotStrict';
}

function walk(s: unknown, path: string, optionals: string[]): unknown {
  if (!isObject(s)) return s;
  for (const k of UNSUPPORTED) if (k in s) throw new NotStrict(`\`${k}\` at ${path || '/'} has no strict equivalent`);
  if (typeof s['$ref'] === 'string' && !s['$ref'].startsWith('#'))
    throw new NotStrict(`external $ref ${String(s['$ref'])}`);
  const out: JsonObject = { ...s };
  const props = s['properties'];
  const isObj = s['type'] === 'object' || isObject(props);
  if (isObj) {
    const ap = s['additionalProperties'];
    if (ap !== undefined && ap !== false)
      throw new NotStrict(`additionalProperties at ${path || '/'} allows extra keys`);
    out['additionalProperties'] = false;
    const properties: JsonObject = {};
    const required = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
    for (const [name, sub] of Object.entries(isObject(props) ? props : {})) {
      const childPath = `${path}/${name}`;
      let child = walk(sub, childPath, optionals);
      if (!required.has(name)) {
        child = makeNullable(child);
        optionals.push(childPath);
      }
      properties[name] = child;
    }
    out['properties'] = properties;
    out['required'] = Object.keys(properties);
  }
  if (s['items'] !== undefined) out['items'] = walk(s['items'], `${path}/*`, optionals);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key])) out[key] = (s[key] as unknown[]).map((x) => walk(x, path, optionals));
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = s[key];
    if (isObject(defs)) {
      const o: JsonObject = {};
      for (const [n, d] of Object.entries(defs)) o[n] = walk(d, `#${key}/${n}`, []);
      out[key] = o;
    }
  }
  return out;
}

export function toStrictSchema(schema: unknown): StrictResult {
  if (!isObject(schema) || schema['type'] !== 'object') {
    return { schema, strict: false, reason: 'the root is not `type: "object"`', nullableOptionals: [] };
  }
  if ('anyOf' in schema) return { schema, strict: false, reason: 'the root uses anyOf', nullableOptionals: [] };
  const optionals: string[] = [];
  try {
    const out = walk(schema, '', optionals);
    if (isObject(out)) delete out['$schema'];
    return { schema: out, strict: true, nullableOptionals: optionals };
  } catch (e) {
    if (e instanceof NotStrict) return { schema, strict: false, reason: e.message, nullableOptionals: [] };
    throw e;
  }
}

/** Removes `null` values at the pointers that strict mode made nullable. */
export function stripInjectedNulls(value: unknown, pointers: readonly string[]): { value: unknown; changed: boolean } {
  let changed = false;
  const strip = (v: unknown, parts: readonly string[]): void => {
    if (parts.length === 0) return;
    const [head, ...rest] = parts;
    if (head === '*') {
      if (Array.isArray(v)) for (const el of v) strip(el, rest);
      return;
    }
    if (!isObject(v) || head === undefined) return;
    if (rest.length === 0) {
      if (v[head] === null) {
        delete v[head];
        changed = true;
      }
      return;
    }
    strip(v[head], rest);
  };
  const copy = structuredClone(value);
  // deepest first, so a nested strip happens before its parent might be removed
  for (const p of [...pointers].sort((a, b) => b.length - a.length)) strip(copy, p.split('/').slice(1));
  return { value: copy, changed };
}
