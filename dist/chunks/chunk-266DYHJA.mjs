import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);

// src/cli/argv-spec.ts
var SANDBOX_MODES = ["read-only", "workspace-write", "danger-full-access"];
var OPTIONS = [
  // --- flags that change configuration (accepted by exec, config show, config fingerprint, doctor, sandbox)
  { name: "config", long: "config", short: "c", kind: "multi", valueName: "key=value", scope: "config", help: "Override a configuration value (dotted path, TOML value; falls back to a raw string). Repeatable; the last one for a key wins." },
  { name: "enable", long: "enable", kind: "multi", valueName: "FEATURE", scope: "config", help: "Enable a feature (same as -c features.<name>=true). Repeatable." },
  { name: "disable", long: "disable", kind: "multi", valueName: "FEATURE", scope: "config", help: "Disable a feature (same as -c features.<name>=false). Repeatable." },
  { name: "model", long: "model", short: "m", kind: "value", valueName: "MODEL", scope: "config", help: "Model the agent should use." },
  { name: "profile", long: "profile", short: "p", kind: "value", valueName: "NAME", scope: "config", help: "Layer $CODEX_HOME/NAME.config.toml over the user config." },
  { name: "sandbox", long: "sandbox", short: "s", kind: "value", valueName: "MODE", choices: SANDBOX_MODES, scope: "config", help: "Sandbox for model-generated commands." },
  { name: "fullAuto", long: "full-auto", kind: "flag", scope: "config", hexec: true, help: "Alias of --sandbox workspace-write (removed from codex 0.169; kept here for old CI recipes)." },
  { name: "cd", long: "cd", short: "C", kind: "value", valueName: "DIR", scope: "config", help: "Use DIR as the working root." },
  { name: "addDir", long: "add-dir", kind: "multi", valueName: "DIR", scope: "config", help: "Additional writable directory under workspace-write. Repeatable." },
  { name: "skipGitRepoCheck", long: "skip-git-repo-check", kind: "flag", scope: "config", help: "Allow running outside a git repository." },
  { name: "ephemeral", long: "ephemeral", kind: "flag", scope: "config", help: "Do not persist session files (no rollout)." },
  { name: "ignoreUserConfig", long: "ignore-user-config", kind: "flag", scope: "config", help: "Do not load $CODEX_HOME/config.toml (auth still uses CODEX_HOME)." },
  { name: "ignoreRules", long: "ignore-rules", kind: "flag", scope: "config", help: "Do not load user or project .rules files (system and requirements rules still apply)." },
  { name: "trust", long: "trust", kind: "flag", scope: "config", help: "Trust this project: record it in $CODEX_HOME/config.toml and load its .codex/ layer." },
  { name: "strictConfig", long: "strict-config", kind: "flag", scope: "config", help: "Unknown configuration keys are errors (exit 2) instead of warnings." },
  { name: "oss", long: "oss", kind: "flag", scope: "config", help: "Use a local open-source model provider (see --local-provider)." },
  { name: "localProvider", long: "local-provider", kind: "value", valueName: "PROVIDER", choices: ["lmstudio", "ollama"], scope: "config", help: "Which local provider --oss uses." },
  { name: "dangerouslyBypass", long: "dangerously-bypass-approvals-and-sandbox", aliases: ["yolo"], kind: "flag", scope: "config", help: "Run commands with no sandbox and no approvals. Only for already-isolated runners." },
  { name: "approveForMe", long: "approve-for-me", kind: "flag", scope: "config", help: "Sandbox workspace-write; approval requests are refused (exec never prompts)." },
  { name: "bypassHookTrust", long: "dangerously-bypass-hook-trust", kind: "flag", scope: "config", help: "Accepted for compatibility; hexec runs no hooks." },
  { name: "hermetic", long: "hermetic", kind: "flag", scope: "config", hexec: true, help: "Make the run depend only on the command line, the repository, the API key and administrator policy." },
  // --- flags of exec itself
  { name: "image", long: "image", short: "i", kind: "multi", valueName: "FILE", scope: "exec", help: "Attach image(s) to the prompt (comma-separated or repeated)." },
  { name: "outputSchema", long: "output-schema", kind: "value", valueName: "FILE", scope: "exec", help: "JSON Schema the final message must satisfy (checked locally; repaired or exit 3)." },
  { name: "outputLastMessage", long: "output-last-message", short: "o", kind: "value", valueName: "FILE", scope: "exec", help: "Write the final agent message to FILE (atomically)." },
  { name: "json", long: "json", aliases: ["experimental-json"], kind: "flag", scope: "exec", help: "Print events to stdout as JSONL." },
  { name: "color", long: "color", kind: "value", valueName: "WHEN", choices: ["always", "never", "auto"], scope: "exec", help: "Colour in human output." },
  { name: "worktree", long: "worktree", kind: "flag", scope: "exec", help: "Not supported by hexec (exit 2): run in a checkout you prepared instead." },
  { name: "threadSource", long: "thread-source", kind: "value", valueName: "SOURCE", scope: "exec", help: "Source classification recorded for new threads." },
  { name: "cyberAccessProgram", long: "cyber-access-program", kind: "value", valueName: "PROGRAM", choices: ["standard", "daybreak_blue", "daybreak_red"], scope: "exec", help: "Accepted for compatibility; ignored (OpenAI-hosted option)." },
  { name: "record", long: "record", kind: "value", valueName: "FILE", scope: "exec", hexec: true, help: "Record model traffic to a cassette (secrets redacted)." },
  { name: "replay", long: "replay", kind: "value", valueName: "FILE", scope: "exec", hexec: true, help: "Serve the model from a cassette; no network (exit 6 on divergence)." },
  { name: "replayMode", long: "replay-mode", kind: "value", valueName: "MODE", choices: ["strict", "order"], scope: "exec", hexec: true, help: "strict: every request must match its entry; order: serve replies in order." },
  { name: "maxTurns", long: "max-turns", kind: "value", valueName: "N", scope: "exec", hexec: true, help: "Stop with exit 4 after N model requests." },
  { name: "maxTokens", long: "max-tokens", kind: "value", valueName: "N", scope: "exec", hexec: true, help: "Stop with exit 4 when total tokens exceed N." },
  { name: "maxCostUsd", long: "max-cost-usd", kind: "value", valueName: "USD", scope: "exec", hexec: true, help: "Stop with exit 4 when the priced cost exceeds USD." },
  { name: "timeout", long: "timeout", kind: "value", valueName: "DURATION", scope: "exec", hexec: true, help: "Stop with exit 4 after DURATION (e.g. 90s, 10m, 1h)." },
  // resume
  { name: "last", long: "last", kind: "flag", scope: "exec", hidden: true, help: "resume: the most recent session for this directory." },
  { name: "all", long: "all", kind: "flag", scope: "exec", hidden: true, help: "resume: do not filter sessions by directory." }
];
function findLong(name) {
  return OPTIONS.find((o) => o.long === name || (o.aliases ?? []).includes(name));
}
function findShort(ch) {
  return OPTIONS.find((o) => o.short === ch);
}

// src/cli/help.ts
function optionLine(o) {
  const short = o.short !== void 0 ? `-${o.short}, ` : "    ";
  const value = o.kind === "flag" ? "" : ` <${o.valueName ?? "VALUE"}>`;
  const alias = o.aliases !== void 0 && o.aliases.length > 0 ? ` (alias: ${o.aliases.map((a) => `--${a}`).join(", ")})` : "";
  const choices = o.choices !== void 0 ? ` [${o.choices.join("|")}]` : "";
  return `  ${short}--${o.long}${value}
          ${o.help}${choices}${alias}`;
}
function optionsHelp(scopes) {
  return OPTIONS.filter((o) => scopes.includes(o.scope) && o.hidden !== true).map(optionLine).join("\n");
}
var EXEC_USAGE = "hexec exec [OPTIONS] [PROMPT]\n       hexec exec [OPTIONS] resume [--last | SESSION_ID] [PROMPT]";
function execHelp() {
  return `Run the agent non-interactively (drop-in for \`codex exec\`).

Usage: ${EXEC_USAGE}

The prompt is the PROMPT argument; \`-\` reads it from stdin; with no PROMPT and a piped
stdin, stdin is the prompt. With a PROMPT argument stdin is never read.

Options:
${optionsHelp(["config", "exec"])}
  -h, --help
          Print help

Exit codes: 0 success, 1 run failed, 2 usage/config error, 3 output schema, 4 budget,
5 sandbox unavailable, 6 replay diverged, 7 auth, 130 SIGINT, 143 SIGTERM.
`;
}
function topHelp() {
  return `hexec: hermetic, reproducible \`codex exec\` for CI.

Usage: hexec <COMMAND> [ARGS]

Commands:
  exec, e              Run the agent non-interactively (codex exec compatible)
  config show          Print the resolved configuration [--json] [--explain]
  config fingerprint   Print the sha256 of the canonical resolved configuration
  gate FILE            Check a JSON output file: --schema S, --assert EXPR (exit 0 or 3)
  proxy                Hold the API key (read from stdin) in a loopback model proxy
  help [TOPIC]         Show help for a command or topic

Options:
  -h, --help           Print help
  -V, --version        Print version

Run \`hexec help exec\` for the exec options, \`hexec help topics\` for the topic list.
`;
}

export {
  findLong,
  findShort,
  EXEC_USAGE,
  execHelp,
  topHelp
};
