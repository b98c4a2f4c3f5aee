import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * The container image, built and run as CI does it: scripts/test-image.sh (mmdebstrap base,
 * buildah bud, `hexec --version` and the offline demo inside the image). It needs root and a
 * Debian/Ubuntu machine (the script installs buildah and mmdebstrap with apt-get when they
 * are missing); anywhere else the test is skipped and says why.
 */
const IMAGE_TIMEOUT_MS = 270_000;

function onPath(name: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function whyNot(): string | false {
  if (process.platform !== 'linux')
    return `not Linux (${process.platform}): the image test needs buildah with chroot isolation`;
  if (process.getuid?.() !== 0)
    return 'not root: buildah with chroot isolation and mmdebstrap need root (as root: npm run test:image)';
  const tools = onPath('buildah') && onPath('mmdebstrap') && onPath('flock');
  if (!tools && !(existsSync('/etc/debian_version') && onPath('apt-get'))) {
    return 'buildah/mmdebstrap are missing and this is not a Debian/Ubuntu machine with apt-get to install them';
  }
  return false;
}

test(
  'the container image builds, and hexec --version and the offline demo run inside it',
  { skip: whyNot(), timeout: IMAGE_TIMEOUT_MS },
  async (t) => {
    // The suite has just built dist/; rebuilding now would rewrite build/ under the running tests.
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/KEY|TOKEN|SECRET/i.test(k)) env[k] = v;
    }
    env['HEXEC_IMAGE_SKIP_BUILD'] = '1';
    const child = spawn('bash', [join(REPO_ROOT, 'scripts', 'test-image.sh')], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (c) => resolveExit(c)));
    const timings = out.slice(out.lastIndexOf('== timings'));
    for (const line of timings.split('\n').slice(1)) if (line.trim() !== '') t.diagnostic(line.trim());
    assert.equal(code, 0, `scripts/test-image.sh failed (exit ${String(code)}):\n${out.slice(-6000)}`);
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(
      out,
      new RegExp(`^ {3}hexec ${version.replace(/\./g, '\\.')}$`, 'm'),
      'hexec --version printed the package version in the image',
    );
    // The demo's first line says where it ran: the image's user, node and hexec.
    assert.match(out, /^ {3}\| in image: user=hexec node=v24\.\d+\.\d+ hexec=\/opt\/hexec\/dist\/cli\.mjs$/m);
    assert.match(
      out,
      /^ {3}\| == hexec exec --hermetic --replay demo\.cassette\.jsonl --replay-mode order -s danger-full-access$/m,
    );
    assert.match(out, /^ {3}\| demo: the failing tests pass after the replayed run$/m);
    assert.match(out, /^test-image: ok /m);
  },
);
