// The fake model server as a separate process (build/test/helpers/fake-model-server-main.js),
// so it never competes with the measured CLI for this process's event loop.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Starts a server serving `replies` in order; resolves {port, baseUrl, stop()}. */
export function startServer(root, scratchDir, replies, name = 'script') {
  const file = join(scratchDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ replies }));
  const main = join(root, 'build/test/helpers/fake-model-server-main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, file, '--exit-on-stdin-close'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buf = '';
    let done = false;
    const exited = new Promise((r) => child.once('exit', () => r()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`fake model server exited early (${code})`));
    });
    child.stdout.on('data', (c) => {
      buf += c.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0 || done) return;
      done = true;
      const { port } = JSON.parse(buf.slice(0, nl));
      resolve({
        port,
        baseUrl: `http://127.0.0.1:${port}/v1`,
        stop: async () => {
          child.stdin.end();
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/**
 * A reply sent one SSE frame at a time, so that `response.completed` (the frame a client
 * stops at) arrives about `latencyMs` after the request, like a model's response time.
 */
export function withLatency(reply, latencyMs) {
  if (latencyMs <= 0) return reply;
  // Frames per reply as rendered by test/helpers/fake-model-replies.ts (created … completed);
  // the drip sends the first at once and waits intervalMs before each of the others.
  const frames = reply.kind === 'text' ? 6 : 5;
  return { kind: 'drip', reply, intervalMs: Math.max(1, Math.round(latencyMs / (frames - 1))) };
}
