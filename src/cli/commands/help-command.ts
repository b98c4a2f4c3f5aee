import { HexecError } from '../../errors/index.js';
import { configHelp, doctorHelp, execHelp, topHelp } from '../help.js';
import type { CommandHandler } from '../io.js';

const TOPICS: Record<string, () => string> = {
  exec: execHelp,
  e: execHelp,
  config: configHelp,
  doctor: doctorHelp,
};

export const helpCommand: CommandHandler = async (argv, io) => {
  const topic = argv[0];
  if (topic === undefined) {
    io.stdout.write(topHelp());
    return 0;
  }
  if (topic === 'topics') {
    io.stdout.write(`Help topics:\n${Object.keys(TOPICS).map((t) => `  ${t}`).join('\n')}\n`);
    return 0;
  }
  const render = TOPICS[topic];
  if (render === undefined) {
    throw new HexecError('usage', `no help topic '${topic}'; try \`hexec help topics\``);
  }
  io.stdout.write(render());
  return 0;
};
