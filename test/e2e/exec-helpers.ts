import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, makeSandbox, parseJsonl, runCliAsync, type CliResult, type Sandbox } from '../helpers/workspace.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeModelServerOptions,
  type RecordedRequest,
} from '../helpers/fake-model-server.js';

export const MOCK_KEY = 'sk-test-e2e-secret-0123456789';

/** A sandbox with a `mock` provider at `baseUrl` in $CODEX_HOME/config.toml. */
export function execSandbox(
  baseUrl: string,
  opts: { wire?: 'responses' | 'chat'; extraToml?: string; files?: Record<string, string> } = {},
): Sandbox {
  const sb = makeSandbox(opts.files !== undefined ? { files: opts.files } : {});
  sb.write(
    join(sb.codexHome, 'config.toml'),
    [
      'model = "gpt-5.5"',
      'model_provider = "mock"',
      opts.extraToml ?? '',
      '[model_providers.mock]',
      'name = "mock"',
      `base_url = "${baseUrl}"`,
      `wire_api = "${opts.wire ?? 'responses'}"`,
      'env_key = "MOCK_KEY"',
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
    ].join('\n'),
  );
  return sb;
}

export interface ExecRun extends CliResult {
  readonly events: Record<string, unknown>[];
}

export async function execJson(
  sb: Sandbox,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<ExecRun> {
  const r = await runCliAsync(['exec', '--json', ...args], {
    cwd: sb.workspace,
    env: cleanEnv(sb, { MOCK_KEY, ...extraEnv }),
  });
  let events: Record<string, unknown>[];
  try {
    events = parseJsonl(r.stdout);
  } catch {
    events = [];
  }
  return { ...r, events };
}

/** Starts a fake server with `replies` and a sandbox configured for it; `done()` cleans both. */
export async function withServer(
  o: FakeModelServerOptions & { wire?: 'responses' | 'chat'; extraToml?: string; files?: Record<string, string> },
): Promise<{ server: FakeModelServer; sb: Sandbox; done: () => Promise<void> }> {
  const server = await startFakeModelServer(o);
  const sb = execSandbox(server.baseUrl, o);
  return {
    server,
    sb,
    done: async () => {
      await server.close();
      sb.cleanup();
    },
  };
}

export function body(r: RecordedRequest | undefined): Record<string, unknown> {
  if (r === undefined) throw new Error('no such request');
  return r.body as Record<string, unknown>;
}

/** All input_text/output_text of a request's input items, joined. */
export function inputTexts(r: RecordedRequest | undefined): string[] {
  const input = body(r)['input'];
  const out: string[] = [];
  if (!Array.isArray(input)) return out;
  for (const item of input as Record<string, unknown>[]) {
    const content = item['content'];
    if (Array.isArray(content))
      for (const c of content as Record<string, unknown>[]) if (typeof c['text'] === 'string') out.push(c['text']);
    if (typeof item['output'] === 'string') out.push(item['output']);
  }
  return out;
}

export function ofType(events: readonly Record<string, unknown>[], type: string): Record<string, unknown>[] {
  return events.filter((e) => e['type'] === type);
}

export function items(events: readonly Record<string, unknown>[], itemType: string): Record<string, unknown>[] {
  return events
    .filter((e) => e['type'] === 'item.completed')
    .map((e) => e['item'] as Record<string, unknown>)
    .filter((i) => i['type'] === itemType);
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Events with what legitimately differs between two runs removed. */
export function normaliseEvents(events: readonly Record<string, unknown>[]): unknown[] {
  return events.map((e) => {
    if (e['type'] !== 'thread.started') return e;
    const hexec = { ...(e['hexec'] as Record<string, unknown>) };
    delete hexec['record'];
    delete hexec['replay'];
    return { type: e['type'], hexec };
  });
}
