import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startFakeModelServer,
  type FakeModelServer,
  type FakeModelServerOptions,
  type RecordedRequest,
} from './fake-model-server.js';
import { parseValidEvents } from './event-schema.js';
import { FIXTURES } from './paths.js';
import { cleanEnv, makeSandbox, runCliAsync, type CliResult, type Sandbox } from './workspace.js';

/**
 * Codex parity harness: one temp machine (HOME, CODEX_HOME, system dir, git repo), the
 * in-process fake model server configured as provider `mock` exactly like the fixtures'
 * codex-home-config.toml, and comparisons against test/fixtures/codex/.
 */

export const fixtureDir = (name: string): string => join(FIXTURES, 'codex', name);
export const fixtureText = (name: string, file: string): string => readFileSync(join(fixtureDir(name), file), 'utf8');
export const fixtureEvents = (name: string, file = 'stdout.jsonl'): Record<string, unknown>[] =>
  fixtureText(name, file)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
export const fixtureRequest = (
  name: string,
  n: number,
  file = `request-${n}.json`,
): { url: string; headers: Record<string, string>; body: Record<string, unknown> } =>
  JSON.parse(fixtureText(name, file)) as {
    url: string;
    headers: Record<string, string>;
    body: Record<string, unknown>;
  };
export const fixtureExit = (name: string, file = 'exit-code.txt'): number => Number(fixtureText(name, file).trim());

export interface ExecCase {
  readonly sb: Sandbox;
  readonly srv: FakeModelServer;
  readonly env: Record<string, string>;
  run(
    args: readonly string[],
    opts?: { stdin?: string; cwd?: string; env?: Record<string, string> },
  ): Promise<CliResult>;
  /** Runs `hexec exec --json ...` and returns the schema-validated events too. */
  runJson(
    args: readonly string[],
    opts?: { stdin?: string; cwd?: string; env?: Record<string, string> },
  ): Promise<CliResult & { events: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

export interface ExecCaseOptions extends FakeModelServerOptions {
  /** `model = ...` line; undefined keeps codex's default model (fixture 14); default gpt-5.5. */
  readonly model?: string | null;
  readonly wire?: 'responses' | 'chat';
  /** Extra lines inside [model_providers.mock]. */
  readonly providerExtra?: string;
  /** Extra top-level lines of config.toml (before the provider table). */
  readonly configExtra?: string;
  readonly git?: boolean;
  /** Extra environment for the CLI. */
  readonly vars?: Record<string, string>;
}

export async function startExecCase(
  t: { after(fn: () => Promise<void> | void): void },
  o: ExecCaseOptions = {},
): Promise<ExecCase> {
  const srv = await startFakeModelServer(o);
  const sb = makeSandbox({ git: o.git ?? true });
  const model = o.model === undefined ? 'gpt-5.5' : o.model;
  const lines = [
    ...(model !== null ? [`model = "${model}"`] : []),
    'model_provider = "mock"',
    ...(o.configExtra !== undefined ? [o.configExtra] : []),
    '[model_providers.mock]',
    'name = "mock"',
    `base_url = "${srv.baseUrl}"`,
    `wire_api = "${o.wire ?? 'responses'}"`,
    'env_key = "MOCK_KEY"',
    ...(o.providerExtra !== undefined ? [o.providerExtra] : []),
  ];
  sb.write(join(sb.codexHome, 'config.toml'), `${lines.join('\n')}\n`);
  const env = cleanEnv(sb, { MOCK_KEY: 'sk-mock-key', ...(o.vars ?? {}) });
  const close = async (): Promise<void> => {
    await srv.close();
    sb.cleanup();
  };
  t.after(close);
  const run: ExecCase['run'] = (args, ro = {}) =>
    runCliAsync(['exec', ...args], {
      cwd: ro.cwd ?? sb.workspace,
      env: { ...env, ...(ro.env ?? {}) },
      ...(ro.stdin !== undefined ? { stdin: ro.stdin } : {}),
    });
  return {
    sb,
    srv,
    env,
    run,
    runJson: async (args, ro) => {
      const r = await run(['--json', ...args], ro);
      return { ...r, events: parseValidEvents(r.stdout) };
    },
    close,
  };
}

// ------------------------------------------------------------------ shapes

/** Every key path of a JSON value: `.a`, `.a.b`, `.list[].c` (array elements merged). */
export function keyPaths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) {
    for (const x of v) for (const p of keyPaths(x, `${prefix}[]`)) out.add(p);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out.add(`${prefix}.${k}`);
      for (const p of keyPaths(x, `${prefix}.${k}`)) out.add(p);
    }
  }
  return out;
}

/** Fields hexec adds to codex's events (never renames): allowed on our side only. */
export const HEXEC_EVENT_ADDITIONS = ['.hexec', '.reason', '.budget', '.schema_errors', '.usage.cost_usd'];

function withoutPrefixes(paths: Set<string>, prefixes: readonly string[]): string[] {
  return [...paths]
    .filter((p) => !prefixes.some((x) => p === x || p.startsWith(`${x}.`) || p.startsWith(`${x}[]`)))
    .sort();
}

/** Asserts the same key paths, apart from the listed extras on our side. */
export function assertSameKeys(ours: unknown, codex: unknown, label: string, oursMayAdd: readonly string[] = []): void {
  assert.deepEqual(
    withoutPrefixes(keyPaths(ours), oursMayAdd),
    [...keyPaths(codex)].sort(),
    `${label}: key paths differ`,
  );
}

/** `type` plus `item.type`, e.g. `item.completed:agent_message`. */
export function skeleton(events: readonly Record<string, unknown>[]): string[] {
  return events.map((e) => {
    const item = e['item'] as { type?: string } | undefined;
    return item?.type !== undefined ? `${String(e['type'])}:${item.type}` : String(e['type']);
  });
}

/**
 * The events' type order and every event's key paths equal codex's (hexec's additions
 * aside), event by event.
 */
export function assertEventShapes(
  ours: readonly Record<string, unknown>[],
  codex: readonly Record<string, unknown>[],
  label: string,
): void {
  assert.deepEqual(skeleton(ours), skeleton(codex), `${label}: event/item types or order differ`);
  ours.forEach((e, i) =>
    assertSameKeys(e, codex[i], `${label}: event ${i} (${skeleton([e])[0] ?? ''})`, HEXEC_EVENT_ADDITIONS),
  );
}

/**
 * Events with volatile values normalised: thread ids, hexec's additions dropped, the
 * workspace path written as $WORKSPACE (as the fixtures are scrubbed).
 */
export function normaliseEvents(events: readonly Record<string, unknown>[], workspace: string): unknown[] {
  return events.map((e) => {
    const text = JSON.stringify(e);
    const copy = JSON.parse(workspace === '' ? text : text.split(workspace).join('$WORKSPACE')) as Record<
      string,
      unknown
    >;
    if (typeof copy['thread_id'] === 'string') copy['thread_id'] = '<thread>';
    for (const k of ['hexec', 'reason', 'budget', 'schema_errors']) delete copy[k];
    const usage = copy['usage'] as Record<string, unknown> | undefined;
    if (usage !== undefined) delete usage['cost_usd'];
    return copy;
  });
}

/** Full equality with the fixture's stream after normalisation (for scripted replies identical to the mock's). */
export function assertEventsEqualFixture(
  ours: readonly Record<string, unknown>[],
  fixture: string,
  workspace: string,
  file = 'stdout.jsonl',
): void {
  const codex = fixtureEvents(fixture, file);
  assertEventShapes(ours, codex, fixture);
  assert.deepEqual(
    normaliseEvents(ours, workspace),
    normaliseEvents(codex, '$WORKSPACE'),
    `${fixture}: normalised events differ`,
  );
}

// ------------------------------------------------------------------ request bodies

/**
 * Request-body keys in which hexec deliberately differs from codex 0.169:
 * client_metadata carries no installation id (a persistent machine identifier) and
 * no `x-codex-turn-metadata` analytics blob (it leaks workspace paths).
 */
export const CODEX_ONLY_BODY_KEYS = [
  '.client_metadata.x-codex-installation-id',
  '.client_metadata.x-codex-turn-metadata',
];

/**
 * Compares a request body the fake server received with codex's request-N.json body:
 * top-level keys, and the key paths of every structured field except `input` and
 * `tools` (their contents are hexec's own instructions and tool set).
 */
export function assertSameBodyKeys(ours: RecordedRequest, codexBody: Record<string, unknown>, label: string): void {
  const body = ours.body as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), Object.keys(codexBody).sort(), `${label}: top-level body keys differ`);
  const strip = (b: Record<string, unknown>): Record<string, unknown> => {
    const { input: _i, tools: _t, ...rest } = b;
    void _i;
    void _t;
    return rest;
  };
  const codexPaths = [...keyPaths(strip(codexBody))]
    .filter((p) => !CODEX_ONLY_BODY_KEYS.includes(p) && !p.startsWith('.text.format.schema'))
    .sort();
  const ourPaths = [...keyPaths(strip(body))].filter((p) => !p.startsWith('.text.format.schema')).sort();
  assert.deepEqual(ourPaths, codexPaths, `${label}: body key paths differ`);
}

/** Input items after the context (the conversation), by type, with their key sets. */
export function conversationShape(body: Record<string, unknown>): string[] {
  const input = body['input'] as Record<string, unknown>[];
  const firstUser = input.findIndex(
    (i) => i['role'] === 'user' && !JSON.stringify(i['content']).includes('<environment_context>'),
  );
  return input.slice(firstUser).map(itemLabel);
}

/** A response item as `type` or `type/role` (e.g. `message/user`, `function_call`). */
export function itemLabel(item: Record<string, unknown>): string {
  const role = item['role'];
  return `${String(item['type'])}${typeof role === 'string' ? `/${role}` : ''}`;
}
