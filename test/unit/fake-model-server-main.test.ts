import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../helpers/paths.js';
import { reply } from '../helpers/fake-model-server.js';

test('standalone runner prints its port, serves the script file, logs requests, exits on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-fake-'));
  try {
    const log = join(dir, 'requests.jsonl');
    writeFileSync(join(dir, 'script.json'), JSON.stringify({ replies: [reply.text('from file')], requestsLog: log }));
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'build/test/helpers/fake-model-server-main.js'), join(dir, 'script.json')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {},
      },
    );
    const exited = once(child, 'exit') as Promise<[number | null]>;
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      const { port } = JSON.parse(first) as { port: number };
      assert.ok(Number.isInteger(port) && port > 0);
      const text = await (
        await fetch(`http://127.0.0.1:${port}/v1/responses`, { method: 'POST', body: '{"model":"m"}' })
      ).text();
      assert.match(text, /"delta":" file"/);
      const logged = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { body: unknown; wire: string });
      assert.deepEqual(
        logged.map((r) => [r.wire, r.body]),
        [['responses', { model: 'm' }]],
      );
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
