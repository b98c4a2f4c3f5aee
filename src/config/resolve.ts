import { join, resolve } from 'node:path';
import type { HostEnv } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import { loadInstructions } from './agents-md.js';
import { CONFIG_SCHEMA, REQUIREMENTS_SCHEMA } from './config-schema.js';
import { buildEffective } from './effective.js';
import { loadFileLayer, type FileLayer } from './file-layer.js';
import { buildCliFlagsLayer } from './flags-layer.js';
import { toLayerData, unknownKeyError, unknownKeysWarning, type UnknownKey } from './layer-data.js';
import { mergeLayers, provenanceFor, type LayerData } from './merge.js';
import { buildSessionOverrides } from './overrides.js';
import { isDirectory, recordTrust } from './project.js';
import { buildProvenance, checkLegacyProfiles } from './resolve-checks.js';
import { buildRequirements } from './requirements.js';
import type { AdminPolicyFile, ConfigFlags, LayerReport, Provenance, ResolvedConfig, RulesDir } from './types.js';
import { loadUserSide, type UserSide } from './user-layers.js';

/**
 * Resolves the configuration of one launch: every layer codex reads, in codex's order
 * (system < user < profile < trusted project < -c < managed_config.toml < dedicated
 * flags), then requirements. Only --trust writes (to $CODEX_HOME/config.toml).
 */
export function resolveConfig(flags: ConfigFlags, env: HostEnv): ResolvedConfig {
  const cwd = flags.cd !== undefined ? resolve(env.cwd, flags.cd) : env.cwd;
  if (!isDirectory(cwd)) {
    throw new HexecError('usage', `cannot use ${cwd} as the working directory: not a directory`, {
      source: { flag: '-C/--cd' },
    });
  }
  const session = buildSessionOverrides(flags.config, flags.enable, flags.disable);
  const sessionLoad = toLayerData(
    { kind: 'session-flags', label: 'session-flags', raw: session.table, flags: session.flags },
    CONFIG_SCHEMA,
    { baseDir: cwd, home: env.home },
  );
  const sys = env.systemConfigDir;
  const system = loadFileLayer('system', join(sys, 'config.toml'), env.home);
  const managed = loadFileLayer('managed', join(sys, 'managed_config.toml'), env.home);
  const requirements = loadFileLayer('requirements', join(sys, 'requirements.toml'), env.home, {
    schema: REQUIREMENTS_SCHEMA,
  });

  // hermetic is a ratchet: the flag, or `hermetic = true` in an admin layer, -c, or a trusted project
  const setsHermetic = (l: LayerData | undefined): l is LayerData => l?.table['hermetic'] === true;
  const adminLayer = [managed.data, sessionLoad.layer, system.data].find(setsHermetic);
  let hermeticBy: Provenance | undefined =
    flags.hermetic === true
      ? { layer: 'cli-flags', flag: '--hermetic' }
      : adminLayer !== undefined
        ? provenanceFor(adminLayer, ['hermetic'])
        : undefined;
  const userSideFor = (h: boolean): UserSide =>
    loadUserSide({
      flags,
      env,
      cwd,
      hermetic: h,
      system: system.data,
      session: sessionLoad.layer,
      managed: managed.data,
    });
  let side = userSideFor(hermeticBy !== undefined);
  const projectLayer = hermeticBy === undefined ? side.projects.map((p) => p.data).find(setsHermetic) : undefined;
  if (projectLayer !== undefined) {
    hermeticBy = { ...provenanceFor(projectLayer, ['hermetic']), note: 'a trusted project turned hermetic mode on' };
    side = userSideFor(true);
  }
  const hermetic = hermeticBy !== undefined;
  const warnings: string[] = [];
  const userHermetic = [side.user.data, side.profile.data].find((l) => l?.table['hermetic'] !== undefined);
  if (userHermetic !== undefined) {
    warnings.push(
      `\`hermetic\` in ${userHermetic.label} has no effect: hermetic runs do not read the user config; set it with --hermetic, -c hermetic=true, a trusted project or /etc/codex.`,
    );
  }

  const baseLayers: LayerData[] = [
    system.data,
    side.user.data,
    side.profile.data,
    ...side.projects.map((p) => p.data),
    sessionLoad.layer,
    managed.data,
  ].filter((l): l is LayerData => l !== undefined);
  checkLegacyProfiles(baseLayers, flags.profile, env.codexHome);
  const cli = buildCliFlagsLayer(flags, mergeLayers(baseLayers).table, cwd, env.home);
  const merged = mergeLayers([...baseLayers, cli.layer]);

  const unknown: UnknownKey[] = [
    ...system.unknown,
    ...side.user.unknown,
    ...side.profile.unknown,
    ...side.projects.flatMap((p) => p.unknown),
    ...sessionLoad.unknown,
    ...managed.unknown,
    ...requirements.unknown,
  ];
  const first = unknown[0];
  if (flags.strictConfig === true && first !== undefined) throw unknownKeyError(first);
  const unknownWarning = unknownKeysWarning(unknown);
  if (unknownWarning !== undefined) warnings.push(unknownWarning);

  const req = buildRequirements(requirements.data, requirements.text, managed.data);
  const built = buildEffective({
    merged,
    requirements: req,
    hermetic,
    approveForMe: flags.approveForMe === true,
    yolo: flags.dangerouslyBypass === true,
  });
  warnings.push(...built.warnings);
  if (hermeticBy !== undefined) built.overrides.set('hermetic', hermeticBy);
  const effective = built.effective;

  let written = false;
  if (flags.trust === true && !hermetic && side.trust.key === null) {
    written = recordTrust(join(env.codexHome, 'config.toml'), side.projectRoot);
  }
  if (side.untrustedProjectConfig && !hermetic) {
    warnings.push(
      `Untrusted project-local configuration is disabled. Run \`hexec exec --trust\` to trust ${side.projectRoot} and load its .codex/ configuration.`,
    );
  }

  const ignoreRules = hermetic || flags.ignoreRules === true;
  const rulesDirs: RulesDir[] = [{ dir: join(sys, 'rules'), layer: 'system', exists: isDirectory(join(sys, 'rules')) }];
  if (!ignoreRules) {
    const userRules = join(env.codexHome, 'rules');
    rulesDirs.push({ dir: userRules, layer: 'user', exists: isDirectory(userRules) });
    for (const d of side.trustedDotCodex)
      rulesDirs.push({ dir: join(d, 'rules'), layer: 'project', exists: isDirectory(join(d, 'rules')) });
  }

  const instructionsWhy: string[] = [];
  if (hermetic) instructionsWhy.push('hermetic run: $CODEX_HOME/AGENTS*.md is not read');
  if (hermetic && flags.trust !== true)
    instructionsWhy.push('hermetic run: project AGENTS.md files are read only with --trust on this command line');
  if (effective.project_doc_max_bytes === 0) instructionsWhy.push('project_doc_max_bytes = 0 disables project docs');
  const instructions = loadInstructions({
    cwd,
    projectRoot: side.projectRoot,
    codexHome: env.codexHome,
    maxBytes: effective.project_doc_max_bytes,
    fallbackFilenames: effective.project_doc_fallback_filenames,
    includeUserDoc: !hermetic,
    includeProjectDocs: !hermetic || flags.trust === true,
    why: instructionsWhy,
  });

  const adminPolicy: AdminPolicyFile[] = [];
  for (const [kind, l] of [
    ['system', system],
    ['managed', managed],
    ['requirements', requirements],
  ] as const) {
    if (l.report.fate === 'loaded' && l.report.file !== undefined)
      adminPolicy.push({ kind, file: l.report.file, sha256: l.sha256 ?? '' });
  }

  const layers: LayerReport[] = [
    system.report,
    side.user.report,
    side.profile.report,
    ...side.projects.map((p: FileLayer) => p.report),
    session.count > 0
      ? {
          kind: 'session-flags',
          label: 'session-flags',
          fate: 'loaded',
          why: `${session.count} -c/--enable/--disable override(s)`,
          adminPolicy: false,
        }
      : {
          kind: 'session-flags',
          label: 'session-flags',
          fate: 'skipped',
          why: 'no -c/--enable/--disable given',
          adminPolicy: false,
        },
    managed.report,
    cli.report,
    requirements.report,
  ];

  return {
    cwd,
    projectRoot: side.projectRoot,
    gitRoot: side.gitRoot,
    codexHome: env.codexHome,
    home: env.home,
    hermetic,
    ephemeral: hermetic || flags.ephemeral === true,
    ignoreUserConfig: hermetic || flags.ignoreUserConfig === true,
    ignoreRules,
    trust: {
      level: side.trust.level,
      source: side.trust.viaFlag
        ? '--trust'
        : side.trust.key !== null
          ? `[projects.${JSON.stringify(side.trust.key)}]`
          : null,
      written,
    },
    effective,
    addDirs: flags.addDir.map((d) => resolve(cwd, d)),
    provenance: buildProvenance(effective, merged, built.overrides),
    layers,
    warnings,
    requirements: req,
    rulesDirs,
    instructions,
    adminPolicy,
  };
}
