import { runDoctor, renderDoctor } from '../../app/doctor.js';
import { stdinKind } from '../../env/index.js';
import { HexecError } from '../../errors/index.js';
import { DOCTOR_USAGE, doctorHelp } from '../help.js';
import type { CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';

/**
 * `hexec doctor [--ci] [--json] [--offline] [CONFIG OPTIONS]`. Exit 0 after the report;
 * with --ci, exit 1 when a check failed or something on this machine would reach a
 * non-hermetic run (user config, trust store, user rules, $CODEX_HOME/AGENTS.md, auth.json).
 */
export const doctorCommand: CommandHandler = async (argv, io) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(doctorHelp());
    return 0;
  }
  const extras = [
    { long: 'ci', takesValue: false },
    { long: 'json', takesValue: false },
    { long: 'offline', takesValue: false },
  ];
  const parsed = parseOptions(argv, { scopes: ['config'], extras, usage: DOCTOR_USAGE });
  if (parsed.positionals.length > 0 || parsed.rest.length > 0) {
    throw new HexecError(
      'usage',
      `unexpected argument '${parsed.positionals[0] ?? parsed.rest[0] ?? ''}' found\n\nUsage: ${DOCTOR_USAGE}`,
    );
  }
  const report = await runDoctor({
    env: io.env,
    flags: parsed.options,
    offline: parsed.extras['offline'] === true,
    stdin: stdinKind(),
  });
  io.stdout.write(parsed.extras['json'] === true ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report));
  if (parsed.extras['ci'] === true && (report.machine_dependent || report.failed)) return 1;
  return 0;
};
