import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHexecError } from '../errors/index.js';
import { parseProxyKey, startKeyProxy, upstreamRoutes, type KeyProxy } from './key-proxy.js';

const KEY = 'sk-test_KEY.123-abc';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function upstreamServer(status = 200): Promise<{ server: Server; base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status, { 'content-type': 'text/event-stream', 'x-upstream': 'yes' });
      // A streamed reply in several writes, as the model API does.
      res.write('event: one\ndata: {"a":1}\n\n');
      res.write('event: two\ndata: {"b":2}\n\n');
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function withProxy(
  upstream: string,
  fn: (p: KeyProxy, logs: string[]) => Promise<void>,
  httpShutdown = false,
  serverInfoFile?: string,
): Promise<void> {
  const logs: string[] = [];
  const proxy = await startKeyProxy({
    key: KEY,
    upstream,
    port: 0,
    httpShutdown,
    pid: 4242,
    log: (l) => logs.push(l),
    ...(serverInfoFile ? { serverInfoFile } : {}),
  });
  try {
    await fn(proxy, logs);
  } finally {
    await proxy.close();
  }
}

test('POST /v1/responses is forwarded with the key replacing any Authorization, body and reply intact', async () => {
  const up = await upstreamServer();
  try {
    await withProxy(`${up.base}/v1`, async (p, logs) => {
      const r = await fetch(`http://127.0.0.1:${p.port}/v1/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer attacker', 'content-type': 'application/json', 'x-client': 'hexec' },
        body: '{"model":"m","input":"hi"}',
      });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-upstream'), 'yes');
      assert.equal(await r.text(), 'event: one\ndata: {"a":1}\n\nevent: two\ndata: {"b":2}\n\ndata: [DONE]\n\n');
      assert.equal(up.seen.length, 1);
      const s = up.seen[0]!;
      assert.equal(s.method, 'POST');
      assert.equal(s.url, '/v1/responses');
      assert.equal(s.headers['authorization'], `Bearer ${KEY}`);
      assert.equal(s.headers['x-client'], 'hexec');
      assert.equal(s.body, '{"model":"m","input":"hi"}');
      assert.deepEqual(
        logs.map((l) => l.replace(/\(\d+ ms\)/, '')),
        ['POST /v1/responses -> 200 '],
      );
      assert.ok(!logs.join('\n').includes(KEY), 'the key is never logged');
    });
  } finally {
    up.server.close();
  }
});

test('chat/completions is forwarded too; the query string is kept', async () => {
  const up = await upstreamServer();
  try {
    await withProxy(`${up.base}/base/v1?api-version=1`, async (p) => {
      const r = await fetch(`http://127.0.0.1:${p.port}/v1/chat/completions?x=2`, { method: 'POST', body: '{}' });
      assert.equal(r.status, 200);
      await r.text();
      assert.equal(up.seen[0]?.url, '/base/v1/chat/completions?api-version=1&x=2');
    });
  } finally {
    up.server.close();
  }
});

test('everything else is 403 and never reaches the upstream', async () => {
  const up = await upstreamServer();
  try {
    await withProxy(`${up.base}/v1`, async (p, logs) => {
      const base = `http://127.0.0.1:${p.port}`;
      const cases: Array<[string, string]> = [
        ['GET', '/v1/responses'],
        ['PUT', '/v1/responses'],
        ['DELETE', '/v1/responses'],
        ['POST', '/v1/models'],
        ['POST', '/v1/responses/x'],
        ['POST', '/responses'],
        ['POST', '/v1/files'],
        ['GET', '/shutdown'],
        ['POST', '/shutdown'],
        ['GET', '/'],
      ];
      for (const [method, path] of cases) {
        const r = await fetch(`${base}${path}`, {
          method,
          ...(method === 'POST' || method === 'PUT' ? { body: 'x' } : {}),
        });
        assert.equal(r.status, 403, `${method} ${path}`);
        const body = (await r.json()) as { error: { message: string } };
        assert.match(body.error.message, /forwards only POST \/v1\/responses, \/v1\/chat\/completions/);
      }
      assert.equal(up.seen.length, 0);
      assert.equal(logs.length, cases.length);
    });
  } finally {
    up.server.close();
  }
});

test('upstream 401 and 403 are passed through unchanged', async () => {
  for (const status of [401, 403]) {
    const up = await upstreamServer(status);
    try {
      await withProxy(`${up.base}/v1`, async (p) => {
        const r = await fetch(`http://127.0.0.1:${p.port}/v1/responses`, { method: 'POST', body: '{}' });
        assert.equal(r.status, status);
        assert.match(await r.text(), /event: one/);
      });
    } finally {
      up.server.close();
    }
  }
});

test('an unreachable upstream is a 502 with the reason, not a hang', async () => {
  const up = await upstreamServer();
  const base = up.base;
  await new Promise<void>((r) => up.server.close(() => r()));
  await withProxy(`${base}/v1`, async (p) => {
    const r = await fetch(`http://127.0.0.1:${p.port}/v1/responses`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 502);
    assert.match(await r.text(), /unreachable: ECONNREFUSED/);
  });
});

test('GET /shutdown stops the proxy when enabled; server info holds port and pid only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-proxy-'));
  try {
    const info = join(dir, 'sub', 'server-info.json');
    const logs: string[] = [];
    const p = await startKeyProxy({
      key: KEY,
      upstream: 'http://127.0.0.1:9/v1',
      port: 0,
      httpShutdown: true,
      pid: 4242,
      serverInfoFile: info,
      log: (l) => logs.push(l),
    });
    const text = readFileSync(info, 'utf8');
    assert.deepEqual(JSON.parse(text), { port: p.port, pid: 4242 });
    assert.ok(!text.includes(KEY));
    const r = await fetch(`http://127.0.0.1:${p.port}/shutdown`);
    assert.equal(r.status, 200);
    await r.text();
    await p.closed;
    await assert.rejects(fetch(`http://127.0.0.1:${p.port}/v1/responses`, { method: 'POST', body: '{}' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('routes: a base gets both endpoints, a full endpoint only itself', () => {
  const base = upstreamRoutes('https://api.openai.com/v1');
  assert.deepEqual(
    [...base].map(([k, v]) => [k, v.href]),
    [
      ['/v1/responses', 'https://api.openai.com/v1/responses'],
      ['/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    ],
  );
  const azure = upstreamRoutes('https://x.openai.azure.com/openai/v1/responses');
  assert.deepEqual(
    [...azure].map(([k, v]) => [k, v.href]),
    [['/v1/responses', 'https://x.openai.azure.com/openai/v1/responses']],
  );
  assert.deepEqual(
    [...upstreamRoutes('https://h/v1/')].map(([k]) => k),
    ['/v1/responses', '/v1/chat/completions'],
  );
});

test('routes: plain http only to loopback, no credentials in the URL, valid URLs only', () => {
  const bad = (u: string, re: RegExp): void => {
    assert.throws(
      () => upstreamRoutes(u),
      (e: unknown) => isHexecError(e) && e.exitCode === 2 && re.test(e.message),
    );
  };
  bad('http://api.openai.com/v1', /must be https/);
  bad('ftp://127.0.0.1/v1', /must be https/);
  bad('https://user:pw@h/v1', /credentials/);
  bad('not a url', /invalid upstream URL/);
  assert.equal(upstreamRoutes('http://localhost:1/v1').size, 2);
});

test('the key from stdin: one line, restricted characters, errors never echo it', () => {
  assert.equal(parseProxyKey(Buffer.from(`${KEY}\n`)), KEY);
  assert.equal(parseProxyKey(Buffer.from(`${KEY}\r\n`)), KEY);
  for (const raw of ['', '\n', '   \n']) {
    assert.throws(
      () => parseProxyKey(Buffer.from(raw)),
      (e: unknown) => isHexecError(e) && e.exitCode === 7 && /no API key on stdin/.test(e.message),
    );
  }
  for (const raw of ['sk "quoted"', 'sk-a\nsk-b', 'sk-é', 'a b', `${KEY}\n\n`]) {
    assert.throws(
      () => parseProxyKey(Buffer.from(raw)),
      (e: unknown) => isHexecError(e) && e.exitCode === 7 && !e.message.includes(raw.trim()),
    );
  }
});
