import { HexecError, type ErrorSource } from '../errors/index.js';
import { formatKeyPath, getPath } from './key-path.js';
import type { LayerData, Merged } from './merge.js';
import { providerLeafProvenance } from './providers.js';
import type { EffectiveConfig, Provenance } from './types.js';

/** codex 0.169's errors for the old `profile = "..."` / `[profiles.NAME]` scheme. */
export function checkLegacyProfiles(
  layers: readonly LayerData[],
  profile: string | undefined,
  codexHome: string,
): void {
  for (const l of layers) {
    const legacy = l.table['profile'];
    // the message names the key, so the source carries only the position
    const where = (path: string[]): ErrorSource => {
      const pos = l.lines.find(path);
      return l.file !== undefined
        ? { file: l.file, ...(pos !== undefined ? { line: pos.line, column: pos.column } : {}) }
        : { flag: l.kind === 'session-flags' ? '-c/--config' : l.label };
    };
    if (profile !== undefined && (legacy === profile || getPath(l.table, ['profiles', profile]) !== undefined)) {
      const path = legacy === profile ? ['profile'] : ['profiles', profile];
      throw new HexecError(
        'config',
        `--profile \`${profile}\` cannot be used while ${l.file ?? l.label} contains legacy \`profile = "${profile}"\` or \`[profiles.${profile}]\` config; move those settings into ${codexHome}/${profile}.config.toml`,
        { source: where(path) },
      );
    }
    if (typeof legacy === 'string') {
      throw new HexecError(
        'config',
        `legacy \`profile = "${legacy}"\` config is no longer supported; use \`--profile ${legacy}\` with \`${legacy}.config.toml\` instead`,
        { source: where(['profile']) },
      );
    }
  }
}

function flatten(v: unknown, path: string[], out: Array<[string[], unknown]>): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) flatten(x, [...path, k], out);
  } else {
    out.push([path, v]);
  }
}

/** Every leaf of the effective config → the layer it came from (default when unset). */
export function buildProvenance(
  effective: EffectiveConfig,
  merged: Merged,
  overrides: ReadonlyMap<string, Provenance>,
): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  const leaves: Array<[string[], unknown]> = [];
  flatten(effective, [], leaves);
  for (const [path] of leaves) {
    if (path[0] === 'provider') {
      out[formatKeyPath(path)] = providerLeafProvenance(effective.provider, path.slice(1), merged);
      continue;
    }
    const key = formatKeyPath(path);
    let p = overrides.get(key) ?? merged.provenance.get(key);
    for (let n = path.length - 1; p === undefined && n > 0; n -= 1)
      p = merged.provenance.get(formatKeyPath(path.slice(0, n)));
    if (p === undefined && path[0] === 'timeout_ms') p = merged.provenance.get('timeout');
    out[key] = p ?? { layer: 'default' };
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
