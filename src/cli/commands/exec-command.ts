import type { EventMeta } from '../../agent/event-sink.js';
import type { ThreadEvent } from '../../agent/events.js';
import { runExec, type ExecRunInput, type RunHeaderInfo } from '../../app/run-exec.js';
import { systemClock } from '../../env/index.js';
import { HexecError } from '../../errors/index.js';
import { HEXEC_VERSION } from '../../util/index.js';
import { EXEC_USAGE, execHelp } from '../help.js';
import type { CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { choosePromptSource, decodePromptBytes, promptFromStdin } from '../prompt-input.js';
import { refuseRemoteFlags } from '../remote-flags.js';
import { createHumanRenderer } from '../render-human.js';

function wantsColor(
  mode: 'always' | 'never' | 'auto' | undefined,
  isTTY: boolean,
  vars: Readonly<Record<string, string>>,
): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return isTTY && vars['NO_COLOR'] === undefined && vars['TERM'] !== 'dumb';
}

export const execCommand: CommandHandler = async (argv, io) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(execHelp());
    return 0;
  }
  const parsed = parseOptions(argv, { scopes: ['config', 'exec'], usage: EXEC_USAGE });
  const opts = parsed.options;
  let positionals = parsed.positionals;
  const resuming = positionals[0] === 'resume' ? { sessionId: opts.last ? undefined : positionals[1] } : undefined;
  refuseRemoteFlags(opts, io.env.vars, resuming);
  let resume: ExecRunInput['resume'];
  if (positionals[0] === 'review' || positionals[0] === 'fork') {
    throw new HexecError(
      'usage',
      `\`exec ${positionals[0]}\` is not supported by hexec; run \`hexec exec\` with a prompt (and --output-schema for structured reviews)`,
    );
  }
  if (positionals[0] === 'resume') {
    positionals = positionals.slice(1);
    if (opts.last) {
      resume = { last: true, all: opts.all };
    } else {
      const id = positionals[0];
      if (id === undefined)
        throw new HexecError('usage', `resume needs a SESSION_ID or --last\n\nUsage: ${EXEC_USAGE}`);
      resume = { last: false, all: opts.all, sessionId: id };
      positionals = positionals.slice(1);
    }
  } else if (opts.last || opts.all) {
    throw new HexecError('usage', `--last and --all belong to \`hexec exec resume\`\n\nUsage: ${EXEC_USAGE}`);
  }
  if (positionals.length > 1) {
    throw new HexecError('usage', `unexpected argument '${positionals[1] ?? ''}' found\n\nUsage: ${EXEC_USAGE}`);
  }
  if (opts.worktree)
    throw new HexecError(
      'usage',
      '--worktree is not supported by hexec: prepare the checkout yourself and pass it with -C',
    );
  if (opts.replay !== undefined && opts.record !== undefined)
    throw new HexecError('usage', '--record and --replay cannot be used together');
  const source = choosePromptSource(positionals[0], io.env.stdinIsTTY);
  let prompt = source.type === 'argument' ? source.text : '';
  const promptInput: ExecRunInput['prompt'] =
    source.type === 'argument'
      ? source.text
      : {
          explicit: source.explicit,
          read: async () => (prompt = promptFromStdin(decodePromptBytes(await io.readStdin()))),
        };

  const color = wantsColor(opts.color, io.env.stderrIsTTY, io.env.vars);
  const human = opts.json
    ? undefined
    : createHumanRenderer({
        stderr: io.stderr,
        color,
        live: io.env.stderrIsTTY && color,
        nowMs: () => systemClock.nowMs(),
      });
  const onEvent = (e: ThreadEvent, meta?: EventMeta): void => {
    // A replay divergence is a pipeline error, not agent output: its diff also goes to
    // stderr with --json, where a CI log shows it (human mode prints it anyway).
    if (human === undefined && e.type === 'turn.failed' && e.reason === 'replay')
      io.stderr.write(`Error: ${e.error.message}\n`);
    if (human !== undefined) human.event(e, meta);
    else if (e.type === 'model.usage' && !opts.usageEvents) return;
    else io.stdout.write(`${JSON.stringify(e)}\n`);
  };
  const onHeader = (h: RunHeaderInfo): void => human?.header({ ...h, version: HEXEC_VERSION, prompt });
  try {
    const result = await runExec(
      { flags: opts, prompt: promptInput, ...(resume !== undefined ? { resume } : {}) },
      { env: io.env, signal: io.signal, clock: systemClock, onEvent, onHeader, warn: (l) => io.stderr.write(`${l}\n`) },
    );
    if (human !== undefined && result.exitCode === 0 && result.finalMessage !== undefined)
      io.stdout.write(`${result.finalMessage}\n`);
    return result.exitCode;
  } finally {
    human?.close();
  }
};
