import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fingerprint, resolveConfig, type ConfigFlags, type ResolvedConfig } from '../config/index.js';
import type { HostEnv, StdinKind } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import { ruleFiles } from '../policy/index.js';
import { resolveAuth } from '../provider/index.js';
import { bwrapVersion, preflight } from '../sandbox/index.js';
import { canonicalJson, HEXEC_VERSION } from '../util/index.js';
import { HERMETIC_PATH } from './command-env.js';
import { extensionsNotRun } from './run-exec.js';
import { providerInfoOf } from './open-model.js';

/**
 * `hexec doctor`: what on this machine would reach a run. Each check has a status;
 * `machine_dependent` marks findings that make a NON-hermetic run depend on this machine
 * (user config, profile, trust-store project config, user rules, $CODEX_HOME/AGENTS.md,
 * auth.json). A hermetic run ignores all of them; administrator policy (system, managed,
 * requirements, system rules) applies to both and is listed, not counted.
 */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail' | 'skipped';

export interface DoctorCheck {
  /** Stable id: sandbox, config, differences, rules, instructions, codex-home, stdin, auth, provider, extensions, environment. */
  readonly id: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly details: readonly string[];
  /** Something here makes a non-hermetic run depend on this machine. */
  readonly machine_dependent: boolean;
}

export interface DoctorReport {
  readonly doctor_version: 1;
  readonly hexec_version: string;
  readonly checks: readonly DoctorCheck[];
  /** Any check with machine_dependent: `--ci` then exits 1. */
  readonly machine_dependent: boolean;
  /** Any check failed (sandbox unusable, config error, provider unreachable): `--ci` exits 1. */
  readonly failed: boolean;
  readonly fingerprints: { readonly default: string | null; readonly hermetic: string | null };
}

export interface DoctorInput {
  readonly env: HostEnv;
  readonly flags: ConfigFlags;
  readonly offline: boolean;
  readonly stdin: StdinKind;
  readonly connectTimeoutMs?: number;
}

const check = (
  id: string,
  status: CheckStatus,
  summary: string,
  details: readonly string[] = [],
  machineDependent = false,
): DoctorCheck => ({
  id,
  status,
  summary,
  details,
  machine_dependent: machineDependent,
});

function tryResolve(flags: ConfigFlags, env: HostEnv): { cfg: ResolvedConfig } | { error: string } {
  try {
    return { cfg: resolveConfig(flags, env) };
  } catch (e) {
    return { error: e instanceof HexecError ? e.message : String(e) };
  }
}

/** Leaves of a JSON value as `path = json`, for a readable difference list. */
function leaves(v: unknown, path: string, out: Map<string, string>): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) out.set(path, '{}');
    for (const k of keys) leaves((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, out);
    return;
  }
  out.set(path, canonicalJson(v));
}

export function effectiveDifferences(a: ResolvedConfig, b: ResolvedConfig): string[] {
  const la = new Map<string, string>();
  const lb = new Map<string, string>();
  leaves(a.effective, '', la);
  leaves(b.effective, '', lb);
  const keys = [...new Set([...la.keys(), ...lb.keys()])].sort();
  return keys
    .filter((k) => la.get(k) !== lb.get(k) && k !== 'hermetic')
    .map((k) => `${k}: ${la.get(k) ?? '(unset)'} → hermetic ${lb.get(k) ?? '(unset)'}`);
}

const USER_SIDE = new Set(['user', 'profile', 'project']);

function configCheck(def: ResolvedConfig, her: ResolvedConfig): DoctorCheck[] {
  const loaded = (c: ResolvedConfig): string[] =>
    c.layers.filter((l) => l.fate === 'loaded').map((l) => `${l.kind}${l.file !== undefined ? ` ${l.file}` : ''}`);
  const hermeticSet = new Set(loaded(her));
  const onlyDefault = loaded(def).filter((l) => !hermeticSet.has(l));
  // The default view resolves without --trust, so a loaded project layer was trusted by the user's trust store.
  const machine = def.layers.filter((l) => l.fate === 'loaded' && USER_SIDE.has(l.kind));
  const admin = def.layers
    .filter((l) => l.fate === 'loaded' && l.adminPolicy)
    .map((l) => `administrator policy (applies to hermetic runs too): ${l.kind} ${l.file ?? ''}`);
  const details = [
    ...loaded(def).map((l) => `default run loads ${l}`),
    ...onlyDefault.map((l) => `a hermetic run skips ${l}`),
    ...admin,
  ];
  const out = [
    check(
      'config',
      machine.length > 0 ? 'warn' : 'ok',
      machine.length > 0
        ? `${machine.length} user or trust-store config layer(s) would reach a non-hermetic run`
        : 'no user-side config layer on this machine',
      details,
      machine.length > 0,
    ),
  ];
  const diffs = effectiveDifferences(def, her);
  out.push(
    check(
      'differences',
      diffs.length > 0 ? 'info' : 'ok',
      diffs.length > 0
        ? `${diffs.length} resolved key(s) differ between a default and a hermetic run`
        : 'a default and a hermetic run resolve the same keys',
      diffs,
    ),
  );
  return out;
}

function rulesCheck(def: ResolvedConfig, env: HostEnv): DoctorCheck {
  const trusted = def.rulesDirs.filter((d) => d.layer === 'project').map((d) => join(d.dir, '..'));
  const files = ruleFiles({
    systemConfigDir: env.systemConfigDir,
    codexHome: def.codexHome,
    trustedProjectCodexDirs: trusted,
    ignoreRules: def.ignoreRules,
  });
  const system = files.filter((f) => f.startsWith(join(env.systemConfigDir, 'rules')));
  const machine = files.filter((f) => !system.includes(f));
  const details = [
    ...machine.map((f) => `non-hermetic runs load ${f}`),
    ...system.map((f) => `administrator policy (applies to hermetic runs too): ${f}`),
  ];
  return check(
    'rules',
    machine.length > 0 ? 'warn' : 'ok',
    machine.length > 0 ? `${machine.length} user or project rules file(s)` : 'no user or project rules files',
    details,
    machine.length > 0,
  );
}

function instructionsCheck(def: ResolvedConfig): DoctorCheck {
  const user = def.instructions.files.filter((f) => f.kind === 'user');
  const project = def.instructions.files.filter((f) => f.kind === 'project');
  const details = [
    ...user.map((f) => `${f.path} (${f.bytes} bytes) reaches every non-hermetic run; hermetic runs ignore it`),
    ...project.map((f) => `${f.path} (${f.bytes} bytes, repository content) reaches hermetic runs only with --trust`),
  ];
  return check(
    'instructions',
    user.length > 0 ? 'warn' : 'ok',
    user.length > 0 ? '$CODEX_HOME/AGENTS*.md exists' : `no user instruction file; ${project.length} project file(s)`,
    details,
    user.length > 0,
  );
}

function codexHomeCheck(env: HostEnv): DoctorCheck {
  const underTmp = env.codexHome === '/tmp' || env.codexHome.startsWith('/tmp/');
  const exists = existsSync(env.codexHome);
  return check(
    'codex-home',
    underTmp ? 'warn' : 'ok',
    underTmp
      ? `CODEX_HOME ${env.codexHome} is under /tmp (codex refuses its sandbox helper there; keep it elsewhere for parity)`
      : `CODEX_HOME ${env.codexHome}${exists ? '' : ' (does not exist)'}`,
  );
}

function stdinCheck(kind: StdinKind): DoctorCheck {
  const why: Record<StdinKind, string> = {
    tty: 'stdin is a terminal: `hexec exec` without PROMPT stops with a usage error',
    pipe: 'stdin is a pipe: `hexec exec` without PROMPT (non-hermetic) reads the prompt from it and waits for its end',
    file: 'stdin is a file: `hexec exec` without PROMPT (non-hermetic) reads the prompt from it',
    socket:
      'stdin is a socket: `hexec exec` without PROMPT (non-hermetic) reads the prompt from it and waits for its end',
    'null-device': 'stdin is /dev/null (or another device): an empty prompt if read',
    closed: 'stdin is closed',
    other: 'stdin is of an unusual kind',
  };
  return check('stdin', kind === 'pipe' || kind === 'socket' ? 'info' : 'ok', why[kind], [
    'with a PROMPT argument stdin is never read; a hermetic run reads it only when PROMPT is `-`',
  ]);
}

function authCheck(def: ResolvedConfig, her: ResolvedConfig, env: HostEnv): DoctorCheck {
  const describe = (cfg: ResolvedConfig, hermetic: boolean): { text: string; ok: boolean; file: boolean } => {
    try {
      const a = resolveAuth(providerInfoOf(cfg.effective.provider), {
        vars: env.vars,
        codexHome: cfg.codexHome,
        ...(hermetic ? { readAuthJson: () => undefined } : {}),
      });
      if (a.kind === 'none')
        return { text: `provider \`${cfg.effective.provider.id}\` sends no key`, ok: true, file: false };
      const src = a.source.startsWith('env:') ? `environment variable ${a.source.slice(4)}` : a.source;
      return {
        text: `key from ${src}`,
        ok: true,
        file: !a.source.startsWith('env:') && !a.source.startsWith('model_providers.'),
      };
    } catch (e) {
      return { text: e instanceof Error ? e.message : String(e), ok: false, file: false };
    }
  };
  const d = describe(def, false);
  const h = describe(her, true);
  const summary =
    d.text === h.text ? `default and hermetic runs: ${d.text}` : `default run: ${d.text}; hermetic run: ${h.text}`;
  // A missing key is a warning: doctor often runs before secrets are in place.
  return check(
    'auth',
    d.ok && h.ok ? 'ok' : 'warn',
    summary,
    d.file
      ? ['the default run reads the key from a file in $CODEX_HOME; hermetic runs take it from the environment only']
      : [],
    d.file,
  );
}

/** Opens and closes a TCP connection to the provider's host:port; sends nothing. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean, detail: string): void => {
      socket.destroy();
      resolve({ ok, detail });
    };
    socket.setTimeout(timeoutMs, () => done(false, `no connection within ${timeoutMs} ms`));
    socket.once('connect', () => done(true, 'connected'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
  });
}

async function providerCheck(cfg: ResolvedConfig, offline: boolean, timeoutMs: number): Promise<DoctorCheck> {
  const url = cfg.effective.provider.base_url;
  if (offline) return check('provider', 'skipped', `--offline: ${url} not contacted`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return check('provider', 'fail', `base_url ${url} is not a URL`);
  }
  const port = u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const r = await probeTcp(host, port, timeoutMs);
  return check(
    'provider',
    r.ok ? 'ok' : 'fail',
    `${host}:${port} (${cfg.effective.provider.id}) ${r.ok ? 'reachable' : `unreachable: ${r.detail}`}`,
    ['a TCP connection only: no request is sent'],
  );
}

function extensionsCheck(def: ResolvedConfig, env: HostEnv): DoctorCheck {
  const found: string[] = extensionsNotRun(def).map((k) => `config key ${k}`);
  const candidates = [
    join(def.codexHome, 'hooks.json'),
    join(env.systemConfigDir, 'hooks.json'),
    join(def.codexHome, 'skills'),
    join(env.home, '.agents', 'skills'),
    join(env.systemConfigDir, 'skills'),
    join(def.projectRoot, '.agents', 'skills'),
    join(def.projectRoot, '.codex', 'skills'),
    join(def.projectRoot, '.codex', 'hooks.json'),
  ];
  for (const c of candidates) if (existsSync(c)) found.push(c);
  return check(
    'extensions',
    found.length > 0 ? 'info' : 'ok',
    found.length > 0
      ? `${found.length} hook, skill, MCP or notify setting(s): hexec runs none of them (codex would)`
      : 'no hooks, skills, MCP servers or notify configured',
    found,
  );
}

const NOTABLE_VARS = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
  'OPENAI_BASE_URL',
  'BASH_ENV',
  'ENV',
  'NODE_OPTIONS',
  'NODE_USE_ENV_PROXY',
  'TZ',
  'LANG',
  'LC_ALL',
];

function environmentCheck(env: HostEnv): DoctorCheck {
  const set = NOTABLE_VARS.filter((n) => env.vars[n] !== undefined);
  const details = set.map((n) => `${n} is set: non-hermetic commands inherit it; hermetic commands do not`);
  const nodeProxy = env.vars['NODE_USE_ENV_PROXY'] === '1' || /--use-env-proxy/.test(env.vars['NODE_OPTIONS'] ?? '');
  if (nodeProxy)
    details.push(
      "Node is told to route fetch through HTTP(S)_PROXY (NODE_USE_ENV_PROXY / --use-env-proxy): hexec's model connection then goes through the proxy, in hermetic runs too",
    );
  if (env.vars['NODE_OPTIONS'] !== undefined)
    details.push('NODE_OPTIONS changes the Node process hexec runs in, before hexec starts; hexec cannot ignore it');
  if (env.vars['OPENAI_BASE_URL'] !== undefined)
    details.push('OPENAI_BASE_URL is not honoured by hexec (nor by codex 0.169): use openai_base_url or a provider');
  const extraPathDirs = (env.vars['PATH'] ?? '')
    .split(':')
    .filter((d) => d !== '' && !HERMETIC_PATH.split(':').includes(d));
  if (extraPathDirs.length > 0)
    details.push(
      `PATH has ${extraPathDirs.length} non-system director(y/ies): non-hermetic commands search them first; hermetic runs use ${HERMETIC_PATH}`,
    );
  return check(
    'environment',
    nodeProxy || env.vars['NODE_OPTIONS'] !== undefined ? 'warn' : set.length > 0 ? 'info' : 'ok',
    `${Object.keys(env.vars).length} environment variables; non-hermetic commands inherit them (secrets excluded)`,
    details,
  );
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Runs every check; never throws for a finding (a config error is a failed check). */
export async function runDoctor(i: DoctorInput): Promise<DoctorReport> {
  const { env } = i;
  const checks: DoctorCheck[] = [];
  const probeEnv: HostEnv = { ...env, vars: { ...env.vars } };
  const workspace = i.flags.cd !== undefined ? join(env.cwd, i.flags.cd) : env.cwd;
  const pf = await preflight(probeEnv, [isDir(workspace) ? workspace : env.cwd]);
  const pfHermetic = await preflight({ ...env, vars: { ...env.vars, PATH: HERMETIC_PATH } }, [
    isDir(workspace) ? workspace : env.cwd,
  ]);
  const version = pf.ok ? await bwrapVersion(pf.bwrapPath) : '';
  checks.push(
    pf.ok
      ? check(
          'sandbox',
          pfHermetic.ok ? 'ok' : 'warn',
          `bwrap ${version} at ${pf.bwrapPath} works (/proc ${pf.procMode})`,
          pfHermetic.ok ? [] : ['hermetic runs look for bwrap in the system directories only and find none there'],
        )
      : check('sandbox', 'fail', 'the sandbox cannot be built: sandboxed runs exit 5', [pf.diagnosis]),
  );
  // Resolution must not write: --trust is honoured for the hermetic view only (which never writes).
  const def = tryResolve({ ...i.flags, trust: false, hermetic: false }, env);
  const her = tryResolve({ ...i.flags, hermetic: true }, env);
  if ('error' in def || 'error' in her) {
    checks.push(
      check(
        'config',
        'fail',
        'the configuration does not resolve',
        ['error' in def ? `default: ${def.error}` : '', 'error' in her ? `hermetic: ${her.error}` : ''].filter(
          (s) => s !== '',
        ),
      ),
    );
  } else {
    if (def.cfg.hermetic)
      checks.push(
        check(
          'config',
          'info',
          'hermetic mode is on by configuration (administrator or -c): every run here is hermetic',
          [],
          false,
        ),
      );
    checks.push(...configCheck(def.cfg, her.cfg));
    checks.push(rulesCheck(def.cfg, env));
    checks.push(instructionsCheck(def.cfg));
  }
  checks.push(codexHomeCheck(env));
  checks.push(stdinCheck(i.stdin));
  if (!('error' in def) && !('error' in her)) {
    checks.push(authCheck(def.cfg, her.cfg, env));
    checks.push(await providerCheck(def.cfg, i.offline, i.connectTimeoutMs ?? 2000));
    checks.push(extensionsCheck(def.cfg, env));
  }
  checks.push(environmentCheck(env));
  // When every run is hermetic by configuration, nothing user-side reaches a run.
  const allHermetic = !('error' in def) && def.cfg.hermetic;
  const final = allHermetic ? checks.map((c) => ({ ...c, machine_dependent: false })) : checks;
  return {
    doctor_version: 1,
    hexec_version: HEXEC_VERSION,
    checks: final,
    machine_dependent: final.some((c) => c.machine_dependent),
    failed: final.some((c) => c.status === 'fail'),
    fingerprints: {
      default: 'error' in def ? null : fingerprint(def.cfg),
      hermetic: 'error' in her ? null : fingerprint(her.cfg),
    },
  };
}

/** Human rendering: one line per check, details indented. */
export function renderDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    lines.push(
      `[${c.status}]${' '.repeat(Math.max(1, 8 - c.status.length))}${c.id.padEnd(13)}${c.summary}${c.machine_dependent ? '  (machine-dependent)' : ''}`,
    );
    for (const d of c.details) lines.push(`${' '.repeat(23)}${d}`);
  }
  lines.push('');
  lines.push(
    `config fingerprint: default ${r.fingerprints.default ?? '-'}, hermetic ${r.fingerprints.hermetic ?? '-'}`,
  );
  lines.push(
    r.machine_dependent
      ? 'A non-hermetic run here depends on this machine (see machine-dependent above); `hexec exec --hermetic` ignores those inputs.'
      : 'Nothing on this machine beyond administrator policy would reach a non-hermetic run.',
  );
  return `${lines.join('\n')}\n`;
}
