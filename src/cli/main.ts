import { HexecError } from '../errors/index.js';
import { HEXEC_VERSION } from '../util/index.js';
import { topHelp } from './help.js';
import type { CliIO, CommandHandler } from './io.js';

/**
 * Subcommands, loaded lazily so `hexec --version` and small commands stay fast.
 * To add a command: one line here, one file in cli/commands/.
 */
const COMMANDS: Record<string, () => Promise<CommandHandler>> = {
  exec: async () => (await import('./commands/exec-command.js')).execCommand,
  e: async () => (await import('./commands/exec-command.js')).execCommand,
  config: async () => (await import('./commands/config-command.js')).configCommand,
  help: async () => (await import('./commands/help-command.js')).helpCommand,
  sandbox: async () => (await import('./commands/sandbox-command.js')).sandboxCommand,
  execpolicy: async () => (await import('./commands/execpolicy-command.js')).execpolicyCommand,
  gate: async () => (await import('./commands/gate-command.js')).gateCommand,
  proxy: async () => (await import('./commands/proxy-command.js')).proxyCommand,
  doctor: async () => (await import('./commands/doctor-command.js')).doctorCommand,
  batch: async () => (await import('./commands/batch-command.js')).batchCommand,
  'replay-server': async () => (await import('./commands/replay-server-command.js')).replayServerCommand,
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '-h' || first === '--help') {
    io.stdout.write(topHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === '-V' || first === '--version') {
    io.stdout.write(`hexec ${HEXEC_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[first];
  if (load === undefined) {
    throw new HexecError(
      'usage',
      `unrecognized subcommand '${first}'\n\nUsage: hexec <COMMAND> [ARGS]\n\nFor more information, try '--help'.`,
    );
  }
  const handler = await load();
  return handler(argv.slice(1), io);
}

export function registeredCommands(): string[] {
  return Object.keys(COMMANDS);
}
