import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HexecError } from '../errors/index.js';
import {
  matchPrefixRule,
  type Decision,
  type ExecPolicy,
  type HostExecutable,
  type NetworkRule,
  type PatternToken,
  type PrefixRule,
} from './exec-policy.js';
import { parseStarlarkCalls, rulesSyntaxError, type StarCall, type StarValue } from './rules-syntax.js';
import { shlexJoin, shlexSplit } from './shlex.js';

const DECISIONS: readonly Decision[] = ['allow', 'prompt', 'forbidden'];
const ARGS: Record<string, readonly string[]> = {
  prefix_rule: ['pattern', 'decision', 'justification', 'match', 'not_match'],
  host_executable: ['name', 'paths'],
  network_rule: ['host', 'protocol', 'decision', 'justification'],
};

type Fail = (msg: string, line?: number) => HexecError;

function str(v: StarValue | undefined, what: string, fail: Fail): string | undefined {
  if (v === undefined || v.t === 'none') return undefined;
  if (v.t !== 'str') throw fail(`${what} must be a string`, v.line);
  return v.v;
}

function patternOf(v: StarValue | undefined, fail: Fail): PatternToken[] {
  if (v === undefined) throw fail('prefix_rule requires pattern=[...]');
  if (v.t !== 'list') throw fail('invalid pattern element: pattern must be a list', v.line);
  if (v.items.length === 0) throw fail('invalid pattern element: pattern cannot be empty', v.line);
  return v.items.map((item) => {
    if (item.t === 'str') return item.v;
    if (item.t === 'list') {
      if (item.items.length === 0) throw fail('invalid pattern element: alternatives cannot be empty', item.line);
      return item.items.map((alt) => {
        if (alt.t !== 'str') throw fail('invalid pattern element: alternatives must be strings', alt.line);
        return alt.v;
      });
    }
    throw fail('invalid pattern element: expected a string or a list of strings', item.line);
  });
}

function examplesOf(v: StarValue | undefined, fail: Fail): Array<{ argv: string[]; shown: string }> {
  if (v === undefined || v.t === 'none') return [];
  if (v.t !== 'list') throw fail('invalid example: match/not_match must be a list', v.line);
  return v.items.map((e) => {
    if (e.t === 'str') {
      const argv = shlexSplit(e.v);
      if (argv === undefined || argv.length === 0) throw fail(`invalid example: ${e.v}`, e.line);
      return { argv, shown: e.v };
    }
    if (e.t === 'list' && e.items.length > 0 && e.items.every((x) => x.t === 'str')) {
      const argv = e.items.map((x) => (x as { v: string }).v);
      return { argv, shown: shlexJoin(argv) };
    }
    throw fail('invalid example: expected a string or a non-empty list of strings', e.line);
  });
}

function debugToken(t: PatternToken): string {
  return typeof t === 'string'
    ? `Single(${JSON.stringify(t)})`
    : `Alts([${t.map((s) => JSON.stringify(s)).join(', ')}])`;
}

/** The rule as codex's Rust Debug prints it in example errors. */
export function debugRule(r: PrefixRule): string {
  const d = r.decision[0]?.toUpperCase() + r.decision.slice(1);
  const j = r.justification === undefined ? 'None' : `Some(${JSON.stringify(r.justification)})`;
  return `PrefixRule { pattern: PrefixPattern { canonical_matching: false, first: ${JSON.stringify(r.first)}, rest: [${r.rest
    .map(debugToken)
    .join(', ')}] }, decision: ${d}, justification: ${j} }`;
}

function prefixRule(call: StarCall, file: string, fail: Fail, hosts: readonly HostExecutable[]): PrefixRule[] {
  const pattern = patternOf(call.kwargs.get('pattern'), fail);
  const decisionText = str(call.kwargs.get('decision'), 'decision', fail) ?? 'allow';
  if (!(DECISIONS as readonly string[]).includes(decisionText)) throw fail(`invalid decision: ${decisionText}`);
  const decision = decisionText as Decision;
  const justification = str(call.kwargs.get('justification'), 'justification', fail);
  if (justification !== undefined && justification.trim() === '')
    throw fail('invalid rule: justification cannot be empty');
  const [head, ...rest] = pattern as [PatternToken, ...PatternToken[]];
  const firsts = typeof head === 'string' ? [head] : [...head];
  const rules: PrefixRule[] = firsts.map((first) => ({
    first,
    rest,
    decision,
    ...(justification !== undefined ? { justification } : {}),
    origin: { file, line: call.line },
  }));
  const policy: ExecPolicy = { prefixRules: rules, hostExecutables: hosts, networkRules: [] };
  const matches = (argv: string[]): PrefixRule | undefined => rules.find((r) => matchPrefixRule(policy, r, argv));
  const unmatched = examplesOf(call.kwargs.get('match'), fail).filter((e) => matches(e.argv) === undefined);
  const exampleError = (msg: string): HexecError =>
    new HexecError('config', msg, { source: { file, line: call.line } });
  if (unmatched.length > 0) {
    throw exampleError(
      `expected every example to match at least one rule. rules: ${JSON.stringify(rules.map(debugRule))}; unmatched examples: ${JSON.stringify(
        unmatched.map((e) => e.shown),
      )} (problem is on or around line ${call.line})`,
    );
  }
  for (const e of examplesOf(call.kwargs.get('not_match'), fail)) {
    const hit = matches(e.argv);
    if (hit !== undefined) {
      throw exampleError(
        `expected example to not match rule \`${debugRule(hit)}\`: ${e.shown} (problem is on or around line ${call.line})`,
      );
    }
  }
  return rules;
}

/**
 * Parses one `.rules` file's text. Errors are HexecError('config') (exit 2) whose source
 * names the file and line; example failures carry codex's wording.
 */
export function parseRules(text: string, file: string): ExecPolicy {
  const prefixRules: PrefixRule[] = [];
  const hostExecutables: HostExecutable[] = [];
  const networkRules: NetworkRule[] = [];
  const calls = parseStarlarkCalls(text, file);
  for (const call of calls) {
    const fail: Fail = (msg, line) =>
      line === undefined || line === call.line
        ? rulesSyntaxError(file, call.line, call.column, msg)
        : rulesSyntaxError(file, line, 1, msg);
    const allowed = ARGS[call.name];
    if (allowed === undefined) {
      throw fail(`unknown function '${call.name}' (allowed: prefix_rule, host_executable, network_rule)`);
    }
    for (const k of call.kwargs.keys()) {
      if (!allowed.includes(k)) throw fail(`${call.name}() got an unexpected keyword argument '${k}'`);
    }
    if (call.name === 'host_executable') {
      const name = str(call.kwargs.get('name'), 'name', fail);
      if (name === undefined || name === '' || name.includes('/'))
        throw fail('invalid rule: host_executable name must be a bare program name');
      const pv = call.kwargs.get('paths');
      if (pv === undefined || pv.t !== 'list' || !pv.items.every((x) => x.t === 'str'))
        throw fail('invalid rule: host_executable paths must be a list of strings');
      hostExecutables.push({ name, paths: pv.items.map((x) => (x as { v: string }).v) });
    } else if (call.name === 'network_rule') {
      const host = str(call.kwargs.get('host'), 'host', fail);
      if (host === undefined || host === '') throw fail('invalid rule: network_rule host cannot be empty');
      const protocol = str(call.kwargs.get('protocol'), 'protocol', fail);
      const decision = str(call.kwargs.get('decision'), 'decision', fail) ?? 'allow';
      const justification = str(call.kwargs.get('justification'), 'justification', fail);
      networkRules.push({
        host,
        decision,
        ...(protocol !== undefined ? { protocol } : {}),
        ...(justification !== undefined ? { justification } : {}),
      });
    }
  }
  // host_executable may come after the rules that rely on it: examples see all of them.
  for (const call of calls) {
    if (call.name !== 'prefix_rule') continue;
    const fail: Fail = (msg, line) =>
      rulesSyntaxError(file, line ?? call.line, line === undefined ? call.column : 1, msg);
    prefixRules.push(...prefixRule(call, file, fail, hostExecutables));
  }
  return { prefixRules, hostExecutables, networkRules };
}

export function loadRulesFile(path: string, shownAs: string = path): ExecPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HexecError('config', `cannot read rules file: ${(e as Error).message}`, { source: { file: shownAs } });
  }
  return parseRules(text, shownAs);
}

/** All `*.rules` files of a directory, sorted by name; a missing directory has none. */
export function ruleFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.rules'))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}
