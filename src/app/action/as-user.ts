import type { SpawnRequest, SpawnResult } from '../../exec/index.js';

/**
 * Who runs the agent. `self` is the action's own user; `user` is another account, reached
 * by setuid when the action runs as root, or by `sudo -n -u` otherwise.
 */
export type AgentIdentity =
  | { readonly kind: 'self' }
  | {
      readonly kind: 'user';
      readonly name: string;
      readonly uid: number;
      readonly gid: number;
      readonly home: string;
      readonly via: 'setuid' | 'sudo';
    };

export type RunFn = (req: SpawnRequest) => Promise<SpawnResult>;

export interface UserEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** Looks a user up with getent (Linux) or id + dscl (macOS); undefined when there is none. */
export async function lookupUser(
  name: string,
  run: RunFn,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Promise<UserEntry | undefined> {
  const getent = await run({ program: 'getent', args: ['passwd', name], cwd, env });
  if (getent.exitCode === 0) {
    const f = getent.stdout.trim().split(':');
    if (f.length >= 7) return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' };
  }
  if (getent.spawnError === undefined) return undefined;
  const uid = await run({ program: 'id', args: ['-u', name], cwd, env });
  const gid = await run({ program: 'id', args: ['-g', name], cwd, env });
  if (uid.exitCode !== 0 || gid.exitCode !== 0) return undefined;
  const dscl = await run({ program: 'dscl', args: ['.', '-read', `/Users/${name}`, 'NFSHomeDirectory'], cwd, env });
  const home = /NFSHomeDirectory:\s*(\S+)/.exec(dscl.stdout)?.[1] ?? '';
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), home };
}

/**
 * Wraps a request so it runs as the identity. Under sudo the environment is passed through
 * `env -i` on the command line, since sudo would otherwise reset it. The variables named in
 * `secret` never go on a command line (anyone can read /proc/PID/cmdline): sudo keeps them
 * (`--preserve-env`), and `env -S 'NAME=${NAME}'` copies each before `-i` clears the rest.
 */
export function asIdentity(req: SpawnRequest, who: AgentIdentity, secret: readonly string[] = []): SpawnRequest {
  if (who.kind === 'self') return req;
  if (who.via === 'setuid') return { ...req, uid: who.uid, gid: who.gid };
  const hidden = secret.filter((n) => req.env[n] !== undefined);
  const assignments = Object.entries(req.env)
    .filter(([k]) => !hidden.includes(k))
    .map(([k, v]) => `${k}=${v}`);
  const keep = hidden.length > 0 ? ['-S', hidden.map((n) => `${n}=\${${n}}`).join(' ')] : [];
  const preserve = hidden.length > 0 ? [`--preserve-env=${hidden.join(',')}`] : [];
  const env: Record<string, string> = { PATH: req.env['PATH'] ?? '/usr/bin:/bin' };
  for (const n of hidden) env[n] = req.env[n] as string;
  return {
    ...req,
    program: 'sudo',
    args: [
      '-n',
      ...preserve,
      '-u',
      who.name,
      '--',
      '/usr/bin/env',
      '-i',
      ...keep,
      ...assignments,
      req.program,
      ...req.args,
    ],
    env,
  };
}

/** `test EXPR` as the identity: true when it exits 0. */
export async function testAs(
  who: AgentIdentity,
  expr: readonly string[],
  run: RunFn,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Promise<boolean> {
  const r = await run(asIdentity({ program: 'test', args: [...expr], cwd, env }, who));
  return r.exitCode === 0;
}
