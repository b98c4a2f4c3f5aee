import { join } from 'node:path';
import { mergeExecPolicies, type ExecPolicy } from './exec-policy.js';
import { loadRulesFile, ruleFilesIn } from './rules-load.js';

export interface RuleSourcesInput {
  /** /etc/codex or $HEXEC_SYSTEM_CONFIG_DIR (HostEnv.systemConfigDir). */
  readonly systemConfigDir: string;
  readonly codexHome: string;
  /** `.codex` directories of TRUSTED projects, lowest precedence first. */
  readonly trustedProjectCodexDirs: readonly string[];
  /** --ignore-rules: drops user and project rules, never system ones. */
  readonly ignoreRules: boolean;
}

/** The `.rules` files codex loads, lowest precedence first. */
export function ruleFiles(input: RuleSourcesInput): string[] {
  const files = ruleFilesIn(join(input.systemConfigDir, 'rules'));
  if (!input.ignoreRules) {
    files.push(...ruleFilesIn(join(input.codexHome, 'rules')));
    for (const d of input.trustedProjectCodexDirs) files.push(...ruleFilesIn(join(d, 'rules')));
  }
  return files;
}

/** Loads every rules file plus the requirements' rules (which --ignore-rules keeps). */
export function loadExecPolicy(input: RuleSourcesInput, requirements: readonly ExecPolicy[] = []): ExecPolicy {
  return mergeExecPolicies([...ruleFiles(input).map((f) => loadRulesFile(f)), ...requirements]);
}
