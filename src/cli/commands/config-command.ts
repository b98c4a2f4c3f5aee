import { fingerprint, resolveConfig } from '../../config/index.js';
import { HexecError } from '../../errors/index.js';
import { configHelp, CONFIG_USAGE } from '../help.js';
import type { CliIO, CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { configJson, renderConfigText } from '../config-render.js';

/** `hexec config show [--json] [--explain]` and `hexec config fingerprint`. */
function printWarnings(io: CliIO, warnings: readonly string[]): void {
  for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
}

export const configCommand: CommandHandler = async (argv, io) => {
  const sub = argv[0];
  if (sub === undefined || sub === '-h' || sub === '--help' || argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(configHelp());
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'show' && sub !== 'fingerprint') {
    throw new HexecError(
      'usage',
      `unrecognized subcommand '${sub}'\n\nUsage: ${CONFIG_USAGE}\n\nFor more information, try '--help'.`,
    );
  }
  const extras =
    sub === 'show'
      ? [
          { long: 'json', takesValue: false },
          { long: 'explain', takesValue: false },
        ]
      : [];
  const parsed = parseOptions(argv.slice(1), { scopes: ['config'], extras, usage: CONFIG_USAGE });
  if (parsed.positionals.length > 0 || parsed.rest.length > 0) {
    throw new HexecError(
      'usage',
      `unexpected argument '${parsed.positionals[0] ?? parsed.rest[0] ?? ''}' found\n\nUsage: ${CONFIG_USAGE}`,
    );
  }
  const resolved = resolveConfig(parsed.options, io.env);
  printWarnings(io, resolved.warnings);
  if (sub === 'fingerprint') {
    io.stdout.write(`${fingerprint(resolved)}\n`);
    return 0;
  }
  if (parsed.extras['json'] === true) {
    io.stdout.write(`${JSON.stringify(configJson(resolved), null, 2)}\n`);
    return 0;
  }
  io.stdout.write(renderConfigText(resolved, parsed.extras['explain'] === true));
  return 0;
};
