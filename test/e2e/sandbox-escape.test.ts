import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { ESCAPE_CASES, type EscapeHost } from './escape-cases.js';
import { inBatches, makeWorkspace, runCli } from './sandbox-helpers.js';

const SECRET = 'sk-escape-test-3f9a1c77d2e04b5b';
let server: Server;
let port = 0;
let connections = 0;
before(async () => {
  server = createServer((s) => {
    connections += 1;
    s.on('error', () => undefined);
    s.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
after(() => server.close());

test(`escape suite: ${ESCAPE_CASES.length} attempts, 0 escapes`, async () => {
  assert.ok(ESCAPE_CASES.length >= 30);
  const host = hostname();
  const results = await inBatches(ESCAPE_CASES, 6, async (c, ) => {
    const w = makeWorkspace({ OPENAI_API_KEY: SECRET, MY_TOKEN: SECRET, CODEX_API_KEY: SECRET });
    const before = connections;
    const h: EscapeHost = {
      ws: w.ws,
      outside: w.outside,
      secret: SECRET,
      port,
      connections: () => connections - before,
      hostPid: process.pid,
      tmpName: `hexec-escape-${process.pid}-${ESCAPE_CASES.indexOf(c)}`,
    };
    const r = await runCli(['sandbox', '-s', c.mode, '-C', w.ws, '--', 'bash', '-c', c.cmd(h)], w.env);
    try {
      c.assertHost(h, { code: r.code, output: r.stdout + r.stderr });
      return undefined;
    } catch (e) {
      return `${c.mode} / ${c.name}: ${(e as Error).message}\n--- output:\n${r.stdout}${r.stderr}`;
    }
  });
  assert.deepEqual(results.filter((x) => x !== undefined), []);
  assert.equal(hostname(), host, 'the host name is unchanged');
});
