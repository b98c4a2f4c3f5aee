import type { KeyLineIndex } from './key-lines.js';
import { formatKeyPath } from './key-path.js';
import { isTable, newTable, type Table } from './schema.js';
import type { LayerKind, Provenance } from './types.js';

/** One validated configuration layer, ready to merge. */
export interface LayerData {
  readonly kind: LayerKind;
  readonly label: string;
  readonly file?: string;
  readonly table: Table;
  readonly lines: KeyLineIndex;
  /** For flag layers: formatted key path → flag text. */
  readonly flags?: ReadonlyMap<string, string>;
}

export interface Merged {
  readonly table: Table;
  /** Formatted key path of every leaf (scalar or array) → the layer that set it. */
  readonly provenance: Map<string, Provenance>;
}

function flagFor(flags: ReadonlyMap<string, string> | undefined, path: readonly string[]): string | undefined {
  if (flags === undefined) return undefined;
  for (let n = path.length; n > 0; n -= 1) {
    const f = flags.get(formatKeyPath(path.slice(0, n)));
    if (f !== undefined) return f;
  }
  return undefined;
}

export function provenanceFor(layer: LayerData, path: readonly string[]): Provenance {
  const pos = layer.lines.find(path);
  const flag = flagFor(layer.flags, path);
  return {
    layer: layer.kind,
    ...(layer.file !== undefined ? { file: layer.file } : {}),
    ...(pos !== undefined ? { line: pos.line, column: pos.column } : {}),
    ...(flag !== undefined ? { flag } : {}),
  };
}

function dropUnder(prov: Map<string, Provenance>, path: readonly string[]): void {
  const key = formatKeyPath(path);
  prov.delete(key);
  const prefix = `${key}.`;
  for (const k of [...prov.keys()]) if (k.startsWith(prefix)) prov.delete(k);
}

function mergeInto(target: Table, src: Table, path: string[], layer: LayerData, prov: Map<string, Provenance>): void {
  for (const [k, v] of Object.entries(src)) {
    const p = [...path, k];
    const cur = target[k];
    if (isTable(v)) {
      let dest: Table;
      if (isTable(cur)) dest = cur;
      else {
        if (cur !== undefined) dropUnder(prov, p);
        dest = newTable();
        target[k] = dest;
      }
      mergeInto(dest, v, p, layer, prov);
    } else {
      if (cur !== undefined) dropUnder(prov, p);
      target[k] = v;
      prov.set(formatKeyPath(p), provenanceFor(layer, p));
    }
  }
}

/** Deep-merges layers, weakest first: tables key by key, scalars and arrays replace. */
export function mergeLayers(layers: readonly LayerData[]): Merged {
  const table = newTable();
  const provenance = new Map<string, Provenance>();
  for (const layer of layers) mergeInto(table, layer.table, [], layer, provenance);
  return { table, provenance };
}
