import { appendFileSync, readFileSync } from 'node:fs';
import { startFakeModelServer, type FakeReply } from './fake-model-server.js';

/**
 * Standalone fake model server for CLI end-to-end tests and the benchmark:
 *   node build/test/helpers/fake-model-server-main.js script.json
 * script.json = {"replies": [FakeReply…], "whenExhausted"?: FakeReply,
 *                "chatUsage"?: "final"|"every"|"none", "requestsLog"?: "/path/requests.jsonl",
 *                "routes"?: {"marker": [FakeReply…]}}
 * Prints {"port":N} on stdout once listening; each request is appended to requestsLog as
 * one JSON line. Exits on SIGTERM/SIGINT, and with --exit-on-stdin-close when stdin ends
 * (so a crashed parent does not leave it running).
 */
interface ScriptFile {
  readonly replies?: FakeReply[];
  readonly whenExhausted?: FakeReply;
  readonly chatUsage?: 'final' | 'every' | 'none';
  readonly requestsLog?: string;
  readonly routes?: Record<string, FakeReply[]>;
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: fake-model-server-main <script.json>\n');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(file, 'utf8')) as ScriptFile;
const log = spec.requestsLog;
const server = await startFakeModelServer({
  ...(spec.replies === undefined ? {} : { replies: spec.replies }),
  ...(spec.whenExhausted === undefined ? {} : { whenExhausted: spec.whenExhausted }),
  ...(spec.chatUsage === undefined ? {} : { chatUsage: spec.chatUsage }),
  ...(spec.routes === undefined ? {} : { routes: spec.routes }),
  onRequest: (r) => {
    if (log !== undefined) appendFileSync(log, `${JSON.stringify(r)}\n`);
  },
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
let closing = false;
const stop = (): void => {
  if (closing) return;
  closing = true;
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.argv.includes('--exit-on-stdin-close')) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
