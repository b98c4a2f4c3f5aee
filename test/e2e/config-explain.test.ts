import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeTree } from '../helpers/config-tree.js';
import { gitInit, runCli } from '../helpers/run-cli.js';

test('--explain names every layer file with its fate, the line of each value, instructions and rules', (t) => {
  const tree = makeTree({ git: false });
  t.after(() => tree.cleanup());
  gitInit(tree.ws);
  const sub = join(tree.ws, 'sub');
  const files = {
    system: tree.write('etc-codex/config.toml', 'model_reasoning_effort = "high"\n'),
    managed: tree.write('etc-codex/managed_config.toml', '\nmodel_verbosity = "low"\n'),
    requirements: tree.write(
      'etc-codex/requirements.toml',
      'allowed_sandbox_modes = ["read-only", "workspace-write"]\n',
    ),
    user: tree.write(
      'home/.codex/config.toml',
      `# user\nmodel = "user-model"\n\n[projects.${JSON.stringify(tree.ws)}]\ntrust_level = "trusted"\n`,
    ),
    profile: tree.write('home/.codex/ci.config.toml', 'model = "profile-model"\nproject_doc_max_bytes = 1000\n'),
    root: tree.write('ws/.codex/config.toml', '\n\nmodel = "root-model"\n'),
    sub: tree.write('ws/sub/.codex/config.toml', '[sandbox_workspace_write]\nnetwork_access = true\n'),
  };
  tree.write('etc-codex/rules/sys.rules', '');
  tree.write('ws/AGENTS.md', 'root doc\n');
  tree.write('home/.codex/AGENTS.md', 'home doc\n');
  const r = runCli(
    ['config', 'show', '--explain', '-p', 'ci', '-c', 'model_context_window=1000', '-s', 'workspace-write'],
    { cwd: sub, env: tree.vars() },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  const layerLine = (fate: string, kind: string, file: string) =>
    new RegExp(`^  ${fate} +${kind} +${file.replaceAll('.', '\\.')}`, 'm');
  assert.match(out, layerLine('loaded', 'system', files.system));
  assert.match(out, layerLine('loaded', 'user', files.user));
  assert.match(out, layerLine('loaded', 'profile', files.profile));
  assert.match(out, layerLine('loaded', 'project', files.root));
  assert.match(out, layerLine('loaded', 'project', files.sub));
  assert.match(out, /^ {2}loaded +session-flags +session-flags/m);
  assert.match(out, layerLine('loaded', 'managed', files.managed));
  assert.match(out, /^ {2}loaded +cli-flags +cli-flags — --sandbox$/m);
  assert.match(out, layerLine('loaded', 'requirements', files.requirements));
  assert.match(out, new RegExp(`^model = "root-model" +# project \\(${files.root}:3\\)$`, 'm'));
  assert.match(out, new RegExp(`^model_reasoning_effort = "high" +# system \\(${files.system}:1\\)$`, 'm'));
  assert.match(out, new RegExp(`^model_verbosity = "low" +# managed \\(${files.managed}:2\\)$`, 'm'));
  assert.match(out, new RegExp(`^project_doc_max_bytes = 1000 +# profile \\(${files.profile}:2\\)$`, 'm'));
  assert.match(
    out,
    new RegExp(`^sandbox_workspace_write\\.network_access = true +# project \\(${files.sub}:2\\)$`, 'm'),
  );
  assert.match(out, /^model_context_window = 1000 +# session-flags \(-c model_context_window\)$/m);
  assert.match(out, /^sandbox_mode = "workspace-write" +# cli-flags \(--sandbox\)$/m);
  assert.match(out, /^output_schema_max_repairs = 2 +# default$/m);
  assert.match(out, new RegExp(`^  user +${tree.codexHome}/AGENTS\\.md 8 bytes`, 'm'));
  assert.match(out, new RegExp(`^  project +${tree.ws}/AGENTS\\.md 9 bytes`, 'm'));
  assert.match(out, new RegExp(`^  system +${tree.sys}/rules$`, 'm'));
  assert.match(out, new RegExp(`^  project +${tree.ws}/sub/\\.codex/rules \\(absent\\)$`, 'm'));
  assert.match(
    out,
    /Administrator policy \(applies even to hermetic runs\):\n {2}system .*\n {2}managed .*\n {2}requirements /,
  );

  const hermetic = runCli(['config', 'show', '--explain', '--hermetic', '-p', 'ci'], { cwd: sub, env: tree.vars() });
  assert.equal(hermetic.code, 0, hermetic.stderr);
  assert.match(hermetic.stdout, layerLine('skipped', 'user', files.user));
  assert.match(
    hermetic.stdout,
    new RegExp(`^  skipped +profile +${files.profile.replaceAll('.', '\\.')} — hermetic run`, 'm'),
  );
  assert.match(
    hermetic.stdout,
    new RegExp(
      `^  skipped +project +${files.root.replaceAll('.', '\\.')} .*— hermetic run: project config is read only with --trust`,
      'm',
    ),
  );
  assert.match(
    hermetic.stdout,
    new RegExp(`^  loaded +system +${files.system.replaceAll('.', '\\.')} \\[administrator policy\\]`, 'm'),
  );
  assert.doesNotMatch(hermetic.stdout, /AGENTS\.md \d+ bytes/);
});

test('config show --json carries the documented top-level fields; help lists the config topic', (t) => {
  const tree = makeTree();
  t.after(() => tree.cleanup());
  const r = runCli(['config', 'show', '--json'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json).sort(), [
    'addDirs',
    'adminPolicy',
    'codexHome',
    'cwd',
    'effective',
    'ephemeral',
    'fingerprint',
    'gitRoot',
    'hermetic',
    'hexec_version',
    'home',
    'ignoreRules',
    'ignoreUserConfig',
    'instructions',
    'layers',
    'projectRoot',
    'provenance',
    'requirements',
    'rulesDirs',
    'schema_version',
    'trust',
    'warnings',
  ]);
  const topics = runCli(['help', 'topics'], { cwd: tree.ws, env: tree.vars() });
  assert.match(topics.stdout, /^ {2}config$/m);
  const help = runCli(['help', 'config'], { cwd: tree.ws, env: tree.vars() });
  assert.match(help.stdout, /hexec config show \[--json\] \[--explain\]/);
  assert.match(help.stdout, /--strict-config/);
  const bad = runCli(['config', 'frobnicate'], { cwd: tree.ws, env: tree.vars() });
  assert.equal(bad.code, 2);
});
