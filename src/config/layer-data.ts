import { HexecError } from '../errors/index.js';
import { EMPTY_KEY_INDEX, indexKeyLines } from './key-lines.js';
import { formatKeyPath } from './key-path.js';
import type { LayerData } from './merge.js';
import { validateTable, type Schema, type Table, type ValidateContext } from './schema.js';
import type { LayerKind } from './types.js';

/** A key no schema knows: ignored with a warning, or fatal with --strict-config. */
export interface UnknownKey {
  readonly label: string;
  readonly path: readonly string[];
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface LayerInput {
  readonly kind: LayerKind;
  readonly label: string;
  readonly file?: string;
  readonly text?: string;
  readonly raw: Table;
  readonly flags?: ReadonlyMap<string, string>;
}

/** Validates one layer: wrong types are fatal (file, line, key, expected, found). */
export function toLayerData(
  input: LayerInput,
  schema: Schema & { t: 'table' },
  ctx: ValidateContext,
): { readonly layer: LayerData; readonly unknown: UnknownKey[] } {
  const lines = input.text !== undefined ? indexKeyLines(input.text) : EMPTY_KEY_INDEX;
  const r = validateTable(input.raw, schema, ctx);
  if (r.violation !== undefined) {
    const v = r.violation;
    const pos = lines.find(v.path);
    const key = formatKeyPath(v.path);
    throw new HexecError('config', 'invalid value', {
      source:
        input.file !== undefined
          ? { file: input.file, ...(pos !== undefined ? { line: pos.line, column: pos.column } : {}), key }
          : { flag: input.kind === 'session-flags' ? '-c/--config' : input.label, key },
      expected: v.expected,
      found: v.found,
    });
  }
  const unknown = r.unknown.map((path): UnknownKey => {
    const pos = lines.find(path);
    return {
      label: input.label,
      path,
      ...(input.file !== undefined ? { file: input.file } : {}),
      ...(pos !== undefined ? { line: pos.line, column: pos.column } : {}),
    };
  });
  const layer: LayerData = {
    kind: input.kind,
    label: input.label,
    table: r.value,
    lines,
    ...(input.file !== undefined ? { file: input.file } : {}),
    ...(input.flags !== undefined ? { flags: input.flags } : {}),
  };
  return { layer, unknown };
}

/** codex's aggregated warning, with hexec's name. */
export function unknownKeysWarning(keys: readonly UnknownKey[]): string | undefined {
  if (keys.length === 0) return undefined;
  const n = keys.length;
  const lines = keys.map((k) => `  ${k.label}: \`${formatKeyPath(k.path)}\` is ignored.`);
  return `hexec is ignoring ${n} unrecognized configuration setting${n === 1 ? '' : 's'}. Check for typos or deprecated settings.\n${lines.join('\n')}`;
}

/** The --strict-config error for the first unknown key. */
export function unknownKeyError(k: UnknownKey): HexecError {
  const key = formatKeyPath(k.path);
  if (k.file === undefined) {
    const where = k.label === 'session-flags' ? '-c/--config override' : k.label;
    return new HexecError('config', `unknown configuration field \`${key}\` in ${where}`);
  }
  return new HexecError('config', `unknown configuration field \`${key}\``, {
    source: { file: k.file, ...(k.line !== undefined ? { line: k.line, column: k.column ?? 1 } : {}) },
  });
}
