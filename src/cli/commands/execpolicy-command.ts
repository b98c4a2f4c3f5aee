import { HexecError } from '../../errors/index.js';
import { evaluate, formatEvaluation, loadRulesFile, mergeExecPolicies } from '../../policy/index.js';
import type { CommandHandler } from '../io.js';

const USAGE = 'hexec execpolicy check --rules FILE [--rules FILE...] [--pretty] [--] COMMAND...';

/**
 * `hexec execpolicy check`: evaluates one argv against `.rules` files and prints codex's
 * JSON (`{"matchedRules":[...],"decision":"..."}`, or `{"matchedRules":[]}`).
 */
export function execpolicyHelp(): string {
  return `Check a command against execpolicy .rules files; prints codex's JSON verdict.\n\nUsage: ${USAGE}\n`;
}

export const execpolicyCommand: CommandHandler = async (argv, io) => {
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === undefined) {
    io.stdout.write(execpolicyHelp());
    return argv[0] === undefined ? 2 : 0;
  }
  if (argv[0] !== 'check') throw new HexecError('usage', `unrecognized subcommand '${argv[0]}'\n\nUsage: ${USAGE}`);
  const files: string[] = [];
  let pretty = false;
  const command: string[] = [];
  let i = 1;
  while (i < argv.length) {
    const a = argv[i] as string;
    i += 1;
    if (command.length > 0) command.push(a);
    else if (a === '--') {
      command.push(...argv.slice(i));
      break;
    } else if (a === '--pretty') pretty = true;
    else if (a === '--resolve-host-executables') continue;
    else if (a === '--rules' || a === '-r') {
      const f = argv[i];
      if (f === undefined) throw new HexecError('usage', `a value is required for '--rules <PATH>'\n\nUsage: ${USAGE}`);
      files.push(f);
      i += 1;
    } else if (a.startsWith('--rules=')) files.push(a.slice('--rules='.length));
    else if (a.startsWith('-') && command.length === 0)
      throw new HexecError('usage', `unexpected argument '${a}' found\n\nUsage: ${USAGE}`);
    else command.push(a);
  }
  if (files.length === 0)
    throw new HexecError(
      'usage',
      `the following required arguments were not provided:\n  --rules <PATH>\n\nUsage: ${USAGE}`,
    );
  if (command.length === 0)
    throw new HexecError(
      'usage',
      `the following required arguments were not provided:\n  <COMMAND>...\n\nUsage: ${USAGE}`,
    );
  const policy = mergeExecPolicies(files.map((f) => loadRulesFile(f)));
  io.stdout.write(`${formatEvaluation(evaluate(policy, command), pretty)}\n`);
  return 0;
};
