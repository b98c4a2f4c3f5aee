#!/usr/bin/env node
import { HEXEC_VERSION } from '../util/version.js';

/**
 * Entry point: the only place that exits the process. Fast path for --version, then
 * everything else is loaded on demand.
 */
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`hexec ${HEXEC_VERSION}\n`);
  process.exit(0);
}

const [{ main }, { captureHostEnv }, { exitCodeFor, formatError, isHexecError, EXIT }] = await Promise.all([
  import('../cli/main.js'),
  import('../env/index.js'),
  import('../errors/index.js'),
]);

const controller = new AbortController();
let signalled = 0;
const onSignal = (sig: 'SIGINT' | 'SIGTERM'): void => {
  signalled += 1;
  if (signalled > 1) process.exit(sig === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
  controller.abort(sig);
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.runFailed);
});

function finish(code: number): void {
  // Exit only once stdout and stderr have been handed to the OS.
  process.stdout.write('', () => {
    process.stderr.write('', () => process.exit(code));
  });
}

const readStdin = async (): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

try {
  const code = await main(argv, {
    stdout: { write: (t: string) => void process.stdout.write(t) },
    stderr: { write: (t: string) => void process.stderr.write(t) },
    readStdin,
    env: captureHostEnv(),
    signal: controller.signal,
    ...(process.argv[1] !== undefined ? { cliPath: process.argv[1] } : {}),
  });
  finish(code);
} catch (e) {
  const text = formatError(e);
  process.stderr.write(isHexecError(e) && e.kind === 'usage' ? `error: ${text}\n` : `Error: ${text}\n`);
  finish(exitCodeFor(e));
}
