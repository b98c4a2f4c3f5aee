import { resolve } from 'node:path';
import { DEFAULT_UPSTREAM, parseProxyKey, startKeyProxy } from '../../app/key-proxy.js';
import { EXIT, HexecError } from '../../errors/index.js';
import type { CommandHandler } from '../io.js';

export const PROXY_USAGE = 'hexec proxy [--port N] [--upstream URL] [--server-info FILE] [--http-shutdown] < KEYFILE';

export function proxyHelp(): string {
  return `Hold the model API key in a loopback proxy, so the agent never sees it.

Usage: ${PROXY_USAGE}

Reads the API key from stdin (never from arguments or the environment), listens on
127.0.0.1, and forwards only POST /v1/responses and POST /v1/chat/completions to the
upstream with \`Authorization: Bearer <key>\`; everything else gets 403. Point hexec at it
with a keyless provider:
  -c model_provider=hexec-proxy \\
  -c 'model_providers.hexec-proxy={name="hexec-proxy", base_url="http://127.0.0.1:PORT/v1", wire_api="responses"}'

Options:
  --port N              Port to listen on (default 0: a free one)
  --upstream URL        Upstream base (default ${DEFAULT_UPSTREAM}) or one full endpoint
                        (e.g. https://x.openai.azure.com/openai/v1/responses); alias --upstream-url
  --server-info FILE    Write {"port":N,"pid":P} to FILE (atomically) once listening
  --http-shutdown       Stop on GET /shutdown
  -h, --help            Print help
`;
}

function value(argv: readonly string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined) throw new HexecError('usage', `a value is required for '${flag}'\n\nUsage: ${PROXY_USAGE}`);
  return v;
}

export const proxyCommand: CommandHandler = async (argv, io) => {
  let port = 0;
  let upstream = DEFAULT_UPSTREAM;
  let serverInfo: string | undefined;
  let httpShutdown = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    switch (arg) {
      case '-h':
      case '--help':
        io.stdout.write(proxyHelp());
        return EXIT.ok;
      case '--port': {
        const raw = value(argv, i++, arg);
        port = Number(raw);
        if (!/^\d+$/.test(raw) || port > 65535)
          throw new HexecError('usage', 'invalid port', {
            source: { flag: '--port' },
            expected: 'an integer 0-65535',
            found: raw,
          });
        break;
      }
      case '--upstream':
      case '--upstream-url':
        upstream = value(argv, i++, arg);
        break;
      case '--server-info':
        serverInfo = resolve(io.env.cwd, value(argv, i++, arg));
        break;
      case '--http-shutdown':
        httpShutdown = true;
        break;
      default:
        throw new HexecError(
          'usage',
          `unexpected argument '${arg}' found${/key/i.test(arg) ? ' (the key is read from stdin only)' : ''}\n\nUsage: ${PROXY_USAGE}`,
        );
    }
  }
  if (io.env.stdinIsTTY) {
    throw new HexecError('usage', 'the API key must be piped on stdin', {
      hint: 'printenv OPENAI_API_KEY | hexec proxy ...',
    });
  }
  const key = parseProxyKey(await io.readStdin());
  const proxy = await startKeyProxy({
    key,
    upstream,
    port,
    httpShutdown,
    pid: process.pid,
    ...(serverInfo !== undefined ? { serverInfoFile: serverInfo } : {}),
    log: (line) => io.stderr.write(`hexec proxy: ${line}\n`),
  });
  io.stderr.write(`hexec proxy: listening on http://127.0.0.1:${proxy.port}/v1\n`);
  const onAbort = (): void => void proxy.close();
  io.signal.addEventListener('abort', onAbort, { once: true });
  await proxy.closed;
  io.signal.removeEventListener('abort', onAbort);
  return EXIT.ok;
};
