import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { envVar, type HostEnv } from '../../env/index.js';
import { formatError, HexecError, isHexecError } from '../../errors/index.js';
import { runProcess } from '../../exec/index.js';
import { HEXEC_VERSION } from '../../util/index.js';
import { asIdentity } from './as-user.js';
import { checkActor } from './actor-check.js';
import { execRequest } from './exec-request.js';
import { appendOutputs, appendSummary, type ActionOutputs } from './github-output.js';
import { readActionInputs, type ActionInputs } from './inputs.js';
import { launchProxy, type RunningProxy } from './proxy-launch.js';
import { summarizeEvents } from './run-events.js';
import { dropSudo, planSafety, type SafetyPlan } from './safety-strategy.js';
import { planBwrap, prepareBwrap, probeBwrapHost } from './bwrap-prep.js';

export interface ActionIO {
  readonly env: HostEnv;
  readonly log: (line: string) => void;
  /** dist/cli.mjs beside the action bundle: runs the proxy and (by default) the agent. */
  readonly cliPath: string;
  readonly nodePath: string;
}

/** Lines GitHub turns into annotations. */
function annotate(io: ActionIO, level: 'error' | 'warning', text: string): void {
  io.log(`::${level}::${text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
}

function writeStepFiles(io: ActionIO, outputs: ActionOutputs): void {
  const out = envVar(io.env, 'GITHUB_OUTPUT');
  const summary = envVar(io.env, 'GITHUB_STEP_SUMMARY');
  if (out !== undefined) appendOutputs(out, outputs);
  if (summary !== undefined) appendSummary(summary, outputs);
}

function readPrompt(inputs: ActionInputs): string {
  if (inputs.prompt.type === 'inline') return inputs.prompt.text;
  try {
    return readFileSync(inputs.prompt.path, 'utf8');
  } catch (e) {
    throw new HexecError(
      'usage',
      `input 'prompt-file': cannot read ${inputs.prompt.path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}

/** What to change when hexec exits 7 (authentication), in the action's terms rather than hexec's. */
export function authHint(inputs: ActionInputs): string | undefined {
  if (inputs.replay !== undefined) return undefined;
  if (inputs.apiKey === undefined) {
    return "the 'openai-api-key' input is empty (secrets are empty in runs triggered from forks): set it, e.g. openai-api-key: ${{ secrets.OPENAI_API_KEY }}, or serve the model from a recorded cassette with 'replay'";
  }
  return `the key proxy added the 'openai-api-key' input to each request and ${inputs.responsesApiEndpoint ?? 'https://api.openai.com/v1'} refused it: check the secret, and 'responses-api-endpoint'`;
}

/** What to change when hexec exits 5 (no sandbox), in the action's terms. */
export function sandboxHint(inputs: ActionInputs, runnerEnvironment: string | undefined): string {
  const steps =
    runnerEnvironment === 'github-hosted'
      ? 'the action tried to prepare bubblewrap on this GitHub-hosted runner (see the warnings above)'
      : 'on a self-hosted runner, install bubblewrap and allow unprivileged user namespaces in a step before this action (`sudo apt-get install -y bubblewrap`; `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` on Ubuntu 23.10+)';
  return `sandbox ${inputs.sandbox} needs bubblewrap: ${steps}; in an already-isolated container, sandbox: danger-full-access skips it`;
}

interface Prepared {
  readonly inputs: ActionInputs;
  readonly prompt: string;
  readonly plan: SafetyPlan;
  readonly runDir: string;
  readonly proxy?: RunningProxy;
  readonly serverInfoFile?: string;
}

function notices(io: ActionIO, inputs: ActionInputs): void {
  if (inputs.codexVersion !== undefined) {
    io.log(
      `::notice::input 'codex-version' (${inputs.codexVersion}) has no effect: this action runs hexec ${HEXEC_VERSION}, a drop-in for codex exec, not @openai/codex`,
    );
  }
  if (inputs.permissionProfile !== undefined)
    io.log(`hexec action: permission-profile ${inputs.permissionProfile} → sandbox ${inputs.sandbox}`);
  if (inputs.passEnv.length > 0) {
    const missing = inputs.passEnv.filter((n) => io.env.vars[n] === undefined);
    io.log(`hexec action: the agent's commands get ${inputs.passEnv.join(', ')} (pass-env)`);
    if (missing.length > 0)
      annotate(
        io,
        'warning',
        `pass-env: ${missing.join(', ')} not set in the step's environment; nothing passed for it`,
      );
  }
}

/** The run directory; owned by the agent's user when it is another account. */
async function makeRunDir(io: ActionIO, temp: string, plan: SafetyPlan): Promise<string> {
  mkdirSync(temp, { recursive: true });
  const runDir = mkdtempSync(join(temp, 'hexec-action-'));
  if (plan.agent.kind === 'user') {
    // The agent's user writes the last message here and reads the schema.
    chmodSync(runDir, 0o755);
    if (io.env.uid === 0) chownSync(runDir, plan.agent.uid, plan.agent.gid);
    else
      await runProcess({
        program: 'sudo',
        args: ['-n', 'chown', `${plan.agent.uid}:${plan.agent.gid}`, runDir],
        cwd: runDir,
        env: { PATH: io.env.vars['PATH'] ?? '/usr/bin:/bin' },
      });
  }
  return runDir;
}

/**
 * Inputs, actor check, safety plan, bubblewrap on hosted runners, run directory, key proxy,
 * drop-sudo: everything before `hexec exec`, in that order. `into` receives what needs
 * cleaning up as soon as it exists.
 */
async function prepare(
  io: ActionIO,
  into: { runDir?: string; proxy?: RunningProxy; serverInfoFile?: string },
): Promise<Prepared> {
  const inputs = readActionInputs(io.env);
  const prompt = readPrompt(inputs);
  notices(io, inputs);
  const decision = await checkActor({
    actor: envVar(io.env, 'GITHUB_ACTOR'),
    repository: envVar(io.env, 'GITHUB_REPOSITORY'),
    apiUrl: envVar(io.env, 'GITHUB_API_URL') ?? 'https://api.github.com',
    token: inputs.githubToken,
    allowUsers: inputs.allowUsers,
    allowBots: inputs.allowBots,
    allowBotUsers: inputs.allowBotUsers,
  });
  if (decision.status === 'rejected') throw new HexecError('auth', `actor check: ${decision.reason}`);
  io.log(`hexec action: actor '${decision.actor}' allowed (${decision.why})`);

  const temp = envVar(io.env, 'RUNNER_TEMP') ?? io.env.tmpdir;
  const path = { PATH: io.env.vars['PATH'] ?? '/usr/bin:/bin' };
  const plan: SafetyPlan = await planSafety(inputs, {
    uid: io.env.uid,
    username: io.env.username,
    home: io.env.home,
    platform: io.env.platform,
    nodePath: io.nodePath,
    cliPath: envVar(io.env, 'HEXEC_ACTION_CLI') ?? io.cliPath,
    dropMarker: join(temp, `hexec-sudo-dropped-${io.env.uid}`),
    env: path,
    run: runProcess,
  });
  for (const w of plan.warnings) annotate(io, 'warning', w);
  const bwrap = planBwrap(probeBwrapHost(io.env.platform, envVar(io.env, 'RUNNER_ENVIRONMENT'), plan.sandbox));
  const prepWarnings = await prepareBwrap(bwrap, {
    root: io.env.uid === 0,
    run: runProcess,
    cwd: inputs.workingDirectory,
    env: path,
    log: io.log,
  });
  for (const w of prepWarnings) annotate(io, 'warning', w);

  const runDir = await makeRunDir(io, temp, plan);
  into.runDir = runDir;
  let proxy: RunningProxy | undefined;
  if (inputs.apiKey !== undefined) {
    into.serverInfoFile = join(temp, `hexec-proxy-${envVar(io.env, 'GITHUB_RUN_ID') ?? 'local'}-${process.pid}.json`);
    proxy = await launchProxy({
      nodePath: io.nodePath,
      cliPath: io.cliPath,
      serverInfoFile: into.serverInfoFile,
      key: inputs.apiKey,
      ...(inputs.responsesApiEndpoint !== undefined ? { upstream: inputs.responsesApiEndpoint } : {}),
      viaSudo: plan.proxyViaSudo,
      cwd: runDir,
      path: path.PATH,
      log: (line) => io.log(line),
    });
    into.proxy = proxy;
  }
  if (plan.dropSudoFor !== undefined) {
    await dropSudo(plan.dropSudoFor, io.env.platform, runProcess, path, runDir);
    writeFileSync(join(temp, `hexec-sudo-dropped-${io.env.uid}`), 'dropped\n');
    io.log('hexec action: sudo dropped; `sudo -n true` now fails');
  }
  if (!existsSync(plan.codexHome)) mkdirSync(plan.codexHome, { recursive: true, mode: 0o700 });
  return { inputs, prompt, plan, runDir, ...(proxy !== undefined ? { proxy } : {}) };
}

/** Runs `hexec exec`, then writes the outputs and the annotations; returns hexec's exit code. */
async function runHexec(io: ActionIO, p: Prepared): Promise<number> {
  const { inputs, plan } = p;
  const lastMessageFile = join(p.runDir, 'last-message.txt');
  let schemaFile: string | undefined;
  if (inputs.outputSchema?.type === 'inline') {
    schemaFile = join(p.runDir, 'output-schema.json');
    writeFileSync(schemaFile, inputs.outputSchema.text);
  } else if (inputs.outputSchema?.type === 'file') schemaFile = inputs.outputSchema.path;
  const req = execRequest(
    inputs,
    plan,
    {
      nodePath: io.nodePath,
      cliPath: envVar(io.env, 'HEXEC_ACTION_CLI') ?? io.cliPath,
      lastMessageFile,
      ...(schemaFile !== undefined ? { schemaFile } : {}),
    },
    p.proxy?.port,
    io.env.vars,
    p.prompt,
  );
  io.log(
    `hexec action: running hexec exec (sandbox ${plan.sandbox}, safety-strategy ${plan.strategy}${inputs.hermetic ? ', hermetic' : ''})`,
  );
  const result = await runProcess(asIdentity(req, plan.agent, inputs.passEnv));
  if (result.stderr !== '') io.log(result.stderr.trimEnd());
  if (result.spawnError !== undefined) throw new HexecError('run', `could not start hexec: ${result.spawnError}`);
  const code = result.exitCode ?? 1;
  const events = summarizeEvents(result.stdout);
  const finalMessage = existsSync(lastMessageFile) ? readFileSync(lastMessageFile, 'utf8') : '';
  if (inputs.outputFile !== undefined && existsSync(lastMessageFile)) {
    mkdirSync(dirname(inputs.outputFile), { recursive: true });
    copyFileSync(lastMessageFile, inputs.outputFile);
  }
  const u = events.usage;
  writeStepFiles(io, {
    'final-message': finalMessage,
    'exit-code': String(code),
    usage: JSON.stringify(u),
    'input-tokens': String(u.input_tokens),
    'cached-input-tokens': String(u.cached_input_tokens),
    'output-tokens': String(u.output_tokens),
    'reasoning-output-tokens': String(u.reasoning_output_tokens),
    'cost-usd': u.cost_usd !== undefined ? String(u.cost_usd) : '',
    'config-fingerprint': events.configFingerprint ?? '',
    cassette: inputs.record ?? inputs.replay ?? '',
  });
  if (code !== 0) {
    const errors = [...new Set(events.errors)];
    const hint =
      code === 7
        ? authHint(inputs)
        : code === 5
          ? sandboxHint(inputs, envVar(io.env, 'RUNNER_ENVIRONMENT'))
          : undefined;
    annotate(
      io,
      'error',
      `hexec exec exited ${code}${errors.length > 0 ? `: ${errors.join('; ')}` : ''}${hint !== undefined ? `\nhint: ${hint}` : ''}`,
    );
  }
  return code;
}

/** Runs the whole action; returns the process exit code (hexec's own when it ran). */
export async function runAction(io: ActionIO): Promise<number> {
  const held: { runDir?: string; proxy?: RunningProxy; serverInfoFile?: string } = {};
  try {
    return await runHexec(io, await prepare(io, held));
  } catch (e) {
    annotate(io, 'error', formatError(e));
    const code = isHexecError(e) ? e.exitCode : 1;
    writeStepFiles(io, { 'exit-code': String(code) });
    return code;
  } finally {
    if (held.proxy !== undefined) await held.proxy.stop();
    if (held.serverInfoFile !== undefined) rmSync(held.serverInfoFile, { force: true });
    if (held.runDir !== undefined) rmSync(held.runDir, { recursive: true, force: true });
  }
}
