import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths.js';
import { tempDir } from './temp-dir.js';

type WorkflowParser = typeof import('@actions/workflow-parser');

let loaded: Promise<WorkflowParser> | undefined;

/**
 * GitHub's `@actions/workflow-parser`, bundled once per test process with esbuild: the
 * package imports its JSON schema files without import attributes (it is written for
 * bundlers), which Node's own ESM loader refuses.
 */
export function loadWorkflowParser(): Promise<WorkflowParser> {
  loaded ??= (async () => {
    const out = join(tempDir('hexec-workflow-parser-'), 'workflow-parser.mjs');
    await build({
      stdin: { contents: "export * from '@actions/workflow-parser';", resolveDir: REPO_ROOT, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'error',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    return (await import(pathToFileURL(out).href)) as WorkflowParser;
  })();
  return loaded;
}
