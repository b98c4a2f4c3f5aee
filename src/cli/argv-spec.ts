/**
 * Declarative option table for `hexec exec` (and the subcommands that share its
 * configuration flags). One row per flag; the parser, `--help` and the README's flag
 * table all come from here.
 */
export type OptionKind = 'flag' | 'value' | 'multi';

export interface OptionSpec {
  /** Property name in ParsedOptions. */
  readonly name: string;
  readonly long: string;
  readonly short?: string;
  readonly aliases?: readonly string[];
  readonly kind: OptionKind;
  readonly valueName?: string;
  readonly choices?: readonly string[];
  readonly help: string;
  /** Which group of commands accepts it. */
  readonly scope: 'config' | 'exec';
  /** Not shown in --help (compatibility spellings). */
  readonly hidden?: boolean;
  /** hexec-only flag (not in codex exec 0.169). */
  readonly hexec?: boolean;
}

export const SANDBOX_MODES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export const OPTIONS: readonly OptionSpec[] = [
  // --- flags that change configuration (accepted by exec, config show, config fingerprint, doctor, sandbox)
  {
    name: 'config',
    long: 'config',
    short: 'c',
    kind: 'multi',
    valueName: 'key=value',
    scope: 'config',
    help: 'Override a configuration value (dotted path, TOML value; falls back to a raw string). Repeatable; the last one for a key wins.',
  },
  {
    name: 'enable',
    long: 'enable',
    kind: 'multi',
    valueName: 'FEATURE',
    scope: 'config',
    help: 'Enable a feature (same as -c features.<name>=true). Repeatable.',
  },
  {
    name: 'disable',
    long: 'disable',
    kind: 'multi',
    valueName: 'FEATURE',
    scope: 'config',
    help: 'Disable a feature (same as -c features.<name>=false). Repeatable.',
  },
  {
    name: 'model',
    long: 'model',
    short: 'm',
    kind: 'value',
    valueName: 'MODEL',
    scope: 'config',
    help: 'Model the agent should use.',
  },
  {
    name: 'profile',
    long: 'profile',
    short: 'p',
    kind: 'value',
    valueName: 'NAME',
    scope: 'config',
    help: 'Layer $CODEX_HOME/NAME.config.toml over the user config.',
  },
  {
    name: 'sandbox',
    long: 'sandbox',
    short: 's',
    kind: 'value',
    valueName: 'MODE',
    choices: SANDBOX_MODES,
    scope: 'config',
    help: 'Sandbox for model-generated commands.',
  },
  {
    name: 'fullAuto',
    long: 'full-auto',
    kind: 'flag',
    scope: 'config',
    hexec: true,
    help: 'Alias of --sandbox workspace-write (removed from codex 0.169; kept here for old CI recipes).',
  },
  {
    name: 'cd',
    long: 'cd',
    short: 'C',
    kind: 'value',
    valueName: 'DIR',
    scope: 'config',
    help: 'Use DIR as the working root.',
  },
  {
    name: 'addDir',
    long: 'add-dir',
    kind: 'multi',
    valueName: 'DIR',
    scope: 'config',
    help: 'Additional writable directory under workspace-write. Repeatable.',
  },
  {
    name: 'skipGitRepoCheck',
    long: 'skip-git-repo-check',
    kind: 'flag',
    scope: 'config',
    help: 'Allow running outside a git repository.',
  },
  {
    name: 'ephemeral',
    long: 'ephemeral',
    kind: 'flag',
    scope: 'config',
    help: 'Do not persist session files (no rollout).',
  },
  {
    name: 'ignoreUserConfig',
    long: 'ignore-user-config',
    kind: 'flag',
    scope: 'config',
    help: 'Do not load $CODEX_HOME/config.toml (auth still uses CODEX_HOME).',
  },
  {
    name: 'ignoreRules',
    long: 'ignore-rules',
    kind: 'flag',
    scope: 'config',
    help: 'Do not load user or project .rules files (system and requirements rules still apply).',
  },
  {
    name: 'trust',
    long: 'trust',
    kind: 'flag',
    scope: 'config',
    help: 'Trust this project: record it in $CODEX_HOME/config.toml and load its .codex/ layer.',
  },
  {
    name: 'strictConfig',
    long: 'strict-config',
    kind: 'flag',
    scope: 'config',
    help: 'Unknown configuration keys are errors (exit 2) instead of warnings.',
  },
  {
    name: 'oss',
    long: 'oss',
    kind: 'flag',
    scope: 'config',
    help: 'Use a local open-source model provider (see --local-provider).',
  },
  {
    name: 'localProvider',
    long: 'local-provider',
    kind: 'value',
    valueName: 'PROVIDER',
    choices: ['lmstudio', 'ollama'],
    scope: 'config',
    help: 'Which local provider --oss uses.',
  },
  {
    name: 'dangerouslyBypass',
    long: 'dangerously-bypass-approvals-and-sandbox',
    aliases: ['yolo'],
    kind: 'flag',
    scope: 'config',
    help: 'Run commands with no sandbox and no approvals. Only for already-isolated runners.',
  },
  {
    name: 'approveForMe',
    long: 'approve-for-me',
    kind: 'flag',
    scope: 'config',
    help: 'Sandbox workspace-write; approval requests are refused (exec never prompts).',
  },
  {
    name: 'bypassHookTrust',
    long: 'dangerously-bypass-hook-trust',
    kind: 'flag',
    scope: 'config',
    help: 'Accepted for compatibility; hexec runs no hooks.',
  },
  {
    name: 'hermetic',
    long: 'hermetic',
    kind: 'flag',
    scope: 'config',
    hexec: true,
    help: 'Make the run depend only on the command line, the repository, the API key and administrator policy.',
  },
  // --- flags of exec itself
  {
    name: 'image',
    long: 'image',
    short: 'i',
    kind: 'multi',
    valueName: 'FILE',
    scope: 'exec',
    help: 'Attach image(s) to the prompt (comma-separated or repeated).',
  },
  {
    name: 'outputSchema',
    long: 'output-schema',
    kind: 'value',
    valueName: 'FILE',
    scope: 'exec',
    help: 'JSON Schema the final message must satisfy (checked locally; repaired or exit 3).',
  },
  {
    name: 'outputLastMessage',
    long: 'output-last-message',
    short: 'o',
    kind: 'value',
    valueName: 'FILE',
    scope: 'exec',
    help: 'Write the final agent message to FILE (atomically).',
  },
  {
    name: 'json',
    long: 'json',
    aliases: ['experimental-json'],
    kind: 'flag',
    scope: 'exec',
    help: 'Print events to stdout as JSONL.',
  },
  {
    name: 'color',
    long: 'color',
    kind: 'value',
    valueName: 'WHEN',
    choices: ['always', 'never', 'auto'],
    scope: 'exec',
    help: 'Colour in human output.',
  },
  {
    name: 'worktree',
    long: 'worktree',
    kind: 'flag',
    scope: 'exec',
    help: 'Not supported by hexec (exit 2): run in a checkout you prepared instead.',
  },
  {
    name: 'threadSource',
    long: 'thread-source',
    kind: 'value',
    valueName: 'SOURCE',
    scope: 'exec',
    help: 'Source classification recorded for new threads.',
  },
  {
    name: 'cyberAccessProgram',
    long: 'cyber-access-program',
    kind: 'value',
    valueName: 'PROGRAM',
    choices: ['standard', 'daybreak_blue', 'daybreak_red'],
    scope: 'exec',
    help: 'Accepted for compatibility; ignored (OpenAI-hosted option).',
  },
  {
    name: 'usageEvents',
    long: 'usage-events',
    kind: 'flag',
    scope: 'exec',
    hexec: true,
    help: 'With --json, also emit a `model.usage` event with the usage (and cost) of each model request as it completes.',
  },
  {
    name: 'record',
    long: 'record',
    kind: 'value',
    valueName: 'FILE',
    scope: 'exec',
    hexec: true,
    help: 'Record model traffic to a cassette (secrets redacted).',
  },
  {
    name: 'replay',
    long: 'replay',
    kind: 'value',
    valueName: 'FILE',
    scope: 'exec',
    hexec: true,
    help: 'Serve the model from a cassette; no network (exit 6 on divergence).',
  },
  {
    name: 'replayMode',
    long: 'replay-mode',
    kind: 'value',
    valueName: 'MODE',
    choices: ['strict', 'order'],
    scope: 'exec',
    hexec: true,
    help: 'strict: every request must match its entry; order: serve replies in order.',
  },
  {
    name: 'maxTurns',
    long: 'max-turns',
    kind: 'value',
    valueName: 'N',
    scope: 'exec',
    hexec: true,
    help: 'Stop with exit 4 after N model requests.',
  },
  {
    name: 'maxTokens',
    long: 'max-tokens',
    kind: 'value',
    valueName: 'N',
    scope: 'exec',
    hexec: true,
    help: 'Stop with exit 4 when total tokens exceed N.',
  },
  {
    name: 'maxCostUsd',
    long: 'max-cost-usd',
    kind: 'value',
    valueName: 'USD',
    scope: 'exec',
    hexec: true,
    help: 'Stop with exit 4 when the priced cost exceeds USD.',
  },
  {
    name: 'timeout',
    long: 'timeout',
    kind: 'value',
    valueName: 'DURATION',
    scope: 'exec',
    hexec: true,
    help: 'Stop with exit 4 after DURATION (e.g. 90s, 10m, 1h).',
  },
  // resume
  {
    name: 'last',
    long: 'last',
    kind: 'flag',
    scope: 'exec',
    hidden: true,
    help: 'resume: the most recent session for this directory.',
  },
  {
    name: 'all',
    long: 'all',
    kind: 'flag',
    scope: 'exec',
    hidden: true,
    help: 'resume: do not filter sessions by directory.',
  },
];

export function findLong(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.long === name || (o.aliases ?? []).includes(name));
}

export function findShort(ch: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.short === ch);
}
