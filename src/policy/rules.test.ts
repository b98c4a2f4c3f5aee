import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../test/helpers/paths.js';
import { isHexecError } from '../errors/index.js';
import { evaluate, formatEvaluation, PROMPT_UNDER_NEVER } from './exec-policy.js';
import { gateCommand } from './gate-command.js';
import { parseRequirementsRules } from './requirements-rules.js';
import { parseRules } from './rules-load.js';
import { commandsForPolicy } from './shell-split.js';
import { shlexSplit } from './shlex.js';

const F = join(FIXTURES, 'codex');
const read = (p: string): string => readFileSync(join(F, p), 'utf8');

test('fixture 19: execpolicy check output for each command, byte for byte', () => {
  const policy = parseRules(read('19-execpolicy-check/example.rules'), 'example.rules');
  const lines = read('19-execpolicy-check/check-output.txt').split('\n');
  let checked = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const m = /^\$ codex execpolicy check --rules example.rules (.*)$/.exec(lines[i] ?? '');
    if (m === null) continue;
    const argv = shlexSplit(m[1] as string) as string[];
    assert.equal(formatEvaluation(evaluate(policy, argv), false), lines[i + 1]);
    checked += 1;
  }
  assert.equal(checked, 4);
  assert.equal(policy.networkRules.length, 1);
});

test('--pretty is 2-space indented JSON of the same value', () => {
  const policy = parseRules(read('19-execpolicy-check/example.rules'), 'example.rules');
  const e = evaluate(policy, ['rm', '-rf', '/']);
  assert.equal(formatEvaluation(e, true), JSON.stringify(JSON.parse(formatEvaluation(e, false)), null, 2));
  assert.match(formatEvaluation(e, true), /\n {2}"matchedRules": \[\n/);
});

test('fixture 19: prompt-user is an invalid decision in .rules', () => {
  assert.throws(
    () => parseRules(read('19-execpolicy-check/prompt-user-rejected.rules'), 'pu.rules'),
    (e: unknown) => {
      assert.ok(isHexecError(e) && e.kind === 'config' && e.exitCode === 2);
      assert.equal(e.message, 'invalid decision: prompt-user');
      assert.deepEqual(e.source, { file: 'pu.rules', line: 1, column: 1 });
      return true;
    },
  );
});

test("fixture 13a: forbidden refuses `/bin/bash -lc 'echo hi'` with the justification", () => {
  const policy = parseRules(read('13a-rules-forbidden/default.rules'), 'default.rules');
  const g = gateCommand(policy, ['/bin/bash', '-lc', 'echo hi']);
  assert.equal(g.type, 'refused');
  assert.equal(g.type === 'refused' ? g.reason : '', "`/bin/bash -lc 'echo hi'` rejected: no echo allowed");
  assert.equal(gateCommand(policy, ['/bin/bash', '-lc', 'ls']).type, 'allow');
});

test('fixture 13b: prompt under approval never is refused with codex text', () => {
  const policy = parseRules(read('13b-rules-prompt-under-never/default.rules'), 'default.rules');
  const g = gateCommand(policy, ['/bin/bash', '-lc', 'echo hi']);
  assert.deepEqual(g.type === 'refused' ? [g.decision, g.reason] : [], ['prompt', PROMPT_UNDER_NEVER]);
});

test('fixture 13c: a failing match example is exit 2 with codex text naming file and line', () => {
  assert.throws(
    () => parseRules(read('13c-rules-invalid-example/default.rules'), '$CODEX_HOME/rules/default.rules'),
    (e: unknown) => {
      assert.ok(isHexecError(e) && e.exitCode === 2);
      const expected = read('13c-rules-invalid-example/stderr.txt').split('\n')[1] as string;
      assert.equal(`${e.source?.file}:${e.source?.line}: ${e.message}`, expected);
      return true;
    },
  );
});

test('not_match examples that match fail at load', () => {
  assert.throws(
    () => parseRules('prefix_rule(pattern=["git"], not_match=["git status"])', 'x.rules'),
    /expected example to not match rule `PrefixRule \{.*first: "git".*`: git status/,
  );
});

test('strictest decision wins across rules; all matches are listed in order', () => {
  const p = parseRules(
    `# comment
prefix_rule(pattern = ["git"], decision = "allow")
prefix_rule(
    pattern = ["git", ["push", "fetch"], "origin"],  # nested alternatives
    decision = "forbidden",
    justification = 'no remote',
)
prefix_rule(pattern=["git", "push"], decision="prompt",)
`,
    'a.rules',
  );
  const e = evaluate(p, ['git', 'push', 'origin', 'main']);
  assert.equal(e.decision, 'forbidden');
  assert.deepEqual(
    e.matchedRules.map((m) => m.prefixRuleMatch.matchedPrefix),
    [['git'], ['git', 'push', 'origin'], ['git', 'push']],
  );
  assert.equal(evaluate(p, ['git', 'push']).decision, 'prompt');
  assert.equal(evaluate(p, ['git']).decision, 'allow');
  assert.deepEqual(evaluate(p, ['ls']), { matchedRules: [] });
});

test('first-token alternatives expand into one rule each; list examples work', () => {
  const p = parseRules(
    'prefix_rule(pattern=[["rm","unlink"]], decision="forbidden", match=[["unlink","x"], "rm -f y"], not_match=["rmdir z"])',
    'b.rules',
  );
  assert.equal(p.prefixRules.length, 2);
  assert.equal(evaluate(p, ['unlink', 'a']).decision, 'forbidden');
});

test('absolute program paths match by basename unless host_executable restricts the paths', () => {
  const open = parseRules('prefix_rule(pattern=["git"], decision="forbidden")', 'c.rules');
  assert.equal(evaluate(open, ['/usr/bin/git', 'status']).decision, 'forbidden');
  const gated = parseRules(
    'host_executable(name="git", paths=["/usr/bin/git"])\nprefix_rule(pattern=["git"], decision="forbidden")',
    'c.rules',
  );
  assert.equal(evaluate(gated, ['/usr/bin/git']).decision, 'forbidden');
  assert.equal(evaluate(gated, ['/opt/git']).decision, undefined);
});

test('bash -lc: plain scripts are judged per simple command; unparseable ones also by rough segments', () => {
  assert.deepEqual(commandsForPolicy(['bash', '-lc', 'git status && echo "a b" | wc -l; ls']).commands, [
    ['git', 'status'],
    ['echo', 'a b'],
    ['wc', '-l'],
    ['ls'],
  ]);
  assert.deepEqual(commandsForPolicy(['ls', '-l']), { commands: [['ls', '-l']], exact: true });
  const rough = commandsForPolicy(['bash', '-lc', 'X=1 rm -rf "$HOME" > /dev/null']);
  assert.equal(rough.exact, false);
  assert.deepEqual(rough.commands[0], ['bash', '-lc', 'X=1 rm -rf "$HOME" > /dev/null']);
  const p = parseRules('prefix_rule(pattern=["rm","-rf"], decision="forbidden", justification="no")', 'd.rules');
  assert.equal(gateCommand(p, ['bash', '-lc', 'cd x; rm -rf $(pwd)']).type, 'refused');
  assert.equal(gateCommand(p, ['bash', '-lc', 'echo rm -rf']).type, 'allow');
});

test('requirements [rules]: token/any_of patterns; allow rejected; prompt-user accepted', () => {
  const p = parseRequirementsRules(
    {
      prefix_rules: [
        {
          pattern: [{ token: 'rm' }, { any_of: ['-rf', '-fr'] }],
          decision: 'forbidden',
          justification: 'requirements say no',
        },
        { pattern: [{ token: 'curl' }], decision: 'prompt-user' },
      ],
    },
    '/etc/codex/requirements.toml',
  );
  assert.equal(evaluate(p, ['rm', '-fr', 'x']).decision, 'forbidden');
  assert.equal(evaluate(p, ['curl']).decision, 'prompt');
  assert.throws(
    () => parseRequirementsRules({ prefix_rules: [{ pattern: [{ token: 'echo' }], decision: 'allow' }] }, 'req.toml'),
    /decision 'allow', which is not permitted in requirements\.toml \(use 'prompt', 'prompt-user', or 'forbidden'\)/,
  );
  assert.throws(
    () => parseRequirementsRules({ prefix_rules: [{ pattern: [{ token: 'echo' }] }] }, 'req.toml'),
    /no decision/,
  );
  assert.throws(
    () => parseRequirementsRules({ prefix_rules: [{ pattern: ['echo'], decision: 'forbidden' }] }, 'req.toml'),
    /token/,
  );
});

const MALFORMED: Array<[string, string, RegExp, number]> = [
  ['unknown function', 'foo_rule(pattern=["x"])', /unknown function 'foo_rule'/, 1],
  ['assignment', 'x = ["a"]', /expected '\(' after 'x'/, 1],
  ['load()', 'load("x.star", "y")', /'load' is not supported/, 1],
  ['positional argument', 'prefix_rule(["git"])', /positional arguments are not supported/, 1],
  ['unknown keyword', 'prefix_rule(pattern=["git"], descision="allow")', /unexpected keyword argument 'descision'/, 1],
  ['duplicate keyword', 'prefix_rule(pattern=["a"], pattern=["b"])', /given twice/, 1],
  ['missing pattern', 'prefix_rule(decision="allow")', /requires pattern/, 1],
  ['empty pattern', 'prefix_rule(pattern=[])', /pattern cannot be empty/, 1],
  ['pattern not a list', 'prefix_rule(pattern="git")', /pattern must be a list/, 1],
  ['empty alternatives', 'prefix_rule(pattern=["git", []])', /alternatives cannot be empty/, 1],
  ['int in pattern', 'prefix_rule(pattern=["git", 3])', /expected a string or a list of strings/, 1],
  ['bad decision', '\n\nprefix_rule(pattern=["git"], decision="deny")', /invalid decision: deny/, 3],
  ['prompt-user', 'prefix_rule(pattern=["git"], decision="prompt-user")', /invalid decision: prompt-user/, 1],
  ['unterminated string', 'prefix_rule(pattern=["git)', /unterminated string literal/, 1],
  ['unclosed call', 'prefix_rule(pattern=["git"]', /expected/, 1],
  ['two calls on a line', 'prefix_rule(pattern=["a"]) prefix_rule(pattern=["b"])', /expected a newline/, 1],
  ['variable as value', 'prefix_rule(pattern=cmds)', /variables and expressions are not supported/, 1],
  ['stray character', 'prefix_rule(pattern=["a"]) + 1', /unexpected character/, 1],
  ['bad escape', 'prefix_rule(pattern=["\\q"])', /invalid escape/, 1],
  ['empty justification', 'prefix_rule(pattern=["a"], justification="")', /justification cannot be empty/, 1],
  [
    'justification not a string',
    'prefix_rule(pattern=["a"], justification=["x"])',
    /justification must be a string/,
    1,
  ],
  ['unparseable example', 'prefix_rule(pattern=["a"], match=["a \'b"])', /invalid example/, 1],
  ['match not a list', 'prefix_rule(pattern=["a"], match="a")', /must be a list/, 1],
  ['host_executable with a path name', 'host_executable(name="/usr/bin/git", paths=[])', /bare program name/, 1],
  ['network_rule without host', 'network_rule(protocol="https")', /host cannot be empty/, 1],
  ['implicit concatenation', 'prefix_rule(pattern=["a" "b"])', /implicit string concatenation/, 1],
];

for (const [name, text, re, line] of MALFORMED) {
  test(`malformed rules: ${name}`, () => {
    assert.throws(
      () => parseRules(text, 'bad.rules'),
      (e: unknown) => {
        assert.ok(isHexecError(e) && e.kind === 'config', String(e));
        assert.match(e.message, re);
        assert.equal(e.source?.file, 'bad.rules');
        assert.equal(e.source?.line, line);
        return true;
      },
    );
  });
}

test('accepted syntax: comments, trailing commas, single quotes, triple quotes, True/None, multi-line lists', () => {
  const p = parseRules(
    `prefix_rule(
  pattern = [
    'npm',   # the tool
    ["test", "run",],
  ],
  decision = "prompt",
  justification = """multi
line""",
  match = None,
)
network_rule(host="x.org", protocol="https", decision="deny")
`,
    'ok.rules',
  );
  assert.equal(p.prefixRules[0]?.justification, 'multi\nline');
  assert.equal(evaluate(p, ['npm', 'run', 'x']).decision, 'prompt');
});
