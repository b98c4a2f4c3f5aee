import { HexecError } from '../../errors/index.js';
import { EXEC_USAGE, execHelp } from '../help.js';
import type { CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { choosePromptSource, decodePromptBytes, promptFromStdin } from '../prompt-input.js';

export const execCommand: CommandHandler = async (argv, io) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(execHelp());
    return 0;
  }
  const parsed = parseOptions(argv, { scopes: ['config', 'exec'], usage: EXEC_USAGE });
  if (parsed.positionals.length > 1 && parsed.positionals[0] !== 'resume') {
    throw new HexecError('usage', `unexpected argument '${parsed.positionals[1] ?? ''}' found\n\nUsage: ${EXEC_USAGE}`);
  }
  const source = choosePromptSource(parsed.positionals[0], io.env.stdinIsTTY);
  const prompt = source.type === 'argument' ? source.text : promptFromStdin(decodePromptBytes(await io.readStdin()));
  void prompt;
  throw new HexecError('run', 'no model provider reachable: the agent engine is not available in this build');
};
