import { HexecError } from '../errors/index.js';
import type { Decision, ExecPolicy, PatternToken, PrefixRule } from './exec-policy.js';

/**
 * `[rules] prefix_rules = [...]` of requirements.toml (already parsed TOML): pattern
 * elements are `{ token = "x" }` or `{ any_of = ["a", "b"] }`; decision is required and
 * must be prompt, prompt-user (treated as prompt: exec cannot ask) or forbidden.
 */
export function parseRequirementsRules(rules: unknown, file: string): ExecPolicy {
  const bad = (msg: string): HexecError =>
    new HexecError('config', `invalid rules in requirements (${file}): ${msg}`, {
      source: { key: 'rules.prefix_rules' },
    });
  if (rules === undefined) return { prefixRules: [], hostExecutables: [], networkRules: [] };
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) throw bad('[rules] must be a table');
  const list = (rules as Record<string, unknown>)['prefix_rules'] ?? [];
  if (!Array.isArray(list)) throw bad('prefix_rules must be an array');
  const out: PrefixRule[] = [];
  list.forEach((raw: unknown, idx) => {
    const n = idx + 1;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad(`rule ${n} must be a table`);
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      if (!['pattern', 'decision', 'justification'].includes(k)) throw bad(`rule ${n} has unknown field '${k}'`);
    }
    const pat = r['pattern'];
    if (!Array.isArray(pat) || pat.length === 0) throw bad(`rule ${n} needs a non-empty pattern`);
    const tokens: PatternToken[] = pat.map((el: unknown, j) => {
      const e = (el ?? {}) as Record<string, unknown>;
      if (typeof e['token'] === 'string' && e['any_of'] === undefined) return e['token'];
      const any = e['any_of'];
      if (e['token'] === undefined && Array.isArray(any) && any.length > 0 && any.every((x) => typeof x === 'string')) {
        return any;
      }
      throw bad(`rule ${n} pattern element ${j + 1} must be { token = "..." } or { any_of = ["...", ...] }`);
    });
    const d = r['decision'];
    if (d === undefined) throw bad(`rule ${n} has no decision (use 'prompt', 'prompt-user', or 'forbidden')`);
    if (d === 'allow') {
      throw bad(
        `rule ${n} has decision 'allow', which is not permitted in requirements.toml (use 'prompt', 'prompt-user', or 'forbidden')`,
      );
    }
    if (d !== 'prompt' && d !== 'prompt-user' && d !== 'forbidden') {
      throw bad(`rule ${n} has invalid decision ${JSON.stringify(d)} (use 'prompt', 'prompt-user', or 'forbidden')`);
    }
    const decision: Decision = d === 'forbidden' ? 'forbidden' : 'prompt';
    const j = r['justification'];
    if (j !== undefined && typeof j !== 'string') throw bad(`rule ${n} justification must be a string`);
    const [head, ...rest] = tokens as [PatternToken, ...PatternToken[]];
    for (const first of typeof head === 'string' ? [head] : head) {
      out.push({ first, rest, decision, ...(j !== undefined ? { justification: j } : {}), origin: { file, line: 0 } });
    }
  });
  return { prefixRules: out, hostExecutables: [], networkRules: [] };
}
