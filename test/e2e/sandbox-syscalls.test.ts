import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { makeWorkspace, runCli, startUnixTraps } from './sandbox-helpers.js';

/**
 * The syscall policy of sandboxed commands, observed the way codex's was: the same probe
 * (test/fixtures/seccomp/syscall-probe.py) run in every mode, with live host listeners
 * (a unix socket file, an abstract name, a datagram socket) it tries to reach. Expected:
 * codex 0.169's observed results (codex-observed-policy.json) with hexec's documented
 * differences (docs/sandbox.md). danger-full-access is the negative control: no filter,
 * the probe reaches every listener.
 */
type Results = Record<string, string>;
const FIXTURE = JSON.parse(readFileSync(join(FIXTURES, 'seccomp/codex-observed-policy.json'), 'utf8')) as {
  modes: Record<string, Results>;
};

/** Where hexec's network-off filter differs from codex's, and the nested user namespace bwrap --disable-userns refuses. */
const NO_NESTED_USERNS: Results = { 'unshare(CLONE_NEWUSER)': 'ENOSPC' };
const NETWORK_OFF_DIFFERENCES: Results = {
  // No datagram unix sockets: sendmsg() with an address would reach a host socket.
  'socket(AF_UNIX, SOCK_DGRAM)': 'EPERM',
  'socketpair(AF_UNIX, SOCK_DGRAM)': 'EPERM',
  'sendmsg(datagram to a host unix socket)': 'EPERM',
  'sendmsg(socketpair datagram to a host unix socket)': 'EPERM',
  // Node probes and half-closes its stdio socketpairs with these: allowed.
  getsockname: 'EBADF',
  getpeername: 'EBADF',
  getsockopt: 'EBADF',
  shutdown: 'EBADF',
  ...NO_NESTED_USERNS,
};

const MODES: ReadonlyArray<{ name: string; args: string[]; expect: Results }> = [
  { name: 'read-only', args: ['-s', 'read-only'], expect: NETWORK_OFF_DIFFERENCES },
  { name: 'workspace-write', args: ['-s', 'workspace-write'], expect: NETWORK_OFF_DIFFERENCES },
  {
    name: 'workspace-write+network',
    args: ['-s', 'workspace-write', '-c', 'sandbox_workspace_write.network_access=true'],
    expect: NO_NESTED_USERNS,
  },
  { name: 'danger-full-access', args: ['-s', 'danger-full-access'], expect: {} },
];

/** A host process holding a unix datagram socket at `path` (Node has no unix datagram sockets). */
async function startDatagramTrap(path: string): Promise<{ stop: () => void }> {
  const py =
    'import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\nprint("ready",flush=True)\nwhile True: s.recv(512)\n';
  const child = spawn('python3', ['-c', py, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('exit', () => reject(new Error('the datagram trap exited')));
  });
  return { stop: () => child.kill() };
}

const python = spawnSync('python3', ['-c', 'import ctypes, socket']).status === 0;

test(
  "syscall policy per mode = codex 0.169's observed policy + hexec's documented differences (host listeners reached only without the filter)",
  { skip: python ? false : 'python3 (with ctypes) is not installed: the probe is a Python script' },
  async () => {
    const w = makeWorkspace({});
    const probe = join(w.ws, 'syscall-probe.py');
    copyFileSync(join(FIXTURES, 'seccomp/syscall-probe.py'), probe);
    const traps = await startUnixTraps(w.ws);
    const dgram = await startDatagramTrap(join(w.ws, 'host-dgram.sock'));
    try {
      // "ok" for a connect or a sendmsg means the kernel delivered to the host listener.
      await Promise.all(
        MODES.map(async (m) => {
          const argv = ['python3', probe, traps.path, join(w.ws, 'host-dgram.sock'), traps.abstractName];
          const r = await runCli(['sandbox', ...m.args, '-C', w.ws, '--', ...argv], w.env);
          assert.equal(r.code, 0, `${m.name}: ${r.stderr}`);
          const expected = { ...FIXTURE.modes[m.name], ...m.expect };
          assert.deepEqual(JSON.parse(r.stdout) as Results, expected, m.name);
        }),
      );
    } finally {
      dgram.stop();
      await traps.close();
    }
  },
);
