import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Tests run from build/test/..., so the repository is three levels up from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = join(REPO_ROOT, 'dist', 'cli.mjs');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
