// hexec batch rows of `npm run bench` (owned by the batch feature; run.mjs calls batchRows):
//   batch-run:   per-task overhead of `hexec batch run` over the same plain `hexec exec`
//                (median of paired differences; target < 20 ms)
//   batch-local: `hexec batch local -j 2` over 20 replayed tasks against the same 20 tasks
//                run one by one as separate `batch run --index N` processes (speedup)
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/fake-server.mjs';
import { stats, timedRun } from './lib/measure.mjs';
import { rowOf } from './lib/rows.mjs';
import { PROMPT, makeWorkspace, runEnv, writeProviderConfig } from './lib/scenarios.mjs';

const text = (t) => ({ kind: 'text', text: t });
const LOCAL_TASKS = 20;

function taskFile(path, ws, n) {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `t${i}`, repo: ws, prompt: `${PROMPT} ${i}`, hermetic: false, record: false }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function run(ctx, args, w) {
  const r = await timedRun(ctx.cmd.hexec(args), {
    cwd: w.ws,
    env: runEnv(w, 'hexec'),
    rssMethod: ctx.rssMethod,
    scratch: ctx.scratch,
  });
  if (r.code !== 0) throw new Error(`hexec ${args.slice(0, 3).join(' ')} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  return r.wallMs;
}

/** batch run vs the plain exec it wraps: same flags (-o, no recording), same server, same workspace. */
async function overheadRow(ctx) {
  const w = makeWorkspace(ctx.freshDir('batch-run'));
  const server = await startServer(
    ctx.root,
    ctx.scratch,
    Array.from({ length: 2 * ctx.n * 2 }, () => text('hello')),
    'batch-run',
  );
  try {
    writeProviderConfig(w.codexHome, server.baseUrl);
    const tasks = join(w.dir, 'tasks.jsonl');
    taskFile(tasks, w.ws, 1);
    const batch = [];
    const plain = [];
    const diff = [];
    for (let i = 0; i < ctx.n * 2; i += 1) {
      const out = join(w.dir, `out-${i}`);
      const execArgs = ['exec', '--json', '-C', w.ws, '-o', join(w.dir, `last-${i}.txt`), `${PROMPT} 0`];
      const batchArgs = ['batch', 'run', tasks, '--index', '0', '--out', out];
      const [a, b] = i % 2 === 0 ? [batchArgs, execArgs] : [execArgs, batchArgs];
      const ta = await run(ctx, a, w);
      const tb = await run(ctx, b, w);
      const [tBatch, tPlain] = i % 2 === 0 ? [ta, tb] : [tb, ta];
      batch.push(tBatch);
      plain.push(tPlain);
      diff.push(tBatch - tPlain);
    }
    const row = rowOf(
      'batch-run',
      'batch run: per-task overhead over the plain exec',
      'ms',
      batch,
      plain,
      'plain exec',
      {
        valueKind: 'ms',
        value: stats(diff).median,
        target: { op: '<=', value: 20 },
      },
    );
    row.overhead = stats(diff);
    return row;
  } finally {
    await server.stop();
    rmSync(w.dir, { recursive: true, force: true });
  }
}

/** 20 recorded tasks replayed: the local pool with 2 slots vs one `batch run` process after another. */
async function localRow(ctx) {
  const w = makeWorkspace(ctx.freshDir('batch-local'));
  const tasks = join(w.dir, 'tasks.jsonl');
  const lines = Array.from({ length: LOCAL_TASKS }, (_, i) =>
    JSON.stringify({ id: `t${i}`, repo: w.ws, prompt: `${PROMPT} ${i}`, hermetic: false }),
  );
  writeFileSync(tasks, `${lines.join('\n')}\n`);
  const server = await startServer(
    ctx.root,
    ctx.scratch,
    Array.from({ length: LOCAL_TASKS }, () => text('hello')),
    'batch-local',
  );
  try {
    writeProviderConfig(w.codexHome, server.baseUrl);
    const rec = join(w.dir, 'recorded');
    await run(ctx, ['batch', 'local', tasks, '-j', '2', '--out', rec], w);
  } finally {
    await server.stop();
  }
  writeProviderConfig(w.codexHome, 'http://127.0.0.1:9/v1');
  const pool = [];
  const serial = [];
  try {
    const reps = Math.max(1, Math.ceil(ctx.n / 3));
    for (let i = 0; i < reps; i += 1) {
      pool.push(
        await run(
          ctx,
          [
            'batch',
            'local',
            tasks,
            '-j',
            '2',
            '--replay-from',
            join(w.dir, 'recorded'),
            '--out',
            join(w.dir, `pool-${i}`),
          ],
          w,
        ),
      );
      const t0 = performance.now();
      for (let k = 0; k < LOCAL_TASKS; k += 1)
        await run(
          ctx,
          [
            'batch',
            'run',
            tasks,
            '--index',
            String(k),
            '--replay-from',
            join(w.dir, 'recorded'),
            '--out',
            join(w.dir, `serial-${i}`),
          ],
          w,
        );
      serial.push(performance.now() - t0);
    }
    return rowOf(
      'batch-local',
      `batch local -j 2 over ${LOCAL_TASKS} replayed tasks vs one by one`,
      'ms',
      pool,
      serial,
      'one by one',
      {
        valueKind: 'speedup',
        value: stats(serial).median / stats(pool).median,
        target: { op: '>=', value: 1.5 },
      },
    );
  } finally {
    rmSync(w.dir, { recursive: true, force: true });
  }
}

export async function batchRows(ctx, id) {
  return id === 'batch-run' ? [await overheadRow(ctx)] : [await localRow(ctx)];
}
