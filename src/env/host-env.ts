import { readFileSync, readlinkSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The only place hexec reads its host: environment variables, home, temp dir, cwd,
 * identity and terminals. Everything else receives a HostEnv value, so what a run
 * depends on is visible in its parameters and can be replaced (hermetic runs, tests).
 */
export interface HostEnv {
  /** A frozen copy of the process environment at start-up. */
  readonly vars: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly home: string;
  readonly tmpdir: string;
  readonly uid: number;
  readonly gid: number;
  readonly username: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Directory holding system and managed layers: /etc/codex, or $HEXEC_SYSTEM_CONFIG_DIR. */
  readonly systemConfigDir: string;
  /** $CODEX_HOME, else ~/.codex. */
  readonly codexHome: string;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly nodeVersion: string;
  readonly execPath: string;
  /** IANA time zone of the host (from TZ or the system), e.g. "Etc/UTC". */
  readonly timeZone: string;
}

/** Documented override of /etc/codex, for tests and unusual installs. */
export const SYSTEM_CONFIG_DIR_VAR = 'HEXEC_SYSTEM_CONFIG_DIR';
export const DEFAULT_SYSTEM_CONFIG_DIR = '/etc/codex';

export function captureHostEnv(): HostEnv {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) vars[k] = v;
  const cwd = process.cwd();
  let username = vars['USER'] ?? '';
  try {
    username = userInfo().username;
  } catch {
    // no passwd entry (containers with arbitrary uids): keep $USER
  }
  const home = vars['HOME'] !== undefined && vars['HOME'] !== '' ? vars['HOME'] : homedir();
  return deriveHostEnv({
    vars,
    cwd,
    home,
    tmpdir: tmpdir(),
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    username,
    platform: process.platform,
    arch: process.arch,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    nodeVersion: process.versions.node,
    execPath: process.execPath,
    timeZone: hostTimeZone(vars['TZ']),
  });
}

/**
 * The host's IANA zone. With TZ set, ICU decides (as before). Without it, the zone is
 * read the way codex does (the /etc/localtime link, then /etc/timezone), which also
 * spares the ~10 ms ICU start-up on every run; ICU is the last resort.
 */
function hostTimeZone(tz: string | undefined): string {
  if (tz === undefined || tz === '') {
    const fromFiles = timeZoneFromFiles(SYSTEM_TIME_ZONE_FILES);
    if (fromFiles !== undefined) return fromFiles;
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export interface TimeZoneFiles {
  readonly localtime: string;
  readonly timezone: string;
}

const SYSTEM_TIME_ZONE_FILES: TimeZoneFiles = { localtime: '/etc/localtime', timezone: '/etc/timezone' };
const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** The zone named by the /etc/localtime link (".../zoneinfo/Area/City") or /etc/timezone; undefined when neither names one. */
export function timeZoneFromFiles(files: TimeZoneFiles): string | undefined {
  try {
    const target = readlinkSync(files.localtime);
    const at = target.lastIndexOf('zoneinfo/');
    const name = at < 0 ? '' : target.slice(at + 'zoneinfo/'.length).replace(/^(?:posix|right)\//, '');
    if (ZONE_NAME_RE.test(name)) return name;
  } catch {
    // not a link (a copied zone file) or absent
  }
  try {
    const name = readFileSync(files.timezone, 'utf8').trim();
    if (ZONE_NAME_RE.test(name)) return name;
  } catch {
    // absent
  }
  return undefined;
}

export type HostEnvBase = Omit<HostEnv, 'systemConfigDir' | 'codexHome' | 'timeZone'> & { readonly timeZone?: string };

/** Fills in the derived paths; tests build a HostEnv from literal values with this. */
export function deriveHostEnv(base: HostEnvBase): HostEnv {
  const sys = base.vars[SYSTEM_CONFIG_DIR_VAR];
  const systemConfigDir = sys !== undefined && sys !== '' ? resolve(base.cwd, sys) : DEFAULT_SYSTEM_CONFIG_DIR;
  const ch = base.vars['CODEX_HOME'];
  const codexHome =
    ch !== undefined && ch !== '' ? (isAbsolute(ch) ? ch : resolve(base.cwd, ch)) : join(base.home, '.codex');
  return Object.freeze({
    ...base,
    timeZone: base.timeZone ?? 'UTC',
    vars: Object.freeze({ ...base.vars }),
    systemConfigDir,
    codexHome,
  });
}

export function envVar(env: HostEnv, name: string): string | undefined {
  const v = env.vars[name];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Documented override of the retry backoff base (codex: 200 ms), for test suites that
 * exercise retries without waiting: `HEXEC_RETRY_BACKOFF_BASE_MS=1`. Only timing
 * changes (never the number of attempts), so it is not part of the configuration.
 */
export const RETRY_BACKOFF_BASE_VAR = 'HEXEC_RETRY_BACKOFF_BASE_MS';

export function retryBackoffBaseMs(env: HostEnv): number | undefined {
  const v = envVar(env, RETRY_BACKOFF_BASE_VAR);
  if (v === undefined || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Number(v.trim());
}
