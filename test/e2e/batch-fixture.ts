import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, type FakeReply } from '../helpers/fake-model-server.js';
import { makeSandbox, parseJsonl, type Sandbox } from '../helpers/workspace.js';

/**
 * Four tasks that cover a batch's outcomes, each with its own repository and its own
 * model script (the fake server routes by the marker in the prompt, so units may run in
 * parallel):
 *   alpha: a command writes out.txt, verify checks it           → passed, exit 0
 *   beta:  answers, but verify fails                            → failed, exit 1 (agent 0)
 *   gamma: inline output schema, verify reads the -o file       → passed, exit 0
 *   delta: max_turns 1 and a tool call                          → failed, exit 4, verify skipped
 */
export const BATCH_IDS = ['alpha', 'beta', 'gamma', 'delta'] as const;

export const EXPECTED = [
  { id: 'alpha', status: 'passed', exit_code: 0, verify: 'passed' },
  { id: 'beta', status: 'failed', exit_code: 1, verify: 'failed' },
  { id: 'gamma', status: 'passed', exit_code: 0, verify: 'passed' },
  { id: 'delta', status: 'failed', exit_code: 4, verify: 'skipped' },
] as const;

const USAGE = { input: 1000, cached: 0, output: 100, reasoning: 0 };

/** The model's script per task, `times` times over (one per live batch). */
export function batchRoutes(times = 1): Record<string, FakeReply[]> {
  const once: Record<string, FakeReply[]> = {
    'task-alpha': [
      reply.execCommand('echo alpha > out.txt', {}, { usage: USAGE }),
      reply.text('done alpha', { usage: USAGE }),
    ],
    'task-beta': [reply.text('done beta', { usage: USAGE })],
    'task-gamma': [reply.json({ ok: true }, { usage: USAGE })],
    // max_turns 1: the second request is never made.
    'task-delta': [reply.execCommand('echo more', {}, { usage: USAGE })],
  };
  const out: Record<string, FakeReply[]> = {};
  for (const [k, v] of Object.entries(once)) out[k] = Array.from({ length: times }, () => v).flat();
  return out;
}

export interface BatchFixture {
  readonly sb: Sandbox;
  /** Absolute path of tasks.jsonl. */
  readonly tasks: string;
}

/** A sandbox with one git repository per task and a JSONL task file pointing at `baseUrl`. */
export function makeBatchFixture(baseUrl: string): BatchFixture {
  const sb = makeSandbox({ git: false });
  const base = sb.root;
  for (const id of BATCH_IDS) {
    const repo = join(base, 'repos', id);
    mkdirSync(repo, { recursive: true });
    spawnSync('git', ['init', '-q', '-b', 'main', repo], { stdio: 'ignore' });
  }
  const defaults = {
    prompt: 'ignored: each task has its own',
    model: 'mock-model',
    sandbox: 'workspace-write',
    config: {
      model_provider: 'mock',
      'model_providers.mock': {
        name: 'mock',
        base_url: baseUrl,
        wire_api: 'responses',
        env_key: 'MOCK_KEY',
        request_max_retries: 0,
        stream_max_retries: 0,
      },
      'model_prices.mock-model': { input_per_mtok: 2, output_per_mtok: 8 },
    },
  };
  const lines = [
    { defaults },
    { id: 'alpha', repo: 'repos/alpha', prompt: 'task-alpha: write out.txt', verify: 'grep -qx alpha out.txt' },
    { id: 'beta', repo: 'repos/beta', prompt: 'task-beta: fix it', verify: 'test -f never-created.txt' },
    {
      id: 'gamma',
      repo: 'repos/gamma',
      prompt: 'task-gamma: answer in JSON',
      output_schema: {
        type: 'object',
        properties: { ok: { type: 'boolean' } },
        required: ['ok'],
        additionalProperties: false,
      },
      verify: 'grep -q true "$HEXEC_BATCH_LAST_MESSAGE"',
    },
    { id: 'delta', repo: 'repos/delta', prompt: 'task-delta: loop', max_turns: 1, verify: 'true' },
  ];
  const tasks = join(base, 'tasks.jsonl');
  writeFileSync(tasks, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return { sb, tasks };
}

/** A `batch report --json` with what legitimately differs between two runs of a batch removed (times, directories). */
export function comparableReport(json: string): unknown {
  const rep = JSON.parse(json) as { tasks: Record<string, unknown>[]; totals: Record<string, unknown> };
  return {
    ...rep,
    tasks: rep.tasks.map((t) => ({ ...t, wall_ms: 0, dir: '' })),
    partial: [],
    totals: { ...rep.totals, wall_ms: 0 },
  };
}

/** The events a unit wrote, parsed. */
export function unitEvents(dir: string): Record<string, unknown>[] {
  return parseJsonl(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
}
