import { after, before } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PATH } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-dir.js';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.mjs ARGS` with exactly `env` (nothing inherited). */
export function runCli(args: readonly string[], env: Record<string, string>, cwd = '/'): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args],
      { env, cwd, timeout: 30_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

export interface Workspace {
  readonly root: string;
  readonly ws: string;
  readonly outside: string;
  readonly addDir: string;
  readonly env: Record<string, string>;
}

/** A temp tree: ws (with .git, .codex, .agents), outside, add-dir; a scrubbed CLI env. */
export function makeWorkspace(extraEnv: Record<string, string> = {}): Workspace {
  const root = tempDir('hexec-sbx-');
  const ws = join(root, 'ws');
  for (const d of ['ws/.git/hooks', 'ws/.codex', 'ws/.agents', 'outside', 'add', 'home', 'codex-home', 'sys'])
    mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(ws, '.git/config'), '[core]\n\tbare = false\n');
  writeFileSync(join(ws, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(ws, '.codex/config.toml'), 'model = "m"\n');
  writeFileSync(join(root, 'outside/victim.txt'), 'original\n');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    CODEX_HOME: join(root, 'codex-home'),
    HEXEC_SYSTEM_CONFIG_DIR: join(root, 'sys'),
    LANG: 'C.UTF-8',
    ...extraEnv,
  };
  return { root, ws, outside: join(root, 'outside'), addDir: join(root, 'add'), env };
}

/** Runs `items` through `fn`, `size` at a time. */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** A TCP listener on 127.0.0.1 that counts accepted connections (network probes). */
export interface CountingListener {
  readonly port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function startCountingListener(greeting = ''): Promise<CountingListener> {
  const { createServer } = await import('node:net');
  let count = 0;
  const server = createServer((s) => {
    count += 1;
    s.on('error', () => undefined);
    s.end(greeting);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A counting listener for the whole test file: started before the tests, closed after.
 * `port()` and `connections()` are read inside the tests.
 */
export function useCountingListener(greeting = ''): { port(): number; connections(): number } {
  let listener: CountingListener | undefined;
  before(async () => {
    listener = await startCountingListener(greeting);
  });
  after(() => listener?.close());
  const live = (): CountingListener => {
    if (listener === undefined) throw new Error('the listener starts in before()');
    return listener;
  };
  return { port: () => live().port, connections: () => live().connections() };
}

/**
 * Host-side unix listeners the sandbox must not reach: a socket file in `dir` (where a
 * docker.sock or an ssh-agent socket would be) and an abstract name. Counts connections.
 */
export interface UnixTraps {
  readonly path: string;
  readonly abstractName: string;
  connections(): number;
  close(): Promise<void>;
}

let trapCount = 0;

export async function startUnixTraps(dir: string): Promise<UnixTraps> {
  const { createServer } = await import('node:net');
  let count = 0;
  trapCount += 1;
  const path = join(dir, 'host.sock');
  const abstractName = `hexec-trap-${process.pid}-${trapCount}`;
  const servers = [path, `\0${abstractName}`].map((where) => {
    const server = createServer((s) => {
      count += 1;
      // Read to the client's end, so the connection closes and close() can finish.
      s.on('error', () => undefined);
      s.resume();
      s.end();
    });
    return new Promise<typeof server>((r) => server.listen(where, () => r(server)));
  });
  const live = await Promise.all(servers);
  return {
    path,
    abstractName,
    connections: () => count,
    close: async () => {
      await Promise.all(live.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
