import { join } from 'node:path';
import { HexecError } from '../errors/index.js';
import type { HostEnv } from '../env/index.js';
import { loadFileLayer, skippedLayer, type FileLayer } from './file-layer.js';
import { getPath } from './key-path.js';
import { mergeLayers, type LayerData } from './merge.js';
import {
  dirsFromRoot,
  findGitRoot,
  findProjectRoot,
  isDirectory,
  lookupTrust,
  samePath,
  type TrustLookup,
} from './project.js';
import { readTomlFile } from './toml-source.js';
import type { ConfigFlags, LayerReport } from './types.js';

/**
 * The layers that depend on the user and the project: $CODEX_HOME/config.toml, the
 * profile file, and the trusted project `.codex/` chain. Pure reads; --trust is
 * written by the caller once the hermetic decision is final.
 */
export interface UserSide {
  readonly user: FileLayer;
  readonly profile: FileLayer;
  readonly projects: readonly FileLayer[];
  /** `.codex/` directories of trusted project layers (their rules/ apply). */
  readonly trustedDotCodex: readonly string[];
  readonly projectRoot: string;
  readonly gitRoot: string | null;
  readonly trust: TrustLookup & { readonly viaFlag: boolean };
  /** A `.codex/` (not $CODEX_HOME) exists between root and cwd but is not trusted. */
  readonly untrustedProjectConfig: boolean;
  readonly projectSetsHermetic: boolean;
}

export interface UserSideInput {
  readonly flags: ConfigFlags;
  readonly env: HostEnv;
  readonly cwd: string;
  readonly hermetic: boolean;
  /** project_root_markers come from non-project layers: these plus user and profile. */
  readonly system: LayerData | undefined;
  readonly session: LayerData;
  readonly managed: LayerData | undefined;
}

const PROFILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function loadProfile(flags: ConfigFlags, env: HostEnv, hermetic: boolean): FileLayer {
  const name = flags.profile;
  if (name === undefined) return skippedLayer('profile', undefined, 'no --profile given');
  if (!PROFILE_NAME.test(name)) {
    throw new HexecError('usage', `invalid profile name '${name}'`, {
      source: { flag: '--profile' },
      expected: 'letters, digits, `_`, `-` or `.` (not starting with `.`)',
    });
  }
  const file = join(env.codexHome, `${name}.config.toml`);
  if (hermetic) return skippedLayer('profile', file, 'hermetic run: profiles live in $CODEX_HOME and are not read');
  if (flags.ignoreUserConfig === true) return skippedLayer('profile', file, '--ignore-user-config');
  return loadFileLayer('profile', file, env.home, {
    missingWhy: 'profile file does not exist (silently ignored, like codex)',
  });
}

/** The `[projects]` table used for trust, even when --ignore-user-config drops the layer. */
function trustTable(user: FileLayer, userFile: string, hermetic: boolean): unknown {
  if (hermetic) return undefined;
  if (user.data !== undefined) return user.data.table['projects'];
  try {
    const t = readTomlFile(userFile);
    return t.status === 'ok' ? t.raw['projects'] : undefined;
  } catch {
    return undefined;
  }
}

export function loadUserSide(input: UserSideInput): UserSide {
  const { flags, env, cwd, hermetic } = input;
  const userFile = join(env.codexHome, 'config.toml');
  const user = hermetic
    ? skippedLayer('user', userFile, 'hermetic run: the user config is not read')
    : flags.ignoreUserConfig === true
      ? skippedLayer('user', userFile, '--ignore-user-config')
      : loadFileLayer('user', userFile, env.home);
  const profile = loadProfile(flags, env, hermetic);

  const nonProject = [input.system, user.data, profile.data, input.session, input.managed].filter(
    (l): l is LayerData => l !== undefined,
  );
  const markersValue = mergeLayers(nonProject).table['project_root_markers'];
  const markers = Array.isArray(markersValue)
    ? markersValue.filter((m): m is string => typeof m === 'string')
    : ['.git'];
  const projectRoot = findProjectRoot(cwd, markers);
  const gitRoot = findGitRoot(cwd);

  const lookup = hermetic
    ? { level: 'unknown' as const, key: null }
    : lookupTrust(trustTable(user, userFile, hermetic), [cwd, projectRoot, gitRoot]);
  if (flags.trust === true && lookup.level === 'untrusted') {
    throw new HexecError('config', `${projectRoot} is marked as untrusted. Update its trust setting first.`, {
      source: { file: userFile, key: `projects.${JSON.stringify(lookup.key ?? projectRoot)}.trust_level` },
    });
  }
  const trusted = flags.trust === true || lookup.level === 'trusted';
  const trust = {
    level: trusted ? ('trusted' as const) : lookup.level,
    key: lookup.key,
    viaFlag: flags.trust === true,
  };

  const projects: FileLayer[] = [];
  const trustedDotCodex: string[] = [];
  let untrustedProjectConfig = false;
  for (const dir of dirsFromRoot(projectRoot, cwd)) {
    const dotCodex = join(dir, '.codex');
    const file = join(dotCodex, 'config.toml');
    if (!isDirectory(dotCodex)) {
      projects.push({
        report: {
          kind: 'project',
          label: file,
          file,
          fate: 'missing',
          why: 'no .codex/ directory',
          adminPolicy: false,
        },
        unknown: [],
      });
      continue;
    }
    if (samePath(dotCodex, env.codexHome)) {
      projects.push(skippedLayer('project', file, 'this .codex/ is $CODEX_HOME'));
      continue;
    }
    if (!trusted) {
      untrustedProjectConfig = true;
      projects.push(
        skippedLayer(
          'project',
          file,
          hermetic
            ? 'hermetic run: project config is read only with --trust on this command line'
            : `untrusted project (no trusted [projects] entry for ${projectRoot}); run \`hexec exec --trust\``,
        ),
      );
      continue;
    }
    trustedDotCodex.push(dotCodex);
    const why = trust.viaFlag ? 'trusted by --trust' : `trusted by [projects.${JSON.stringify(trust.key)}]`;
    projects.push(
      loadFileLayer('project', file, env.home, {
        missingWhy: '.codex/ has no config.toml (its rules/ still apply)',
        loadedWhy: why,
      }),
    );
  }
  const projectSetsHermetic = projects.some((p) => getPath(p.data?.table, ['hermetic']) === true);
  return {
    user,
    profile,
    projects,
    trustedDotCodex,
    projectRoot,
    gitRoot,
    trust,
    untrustedProjectConfig,
    projectSetsHermetic,
  };
}

export function reports(layers: ReadonlyArray<FileLayer | undefined>): LayerReport[] {
  return layers.filter((l): l is FileLayer => l !== undefined).map((l) => l.report);
}
