import type { SpawnRequest } from '../../exec/index.js';
import type { ActionInputs } from './inputs.js';
import type { SafetyPlan } from './safety-strategy.js';

/** The provider hexec uses when the key proxy runs: keyless, on loopback. */
export const PROXY_PROVIDER = 'hexec-proxy';

/** Variables the agent may inherit from the runner; nothing else is passed. */
const PASS_VARS = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TERM',
  'TMPDIR',
  'CI',
  'GITHUB_ACTIONS',
  'GITHUB_WORKSPACE',
  'GITHUB_REPOSITORY',
  'GITHUB_REF',
  'GITHUB_SHA',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_EVENT_NAME',
  'GITHUB_SERVER_URL',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_TEMP',
  'HEXEC_SYSTEM_CONFIG_DIR',
];
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;

export function agentEnv(host: Readonly<Record<string, string>>, plan: SafetyPlan): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASS_VARS) {
    const v = host[name];
    if (v !== undefined && v !== '' && !SECRET_NAME.test(name)) env[name] = v;
  }
  env['PATH'] ??= '/usr/local/bin:/usr/bin:/bin';
  env['HOME'] = plan.home;
  env['CODEX_HOME'] = plan.codexHome;
  if (plan.agent.kind === 'user') {
    env['USER'] = plan.agent.name;
    env['LOGNAME'] = plan.agent.name;
  } else {
    for (const n of ['USER', 'LOGNAME']) if (host[n] !== undefined) env[n] = host[n];
  }
  env['CODEX_INTERNAL_ORIGINATOR_OVERRIDE'] = 'codex_github_action';
  return env;
}

/** The `pass-env` variables the step's environment has, for hexec to hand to the agent's commands. */
export function passedEnv(host: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (host[n] !== undefined) out[n] = host[n];
  return out;
}

export interface ExecPaths {
  readonly nodePath: string;
  readonly cliPath: string;
  readonly lastMessageFile: string;
  readonly schemaFile?: string;
}

/** `hexec exec` arguments: fixed ones, the action's inputs (`pass-env` as `--pass-env`), codex-args, then the proxy provider, --sandbox, and `-` (prompt on stdin) last. */
export function execArgs(
  inputs: ActionInputs,
  plan: SafetyPlan,
  paths: ExecPaths,
  proxyPort: number | undefined,
): string[] {
  const args = [
    paths.cliPath,
    'exec',
    '--json',
    '-o',
    paths.lastMessageFile,
    '--skip-git-repo-check',
    '-C',
    inputs.workingDirectory,
  ];
  if (inputs.hermetic) args.push('--hermetic');
  if (paths.schemaFile !== undefined) args.push('--output-schema', paths.schemaFile);
  if (inputs.model !== undefined) args.push('--model', inputs.model);
  if (inputs.effort !== undefined) args.push('-c', `model_reasoning_effort="${inputs.effort}"`);
  if (inputs.record !== undefined) args.push('--record', inputs.record);
  if (inputs.replay !== undefined) args.push('--replay', inputs.replay);
  if (inputs.maxTurns !== undefined) args.push('--max-turns', inputs.maxTurns);
  if (inputs.maxTokens !== undefined) args.push('--max-tokens', inputs.maxTokens);
  if (inputs.maxCostUsd !== undefined) args.push('--max-cost-usd', inputs.maxCostUsd);
  if (inputs.timeout !== undefined) args.push('--timeout', inputs.timeout);
  for (const name of inputs.passEnv) args.push('--pass-env', name);
  args.push(...inputs.codexArgs);
  if (proxyPort !== undefined) {
    args.push(
      '-c',
      `model_provider=${PROXY_PROVIDER}`,
      '-c',
      `model_providers.${PROXY_PROVIDER}={name="${PROXY_PROVIDER}", base_url="http://127.0.0.1:${proxyPort}/v1", wire_api="responses"}`,
    );
  }
  // The prompt comes on stdin; `-` says so explicitly (a hermetic run reads stdin only then).
  args.push('--sandbox', plan.sandbox, '-');
  return args;
}

export function execRequest(
  inputs: ActionInputs,
  plan: SafetyPlan,
  paths: ExecPaths,
  proxyPort: number | undefined,
  host: Readonly<Record<string, string>>,
  prompt: string,
): SpawnRequest {
  return {
    program: paths.nodePath,
    args: execArgs(inputs, plan, paths, proxyPort),
    cwd: inputs.workingDirectory,
    env: { ...passedEnv(host, inputs.passEnv), ...agentEnv(host, plan) },
    stdin: prompt,
    maxOutputBytes: 64 * 1024 * 1024,
  };
}
