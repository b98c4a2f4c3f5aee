import { HexecError } from '../../errors/index.js';
import { configHelp, doctorHelp, execHelp, topHelp } from '../help.js';
import { batchHelp } from './batch-help.js';
import { gateHelp } from './gate-command.js';
import { proxyHelp } from './proxy-command.js';
import { execpolicyHelp } from './execpolicy-command.js';
import { replayServerHelp } from './replay-server-command.js';
import { sandboxHelp } from './sandbox-command.js';
import type { CommandHandler } from '../io.js';
import { docTopic, docTopics } from '../help-topics.js';

const TOPICS: Record<string, () => string> = {
  exec: execHelp,
  e: execHelp,
  config: configHelp,
  gate: gateHelp,
  proxy: proxyHelp,
  doctor: doctorHelp,
  sandbox: sandboxHelp,
  execpolicy: execpolicyHelp,
  'replay-server': replayServerHelp,
  batch: batchHelp,
};

export const helpCommand: CommandHandler = async (argv, io) => {
  const topic = argv[0];
  if (topic === undefined) {
    io.stdout.write(topHelp());
    return 0;
  }
  if (topic === 'topics') {
    const commands = Object.keys(TOPICS)
      .map((t) => `  ${t}`)
      .join('\n');
    const docs = docTopics()
      .map((t) => `  ${t}`)
      .join('\n');
    io.stdout.write(`Command help:\n${commands}\n\nDocumentation topics (hexec help TOPIC):\n${docs}\n`);
    return 0;
  }
  const render = TOPICS[topic];
  const doc = docTopic(topic);
  if (doc !== undefined) {
    // Command help first (when the topic is also a command), then the document.
    io.stdout.write(render !== undefined ? `${render()}\n${doc}` : doc);
    return 0;
  }
  if (render === undefined) {
    throw new HexecError('usage', `no help topic '${topic}'; try \`hexec help topics\``);
  }
  io.stdout.write(render());
  return 0;
};
