import { dirname } from 'node:path';
import { sha256Hex } from '../util/index.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { toLayerData, type UnknownKey } from './layer-data.js';
import type { LayerData } from './merge.js';
import type { Schema } from './schema.js';
import { readTomlFile } from './toml-source.js';
import type { LayerKind, LayerReport } from './types.js';

/** One file layer after the attempt to read it. */
export interface FileLayer {
  readonly report: LayerReport;
  readonly data?: LayerData;
  readonly text?: string;
  readonly sha256?: string;
  readonly unknown: readonly UnknownKey[];
}

const ADMIN: ReadonlySet<LayerKind> = new Set(['system', 'managed', 'requirements']);

export function skippedLayer(kind: LayerKind, file: string | undefined, why: string): FileLayer {
  return {
    report: {
      kind,
      label: file ?? kind,
      ...(file !== undefined ? { file } : {}),
      fate: 'skipped',
      why,
      adminPolicy: ADMIN.has(kind),
    },
    unknown: [],
  };
}

/**
 * Reads, parses and validates a TOML layer; relative paths in it resolve against the
 * file's directory. A missing file is reported, never an error.
 */
export function loadFileLayer(
  kind: LayerKind,
  file: string,
  home: string,
  options: {
    readonly schema?: Schema & { t: 'table' };
    readonly missingWhy?: string;
    readonly loadedWhy?: string;
  } = {},
): FileLayer {
  const adminPolicy = ADMIN.has(kind);
  const t = readTomlFile(file);
  if (t.status === 'missing') {
    return {
      report: {
        kind,
        label: file,
        file,
        fate: 'missing',
        why: options.missingWhy ?? 'file does not exist',
        adminPolicy,
      },
      unknown: [],
    };
  }
  const { layer, unknown } = toLayerData(
    { kind, label: file, file, text: t.text, raw: t.raw },
    options.schema ?? CONFIG_SCHEMA,
    { baseDir: dirname(file), home },
  );
  return {
    report: {
      kind,
      label: file,
      file,
      fate: 'loaded',
      ...(options.loadedWhy !== undefined ? { why: options.loadedWhy } : {}),
      adminPolicy,
    },
    data: layer,
    text: t.text,
    sha256: sha256Hex(t.text),
    unknown,
  };
}
