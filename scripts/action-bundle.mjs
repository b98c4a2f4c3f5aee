// esbuild options of the GitHub Action bundle (dist/action.cjs, committed). Shared by
// scripts/build.mjs and the test that checks the committed bundle is fresh.
import { join } from 'node:path';

export function actionBuildOptions(root, version) {
  return {
    entryPoints: [join(root, 'src/bin/action.ts')],
    outfile: join(root, 'dist/action.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    define: { __HEXEC_VERSION__: JSON.stringify(version) },
    legalComments: 'none',
    logLevel: 'warning',
    // Paths in the bundle's comments are relative to this directory, so the bytes do not
    // depend on where the repository is checked out.
    absWorkingDir: root,
  };
}
