import { runSandboxed } from '../../app/run-sandboxed.js';
import { systemClock } from '../../env/index.js';
import { HexecError } from '../../errors/index.js';
import type { CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';

export const SANDBOX_USAGE = 'hexec sandbox [-s MODE] [--add-dir DIR] [-c key=value] [-C DIR] -- COMMAND [ARGS...]';

const HELP: string = `Run COMMAND under exactly the sandbox, environment policy and exec-policy rules the
agent's commands get, and exit with its exit code (5 if the sandbox cannot be set up).

Usage: ${SANDBOX_USAGE}

Options:
  -s, --sandbox <MODE>      read-only (default) | workspace-write | danger-full-access
      --add-dir <DIR>       Extra writable directory under workspace-write (repeatable)
  -c, --config <key=value>  Any configuration override, as for hexec exec
  -C, --cd <DIR>            Working directory (the workspace root)
      --ignore-rules        Skip user and project .rules files (system rules still apply)
      --hermetic            The environment a hermetic run's commands get
  Every configuration flag of hexec exec is accepted; the configuration files are read
  exactly as hexec exec reads them (see hexec config show --explain).
`;

const SIGNALS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
};

export const sandboxCommand: CommandHandler = async (argv, io) => {
  const dd = argv.indexOf('--');
  const head = dd === -1 ? argv : argv.slice(0, dd);
  if (head.includes('-h') || head.includes('--help')) {
    io.stdout.write(HELP);
    return 0;
  }
  const parsed = parseOptions(argv, { scopes: ['config'], usage: SANDBOX_USAGE, stopAtFirstPositional: true });
  const command = [...parsed.positionals, ...parsed.rest];
  if (command.length === 0) throw new HexecError('usage', `a command is required\n\nUsage: ${SANDBOX_USAGE}`);
  const outcome = await runSandboxed(parsed.options, command, io.env, systemClock, io.signal);
  if (outcome.type === 'refused') {
    io.stderr.write(`hexec sandbox: ${outcome.reason}\n`);
    return 1;
  }
  const r = outcome.result;
  if (r.spawnError !== undefined) {
    io.stderr.write(`hexec sandbox: cannot run ${command[0] ?? ''}: ${r.spawnError}\n`);
    return 127;
  }
  if (r.exitCode !== null) return r.exitCode;
  return 128 + (SIGNALS[r.signal ?? ''] ?? 1);
};

export function sandboxHelp(): string {
  return HELP;
}
