import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { HexecError } from '../../errors/index.js';
import { lookupUser, testAs, type AgentIdentity, type RunFn } from './as-user.js';
import type { ActionInputs, ActionSandbox, SafetyStrategy } from './inputs.js';

/**
 * The safety strategies of codex-action, each checking its preconditions before it
 * changes anything, and failing with what to change instead of leaving a broken runner.
 */
export interface SafetyPlan {
  readonly strategy: SafetyStrategy;
  readonly agent: AgentIdentity;
  readonly sandbox: ActionSandbox;
  /** drop-sudo: start the key proxy as root (via sudo) before sudo is dropped. */
  readonly proxyViaSudo: boolean;
  /** drop-sudo: remove this user's sudo rights after the proxy is up. */
  readonly dropSudoFor?: string;
  /** The agent's home and CODEX_HOME. */
  readonly home: string;
  readonly codexHome: string;
  readonly warnings: readonly string[];
}

export interface SafetyContext {
  readonly uid: number;
  readonly username: string;
  readonly home: string;
  readonly platform: NodeJS.Platform;
  /** Absolute paths the agent's user must be able to execute / read. */
  readonly nodePath: string;
  readonly cliPath: string;
  /** File that records a drop-sudo done earlier in this job (in RUNNER_TEMP). */
  readonly dropMarker: string;
  readonly env: Readonly<Record<string, string>>;
  readonly run: RunFn;
}

const BYPASS_FLAGS = ['--dangerously-bypass-approvals-and-sandbox', '--yolo'];

function fail(message: string, hint: string): never {
  throw new HexecError('usage', `safety-strategy: ${message}`, { hint });
}

export async function planSafety(inputs: ActionInputs, ctx: SafetyContext): Promise<SafetyPlan> {
  const strategy = inputs.safetyStrategy;
  const cwd = inputs.workingDirectory;
  const selfHomes = {
    home: ctx.home,
    codexHome:
      inputs.codexHome ??
      (ctx.env['CODEX_HOME'] !== undefined && ctx.env['CODEX_HOME'] !== ''
        ? ctx.env['CODEX_HOME']
        : `${ctx.home}/.codex`),
  };
  if (ctx.platform === 'win32' && strategy !== 'unsafe') {
    fail(
      `'${strategy}' is not available on Windows`,
      'set safety-strategy: unsafe on Windows runners (there is no sandbox there)',
    );
  }
  if (!existsSync(cwd))
    fail(
      `working-directory ${cwd} does not exist`,
      'check out the repository first (actions/checkout) or fix working-directory',
    );
  // The sandbox input is the one place the sandbox is chosen: codex-args cannot switch it
  // off behind its back (a bypass flag would win over the trailing --sandbox).
  const bypass = inputs.codexArgs.find((a) => BYPASS_FLAGS.includes(a));
  if (bypass !== undefined && (strategy === 'read-only' || inputs.sandbox !== 'danger-full-access')) {
    fail(
      `codex-args contains ${bypass}, which would override the sandbox input (${strategy === 'read-only' ? 'read-only' : inputs.sandbox})`,
      'remove it from codex-args and set the `sandbox` input instead',
    );
  }
  switch (strategy) {
    case 'unsafe':
      return {
        strategy,
        agent: { kind: 'self' },
        sandbox: inputs.sandbox,
        proxyViaSudo: false,
        ...selfHomes,
        warnings: [],
      };
    case 'read-only': {
      return {
        strategy,
        agent: { kind: 'self' },
        sandbox: 'read-only',
        proxyViaSudo: false,
        ...selfHomes,
        warnings: [],
      };
    }
    case 'drop-sudo':
      return planDropSudo(inputs, ctx, selfHomes);
    case 'unprivileged-user':
      return planUnprivileged(inputs, ctx);
  }
}

async function planDropSudo(
  inputs: ActionInputs,
  ctx: SafetyContext,
  homes: { home: string; codexHome: string },
): Promise<SafetyPlan> {
  if (ctx.platform !== 'linux' && ctx.platform !== 'darwin')
    fail(`drop-sudo supports Linux and macOS, not ${ctx.platform}`, 'use unsafe or unprivileged-user');
  if (ctx.uid === 0) {
    fail(
      'the action runs as root, and root cannot drop its own privileges',
      'run the job as a non-root user with sudo, or use safety-strategy: unprivileged-user with codex-user set to an unprivileged account (or unsafe inside an already-isolated container)',
    );
  }
  const warnings: string[] = [];
  if (inputs.sandbox === 'danger-full-access') {
    warnings.push(
      'drop-sudo with sandbox danger-full-access: the agent runs as the action user with no sandbox, so it can read /proc/<pid>/environ of the action process (which holds INPUT_OPENAI-API-KEY); prefer unprivileged-user for unsandboxed runs.',
    );
  }
  const probe = await ctx.run({ program: 'sudo', args: ['-n', 'true'], cwd: inputs.workingDirectory, env: ctx.env });
  if (probe.spawnError !== undefined) {
    fail(
      'sudo is not installed on this runner, so there is nothing to drop',
      'on a runner whose user already has no sudo, set safety-strategy: unsafe (or unprivileged-user to run the agent as another account)',
    );
  }
  if (probe.exitCode !== 0) {
    if (existsSync(ctx.dropMarker)) {
      return {
        strategy: 'drop-sudo',
        agent: { kind: 'self' },
        sandbox: inputs.sandbox,
        proxyViaSudo: false,
        ...homes,
        warnings: [...warnings, 'sudo was already dropped earlier in this job; continuing without it.'],
      };
    }
    fail(
      `\`sudo -n true\` fails for user ${ctx.username}: there is no passwordless sudo to drop`,
      'set safety-strategy: unsafe if this user is already unprivileged, or give it passwordless sudo',
    );
  }
  return {
    strategy: 'drop-sudo',
    agent: { kind: 'self' },
    sandbox: inputs.sandbox,
    proxyViaSudo: true,
    dropSudoFor: ctx.username,
    ...homes,
    warnings,
  };
}

async function planUnprivileged(inputs: ActionInputs, ctx: SafetyContext): Promise<SafetyPlan> {
  const name = inputs.codexUser as string;
  const cwd = inputs.workingDirectory;
  const entry = await lookupUser(name, ctx.run, ctx.env, cwd);
  if (entry === undefined)
    fail(
      `codex-user '${name}' does not exist on this runner`,
      `create it first, e.g. \`sudo useradd --create-home ${name}\`, or set codex-user to an existing account`,
    );
  if (entry.uid === ctx.uid)
    fail(
      `codex-user '${name}' is the user the action runs as, so nothing is isolated`,
      'choose a different, unprivileged account',
    );
  if (entry.uid === 0) fail(`codex-user '${name}' is root`, 'choose an unprivileged account');
  let agent: AgentIdentity;
  if (ctx.uid === 0) {
    agent = { kind: 'user', ...entry, via: 'setuid' };
  } else {
    const sudo = await ctx.run({ program: 'sudo', args: ['-n', '-u', name, '--', 'true'], cwd, env: ctx.env });
    if (sudo.spawnError !== undefined || sudo.exitCode !== 0) {
      fail(
        `cannot switch to '${name}': \`sudo -n -u ${name} true\` ${sudo.spawnError !== undefined ? 'could not start (is sudo installed?)' : 'was refused'}`,
        `allow this user passwordless \`sudo -u ${name}\`, or run the job as root`,
      );
    }
    agent = { kind: 'user', ...entry, via: 'sudo' };
  }
  const can = (expr: string[]): Promise<boolean> => testAs(agent, expr, ctx.run, ctx.env, cwd);
  if (!(await can(['-r', cwd, '-a', '-x', cwd]))) {
    fail(
      `user '${name}' cannot read the working directory ${cwd}`,
      `make the checkout readable to it, e.g. \`sudo chmod -R a+rX "${cwd}"\` (and a+x on its parent directories), or check out into a directory it owns`,
    );
  }
  if (inputs.sandbox !== 'read-only' && !(await can(['-w', cwd]))) {
    fail(
      `user '${name}' cannot write the working directory ${cwd} (sandbox ${inputs.sandbox})`,
      `give it write access (e.g. \`sudo chown -R ${name} "${cwd}"\`) or use sandbox: read-only`,
    );
  }
  if (!(await can(['-x', ctx.nodePath])) || !(await can(['-r', ctx.cliPath]))) {
    fail(
      `user '${name}' cannot run ${ctx.nodePath} ${ctx.cliPath}`,
      'install Node and the action where every user can read them (the tool cache under /opt or /usr is)',
    );
  }
  const codexHome = inputs.codexHome ?? `${entry.home}/.codex`;
  const writableDir =
    inputs.codexHome !== undefined ? (existsSync(codexHome) ? codexHome : dirname(codexHome)) : entry.home;
  if (entry.home === '' || !(await can(['-d', writableDir, '-a', '-w', writableDir]))) {
    fail(
      `user '${name}' cannot write ${writableDir === '' ? 'its home (none is set)' : writableDir} for CODEX_HOME`,
      `create a home for it (useradd --create-home) or set codex-home to a directory '${name}' can write`,
    );
  }
  return {
    strategy: 'unprivileged-user',
    agent,
    sandbox: inputs.sandbox,
    proxyViaSudo: false,
    home: entry.home,
    codexHome,
    warnings: [],
  };
}

/**
 * Removes `user` from the sudo (Linux) or admin (macOS) group and deletes the user's lines
 * in /etc/sudoers and /etc/sudoers.d, then checks that `sudo -n true` now fails.
 */
export async function dropSudo(
  user: string,
  platform: NodeJS.Platform,
  run: RunFn,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Promise<void> {
  const script = [
    'set -u',
    'user="$1"; group="$2"',
    'if command -v gpasswd >/dev/null 2>&1; then gpasswd -d "$user" "$group" >/dev/null 2>&1 || true;',
    'elif command -v deluser >/dev/null 2>&1; then deluser "$user" "$group" >/dev/null 2>&1 || true;',
    'elif command -v dseditgroup >/dev/null 2>&1; then dseditgroup -o edit -d "$user" -t user "$group" >/dev/null 2>&1 || true; fi',
    'for f in /etc/sudoers /etc/sudoers.d/*; do',
    '  [ -f "$f" ] || continue',
    '  if grep -Eq "^[[:space:]]*$user[[:space:]]" "$f"; then',
    '    grep -Ev "^[[:space:]]*$user[[:space:]]" "$f" > "$f.hexec-tmp" && cat "$f.hexec-tmp" > "$f" && rm -f "$f.hexec-tmp"',
    '  fi',
    'done',
  ].join('\n');
  const group = platform === 'darwin' ? 'admin' : 'sudo';
  const r = await run({ program: 'sudo', args: ['-n', 'sh', '-c', script, 'sh', user, group], cwd, env });
  await run({ program: 'sudo', args: ['-K'], cwd, env });
  if (r.exitCode !== 0)
    throw new HexecError(
      'run',
      `drop-sudo: removing sudo rights failed: ${r.stderr.trim() || r.spawnError || `exit ${String(r.exitCode)}`}`,
    );
  const after = await run({ program: 'sudo', args: ['-n', 'true'], cwd, env });
  if (after.exitCode === 0) {
    throw new HexecError(
      'run',
      `drop-sudo: \`sudo -n true\` still succeeds for ${user} after removing its sudo rights`,
      {
        hint: 'another sudoers rule grants it (a group such as %admin or %wheel, or an include); remove that rule in an earlier step, or use unprivileged-user',
      },
    );
  }
}
