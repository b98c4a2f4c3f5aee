// The codex baseline: @openai/codex installed with npm into the bench cache (as a user of the
// npm package gets it), run two ways: through its Node launcher (bin/codex.js) and as the
// native binary the launcher execs (as the container image and codex-action's cached binary run it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODEX_VERSION = '0.169.0';

// The platform packages of @openai/codex and the Rust target each one vendors (as bin/codex.js maps them).
const TRIPLES = {
  'linux-x64': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
};

const platformTag = () => `${process.platform}-${process.arch}`;

/** The native binary the launcher would exec, or null on a platform without one. */
export function nativeBinaryPath(prefix) {
  const triple = TRIPLES[platformTag()];
  if (!triple) return null;
  const p = join(prefix, 'node_modules', `@openai/codex-${platformTag()}`, 'vendor', triple, 'bin', 'codex');
  return existsSync(p) ? p : null;
}

function npmRegistry() {
  const r = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', timeout: 20_000 });
  const url = r.status === 0 ? r.stdout.trim() : '';
  return url === '' ? 'https://registry.npmjs.org/' : url.endsWith('/') ? url : `${url}/`;
}

/** Download size of a tarball from a HEAD request, or null when the registry does not say. */
async function tarballBytes(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    const len = Number(res.headers.get('content-length'));
    return res.ok && Number.isFinite(len) && len > 0 ? len : null;
  } catch {
    return null;
  }
}

const size = (bytes) =>
  bytes === null ? 'size unknown' : bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(0)} MB`;
// Measured once for the pinned version, so the notice can say what the download becomes on disk.
const UNPACKED = { 'linux-x64': '404 MiB' };

/** Tells the user what is about to be downloaded, from where, how big, and where it will stay. */
export async function announceDownload(prefix, log) {
  const registry = npmRegistry();
  const tag = platformTag();
  const launcherUrl = `${registry}@openai/codex/-/codex-${CODEX_VERSION}.tgz`;
  const platformUrl = `${registry}@openai/codex/-/codex-${CODEX_VERSION}-${tag}.tgz`;
  const [launcherBytes, platformBytes] = await Promise.all([tarballBytes(launcherUrl), tarballBytes(platformUrl)]);
  const total = launcherBytes !== null && platformBytes !== null ? launcherBytes + platformBytes : null;
  log(
    [
      `the codex baseline is not cached yet: downloading with npm`,
      `  what:  @openai/codex@${CODEX_VERSION} (Node launcher, ${size(launcherBytes)}) and its platform package`,
      `         @openai/codex@${CODEX_VERSION}-${tag} (native binary, ${size(platformBytes)})`,
      `  from:  ${registry} (npm's configured registry)`,
      `  size:  ${size(total)} to download${UNPACKED[tag] ? `, ${UNPACKED[tag]} unpacked` : ''}`,
      `  cache: ${prefix} (kept for later runs; set HEXEC_BENCH_CACHE to move it, delete it to reclaim the space;`,
      `         --no-codex skips the baseline, --no-install refuses to download)`,
    ].join('\n[bench] '),
  );
}

function installedVersion(prefix) {
  try {
    return JSON.parse(readFileSync(join(prefix, 'node_modules/@openai/codex/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Installs @openai/codex into <cache>/codex unless it is already there.
 * Resolves { prefix, launcher, native } (native: the binary's path, or null where there is none).
 */
export async function ensureCodex(cache, mayInstall, log) {
  const prefix = join(cache, 'codex');
  const launcher = join(prefix, 'node_modules/@openai/codex/bin/codex.js');
  if (installedVersion(prefix) !== CODEX_VERSION) {
    if (!mayInstall)
      throw new Error(`@openai/codex@${CODEX_VERSION} is not installed in ${prefix} and --no-install was given`);
    await announceDownload(prefix, log);
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', `@openai/codex@${CODEX_VERSION}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0 || installedVersion(prefix) !== CODEX_VERSION)
      throw new Error(`npm install of @openai/codex@${CODEX_VERSION} failed`);
  }
  const native = nativeBinaryPath(prefix);
  if (native === null) log(`no native codex binary for ${platformTag()} in ${prefix}: the native column stays empty`);
  return { prefix, launcher, native };
}
