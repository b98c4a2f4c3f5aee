import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deriveHostEnv, type HostEnv } from '../../src/env/index.js';
import type { ConfigFlags } from '../../src/config/index.js';

/**
 * A throw-away machine for configuration tests: HOME, CODEX_HOME (outside /tmp is not
 * needed here: no sandbox runs), a system config dir and a workspace.
 */
export interface ConfigTree {
  readonly root: string;
  readonly home: string;
  readonly codexHome: string;
  readonly sys: string;
  readonly ws: string;
  write(path: string, text: string | Uint8Array): string;
  env(cwd?: string, extra?: Record<string, string>): HostEnv;
  /** Variables for a spawned CLI (scrubbed: nothing from the developer's environment but PATH). */
  vars(extra?: Record<string, string>): Record<string, string>;
  cleanup(): void;
}

export function makeTree(options: { readonly git?: boolean; readonly prefix?: string } = {}): ConfigTree {
  const root = realpathSync(mkdtempSync(join(tmpdir(), options.prefix ?? 'hexec-config-')));
  const home = join(root, 'home');
  const codexHome = join(home, '.codex');
  const sys = join(root, 'etc-codex');
  const ws = join(root, 'ws');
  for (const d of [home, codexHome, sys, ws]) mkdirSync(d, { recursive: true });
  if (options.git !== false) mkdirSync(join(ws, '.git'));
  const varsFor = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    CODEX_HOME: codexHome,
    HEXEC_SYSTEM_CONFIG_DIR: sys,
    ...extra,
  });
  return {
    root,
    home,
    codexHome,
    sys,
    ws,
    write(path, text) {
      const p = path.startsWith('/') ? path : join(root, path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    env(cwd = ws, extra = {}) {
      return deriveHostEnv({
        vars: varsFor(extra),
        cwd,
        home,
        tmpdir: join(root, 'tmp'),
        uid: 1000,
        gid: 1000,
        username: 'tester',
        timeZone: 'UTC',
        platform: 'linux',
        arch: 'x64',
        stdinIsTTY: false,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        nodeVersion: process.versions.node,
        execPath: process.execPath,
      });
    },
    vars: varsFor,
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function flags(partial: Partial<ConfigFlags> = {}): ConfigFlags {
  return { config: [], enable: [], disable: [], addDir: [], ...partial };
}
