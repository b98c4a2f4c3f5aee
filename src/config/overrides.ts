import { parse } from 'smol-toml';
import { HexecError } from '../errors/index.js';
import { formatKeyPath } from './key-path.js';
import { isTable, newTable, type Table } from './schema.js';

/**
 * `-c key=value` (codex utils/cli config_override.rs): split on the first `=`, trim
 * both sides, parse the value as a TOML value, else use the raw text with surrounding
 * quotes stripped. The key is a dotted path split naively on `.`.
 */
export interface ParsedOverride {
  readonly path: readonly string[];
  readonly value: unknown;
}

const FLAG = '-c/--config';
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
/** codex's aliases of old top-level keys. */
const KEY_ALIASES: Record<string, readonly string[]> = {
  use_legacy_landlock: ['features', 'use_legacy_landlock'],
};

export function parseOverrideValue(text: string): unknown {
  try {
    const t = parse(`_x_ = ${text}`, { integersAsBigInt: 'asNeeded', unsafeKeyBehaviour: 'throw', maxDepth: 100 });
    if (Object.hasOwn(t, '_x_')) return t['_x_'];
  } catch {
    // not a TOML value: fall back to the raw string
  }
  return text.replace(/^["']+/, '').replace(/["']+$/, '');
}

export function parseOverride(raw: string): ParsedOverride {
  const eq = raw.indexOf('=');
  if (eq === -1) {
    throw new HexecError('config', `Invalid override (missing '='): ${raw}`, { source: { flag: FLAG } });
  }
  const key = raw.slice(0, eq).trim();
  if (key === '') throw new HexecError('config', `Empty key in override: ${raw}`, { source: { flag: FLAG } });
  const path = KEY_ALIASES[key] ?? key.split('.');
  const bad = path.find((p) => UNSAFE.has(p));
  if (bad !== undefined) {
    throw new HexecError('config', `Invalid override key segment \`${bad}\`: ${key}`, { source: { flag: FLAG, key } });
  }
  return { path, value: parseOverrideValue(raw.slice(eq + 1).trim()) };
}

/** Sets a value at a path, creating (or replacing non-table) intermediate tables. */
export function setPath(root: Table, path: readonly string[], value: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    const next = cur[seg];
    if (isTable(next)) cur = next;
    else {
      const t = newTable();
      cur[seg] = t;
      cur = t;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) cur[last] = value;
}

export interface SessionOverrides {
  readonly table: Table;
  /** formatted key path → the flag that set it (`-c model`, `--enable x`). */
  readonly flags: ReadonlyMap<string, string>;
  readonly count: number;
}

/** The session-flags layer: every -c in order, then --enable / --disable. */
export function buildSessionOverrides(
  config: readonly string[],
  enable: readonly string[],
  disable: readonly string[],
): SessionOverrides {
  const table = newTable();
  const flags = new Map<string, string>();
  for (const raw of config) {
    const o = parseOverride(raw);
    setPath(table, o.path, o.value);
    flags.set(formatKeyPath(o.path), `-c ${formatKeyPath(o.path)}`);
  }
  for (const [list, value, flag] of [
    [enable, true, '--enable'],
    [disable, false, '--disable'],
  ] as const) {
    for (const name of list) {
      if (name.trim() === '' || UNSAFE.has(name)) {
        throw new HexecError('config', `invalid feature name '${name}'`, { source: { flag } });
      }
      setPath(table, ['features', name], value);
      flags.set(formatKeyPath(['features', name]), `${flag} ${name}`);
    }
  }
  return { table, flags, count: config.length + enable.length + disable.length };
}
