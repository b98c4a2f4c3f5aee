import { shlexJoin } from './shlex.js';

/** A rule's verdict. Strictest wins: forbidden > prompt > allow. */
export type Decision = 'allow' | 'prompt' | 'forbidden';

/** One position of a prefix pattern: a literal token, or alternatives (a nested list). */
export type PatternToken = string | readonly string[];

export interface RuleOrigin {
  readonly file: string;
  readonly line: number;
}

export interface PrefixRule {
  readonly first: string;
  readonly rest: readonly PatternToken[];
  readonly decision: Decision;
  readonly justification?: string;
  readonly origin: RuleOrigin;
}

export interface HostExecutable {
  readonly name: string;
  readonly paths: readonly string[];
}

export interface NetworkRule {
  readonly host: string;
  readonly protocol?: string;
  readonly decision: string;
  readonly justification?: string;
}

export interface ExecPolicy {
  readonly prefixRules: readonly PrefixRule[];
  readonly hostExecutables: readonly HostExecutable[];
  readonly networkRules: readonly NetworkRule[];
}

export const EMPTY_EXEC_POLICY: ExecPolicy = Object.freeze({ prefixRules: [], hostExecutables: [], networkRules: [] });

export function mergeExecPolicies(parts: readonly ExecPolicy[]): ExecPolicy {
  return {
    prefixRules: parts.flatMap((p) => p.prefixRules),
    hostExecutables: parts.flatMap((p) => p.hostExecutables),
    networkRules: parts.flatMap((p) => p.networkRules),
  };
}

/** codex's JSON shape (`codex execpolicy check`). Key order matters for byte equality. */
export interface RuleMatch {
  readonly prefixRuleMatch: {
    readonly matchedPrefix: readonly string[];
    readonly decision: Decision;
    readonly justification?: string;
  };
}

export interface Evaluation {
  readonly matchedRules: readonly RuleMatch[];
  /** Absent when no rule matched. */
  readonly decision?: Decision;
}

const RANK: Record<Decision, number> = { allow: 0, prompt: 1, forbidden: 2 };

export function strictest(a: Decision | undefined, b: Decision): Decision {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** argv[0] against a rule's first token: exact, or an absolute path whose basename
 * matches unless host_executable(name=...) lists the allowed paths and this is not one. */
function firstMatches(policy: ExecPolicy, first: string, argv0: string): boolean {
  if (argv0 === first) return true;
  if (!argv0.startsWith('/') || basename(argv0) !== first) return false;
  const declared = policy.hostExecutables.filter((h) => h.name === first);
  if (declared.length === 0) return true;
  return declared.some((h) => h.paths.includes(argv0));
}

export function matchPrefixRule(policy: ExecPolicy, rule: PrefixRule, argv: readonly string[]): RuleMatch | undefined {
  const argv0 = argv[0];
  if (argv0 === undefined || !firstMatches(policy, rule.first, argv0)) return undefined;
  if (argv.length < 1 + rule.rest.length) return undefined;
  for (let i = 0; i < rule.rest.length; i += 1) {
    const tok = rule.rest[i] as PatternToken;
    const arg = argv[i + 1] as string;
    if (typeof tok === 'string' ? tok !== arg : !tok.includes(arg)) return undefined;
  }
  return {
    prefixRuleMatch: {
      matchedPrefix: argv.slice(0, 1 + rule.rest.length),
      decision: rule.decision,
      ...(rule.justification !== undefined ? { justification: rule.justification } : {}),
    },
  };
}

/** Every matching prefix rule, in load order, and the strictest decision. */
export function evaluate(policy: ExecPolicy, argv: readonly string[]): Evaluation {
  return evaluateMany(policy, [argv]);
}

export function evaluateMany(policy: ExecPolicy, commands: ReadonlyArray<readonly string[]>): Evaluation {
  const matched: RuleMatch[] = [];
  let decision: Decision | undefined;
  for (const argv of commands) {
    for (const rule of policy.prefixRules) {
      const m = matchPrefixRule(policy, rule, argv);
      if (m === undefined) continue;
      matched.push(m);
      decision = strictest(decision, m.prefixRuleMatch.decision);
    }
  }
  return decision === undefined ? { matchedRules: matched } : { matchedRules: matched, decision };
}

/** `codex execpolicy check` output: compact JSON, or 2-space indented with --pretty. */
export function formatEvaluation(e: Evaluation, pretty: boolean): string {
  return pretty ? JSON.stringify(e, null, 2) : JSON.stringify(e);
}

export const PROMPT_UNDER_NEVER = 'approval required by policy, but AskForApproval is set to Never';

/** What exec does with a command: codex's texts for the two refusals. */
export type CommandGate =
  | { readonly type: 'allow'; readonly evaluation: Evaluation }
  | {
      readonly type: 'refused';
      readonly decision: 'prompt' | 'forbidden';
      readonly reason: string;
      readonly evaluation: Evaluation;
    };

/**
 * exec runs with approval policy `never`: `forbidden` refuses with the rule's
 * justification (``"`<cmd>` rejected: <justification>"``), `prompt` refuses because no
 * one can approve, `allow` and "no rule matched" run the command in the sandbox.
 */
export function gateEvaluation(e: Evaluation, displayArgv: readonly string[]): CommandGate {
  if (e.decision === 'forbidden') {
    const hit = e.matchedRules.find((m) => m.prefixRuleMatch.decision === 'forbidden');
    const why = hit?.prefixRuleMatch.justification ?? 'forbidden by policy';
    return {
      type: 'refused',
      decision: 'forbidden',
      reason: `\`${shlexJoin(displayArgv)}\` rejected: ${why}`,
      evaluation: e,
    };
  }
  if (e.decision === 'prompt')
    return { type: 'refused', decision: 'prompt', reason: PROMPT_UNDER_NEVER, evaluation: e };
  return { type: 'allow', evaluation: e };
}
