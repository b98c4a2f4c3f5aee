import { isAbsolute, resolve } from 'node:path';
import { envVar, type HostEnv } from '../../env/index.js';
import { HexecError } from '../../errors/index.js';
import { parseCodexArgs } from './codex-args.js';
import { sandboxFor } from './permission-profile.js';

export const SAFETY_STRATEGIES = ['drop-sudo', 'unprivileged-user', 'read-only', 'unsafe'] as const;
export type SafetyStrategy = (typeof SAFETY_STRATEGIES)[number];
export const ACTION_SANDBOXES = ['workspace-write', 'read-only', 'danger-full-access'] as const;
export type ActionSandbox = (typeof ACTION_SANDBOXES)[number];

export type PromptSource =
  { readonly type: 'inline'; readonly text: string } | { readonly type: 'file'; readonly path: string };
export type SchemaSource =
  { readonly type: 'inline'; readonly text: string } | { readonly type: 'file'; readonly path: string };

/** The action's inputs, validated and typed. Paths are absolute (relative ones are under the workspace). */
export interface ActionInputs {
  readonly prompt: PromptSource;
  readonly outputFile?: string;
  readonly apiKey?: string;
  readonly responsesApiEndpoint?: string;
  readonly workingDirectory: string;
  /** From `sandbox`, or from `permission-profile` (codex-action v1), which excludes it. */
  readonly sandbox: ActionSandbox;
  readonly permissionProfile?: string;
  /** codex-action's `codex-version`: accepted, has no effect (the action runs its own hexec). */
  readonly codexVersion?: string;
  /** Variables of the step's environment the agent's commands get (`hexec exec --pass-env`). */
  readonly passEnv: readonly string[];
  readonly codexArgs: readonly string[];
  readonly outputSchema?: SchemaSource;
  readonly model?: string;
  readonly effort?: string;
  readonly codexHome?: string;
  readonly safetyStrategy: SafetyStrategy;
  readonly codexUser?: string;
  readonly allowUsers: string;
  readonly allowBots: boolean;
  readonly allowBotUsers: string;
  readonly githubToken?: string;
  readonly hermetic: boolean;
  readonly record?: string;
  readonly replay?: string;
  readonly maxTurns?: string;
  readonly maxTokens?: string;
  readonly maxCostUsd?: string;
  readonly timeout?: string;
}

/** GitHub's spelling of an input variable: INPUT_ + name upper-cased, spaces as '_', '-' kept. */
export function inputVarName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function readInput(env: HostEnv, name: string): string | undefined {
  const v = env.vars[inputVarName(name)]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function bad(name: string, message: string, found?: string): never {
  throw new HexecError('usage', `input '${name}': ${message}`, found !== undefined ? { found } : {});
}

function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  return bad(name, `must be one of ${choices.map((c) => `'${c}'`).join(', ')}`, `'${value}'`);
}

/** YAML 1.2 core booleans, as actions/toolkit's getBooleanInput accepts them. */
function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  return bad(name, 'must be true or false', `'${value}'`);
}

function positive(name: string, value: string | undefined, integer: boolean): string | undefined {
  if (value === undefined) return undefined;
  const ok = integer ? /^[1-9][0-9]*$/.test(value) : /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(value) && Number(value) > 0;
  if (!ok) bad(name, integer ? 'must be a positive integer' : 'must be a positive number', `'${value}'`);
  return value;
}

/** Names the action never hands to the agent: its inputs (the key among them), the runner's own credentials, the model key. */
const NEVER_PASSED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^INPUT_/i, "the action's inputs (openai-api-key among them) never reach the agent"],
  [/^ACTIONS_/i, "the runner's own credentials (ACTIONS_RUNTIME_TOKEN, ...) are not for the agent"],
  [/^(OPENAI_API_KEY|CODEX_API_KEY)$/i, 'give the model key as openai-api-key: only the key proxy holds it'],
];

/** `pass-env`: variable names separated by commas, spaces or newlines. */
export function parsePassEnv(raw: string | undefined): string[] {
  const names = (raw ?? '').split(/[\s,]+/).filter((n) => n !== '');
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      bad('pass-env', 'lists environment variable names (letters, digits, underscores)', `'${name}'`);
    const refused = NEVER_PASSED.find(([re]) => re.test(name));
    if (refused !== undefined) bad('pass-env', `cannot pass ${name}: ${refused[1]}`);
  }
  return [...new Set(names)];
}

export function readActionInputs(env: HostEnv): ActionInputs {
  const workspace =
    env.vars['GITHUB_WORKSPACE'] !== undefined && env.vars['GITHUB_WORKSPACE'] !== ''
      ? env.vars['GITHUB_WORKSPACE']
      : env.cwd;
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));
  const get = (n: string): string | undefined => readInput(env, n);
  const opt = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } =>
    v === undefined ? {} : ({ [key]: v } as { [P in K]: V });

  const prompt = get('prompt');
  const promptFile = get('prompt-file');
  if ((prompt === undefined) === (promptFile === undefined)) {
    bad(prompt === undefined ? 'prompt' : 'prompt-file', 'exactly one of `prompt` and `prompt-file` must be set');
  }
  const schemaText = get('output-schema');
  const schemaFile = get('output-schema-file');
  if (schemaText !== undefined && schemaFile !== undefined)
    bad('output-schema', 'set `output-schema` or `output-schema-file`, not both');
  const safetyStrategy = oneOf('safety-strategy', get('safety-strategy'), SAFETY_STRATEGIES, 'drop-sudo');
  const codexUser = get('codex-user');
  if (safetyStrategy === 'unprivileged-user' && codexUser === undefined) {
    bad('codex-user', "is required when safety-strategy is 'unprivileged-user' (the UNIX user to run the agent as)");
  }
  if (codexUser !== undefined && !/^[a-z_][a-z0-9_.-]*\$?$/i.test(codexUser))
    bad('codex-user', 'is not a valid user name', `'${codexUser}'`);
  const effort = get('effort');
  if (effort !== undefined && !/^[a-z]+$/.test(effort))
    bad('effort', 'must be a reasoning effort such as minimal, low, medium, high', `'${effort}'`);
  const allowBotUsers = get('allow-bot-users') ?? '';
  if (allowBotUsers.includes('*'))
    bad('allow-bot-users', "does not support '*'; list trusted bot user names explicitly");
  const record = get('record');
  const replay = get('replay');
  if (record !== undefined && replay !== undefined) bad('record', 'set `record` or `replay`, not both');
  const timeout = get('timeout');
  if (timeout !== undefined && !/^[0-9]+(\.[0-9]+)?(ms|s|m|h)?$/.test(timeout))
    bad('timeout', 'must be a duration such as 90s, 10m or 1h', `'${timeout}'`);
  const key = get('openai-api-key');

  return {
    prompt:
      prompt !== undefined
        ? { type: 'inline', text: env.vars[inputVarName('prompt')] ?? prompt }
        : { type: 'file', path: abs(promptFile as string) },
    ...opt('outputFile', get('output-file') !== undefined ? abs(get('output-file') as string) : undefined),
    ...opt('apiKey', key),
    ...opt('responsesApiEndpoint', get('responses-api-endpoint')),
    workingDirectory: abs(get('working-directory') ?? workspace),
    sandbox: sandboxFor(
      get('permission-profile'),
      get('sandbox') !== undefined ? oneOf('sandbox', get('sandbox'), ACTION_SANDBOXES, 'workspace-write') : undefined,
      safetyStrategy,
    ),
    ...opt('permissionProfile', get('permission-profile')),
    ...opt('codexVersion', get('codex-version')),
    passEnv: parsePassEnv(get('pass-env')),
    codexArgs: parseCodexArgs(get('codex-args') ?? ''),
    ...opt(
      'outputSchema',
      schemaText !== undefined
        ? ({ type: 'inline', text: schemaText } as const)
        : schemaFile !== undefined
          ? ({ type: 'file', path: abs(schemaFile) } as const)
          : undefined,
    ),
    ...opt('model', get('model')),
    ...opt('effort', effort),
    ...opt('codexHome', get('codex-home') !== undefined ? abs(get('codex-home') as string) : undefined),
    safetyStrategy,
    ...opt('codexUser', codexUser),
    allowUsers: get('allow-users') ?? '',
    allowBots: bool('allow-bots', get('allow-bots'), false),
    allowBotUsers,
    ...opt('githubToken', get('github-token') ?? envVar(env, 'GITHUB_TOKEN') ?? envVar(env, 'GH_TOKEN')),
    hermetic: bool('hermetic', get('hermetic'), true),
    ...opt('record', record !== undefined ? abs(record) : undefined),
    ...opt('replay', replay !== undefined ? abs(replay) : undefined),
    ...opt('maxTurns', positive('max-turns', get('max-turns'), true)),
    ...opt('maxTokens', positive('max-tokens', get('max-tokens'), true)),
    ...opt('maxCostUsd', positive('max-cost-usd', get('max-cost-usd'), false)),
    ...opt('timeout', timeout),
  };
}
