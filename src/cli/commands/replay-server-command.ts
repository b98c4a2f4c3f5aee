import { isAbsolute, resolve } from 'node:path';
import { startReplayServer } from '../../app/replay-server.js';
import { HexecError } from '../../errors/index.js';
import { collectSecrets, loadCassette } from '../../provider/index.js';
import type { CommandHandler } from '../io.js';

const USAGE = 'hexec replay-server FILE [--port N] [--host 127.0.0.1] [--strict] [-C DIR]';

const HELP: string = `Serve a cassette (--record FILE) as an OpenAI-compatible endpoint: POST /v1/responses
(Responses SSE) and POST /v1/chat/completions (Chat Completions SSE), replies in recorded order.
Prints {"port":N} on stdout once listening; stops on SIGTERM or SIGINT.

Usage: ${USAGE}

Options:
      --port N      Port to listen on (default 0: any free port)
      --host HOST   Address to bind (default 127.0.0.1)
      --strict      Each request must match its recorded request after normalisation (else HTTP 400 with a diff)
  -C, --cd DIR      The client's working directory, for path normalisation in --strict (default: current directory)
  -h, --help        Print help
`;

function value(argv: readonly string[], i: number, name: string): string {
  const v = argv[i];
  if (v === undefined) throw new HexecError('usage', `a value is required for '${name}'\n\nUsage: ${USAGE}`);
  return v;
}

export const replayServerCommand: CommandHandler = async (argv, io) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(HELP);
    return 0;
  }
  let file: string | undefined;
  let port = 0;
  let host = '127.0.0.1';
  let strict = false;
  let cwd = io.env.cwd;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = (): string => inline ?? value(argv, (i += 1), flag);
    if (flag === '--port') {
      const v = take();
      port = Number(v);
      if (!/^\d+$/.test(v) || port > 65535)
        throw new HexecError('usage', 'invalid value', {
          source: { flag: '--port' },
          expected: 'a port number 0-65535',
          found: JSON.stringify(v),
        });
    } else if (flag === '--host') host = take();
    else if (flag === '--strict') strict = true;
    else if (flag === '-C' || flag === '--cd') cwd = resolve(io.env.cwd, take());
    else if (a.startsWith('-') && a !== '-')
      throw new HexecError('usage', `unexpected argument '${a}' found\n\nUsage: ${USAGE}`);
    else if (file === undefined) file = a;
    else throw new HexecError('usage', `unexpected argument '${a}' found\n\nUsage: ${USAGE}`);
  }
  if (file === undefined)
    throw new HexecError('usage', `the following required arguments were not provided:\n  <FILE>\n\nUsage: ${USAGE}`);
  const cassette = loadCassette(isAbsolute(file) ? file : resolve(io.env.cwd, file));
  const server = await startReplayServer({
    cassette,
    host,
    port,
    strict,
    pathAliases: { [cwd]: '$WORKSPACE', [io.env.codexHome]: '$CODEX_HOME', [io.env.home]: '$HOME' },
    secrets: collectSecrets(io.env.vars),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  await new Promise<void>((done) => {
    if (io.signal.aborted) done();
    else io.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  return 0;
};

export function replayServerHelp(): string {
  return HELP;
}
