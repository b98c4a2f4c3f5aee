import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { CLI_PATH } from '../helpers/paths.js';

const KEY = 'sk-e2e-proxy-key_0123456789';
const dir = mkdtempSync(join(tmpdir(), 'hexec-proxy-e2e-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: dir,
  CODEX_HOME: join(dir, 'codex'),
  HEXEC_SYSTEM_CONFIG_DIR: join(dir, 'etc'),
};

test('hexec proxy: key from stdin, forwards with Authorization, server info, GET /shutdown exits 0', async () => {
  const auths: string[] = [];
  const up = createServer((req, res) => {
    auths.push(req.headers['authorization'] ?? '');
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((r) => up.listen(0, '127.0.0.1', () => r()));
  const info = join(dir, 'server-info.json');
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      'proxy',
      '--http-shutdown',
      '--server-info',
      info,
      '--upstream',
      `http://127.0.0.1:${(up.address() as AddressInfo).port}/v1`,
    ],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin.end(`${KEY}\n`);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const listening = new Promise<void>((resolveListening) => {
    child.stderr.on('data', (c: string) => {
      stderr += c;
      if (stderr.includes('listening on')) resolveListening();
    });
  });
  const exited = once(child, 'close');
  try {
    await listening;
    const { port, pid } = JSON.parse(readFileSync(info, 'utf8')) as { port: number; pid: number };
    assert.equal(pid, child.pid);
    const ok = await fetch(`http://127.0.0.1:${port}/v1/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: '{}',
    });
    assert.equal(await ok.text(), '{"ok":true}');
    assert.deepEqual(auths, [`Bearer ${KEY}`]);
    const denied = await fetch(`http://127.0.0.1:${port}/v1/models`);
    assert.equal(denied.status, 403);
    // Only POST to the model endpoints: other methods, paths, and look-alikes are refused
    // without reaching the upstream.
    for (const [method, path] of [
      ['GET', '/v1/responses'],
      ['PUT', '/v1/responses'],
      ['POST', '/v1/files'],
      ['POST', '/v1/responses/resp_1/cancel'],
      ['POST', '/v1/../v1/files'],
      ['POST', '/responses'],
      ['POST', '/shutdown/x'],
    ] as const) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.match(await r.text(), /forwards only POST \/v1\/responses, \/v1\/chat\/completions/);
    }
    assert.equal(auths.length, 1, 'nothing refused reached the upstream');
    // fetch keeps its connection alive; the proxy must not wait for that socket's timeout (~4 s).
    await (await fetch(`http://127.0.0.1:${port}/shutdown`)).text();
    const asked = performance.now();
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.ok(
      performance.now() - asked < 2000,
      `exited ${Math.round(performance.now() - asked)} ms after GET /shutdown`,
    );
    assert.ok(!stderr.includes(KEY), 'key not in the log');
    assert.ok(!readFileSync(info, 'utf8').includes(KEY), 'key not in server info');
    assert.match(stderr, /POST \/v1\/responses -> 200/);
    assert.match(stderr, /GET \/v1\/models -> 403/);
  } finally {
    child.kill();
    up.close();
  }
});

test('hexec proxy refuses a key on the command line and a bad key on stdin', () => {
  const argKey = spawnSync(process.execPath, [CLI_PATH, 'proxy', '--api-key', KEY], {
    env,
    input: '',
    encoding: 'utf8',
  });
  assert.equal(argKey.status, 2);
  assert.match(argKey.stderr, /the key is read from stdin only/);
  const empty = spawnSync(process.execPath, [CLI_PATH, 'proxy'], { env, input: '', encoding: 'utf8' });
  assert.equal(empty.status, 7);
  assert.match(empty.stderr, /no API key on stdin/);
  const bad = spawnSync(process.execPath, [CLI_PATH, 'proxy'], { env, input: 'sk bad key\n', encoding: 'utf8' });
  assert.equal(bad.status, 7);
  assert.ok(!bad.stderr.includes('sk bad key'));
});
