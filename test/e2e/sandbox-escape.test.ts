import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { ESCAPE_CASES, withEscapeHost } from './escape-cases.js';
import { inBatches, makeWorkspace, runCli, useCountingListener } from './sandbox-helpers.js';

const SECRET = 'sk-escape-test-3f9a1c77d2e04b5b';
const net = useCountingListener('');

test(`escape suite: ${ESCAPE_CASES.length} attempts, 0 escapes`, async () => {
  assert.ok(ESCAPE_CASES.length >= 30);
  const host = hostname();
  const results = await inBatches(ESCAPE_CASES, 6, async (c) => {
    const w = makeWorkspace({ OPENAI_API_KEY: SECRET, MY_TOKEN: SECRET, CODEX_API_KEY: SECRET });
    const tmpName = `hexec-escape-${process.pid}-${ESCAPE_CASES.indexOf(c)}`;
    const shared = { secret: SECRET, port: net.port(), tcpConnections: () => net.connections(), tmpName };
    return withEscapeHost(w, shared, async (h) => {
      const r = await runCli(['sandbox', '-s', c.mode, '-C', w.ws, '--', 'bash', '-c', c.cmd(h)], w.env);
      try {
        c.assertHost(h, { code: r.code, output: r.stdout + r.stderr });
        return undefined;
      } catch (e) {
        return `${c.mode} / ${c.name}: ${(e as Error).message}\n--- output:\n${r.stdout}${r.stderr}`;
      }
    });
  });
  assert.deepEqual(
    results.filter((x) => x !== undefined),
    [],
  );
  assert.equal(hostname(), host, 'the host name is unchanged');
});
