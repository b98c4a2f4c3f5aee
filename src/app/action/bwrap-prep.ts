import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERMETIC_PATH } from '../command-env.js';
import type { RunFn } from './as-user.js';
import type { ActionSandbox } from './inputs.js';

/**
 * On GitHub-hosted Ubuntu runners the action makes bubblewrap usable itself, as
 * codex-action does: bubblewrap is not on the image, and the kernel (sysctls) or Ubuntu
 * 24.04's AppArmor restrict the unprivileged user namespaces it needs. Only on a hosted
 * runner (a self-hosted machine belongs to its administrator), only for a sandboxed mode,
 * and only what is missing. It runs before drop-sudo, while sudo still works.
 */
export interface BwrapHost {
  readonly platform: NodeJS.Platform;
  /** RUNNER_ENVIRONMENT: `github-hosted` or `self-hosted` (unset outside Actions). */
  readonly runnerEnvironment: string | undefined;
  readonly sandbox: ActionSandbox;
  /** bwrap found in the system directories, if any. */
  readonly bwrap: string | undefined;
  /** Current values of the sysctls; undefined when the kernel has no such knob. */
  readonly sysctls: Readonly<Record<string, string | undefined>>;
}

export interface PrepStep {
  readonly why: string;
  /** Run as root (through `sudo -n` unless the action is root). */
  readonly argv: readonly string[];
  /** Run first when `argv` fails (an apt package list that is missing or stale). */
  readonly retryAfter?: readonly string[];
}

export type BwrapPlan =
  | { readonly kind: 'skip'; readonly why: string }
  | { readonly kind: 'prepare'; readonly steps: readonly PrepStep[]; readonly ready: string };

/** Each sysctl and the value bubblewrap needs. */
export const USERNS_SYSCTLS: ReadonlyArray<readonly [string, string, string]> = [
  ['kernel.unprivileged_userns_clone', '1', 'unprivileged user namespaces are off'],
  [
    'kernel.apparmor_restrict_unprivileged_userns',
    '0',
    "AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+; bwrap fails with 'loopback: Failed RTM_NEWADDR')",
  ],
];

export function planBwrap(h: BwrapHost): BwrapPlan {
  if (h.sandbox === 'danger-full-access')
    return { kind: 'skip', why: 'sandbox danger-full-access needs no bubblewrap' };
  if (h.platform !== 'linux') return { kind: 'skip', why: `${h.platform} runner` };
  if (h.runnerEnvironment !== 'github-hosted')
    return { kind: 'skip', why: `not a GitHub-hosted runner (RUNNER_ENVIRONMENT=${h.runnerEnvironment ?? 'unset'})` };
  const steps: PrepStep[] = [];
  if (h.bwrap === undefined) {
    steps.push({
      why: 'bubblewrap is not installed',
      argv: ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'bubblewrap'],
      retryAfter: ['apt-get', 'update', '-q'],
    });
  }
  for (const [name, want, why] of USERNS_SYSCTLS) {
    const now = h.sysctls[name];
    if (now !== undefined && now !== want)
      steps.push({ why: `${why}: ${name}=${now}`, argv: ['sysctl', '-w', `${name}=${want}`] });
  }
  const knobs = USERNS_SYSCTLS.map(([n]) => `${n}=${h.sysctls[n] ?? 'absent'}`).join(', ');
  return { kind: 'prepare', steps, ready: `bwrap ${h.bwrap ?? '(installing)'}; ${knobs}` };
}

/** What the running machine has: bwrap in the system directories, the sysctls from /proc/sys. */
export function probeBwrapHost(
  platform: NodeJS.Platform,
  runnerEnvironment: string | undefined,
  sandbox: ActionSandbox,
): BwrapHost {
  const bwrap = HERMETIC_PATH.split(':')
    .map((d) => join(d, 'bwrap'))
    .find((p) => existsSync(p));
  const sysctls: Record<string, string | undefined> = {};
  for (const [name] of USERNS_SYSCTLS) {
    try {
      sysctls[name] = readFileSync(`/proc/sys/${name.replace(/\./g, '/')}`, 'utf8').trim();
    } catch {
      sysctls[name] = undefined;
    }
  }
  return { platform, runnerEnvironment, sandbox, bwrap, sysctls };
}

export interface PrepContext {
  /** The action runs as root: no sudo needed. */
  readonly root: boolean;
  readonly run: RunFn;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

/**
 * Runs the plan's steps as root. A step that fails is a warning, not a failure: hexec's
 * own sandbox preflight then decides, and fails closed (exit 5) saying what is missing.
 */
export async function prepareBwrap(plan: BwrapPlan, ctx: PrepContext): Promise<string[]> {
  if (plan.kind === 'skip') return [];
  const warnings: string[] = [];
  const asRoot = async (argv: readonly string[]): Promise<{ ok: boolean; detail: string }> => {
    const [program, ...args] = ctx.root ? argv : ['sudo', '-n', ...argv];
    const r = await ctx.run({ program: program as string, args, cwd: ctx.cwd, env: ctx.env, timeoutMs: 300_000 });
    const detail = r.spawnError ?? (r.stderr.trim().split('\n').pop() || `exit ${String(r.exitCode)}`);
    return { ok: r.exitCode === 0, detail };
  };
  for (const step of plan.steps) {
    ctx.log(`hexec action: preparing bubblewrap: ${step.why}: ${step.argv.join(' ')}`);
    let r = await asRoot(step.argv);
    if (!r.ok && step.retryAfter !== undefined) {
      await asRoot(step.retryAfter);
      r = await asRoot(step.argv);
    }
    if (!r.ok)
      warnings.push(
        `could not prepare bubblewrap (\`${step.argv.join(' ')}\`: ${r.detail}); the sandbox may be unavailable (exit 5)`,
      );
  }
  if (plan.steps.length === 0) ctx.log(`hexec action: bubblewrap ready on this GitHub-hosted runner (${plan.ready})`);
  return warnings;
}
