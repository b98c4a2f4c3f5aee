import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, startFakeModelServer } from '../helpers/fake-model-server.js';
import { CLI_PATH } from '../helpers/paths.js';
import { cleanEnv, runCliAsync } from '../helpers/workspace.js';
import { BATCH_IDS, EXPECTED, batchRoutes, comparableReport, makeBatchFixture, unitEvents } from './batch-fixture.js';
import { MOCK_KEY } from './exec-helpers.js';

/**
 * `hexec batch` end to end on the four-task fixture: separate `batch run --index N`
 * processes against the fake model server, the merged report, then the same batch
 * replayed from the recorded cassettes with no key and the server gone.
 */

test('batch run per index and batch local -j 2 give the same report; verify runs outside the agent; the replayed batch gives it offline', async () => {
  const server = await startFakeModelServer({ routes: batchRoutes(2) });
  const fx = makeBatchFixture(server.baseUrl);
  try {
    const env = cleanEnv(fx.sb, { MOCK_KEY });
    const codes = await Promise.all(
      BATCH_IDS.map((_, i) =>
        runCliAsync(['batch', 'run', fx.tasks, '--out', 'live'], {
          cwd: fx.sb.root,
          env: { ...env, HEXEC_BATCH_INDEX: String(i) },
        }),
      ),
    );
    assert.deepEqual(
      codes.map((c) => c.code),
      EXPECTED.map((e) => e.exit_code),
      codes.map((c) => c.stderr).join('\n'),
    );
    assert.match(
      codes[1]?.stdout ?? '',
      /^beta: failed, exit 1 \(verify failed\), verify failed, 1100 tokens, \$0\.0028,/,
    );

    const alpha = join(fx.sb.root, 'live', 'alpha');
    const result = JSON.parse(readFileSync(join(alpha, 'result.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(result['exit_code'], 0);
    assert.deepEqual(result['usage'], {
      input_tokens: 2000,
      cached_input_tokens: 0,
      output_tokens: 200,
      reasoning_output_tokens: 0,
      total_tokens: 2200,
      requests: 2,
    });
    assert.ok(Math.abs(Number(result['cost_usd']) - 0.0056) < 1e-12, String(result['cost_usd']));
    assert.match(String(result['config_fingerprint']), /^[0-9a-f]{64}$/);
    assert.equal(readFileSync(join(fx.sb.root, 'repos/alpha/out.txt'), 'utf8'), 'alpha\n', 'the agent’s command ran');
    assert.equal(readFileSync(join(alpha, 'last-message.txt'), 'utf8'), 'done alpha');
    assert.ok(existsSync(join(alpha, 'cassette.jsonl')));
    assert.equal(unitEvents(alpha).at(-1)?.['type'], 'turn.completed');
    const beta = JSON.parse(readFileSync(join(fx.sb.root, 'live/beta/result.json'), 'utf8')) as Record<string, unknown>;
    assert.equal((beta['agent'] as Record<string, unknown>)['exit_code'], 0, 'the agent itself succeeded');
    assert.equal((beta['verify'] as Record<string, unknown>)['exit_code'], 1);
    assert.equal(readFileSync(join(fx.sb.root, 'live/gamma/last-message.json'), 'utf8'), '{"ok":true}');

    const summary = join(fx.sb.root, 'summary.md');
    const rep = await runCliAsync(['batch', 'report', 'live', '--tasks', fx.tasks, '--json'], {
      cwd: fx.sb.root,
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });
    assert.equal(rep.code, 0, rep.stderr);
    const live = JSON.parse(rep.stdout) as { tasks: Record<string, unknown>[]; totals: Record<string, unknown> };
    assert.deepEqual(
      live.tasks.map((t) => ({ id: t['id'], status: t['status'], exit_code: t['exit_code'], verify: t['verify'] })),
      EXPECTED,
    );
    assert.equal(live.totals['passed'], 2);
    assert.equal(live.totals['pass_rate'], 0.5);
    assert.equal(live.totals['total_tokens'], 5500);
    assert.match(
      readFileSync(summary, 'utf8'),
      /^## hexec batch report\n[\s\S]*\| beta \| failed \| 1 \(verify failed\) \| failed \|/,
    );

    // The same tasks through the local pool, two units at a time.
    const local = await runCliAsync(['batch', 'local', fx.tasks, '-j', '2', '--out', 'local'], {
      cwd: fx.sb.root,
      env,
    });
    assert.equal(local.code, 1, local.stderr);
    assert.match(local.stderr, /^\[batch\] start alpha \(1\/4\)$/m);
    assert.match(local.stderr, /^\[batch\] 4\/4 done, 0 running, 2 failed · 5500 tokens/m);
    assert.match(local.stdout, /^4 task\(s\): 2 passed, 2 failed, 0 missing, 0 partial \(pass rate 50%\)/m);
    const rep3 = await runCliAsync(['batch', 'report', 'local', '--tasks', fx.tasks, '--json'], {
      cwd: fx.sb.root,
      env,
    });
    assert.deepEqual(comparableReport(rep3.stdout), comparableReport(rep.stdout));

    // Offline: the server is gone and there is no key; every unit replays its cassette.
    await server.close();
    const offline = { ...env };
    delete offline['MOCK_KEY'];
    const replayed = await Promise.all(
      BATCH_IDS.map((id) =>
        runCliAsync(['batch', 'run', fx.tasks, '--id', id, '--out', 'replayed', '--replay-from', 'live'], {
          cwd: fx.sb.root,
          env: offline,
        }),
      ),
    );
    assert.deepEqual(
      replayed.map((c) => c.code),
      EXPECTED.map((e) => e.exit_code),
      replayed.map((c) => c.stderr).join('\n'),
    );
    const rep2 = await runCliAsync(['batch', 'report', 'replayed', '--tasks', fx.tasks, '--json'], {
      cwd: fx.sb.root,
      env: offline,
    });
    assert.deepEqual(comparableReport(rep2.stdout), comparableReport(rep.stdout));
  } finally {
    await server.close();
    fx.sb.cleanup();
  }
});

test('bad task files, unknown ids and an index out of range are exit 2 naming the line and field; missing results are listed', async () => {
  const fx = makeBatchFixture('http://127.0.0.1:9/v1');
  try {
    const env = cleanEnv(fx.sb);
    const bad = join(fx.sb.root, 'bad.jsonl');
    writeFileSync(
      bad,
      '{"id": "a", "repo": ".", "prompt": "x"}\n{"id": "b", "repo": ".", "prompt": "x", "max_turn": 3}\n',
    );
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['batch', 'run', bad, '--index', '0'],
        {},
        /^error: .*bad\.jsonl:2: `max_turn`: unknown task key\nhint: did you mean `max_turns`\?/,
      ],
      [
        ['batch', 'run', fx.tasks, '--id', 'gama'],
        {},
        /^error: --id: no task with id "gama" .*\nhint: did you mean "gamma"\?/,
      ],
      [
        ['batch', 'run', fx.tasks],
        { SLURM_ARRAY_TASK_ID: '4' },
        /^error: `SLURM_ARRAY_TASK_ID`: task index 4 is out of range .*\(expected indices 0-3, found 4\)/,
      ],
      [['batch', 'run', fx.tasks, '--index', '9'], {}, /^error: --index: task index 9 is out of range/],
      [['batch', 'list', bad], {}, /bad\.jsonl:2: `max_turn`/],
      [['batch', 'frobnicate'], {}, /^error: unknown batch subcommand 'frobnicate'/],
    ];
    for (const [args, extra, re] of cases) {
      const r = await runCliAsync(args, { cwd: fx.sb.root, env: { ...env, ...extra } });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.ok(!existsSync(join(fx.sb.root, 'results')), 'nothing was written');
    }
    const list = await runCliAsync(['batch', 'list', fx.tasks], { cwd: fx.sb.root, env });
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(0, 2).join(' ')),
      ['0 alpha', '1 beta', '2 gamma', '3 delta'],
    );
    // No results at all: every task is missing, the report still prints (exit 0), --strict fails.
    const empty = await runCliAsync(['batch', 'report', 'nowhere', '--tasks', fx.tasks], { cwd: fx.sb.root, env });
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stdout, /missing: alpha \(index 0\): no result/);
    assert.match(empty.stdout, /4 task\(s\): 0 passed, 0 failed, 4 missing, 0 partial/);
    const strict = await runCliAsync(['batch', 'report', 'nowhere', '--tasks', fx.tasks, '--strict'], {
      cwd: fx.sb.root,
      env,
    });
    assert.equal(strict.code, 1);
  } finally {
    fx.sb.cleanup();
  }
});

test('batch local: Ctrl-C stops every running unit (each writes its result, exit 130) and keeps finished results', async () => {
  const server = await startFakeModelServer({
    routes: { 'task-quick': [reply.text('quick done')], 'task-slow1': [reply.hang()], 'task-slow2': [reply.hang()] },
  });
  const fx = makeBatchFixture(server.baseUrl);
  try {
    const defaults = readFileSync(fx.tasks, 'utf8').split('\n')[0] ?? '';
    const tasks = join(fx.sb.root, 'ctrlc.jsonl');
    const line = (id: string, repo: string): string =>
      JSON.stringify({ id, repo: `repos/${repo}`, prompt: `task-${id}` });
    writeFileSync(tasks, [defaults, line('quick', 'alpha'), line('slow1', 'beta'), line('slow2', 'gamma')].join('\n'));
    const child = spawn(process.execPath, [CLI_PATH, 'batch', 'local', tasks, '-j', '2', '--out', 'out'], {
      cwd: fx.sb.root,
      env: cleanEnv(fx.sb, { MOCK_KEY }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    // quick and slow1 start; slow2 starts once quick has finished (and published its result).
    await server.waitForRequests(3);
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    const result = (id: string): Record<string, unknown> =>
      JSON.parse(readFileSync(join(fx.sb.root, 'out', id, 'result.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(result('quick')['exit_code'], 0, 'the finished result is kept');
    assert.equal(result('slow1')['exit_code'], 130);
    assert.equal(result('slow2')['exit_code'], 130);
    assert.equal(result('slow2')['exit_meaning'], 'interrupted (SIGINT)');
  } finally {
    await server.close();
    fx.sb.cleanup();
  }
});
