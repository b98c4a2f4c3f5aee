import { OPTIONS, type OptionSpec } from './argv-spec.js';

function optionLine(o: OptionSpec): string {
  const short = o.short !== undefined ? `-${o.short}, ` : '    ';
  const value = o.kind === 'flag' ? '' : ` <${o.valueName ?? 'VALUE'}>`;
  const alias =
    o.aliases !== undefined && o.aliases.length > 0 ? ` (alias: ${o.aliases.map((a) => `--${a}`).join(', ')})` : '';
  const choices = o.choices !== undefined ? ` [${o.choices.join('|')}]` : '';
  return `  ${short}--${o.long}${value}\n          ${o.help}${choices}${alias}`;
}

export function optionsHelp(scopes: ReadonlyArray<OptionSpec['scope']>): string {
  return OPTIONS.filter((o) => scopes.includes(o.scope) && o.hidden !== true)
    .map(optionLine)
    .join('\n');
}

export const EXEC_USAGE =
  'hexec exec [OPTIONS] [PROMPT]\n       hexec exec [OPTIONS] resume [--last | SESSION_ID] [PROMPT]';

export function execHelp(): string {
  return `Run the agent non-interactively (drop-in for \`codex exec\`).

Usage: ${EXEC_USAGE}

The prompt is the PROMPT argument; \`-\` reads it from stdin; with no PROMPT and a piped
stdin, stdin is the prompt. With a PROMPT argument stdin is never read.

Options:
${optionsHelp(['config', 'exec'])}
  -h, --help
          Print help

Exit codes: 0 success, 1 run failed, 2 usage/config error, 3 output schema, 4 budget,
5 sandbox unavailable, 6 replay diverged, 7 auth, 130 SIGINT, 143 SIGTERM.
`;
}

export const CONFIG_USAGE =
  'hexec config show [--json] [--explain] [CONFIG OPTIONS]\n       hexec config fingerprint [CONFIG OPTIONS]';

export function configHelp(): string {
  return `Show the configuration a run would use, and where each value comes from.

Usage: ${CONFIG_USAGE}

Layers, weakest first: /etc/codex/config.toml (or $HEXEC_SYSTEM_CONFIG_DIR), $CODEX_HOME/config.toml,
$CODEX_HOME/<profile>.config.toml (-p), trusted .codex/config.toml files from the project root
down to the working directory, -c/--enable/--disable, managed_config.toml, dedicated flags
(-m, -s, --oss, ...); then requirements.toml constrains the result. See docs/config.md.

  show               Print every resolved key (secrets redacted)
      --explain      ... with the layer, file and line of each value, every layer looked
                     for and its fate, instruction files and rules directories
      --json         Print the resolved configuration as one JSON object
  fingerprint        Print the sha256 of the canonical resolved configuration (secrets
                     redacted, machine paths normalised): equal fingerprints, equal config

Config options (same as hexec exec, so you see the config of that exact launch):
${optionsHelp(['config'])}
  -h, --help
          Print help
`;
}

export const DOCTOR_USAGE = 'hexec doctor [--ci] [--json] [--offline] [CONFIG OPTIONS]';

export function doctorHelp(): string {
  return `Check what on this machine would reach a run, and whether the sandbox works.

Usage: ${DOCTOR_USAGE}

Checks: sandbox preflight; config layers a default and a hermetic run load, and the keys
that differ; user/project rules files; instruction files; CODEX_HOME under /tmp; stdin;
which credential would be used (never its value); provider reachable (a TCP connection,
no request; skipped with --offline); hooks, skills, MCP servers and notify (hexec runs
none of them); notable environment variables. See docs/hermetic.md.

      --ci           Exit 1 when a check failed or anything on this machine would make a
                     non-hermetic run depend on it (user config or profile, a project
                     trusted in the user's trust store, user rules, $CODEX_HOME/AGENTS.md,
                     auth.json). Administrator policy is listed but does not count.
      --json         Print the report as one JSON object (docs/hermetic.md)
      --offline      Do not contact the provider

Config options (as for hexec exec):
${optionsHelp(['config'])}
  -h, --help
          Print help

Exit codes: 0 report printed, 1 (--ci) machine-dependent or failed check, 2 usage error.
`;
}

export function topHelp(): string {
  return `hexec: hermetic, reproducible \`codex exec\` for CI.

Usage: hexec <COMMAND> [ARGS]

Commands:
  exec, e              Run the agent non-interactively (codex exec compatible)
  config show          Print the resolved configuration [--json] [--explain]
  config fingerprint   Print the sha256 of the canonical resolved configuration
  gate FILE            Check a JSON output file: --schema S, --assert EXPR (exit 0 or 3)
  proxy                Hold the API key (read from stdin) in a loopback model proxy
  sandbox -- CMD       Run a command under exactly the sandbox the agent's commands get
  execpolicy check     Evaluate .rules files against a command (codex's output)
  doctor               Check the sandbox and what on this machine would reach a run
  replay-server FILE   Serve a recorded cassette as an OpenAI-compatible endpoint
  batch                Run a task file: one unit per task, reports (see hexec help batch)
  help [TOPIC]         Show help for a command or topic

Options:
  -h, --help           Print help
  -V, --version        Print version

Run \`hexec help exec\` for the exec options, \`hexec help config\` for configuration,
\`hexec help topics\` for the topic list.
`;
}
