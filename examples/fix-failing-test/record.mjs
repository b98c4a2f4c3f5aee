// Re-records demo.cassette.jsonl: runs hexec against the scripted fake model server (the
// same replies a model gave when fixing the bug) with --record. Run it after changing
// anything that changes the requests (base instructions, tool declarations):
//   node scripts/build.mjs && node examples/fix-failing-test/record.mjs
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { startFakeModelServer, reply } = await import(join(root, 'build/test/helpers/fake-model-server.js'));

const patch = `*** Begin Patch
*** Update File: src/slugify.js
@@ export function slugify(title) {
   return title
     .toLowerCase()
-    .replace(/[^a-z0-9]+/g, '-');
+    .replace(/[^a-z0-9]+/g, '-')
+    .replace(/^-+|-+$/g, '');
 }
*** End Patch
`;
const server = await startFakeModelServer({
  replies: [
    reply.execCommand('node test/run.js', { yield_time_ms: 10000 }),
    reply.execCommand('cat src/slugify.js'),
    reply.applyPatch(patch),
    reply.execCommand('node test/run.js'),
    reply.text('Fixed `slugify` in src/slugify.js: runs of non-alphanumerics still become one dash, and leading/trailing dashes are now trimmed. `node test/run.js` passes all 4 cases; the tests were not changed.'),
  ],
});
const scratch = mkdtempSync(join(tmpdir(), 'hexec-record-'));
const home = join(scratch, 'home');
mkdirSync(home);
cpSync(join(here, 'project'), join(scratch, 'project'), { recursive: true });
const git = (...a) => spawnSync('git', a, { cwd: join(scratch, 'project'), stdio: 'inherit' });
git('init', '-q', '-b', 'main', '.');
git('add', '-A');
git('-c', 'user.name=demo', '-c', 'user.email=demo@example.invalid', 'commit', '-q', '-m', 'demo project');
const out = join(here, 'demo.cassette.jsonl');
// Async spawn: the fake server lives in this process and must keep answering.
const child = spawn(process.execPath, [join(root, 'dist/cli.mjs'), 'exec', '--hermetic', '--record', out, '-s', 'workspace-write', '-m', 'gpt-5.5',
  '-c', 'model_provider=demo', '-c', `model_providers.demo={name="demo", base_url="${server.baseUrl}", wire_api="responses", env_key="DEMO_KEY"}`,
  'The tests in this repository fail (run: node test/run.js). Fix the code, not the tests.'], {
  cwd: join(scratch, 'project'),
  env: { PATH: process.env.PATH, HOME: home, DEMO_KEY: 'sk-demo-not-a-real-key-000000', HEXEC_SYSTEM_CONFIG_DIR: join(scratch, 'etc') },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const r = await new Promise((resolve) => child.on('close', (status) => resolve({ status })));
await server.close();
rmSync(scratch, { recursive: true, force: true });
if (r.status !== 0) {
  console.error(`record: hexec exited ${r.status}`);
  process.exit(1);
}
console.error(`record: wrote ${out} (${server.requests.length} model requests)`);
