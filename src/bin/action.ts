import { join } from 'node:path';
import { runAction } from '../app/action/index.js';
import { captureHostEnv } from '../env/index.js';

/**
 * Entry of the GitHub Action (bundled as dist/action.cjs, run by `runs.using: node24`).
 * The hexec CLI it drives is dist/cli.mjs beside this bundle.
 *
 * `run()` is exported for tools that load an action's module and call it, such as
 * GitHub's `@github/local-action`: it sets `process.exitCode` and leaves the process to
 * its caller. The bundle starts itself only when Node runs it as the main module.
 */
export async function run(): Promise<number> {
  let code: number;
  try {
    code = await runAction({
      env: captureHostEnv(),
      log: (line) => void process.stdout.write(`${line}\n`),
      cliPath: join(__dirname, 'cli.mjs'),
      nodePath: process.execPath,
    });
  } catch (e: unknown) {
    process.stdout.write(`::error::internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    code = 1;
  }
  process.exitCode = code;
  return code;
}

if (require.main === module) {
  void run().then((code) => process.stdout.write('', () => process.exit(code)));
}
