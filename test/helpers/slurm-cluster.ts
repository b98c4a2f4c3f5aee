import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A real single-node Slurm cluster for one test: Debian's munged, slurmctld and slurmd
 * (installed by scripts/setup.sh), started as root in the foreground in a scratch folder
 * with a throwaway munge key, every port on 127.0.0.1, no accounting, proctrack/linuxproc,
 * task/none, select/cons_tres with CR_CPU and batch_sched_delay=0. `stop()` ends each
 * daemon by its PID; an exit hook does the same if the test process dies first.
 */
export interface SlurmCluster {
  readonly conf: string;
  /** SLURM_CONF for the client commands (sbatch, squeue, ...). */
  readonly env: Record<string, string>;
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

const BINARIES = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch'];

/** Why a cluster cannot start here, or undefined when it can. */
export function slurmSkipReason(): string | undefined {
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version'))
    return 'needs Debian (slurmctld, slurmd, slurm-client and munge from its packages)';
  if (process.getuid?.() !== 0) return 'needs root: slurmd runs jobs as their user and munged its key as root';
  const missing = BINARIES.filter((b) => !existsSync(b));
  if (missing.length > 0) return `not installed: ${missing.join(', ')} (run scripts/setup.sh)`;
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `program` in the foreground; resolves once a line of its output matches `ready`. */
function startDaemon(
  program: string,
  args: string[],
  env: Record<string, string>,
  log: string,
  ready: RegExp,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const fd = openSync(log, 'a');
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const onData = (c: Buffer): void => {
      writeFileSync(fd, c);
      seen += c.toString('utf8');
      if (ready.test(seen)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('close', () => closeSync(fd));
    child.once('error', reject);
    child.once('exit', (code, sig) =>
      reject(new Error(`${program} exited (${code ?? sig}) before it was ready:\n${seen}`)),
    );
  });
}

function killPid(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  killPid(pid, 'SIGTERM');
  const timer = setTimeout(() => killPid(pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startSlurmCluster(dir: string): Promise<SlurmCluster> {
  const node = hostname().split('.')[0] ?? 'localhost';
  for (const d of ['state', 'spool']) mkdirSync(join(dir, d), { recursive: true });
  const key = join(dir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  chmodSync(key, 0o400);
  const sock = join(dir, 'munge.sock');
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=hexectest',
      `SlurmctldHost=${node}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'CommunicationParameters=NoCtldInAddrAny,NoInAddrAny',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${sock}`,
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      'SchedulerParameters=batch_sched_delay=0',
      'SlurmUser=root',
      'SlurmdUser=root',
      'ReturnToService=2',
      'MpiDefault=none',
      `NodeName=${node} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN`,
      `PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/bin', SLURM_CONF: conf };
  const children: ChildProcess[] = [];
  const pids: number[] = [];
  const onExit = (): void => {
    for (const p of pids) killPid(p, 'SIGKILL');
  };
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    for (const c of children.reverse()) await stopChild(c);
    process.removeListener('exit', onExit);
  };
  const add = (c: ChildProcess): void => {
    children.push(c);
    if (c.pid !== undefined) pids.push(c.pid);
  };
  try {
    add(
      await startDaemon(
        '/usr/sbin/munged',
        [
          '--foreground',
          '--force',
          `--key-file=${key}`,
          `--socket=${sock}`,
          `--pid-file=${join(dir, 'munged.pid')}`,
          `--seed-file=${join(dir, 'munged.seed')}`,
          `--log-file=${join(dir, 'munged.file.log')}`,
        ],
        env,
        join(dir, 'munged.log'),
        /Created \d+ work threads/,
      ),
    );
    add(
      await startDaemon(
        '/usr/sbin/slurmctld',
        ['-D', '-i', '-f', conf],
        env,
        join(dir, 'slurmctld.log'),
        /Running as primary controller/,
      ),
    );
    add(
      await startDaemon(
        '/usr/sbin/slurmd',
        ['-D', '-f', conf, '-N', node],
        env,
        join(dir, 'slurmd.log'),
        /slurmd started on/,
      ),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { conf, env, pids, stop };
}
