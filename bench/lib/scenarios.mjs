// The model-run scenarios: what the fake server answers, which flags both CLIs get, and
// how a run is checked (a run that did not do the work does not count as fast).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const text = (t) => ({ kind: 'text', text: t });
const execCommand = (cmd) => ({ kind: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd }) });
const applyPatch = (input) => ({ kind: 'custom_tool_call', name: 'apply_patch', input });

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from the model\n*** End Patch\n';

/** @typedef {{id:string,label:string,replies:object[],args:string[],commands:number,final:string,initialisedHome?:boolean,check?:(ws:string)=>string|null}} Scenario */

/** @type {Scenario[]} */
export const RUN_SCENARIOS = [
  {
    id: 'one-request',
    label: 'one-request run (empty home)',
    replies: [text('hello')],
    args: [],
    commands: 0,
    final: 'hello',
  },
  {
    id: 'one-request-home',
    label: 'one-request run (initialised home)',
    replies: [text('hello')],
    args: [],
    commands: 0,
    final: 'hello',
    initialisedHome: true,
  },
  {
    id: 'tool-call',
    label: 'tool-call run (1 exec_command)',
    replies: [execCommand('echo hi'), text('done')],
    args: [],
    commands: 1,
    final: 'done',
  },
  {
    id: 'apply-patch',
    label: 'apply_patch run (-s workspace-write)',
    replies: [applyPatch(PATCH), text('patched')],
    args: ['-s', 'workspace-write'],
    commands: 0,
    final: 'patched',
    check: (ws) => {
      const p = join(ws, 'hello.txt');
      return existsSync(p) && readFileSync(p, 'utf8') === 'hello from the model\n'
        ? null
        : 'hello.txt was not created by the patch';
    },
  },
  {
    id: 'twenty-turn',
    label: '20-turn run (19 tool calls + answer)',
    replies: [...Array.from({ length: 19 }, (_, i) => execCommand(`echo step ${i + 1}`)), text('all done')],
    args: [],
    commands: 19,
    final: 'all done',
  },
];

export const PROMPT = 'please do the task';

/** A fresh machine for one run: HOME, CODEX_HOME, an empty system config dir and a git repo. */
export function makeWorkspace(dir) {
  const home = join(dir, 'home');
  const codexHome = join(dir, 'codex-home');
  const systemDir = join(dir, 'etc-codex');
  const ws = join(dir, 'ws');
  for (const d of [home, codexHome, systemDir, ws]) mkdirSync(d, { recursive: true });
  const g = spawnSync('git', ['init', '-q', ws], { stdio: 'ignore' });
  if (g.status !== 0) throw new Error('git init failed (is git installed?)');
  return { dir, home, codexHome, systemDir, ws };
}

/** The user config both CLIs read, as in the fixtures' probe harness (tools/run-probe.sh). */
export function writeProviderConfig(codexHome, baseUrl) {
  writeFileSync(
    join(codexHome, 'config.toml'),
    `model = "gpt-5.5"\nmodel_provider = "mock"\n\n[model_providers.mock]\nname = "mock"\nbase_url = "${baseUrl}"\nwire_api = "responses"\nenv_key = "MOCK_KEY"\n`,
  );
}

export function runEnv(w, tool) {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: w.home,
    CODEX_HOME: w.codexHome,
    MOCK_KEY: 'sk-mock-bench',
    LANG: 'C.UTF-8',
    ...(tool === 'hexec' ? { HEXEC_SYSTEM_CONFIG_DIR: w.systemDir } : {}),
  };
}

function parseJsonl(s) {
  const out = [];
  for (const line of s.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // not an event line
    }
  }
  return out;
}

/** null when the run did what the scenario asked, else why not. */
export function checkRun(sc, r, ws) {
  if (r.code !== 0) return `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  const events = parseJsonl(r.stdout);
  const items = events.filter((e) => e.type === 'item.completed').map((e) => e.item);
  const msgs = items.filter((i) => i.type === 'agent_message');
  const last = msgs[msgs.length - 1];
  if (last?.text !== sc.final)
    return `final message ${JSON.stringify(last?.text)} instead of ${JSON.stringify(sc.final)}`;
  const ok = items.filter((i) => i.type === 'command_execution' && i.exit_code === 0).length;
  if (ok !== sc.commands) return `${ok} successful commands instead of ${sc.commands}`;
  return sc.check ? sc.check(ws) : null;
}
