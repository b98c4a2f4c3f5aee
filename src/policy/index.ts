export {
  type ShellEnvironmentPolicy,
  type EnvInherit,
  DEFAULT_SHELL_ENVIRONMENT_POLICY,
  DEFAULT_EXCLUDES,
  parseShellEnvironmentPolicy,
  applyShellEnvironmentPolicy,
} from './shell-env-policy.js';
export {
  createCommandEnv,
  markerVariables,
  passThroughEnv,
  CODEX_COMPAT_VERSION,
  type CommandEnvContext,
} from './command-env.js';
export { envGlobToRegExp } from './env-glob.js';
export { shlexSplit, shlexQuote, shlexJoin } from './shlex.js';
export {
  type Decision,
  type PatternToken,
  type PrefixRule,
  type HostExecutable,
  type NetworkRule,
  type ExecPolicy,
  type RuleMatch,
  type Evaluation,
  type CommandGate,
  EMPTY_EXEC_POLICY,
  PROMPT_UNDER_NEVER,
  mergeExecPolicies,
  evaluate,
  evaluateMany,
  formatEvaluation,
  gateEvaluation,
  strictest,
} from './exec-policy.js';
export { parseStarlarkCalls, type StarCall, type StarValue } from './rules-syntax.js';
export { parseRules, loadRulesFile, ruleFilesIn, debugRule } from './rules-load.js';
export { parseRequirementsRules } from './requirements-rules.js';
export { ruleFiles, loadExecPolicy, type RuleSourcesInput } from './rules-sources.js';
export { commandsForPolicy, splitPlainScript, shellScriptOf } from './shell-split.js';
export { gateCommand } from './gate-command.js';
