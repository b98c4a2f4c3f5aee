import { join } from 'node:path';
import { runAction } from '../app/action/index.js';
import { captureHostEnv } from '../env/index.js';

/**
 * Entry of the GitHub Action (bundled as dist/action.cjs, run by `runs.using: node24`).
 * The hexec CLI it drives is dist/cli.mjs beside this bundle.
 */
const env = captureHostEnv();
runAction({
  env,
  log: (line) => void process.stdout.write(`${line}\n`),
  cliPath: join(__dirname, 'cli.mjs'),
  nodePath: process.execPath,
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: unknown) => {
    process.stdout.write(`::error::internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`, () =>
      process.exit(1),
    );
  },
);
