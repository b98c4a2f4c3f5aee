import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI_PATH } from './paths.js';

/** A throw-away machine for one test: HOME, CODEX_HOME, a system dir and a git repo. */
export interface Sandbox {
  readonly root: string;
  readonly home: string;
  readonly codexHome: string;
  readonly systemDir: string;
  readonly workspace: string;
  write(rel: string, text: string): string;
  cleanup(): void;
}

export function makeSandbox(opts: { git?: boolean; files?: Record<string, string> } = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'hexec-test-'));
  const home = join(root, 'home');
  const codexHome = join(home, '.codex');
  const systemDir = join(root, 'etc-codex');
  const workspace = join(root, 'ws');
  for (const d of [home, codexHome, systemDir, workspace]) mkdirSync(d, { recursive: true });
  if (opts.git !== false) {
    spawnSync('git', ['init', '-q', '-b', 'main', workspace], { stdio: 'ignore' });
  }
  const write = (rel: string, text: string): string => {
    const p = rel.startsWith('/') ? rel : join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  for (const [rel, text] of Object.entries(opts.files ?? {})) write(rel, text);
  return {
    root,
    home,
    codexHome,
    systemDir,
    workspace,
    write,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The environment a spawned CLI sees: nothing from the developer's machine. */
export function cleanEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: sb.home,
    CODEX_HOME: sb.codexHome,
    HEXEC_SYSTEM_CONFIG_DIR: sb.systemDir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    ...extra,
  };
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI to completion asynchronously, so a fake model server in this process keeps serving (the sync runCli of run-cli.ts would block it).
 * `via`: a program (and its arguments) that execs the CLI's command line appended to it, e.g. a shell that opens a descriptor first as a CI runner might.
 */
export function runCliAsync(
  args: readonly string[],
  opts: { cwd: string; env: Record<string, string>; stdin?: string; timeoutMs?: number; via?: readonly string[] },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [program, ...pre] = opts.via ?? [process.execPath];
    const cli = opts.via === undefined ? [CLI_PATH] : [process.execPath, CLI_PATH];
    const child = spawn(program as string, [...pre, ...cli, ...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();
  });
}

export function parseJsonl(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
