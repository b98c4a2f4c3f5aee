import { resolveConfig, type ConfigFlags } from '../config/index.js';
import type { Clock, HostEnv } from '../env/index.js';
import { runInteractive, type InteractiveResult } from '../exec/index.js';
import { uuidV7 } from '../util/index.js';
import { prepareExecution } from './exec-setup.js';

export type SandboxedOutcome =
  { readonly type: 'ran'; readonly result: InteractiveResult } | { readonly type: 'refused'; readonly reason: string };

/**
 * `hexec sandbox -- CMD`: resolves the configuration exactly as `hexec exec` does and
 * runs CMD through the same launcher the agent's commands get (rules, environment
 * policy, sandbox), with the terminal's stdio.
 */
export async function runSandboxed(
  flags: ConfigFlags,
  command: readonly string[],
  env: HostEnv,
  clock: Clock,
  signal: AbortSignal,
): Promise<SandboxedOutcome> {
  const cfg = resolveConfig(flags, env);
  const keyVars = [...cfg.effective.provider.env_keys];
  const setup = await prepareExecution({
    cfg,
    env,
    threadId: uuidV7(clock.nowMs()),
    secretVarNames: keyVars,
    secretValues: keyVars.map((k) => env.vars[k] ?? '').filter((v) => v !== ''),
  });
  try {
    const req = setup.launcher({ argv: command, cwd: cfg.cwd, env: { ...setup.commandEnv, PWD: cfg.cwd } });
    if ('type' in req && req.type === 'refused') return { type: 'refused', reason: req.reason };
    return { type: 'ran', result: await runInteractive({ ...req, signal }) };
  } finally {
    setup.cleanup();
  }
}
