import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/index.js';
import { formatError, HexecError } from '../../src/errors/index.js';
import { flags, makeTree, type ConfigTree } from '../helpers/config-tree.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Seeded fuzzing of malformed configuration: every generated -c value and TOML file
 * is invalid by construction, so each must end in a config/usage error (exit 2) whose
 * message names its source (the file, or -c). Bulk in-process against resolveConfig and
 * the formatter bin/ uses; a sample through the real CLI.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(0x6865786563);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const ident = () =>
  `k${Array.from({ length: 1 + int(8) }, () => pick([...'abcdefghijklmnopqrstuvwxyz_0123456789'])).join('')}`;
const junk = () =>
  Array.from({ length: 1 + int(12) }, () => pick([...'abcXYZ !?@$%^&*()[]{}<>|;:,.~`"\'\\/é漢\t'])).join('');
const letters = () => `${pick(['x', 'bad', 'nope', 'zz'])}${junk().replace(/[\d=]/g, '')}`;

interface Case {
  readonly args: string[];
  readonly config: string[];
  readonly flagsExtra: Partial<Parameters<typeof flags>[0]>;
  /** path (relative to the tree root) → content */
  readonly files: Record<string, string | Uint8Array>;
  /** text the error must contain: the file or the -c source */
  readonly source: (tree: ConfigTree) => string;
}

const NON_STRING_TOML = ['12', '-3', '1.5', 'true', 'false', '[1, 2]', '{ a = 1 }', '1979-05-27', '[]', 'inf'];
const cOverride = (raw: string, extra: Partial<Parameters<typeof flags>[0]> = {}): Case => ({
  args: ['-c', raw, ...(extra.strictConfig === true ? ['--strict-config'] : [])],
  config: [raw],
  flagsExtra: extra,
  files: {},
  source: () => '-c',
});

function badOverride(): Case {
  switch (int(9)) {
    case 0:
      return cOverride(junk().replaceAll('=', '') || 'x');
    case 1:
      return cOverride(`${' '.repeat(int(3))}=${junk()}`);
    case 2:
      return cOverride(
        `${pick(['model', 'model_provider', 'developer_instructions', 'openai_base_url', 'model_reasoning_effort'])}=${pick(NON_STRING_TOML)}`,
      );
    case 3:
      return cOverride(
        `${pick(['project_doc_max_bytes', 'max_turns', 'request_max_retries', 'stream_idle_timeout_ms', 'output_schema_max_repairs'])}=${pick([letters(), '-1', '1.5', 'true', '[1]'])}`,
      );
    case 4:
      return cOverride(
        `${pick(['hermetic', 'include_environment_context', `features.${ident()}`, 'sandbox_workspace_write.network_access'])}=${pick([letters(), '1', '0', '"true"', '[true]'])}`,
      );
    case 5:
      return cOverride(
        `${pick(['sandbox_mode', 'oss_provider', 'shell_environment_policy.inherit', 'approval_policy'])}=${pick([letters(), 'untrusted', 'READ-ONLY', '3'])}`,
      );
    case 6:
      return cOverride(
        `${pick(['notify', 'project_root_markers', 'project_doc_fallback_filenames'])}=${pick(['[1, "a"]', letters(), '[[1]]', 'true'])}`,
      );
    case 7:
      return cOverride(`zz_${ident()}${pick(['', '.x', '.y.z'])}=${pick(['1', letters()])}`, { strictConfig: true });
    default:
      return cOverride(
        `${pick(['timeout', 'max_cost_usd', 'model_provider'])}=${pick(['"soon"', '0', '-2', '"1 h"', '"nope-provider"'])}`,
      );
  }
}

const BROKEN_LINES = [
  () => `${ident()} = `,
  () => `${ident()} = "unterminated ${junk().replace(/"/g, '')}`,
  () => `[${ident()}`,
  () => `= ${int(100)}`,
  () => `${ident()} = [1, 2`,
  () => `${ident()} = { a = 1`,
  () => `"bad\\q${ident()}" = 1`,
  () => `${ident()} = 1979-13-45`,
  () => `${ident()} = 0x`,
  () => `${ident()} = 'it's'`,
  () => `${ident()} = """never closed`,
  () => `${ident()}`,
  () => `${ident()} = 1 2`,
  () => `[[${ident()}]\n`,
  () => {
    const k = ident();
    return `${k} = 1\n${k} = 2`;
  },
];
const BASES = [
  'model = "m"\n',
  '# comment\n[features]\nx = true\n',
  '[sandbox_workspace_write]\nnetwork_access = false\n',
  '',
];
const TYPE_ERRORS = [
  'model = 5',
  '[sandbox_workspace_write]\nnetwork_access = "x"',
  'project_doc_max_bytes = -4',
  'sandbox_mode = "everything"',
  'notify = "x"',
  '[mcp_servers.s]\ncommand = 1',
  'timeout = "later"',
  '[model_prices.m]\ninput_per_mtok = "cheap"',
  'profile = "legacy"',
  'approval_policy = "untrusted"',
];
const REQ_ERRORS = [
  'allowed_sandbox_modes = "read-only"',
  'allowed_sandbox_modes = ["workspace-write"]',
  'allowed_approval_policies = []',
  '[rules]\nprefix_rules = [{ pattern = [{ token = "rm" }], decision = "allow" }]',
  '[rules]\nprefix_rules = [{ pattern = [], decision = "forbidden" }]',
  'allowed_approval_policies = ["sometimes"]',
];

function badFile(): Case {
  const targets = {
    user: 'home/.codex/config.toml',
    system: 'etc-codex/config.toml',
    managed: 'etc-codex/managed_config.toml',
    requirements: 'etc-codex/requirements.toml',
    profile: 'home/.codex/p1.config.toml',
    project: 'ws/.codex/config.toml',
  } as const;
  const target = pick(Object.keys(targets) as Array<keyof typeof targets>);
  const rel: string = targets[target];
  let content: string | Uint8Array;
  const kind = int(4);
  const base = pick(BASES);
  if (kind === 0 || kind === 1) {
    const lines = base.split('\n');
    lines.splice(int(lines.length + 1), 0, pick(BROKEN_LINES)());
    content = lines.join('\n');
  } else if (kind === 2) {
    content = Buffer.concat([
      Buffer.from(`${base}k = "`),
      Buffer.from([pick([0xff, 0xc3, 0xed, 0x80])]),
      Buffer.from('"\n'),
    ]);
  } else {
    // the wrong value goes first, so it sits at top level whatever the base holds
    content = target === 'requirements' ? pick(REQ_ERRORS) : `${pick(TYPE_ERRORS)}\n${base}`;
  }
  const strict = kind === 1 && rand() < 0.5;
  const files: Record<string, string | Uint8Array> = { [rel]: content };
  return {
    args: [
      ...(target === 'profile' ? ['-p', 'p1'] : []),
      ...(target === 'project' ? ['--trust', '--hermetic'] : []),
      ...(strict ? ['--strict-config'] : []),
    ],
    config: [],
    flagsExtra: {
      ...(target === 'profile' ? { profile: 'p1' } : {}),
      ...(target === 'project' ? { trust: true, hermetic: true } : {}),
      ...(strict ? { strictConfig: true } : {}),
    },
    files,
    source: (tree) => join(tree.root, rel),
  };
}

const CASES: Case[] = Array.from({ length: 1200 }, (_, i) => (i % 2 === 0 ? badOverride() : badFile()));

function apply(tree: ConfigTree, c: Case): () => void {
  const written = Object.entries(c.files).map(([rel, text]) => tree.write(rel, text));
  return () => {
    for (const p of written) rmSync(p, { force: true });
  };
}

test('>= 1000 malformed -c values and TOML files: each is a config error (exit 2) naming its source', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const counts = { override: 0, file: 0 };
  for (const [i, c] of CASES.entries()) {
    const undo = apply(tree, c);
    try {
      resolveConfig(flags({ config: c.config, ...c.flagsExtra }), tree.env());
      assert.fail(`case ${i} was accepted: ${JSON.stringify({ args: c.args, files: c.files })}`);
    } catch (e) {
      if (!(e instanceof HexecError))
        throw new Error(`case ${i} crashed: ${formatError(e)}\n${JSON.stringify({ args: c.args, files: c.files })}`, {
          cause: e,
        });
      assert.equal(e.exitCode, 2, `case ${i}: ${formatError(e)}`);
      const text = formatError(e);
      assert.ok(text.includes(c.source(tree)), `case ${i} does not name ${c.source(tree)}: ${text}`);
    } finally {
      undo();
    }
    counts[c.config.length > 0 ? 'override' : 'file'] += 1;
  }
  assert.ok(counts.override >= 500 && counts.file >= 500, JSON.stringify(counts));
});

test('a sample of 30 through the CLI: exit 2, "Error: " + the source, never a crash', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  for (let i = 0; i < 30; i += 1) {
    const c = CASES[i * 37 + 5] as Case;
    const undo = apply(tree, c);
    try {
      const r = runCli(['config', 'show', '--json', ...c.args], { cwd: tree.ws, env: tree.vars() });
      assert.equal(r.code, 2, `sample ${i}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith('Error: ') && r.stderr.includes(c.source(tree)), `sample ${i}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    } finally {
      undo();
    }
  }
});
