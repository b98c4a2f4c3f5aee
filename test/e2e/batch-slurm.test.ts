import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFakeModelServer } from '../helpers/fake-model-server.js';
import { CLI_PATH } from '../helpers/paths.js';
import { slurmSkipReason, startSlurmCluster } from '../helpers/slurm-cluster.js';
import { tempDir } from '../helpers/temp-dir.js';
import { cleanEnv, runCliAsync } from '../helpers/workspace.js';
import { spawn } from 'node:child_process';
import { EXPECTED, batchRoutes, comparableReport, makeBatchFixture } from './batch-fixture.js';
import { MOCK_KEY } from './exec-helpers.js';

/** Runs a program to its end; resolves with its exit code and output. */
function run(
  program: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr.on('data', (b: Buffer) => (out += b.toString()));
    c.once('error', reject);
    c.once('close', (code) => resolve({ code, out }));
  });
}

const skip = slurmSkipReason();

test(
  'Slurm: the generated submit script runs the batch as a real job array plus an afterany report job; the merged report is the batch’s',
  { skip: skip !== undefined ? `real Slurm unavailable: ${skip}` : false, timeout: 120_000 },
  async () => {
    const server = await startFakeModelServer({ routes: batchRoutes() });
    const fx = makeBatchFixture(server.baseUrl);
    const dir = tempDir('hexec-slurm-');
    chmodSync(dir, 0o711);
    const cluster = await startSlurmCluster(dir);
    try {
      const gen = await runCliAsync(
        [
          'batch',
          'slurm',
          'tasks.jsonl',
          '--parallel',
          '2',
          '--hexec',
          `${process.execPath} ${CLI_PATH}`,
          '--out',
          'results',
        ],
        { cwd: fx.sb.root, env: cleanEnv(fx.sb) },
      );
      assert.equal(gen.code, 0, gen.stderr);
      assert.match(gen.stdout, /^#SBATCH --array=0-3%2$/m);
      const script = join(fx.sb.root, 'submit.sh');
      writeFileSync(script, gen.stdout);
      // The jobs inherit the submitter's environment (sbatch --export=ALL): the key, HOME, SLURM_CONF.
      const env = cleanEnv(fx.sb, { MOCK_KEY, ...cluster.env });
      const submitted = await run('bash', [script], fx.sb.root, env);
      assert.equal(submitted.code, 0, submitted.out);
      const m = /submitted job array (\d+) \(4 tasks, 2 at a time\) and report job (\d+)/.exec(submitted.out);
      assert.ok(m !== null, submitted.out);
      // Wait for the report job through Slurm itself: a job that depends on it, run with --wait.
      const waited = await run(
        'sbatch',
        ['--wait', `--dependency=afterany:${m[2] ?? ''}`, '--wrap=true', '-o', '/dev/null'],
        fx.sb.root,
        env,
      );
      assert.equal(waited.code, 0, waited.out);

      const results = join(fx.sb.root, 'results');
      const logs = readdirSync(results).filter((f) => /^slurm-\d+_\d\.out$/.test(f));
      assert.equal(logs.length, 4, `one Slurm output file per array task: ${readdirSync(results).join(', ')}`);
      const merged = readFileSync(join(results, 'report.json'), 'utf8');
      const rep = JSON.parse(merged) as { tasks: Record<string, unknown>[]; totals: Record<string, unknown> };
      assert.deepEqual(
        rep.tasks.map((t) => ({ id: t['id'], status: t['status'], exit_code: t['exit_code'], verify: t['verify'] })),
        EXPECTED,
        logs.map((f) => readFileSync(join(results, f), 'utf8')).join('\n'),
      );
      assert.equal(rep.totals['passed'], 2);
      assert.equal(rep.totals['missing'], 0);
      assert.match(readFileSync(join(results, 'report.md'), 'utf8'), /^## hexec batch report/);
      const local = await runCliAsync(['batch', 'report', 'results', '--tasks', 'tasks.jsonl', '--json'], {
        cwd: fx.sb.root,
        env: cleanEnv(fx.sb),
      });
      assert.deepEqual(comparableReport(local.stdout), comparableReport(merged));
      const host = JSON.parse(readFileSync(join(results, 'alpha', 'result.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(typeof host['host'], 'string');
    } finally {
      await cluster.stop();
      await server.close();
      fx.sb.cleanup();
      for (const pid of cluster.pids)
        assert.ok(
          !existsSync(`/proc/${pid}/status`) || /State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8')),
          `daemon ${pid} stopped`,
        );
    }
  },
);
