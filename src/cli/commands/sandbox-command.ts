import { sandboxSettingsFromFlags } from '../../app/sandbox-settings.js';
import { systemClock } from '../../env/index.js';
import { HexecError } from '../../errors/index.js';
import { runInteractive } from '../../exec/index.js';
import { createCommandEnv, gateCommand, loadExecPolicy } from '../../policy/index.js';
import { isRefused, launcherFor, networkAllowed, preflight, type PreflightResult } from '../../sandbox/index.js';
import { uuidV7 } from '../../util/index.js';
import type { CommandHandler } from '../io.js';
import { parseOptions } from '../parse-options.js';

export const SANDBOX_USAGE = 'hexec sandbox [-s MODE] [--add-dir DIR] [-c key=value] [-C DIR] -- COMMAND [ARGS...]';

const HELP = `Run COMMAND under exactly the sandbox, environment policy and exec-policy rules the
agent's commands get, and exit with its exit code (5 if the sandbox cannot be set up).

Usage: ${SANDBOX_USAGE}

Options:
  -s, --sandbox <MODE>      read-only (default) | workspace-write | danger-full-access
      --add-dir <DIR>       Extra writable directory under workspace-write (repeatable)
  -c, --config <key=value>  sandbox_mode, sandbox_workspace_write.*, shell_environment_policy.*
  -C, --cd <DIR>            Working directory (the workspace root)
      --ignore-rules        Skip user .rules files (system rules still apply)
`;

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };

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
  const o = parsed.options;
  const settings = sandboxSettingsFromFlags(
    {
      addDir: o.addDir,
      config: o.config,
      ...(o.sandbox !== undefined ? { sandbox: o.sandbox } : {}),
      ...(o.cd !== undefined ? { cd: o.cd } : {}),
      dangerouslyBypass: o.dangerouslyBypass,
      fullAuto: o.fullAuto,
    },
    io.env,
  );
  const { policy, cwd } = settings;
  const rules = loadExecPolicy({
    systemConfigDir: io.env.systemConfigDir,
    codexHome: io.env.codexHome,
    trustedProjectCodexDirs: [],
    ignoreRules: o.ignoreRules,
  });
  const gate = gateCommand(rules, command);
  if (gate.type === 'refused') {
    io.stderr.write(`hexec sandbox: ${gate.reason}\n`);
    return 1;
  }
  const secretVarNames = ['CODEX_API_KEY', 'OPENAI_API_KEY'];
  const threadId = uuidV7(systemClock.nowMs());
  const env = createCommandEnv(settings.envPolicy, io.env.vars, {
    sandboxMode: policy.mode,
    networkDisabled: !networkAllowed(policy),
    threadId,
    sessionId: threadId,
    toolCallId: 'hexec-sandbox',
    secretVarNames,
    secretValues: secretVarNames.map((n) => io.env.vars[n] ?? ''),
  });
  env['PWD'] = cwd;
  const pf: PreflightResult =
    policy.mode === 'danger-full-access' ? { ok: false, diagnosis: 'not needed' } : await preflight(io.env, [io.env.cwd, cwd]);
  const launch = launcherFor(policy, pf, { ...(io.env.vars['TMPDIR'] !== undefined ? { hostTmpdir: io.env.vars['TMPDIR'] } : {}) });
  const req = launch({ argv: command, cwd, env });
  if (isRefused(req)) throw new HexecError('sandbox', req.reason);
  const r = await runInteractive({ ...req, signal: io.signal });
  if (r.spawnError !== undefined) {
    io.stderr.write(`hexec sandbox: cannot run ${command[0] ?? ''}: ${r.spawnError}\n`);
    return 127;
  }
  if (r.exitCode !== null) return r.exitCode;
  return 128 + (SIGNALS[r.signal ?? ''] ?? 1);
};
