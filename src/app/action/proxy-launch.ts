import { existsSync, readFileSync } from 'node:fs';
import { HexecError } from '../../errors/index.js';
import { startBackground, type BackgroundProcess } from '../../exec/index.js';

export interface ProxyLaunch {
  readonly nodePath: string;
  readonly cliPath: string;
  readonly serverInfoFile: string;
  readonly key: string;
  readonly upstream?: string;
  /** Start it through `sudo -n` (as root), so the agent's user cannot inspect it. */
  readonly viaSudo: boolean;
  readonly cwd: string;
  readonly path: string;
  readonly log: (line: string) => void;
}

export interface RunningProxy {
  readonly port: number;
  stop(): Promise<void>;
}

const WAIT_MS = 15_000;
const POLL_MS = 25;

function readPort(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown };
    return typeof info.port === 'number' ? info.port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `hexec proxy` with the key on its stdin (never in its arguments or environment)
 * and waits for its server-info file. Stopping is `GET /shutdown`, which also works when it
 * runs as root and the action no longer has sudo.
 */
export async function launchProxy(opts: ProxyLaunch): Promise<RunningProxy> {
  const proxyArgs = [opts.cliPath, 'proxy', '--http-shutdown', '--server-info', opts.serverInfoFile];
  if (opts.upstream !== undefined) proxyArgs.push('--upstream', opts.upstream);
  const env = { PATH: opts.path };
  const stderr: string[] = [];
  const child: BackgroundProcess = startBackground({
    program: opts.viaSudo ? 'sudo' : opts.nodePath,
    args: opts.viaSudo ? ['-n', '--', opts.nodePath, ...proxyArgs] : proxyArgs,
    cwd: opts.cwd,
    env,
    stdin: `${opts.key}\n`,
    onStderr: (line) => {
      stderr.push(line);
      opts.log(line);
    },
  });
  let exitCode: number | null | undefined;
  void child.exited.then((c) => {
    exitCode = c;
  });
  const deadline = Date.now() + WAIT_MS;
  let port = readPort(opts.serverInfoFile);
  while (port === undefined) {
    if (exitCode !== undefined) {
      throw new HexecError(
        exitCode === 7 ? 'auth' : 'run',
        `the key proxy exited (${String(exitCode)}) before listening: ${stderr.join(' / ') || child.spawnError() || 'no output'}`,
      );
    }
    if (Date.now() > deadline) {
      child.stop();
      throw new HexecError('run', `the key proxy did not write ${opts.serverInfoFile} within ${WAIT_MS / 1000}s`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    port = readPort(opts.serverInfoFile);
  }
  const listening = port;
  return {
    port: listening,
    stop: async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${listening}/shutdown`, { signal: AbortSignal.timeout(5000) });
        await r.body?.cancel();
      } catch {
        child.stop();
      }
      await Promise.race([child.exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
