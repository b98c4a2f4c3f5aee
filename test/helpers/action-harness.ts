import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { tempDir } from './temp-dir.js';

export const ACTION_PATH = join(REPO_ROOT, 'dist', 'action.cjs');

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** A scratch "runner": workspace, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
export function makeRunner(): {
  dir: string;
  workspace: string;
  temp: string;
  outputFile: string;
  summaryFile: string;
} {
  const dir = tempDir('hexec-action-');
  chmodSync(dir, 0o755);
  const workspace = join(dir, 'workspace');
  const temp = join(dir, 'runner-temp');
  mkdirSync(workspace);
  mkdirSync(temp);
  chmodSync(temp, 0o1777);
  return { dir, workspace, temp, outputFile: join(dir, 'github-output'), summaryFile: join(dir, 'step-summary.md') };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (m === null) continue;
    const body: string[] = [];
    i += 1;
    while (i < lines.length && lines[i] !== m[2]) body.push(lines[i++] ?? '');
    out[m[1] ?? ''] = body.join('\n');
  }
  return out;
}

/** Runs dist/action.cjs asynchronously (local fake servers in this process must keep serving). */
export function runActionBundle(
  runner: ReturnType<typeof makeRunner>,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: runner.dir,
    GITHUB_WORKSPACE: runner.workspace,
    RUNNER_TEMP: runner.temp,
    GITHUB_OUTPUT: runner.outputFile,
    GITHUB_STEP_SUMMARY: runner.summaryFile,
    GITHUB_ACTOR: 'octo',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '42',
    HEXEC_SYSTEM_CONFIG_DIR: join(runner.dir, 'etc-codex'),
    'INPUT_ALLOW-USERS': 'octo',
    'INPUT_SAFETY-STRATEGY': 'unsafe',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  writeFileSync(runner.outputFile, '');
  writeFileSync(runner.summaryFile, '');
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [ACTION_PATH], {
      cwd: runner.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => {
      resolveRun({
        code,
        stdout,
        stderr,
        outputs: parseOutputs(existsSync(runner.outputFile) ? readFileSync(runner.outputFile, 'utf8') : ''),
        summary: existsSync(runner.summaryFile) ? readFileSync(runner.summaryFile, 'utf8') : '',
      });
    });
  });
}

/** A local HTTP server answering every request with `handler`, recording method, url and headers. */
export async function recordingServer(
  handler: (url: string, body: string) => { status: number; body: string },
): Promise<{ server: Server; url: string; seen: Array<{ method: string; url: string; authorization: string }> }> {
  const seen: Array<{ method: string; url: string; authorization: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers['authorization'] ?? '' });
      const r = handler(req.url ?? '', Buffer.concat(chunks).toString('utf8'));
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/**
 * A stand-in for `hexec exec` (HEXEC_ACTION_CLI): records its argv, env, uid and stdin in
 * dump.json beside itself, calls the model endpoint through the provider base_url it was
 * given, prints a --json event stream and writes the -o file. Exits with the code named
 * in the prompt ("exit N"), else 0.
 */
export const LEAK_MARKER = '_SECRET0123456789';

export function writeFakeCli(dir: string): string {
  const path = join(dir, 'fake-hexec.mjs');
  writeFileSync(
    path,
    `import { writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
// Where could this process read the marker of the test key? Every readable
// /proc/*/environ and /proc/*/cmdline, and every readable file under RUNNER_TEMP.
const leaks = [];
for (const pid of readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  for (const f of ['environ', 'cmdline']) {
    try { if (readFileSync('/proc/' + pid + '/' + f, 'latin1').includes('${LEAK_MARKER}')) leaks.push('/proc/' + pid + '/' + f); } catch {}
  }
}
const walk = (d) => { let names = []; try { names = readdirSync(d); } catch { return; }
  for (const n of names) { const p = d + '/' + n; let st; try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) walk(p); else { try { if (readFileSync(p, 'latin1').includes('${LEAK_MARKER}')) leaks.push(p); } catch {} } } };
if (process.env.RUNNER_TEMP) walk(process.env.RUNNER_TEMP);
const args = process.argv.slice(2);
let stdin = '';
for await (const c of process.stdin) stdin += c;
const cfg = args.filter((_, i) => args[i - 1] === '-c').join('\\n');
const base = /base_url="([^"]+)"/.exec(cfg)?.[1];
let upstream = null;
if (base) {
  const r = await fetch(base + '/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m"}' });
  upstream = { status: r.status, body: await r.text() };
}
writeFileSync(new URL('./dump.json', import.meta.url), JSON.stringify({ args, env: process.env, uid: process.getuid(), stdin, upstream, cwd: process.cwd(), leaks }));
const out = args[args.indexOf('-o') + 1];
writeFileSync(out, 'Fixed the test.\\nAll green.\\n');
console.log(JSON.stringify({ type: 'thread.started', thread_id: 't-1', hexec: { version: '0.1.0', config_fingerprint: 'sha256:feedface', hermetic: args.includes('--hermetic') } }));
console.log(JSON.stringify({ type: 'turn.started' }));
console.log(JSON.stringify({ type: 'turn.completed', usage: { input_tokens: 1200, cached_input_tokens: 200, output_tokens: 300, reasoning_output_tokens: 40, cost_usd: 0.0125 } }));
const m = /exit (\\d+)/.exec(stdin);
process.exit(m ? Number(m[1]) : 0);
`,
  );
  chmodSync(path, 0o755);
  return path;
}
