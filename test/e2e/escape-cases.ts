import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startUnixTraps, type Workspace } from './sandbox-helpers.js';

/**
 * Sandbox escape attempts, as data, so they can run through `hexec sandbox` now and
 * through the agent's exec_command tool later. Each case gets a fresh host tree and must
 * leave the host unchanged (checked by assertHost after the command).
 * Only ever run them sandboxed: unsandboxed they really do what they attempt.
 */
export interface EscapeHost {
  readonly ws: string;
  readonly outside: string;
  /** A value planted in the environment as OPENAI_API_KEY and MY_TOKEN. */
  readonly secret: string;
  /** A TCP listener on 127.0.0.1; `connections()` counts accepted connections. */
  readonly port: number;
  readonly connections: () => number;
  /** The test process's pid (the sandbox must not see or signal it). */
  readonly hostPid: number;
  /** A unique name usable under the host's /tmp. */
  readonly tmpName: string;
  /** The node binary running the tests (visible inside the sandbox). */
  readonly node: string;
  /** A host process listening on a unix socket file inside the workspace, and on an abstract name. */
  readonly unixSocket: string;
  readonly abstractName: string;
  readonly unixConnections: () => number;
}

export interface EscapeOutcome {
  readonly code: number | null;
  readonly output: string;
}

export interface EscapeCase {
  readonly name: string;
  readonly mode: 'workspace-write' | 'read-only';
  readonly cmd: (h: EscapeHost) => string;
  readonly assertHost: (h: EscapeHost, r: EscapeOutcome) => void;
  /**
   * A negative control: run under danger-full-access too, where the attempt must get
   * through (assertHost fails), showing the check can see the hole. Only for attempts
   * that are harmless to the machine when they succeed.
   */
  readonly control?: true;
}

/** The host side of one case: a fresh workspace's listeners, the shared TCP listener's count from now on. */
export async function withEscapeHost<R>(
  w: Workspace,
  shared: { secret: string; port: number; tcpConnections: () => number; tmpName: string },
  fn: (h: EscapeHost) => Promise<R>,
): Promise<R> {
  const traps = await startUnixTraps(w.ws);
  const before = shared.tcpConnections();
  try {
    return await fn({
      ws: w.ws,
      outside: w.outside,
      secret: shared.secret,
      port: shared.port,
      connections: () => shared.tcpConnections() - before,
      hostPid: process.pid,
      tmpName: shared.tmpName,
      node: process.execPath,
      unixSocket: traps.path,
      abstractName: traps.abstractName,
      unixConnections: () => traps.connections(),
    });
  } finally {
    await traps.close();
  }
}

const absent = (p: string): void => assert.ok(!existsSync(p), `${p} must not exist on the host`);
const unchanged = (p: string, text: string): void => assert.equal(readFileSync(p, 'utf8'), text, `${p} changed`);
const GIT_CONFIG = '[core]\n\tbare = false\n';
const noSecret = (h: EscapeHost, r: EscapeOutcome): void => assert.ok(!r.output.includes(h.secret), 'secret leaked');
const gitIntact = (h: EscapeHost): void => {
  unchanged(join(h.ws, '.git/config'), GIT_CONFIG);
  assert.deepEqual(readdirSync(join(h.ws, '.git/hooks')), []);
};
const failed = (r: EscapeOutcome): void => assert.notEqual(r.code, 0, `expected the attempt to fail:\n${r.output}`);

/** Node connects to a unix socket (`path`, or `abstract` + name) and prints `connected` or the error code. */
const nodeConnect = (h: EscapeHost, kind: 'path' | 'abstract', target: string): string =>
  `"${h.node}" -e 'const [k, t] = process.argv.slice(1); const s = require("net").connect(k === "abstract" ? "\\0" + t : t);` +
  ` s.on("connect", () => { console.log("connected"); s.end("pwned"); }); s.on("error", (e) => { console.log(e.code); process.exitCode = 1; })' ${kind} '${target}'`;
/** Refused by the syscall filter (EPERM), not merely unreachable: the listener is there. */
const refusedByFilter = (h: EscapeHost, r: EscapeOutcome): void => (
  failed(r),
  assert.equal(h.unixConnections(), 0, 'the host listener was reached'),
  assert.match(r.output, /EPERM/)
);

const WW = 'workspace-write' as const;
const RO = 'read-only' as const;

export const ESCAPE_CASES: readonly EscapeCase[] = [
  {
    name: 'write outside the roots',
    mode: WW,
    cmd: (h) => `echo x > ${h.outside}/pwn`,
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/pwn`)),
  },
  {
    name: 'write outside via ../',
    mode: WW,
    cmd: () => 'echo x > ../outside/pwn',
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/pwn`)),
  },
  {
    name: 'overwrite a file outside',
    mode: WW,
    cmd: (h) => `echo pwned > ${h.outside}/victim.txt`,
    assertHost: (h) => unchanged(`${h.outside}/victim.txt`, 'original\n'),
  },
  {
    name: 'write $HOME-like dirs and /etc',
    mode: WW,
    cmd: () => 'echo x > /etc/hexec-pwn; echo x > /root/hexec-pwn; echo x > /var/tmp/hexec-pwn',
    assertHost: () => (absent('/etc/hexec-pwn'), absent('/root/hexec-pwn'), absent('/var/tmp/hexec-pwn')),
  },
  {
    name: 'add a git hook',
    mode: WW,
    cmd: () => 'printf "#!/bin/sh\\ntouch /tmp/hooked\\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'edit .git/config (core.fsmonitor)',
    mode: WW,
    cmd: () => 'printf "\\tfsmonitor = touch /tmp/x\\n" >> .git/config',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'git config via git itself',
    mode: WW,
    cmd: () => 'git config core.hooksPath /tmp/hooks',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'rename .git away and plant a new one',
    mode: WW,
    cmd: () => 'mv .git .git-old && mkdir -p .git/hooks && echo evil > .git/hooks/post-checkout',
    assertHost: (h, r) => (failed(r), gitIntact(h), absent(`${h.ws}/.git-old`)),
  },
  { name: 'rm -rf .git', mode: WW, cmd: () => 'rm -rf .git', assertHost: (h, r) => (failed(r), gitIntact(h)) },
  {
    name: 'write .codex/config.toml',
    mode: WW,
    cmd: () => 'echo \'sandbox_mode = "danger-full-access"\' > .codex/config.toml',
    assertHost: (h, r) => (failed(r), unchanged(`${h.ws}/.codex/config.toml`, 'model = "m"\n')),
  },
  {
    name: 'write .agents/',
    mode: WW,
    cmd: () => 'echo x > .agents/skill.md',
    assertHost: (h, r) => (failed(r), absent(`${h.ws}/.agents/skill.md`)),
  },
  {
    name: 'symlink to a directory outside',
    mode: WW,
    cmd: (h) => `ln -s ${h.outside} link && echo x > link/pwn`,
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/pwn`)),
  },
  {
    name: 'dangling symlink to a new file outside',
    mode: WW,
    cmd: (h) => `ln -s ${h.outside}/new.txt dl && echo x > dl`,
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/new.txt`)),
  },
  {
    name: 'symlink into .git',
    mode: WW,
    cmd: () => 'ln -s .git/config gc && echo "[alias] x = !touch /tmp/y" >> gc',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'hard link to a file outside',
    mode: WW,
    cmd: (h) => `ln ${h.outside}/victim.txt hl && echo pwned >> hl`,
    assertHost: (h, r) => (failed(r), unchanged(`${h.outside}/victim.txt`, 'original\n')),
  },
  {
    name: 'hard link to .git/config',
    mode: WW,
    cmd: () => 'ln .git/config hl2 && echo pwned >> hl2',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'move the workspace itself',
    mode: WW,
    cmd: (h) => `mv ${h.ws} ${h.ws}-moved`,
    assertHost: (h, r) => (failed(r), absent(`${h.ws}-moved`), assert.ok(existsSync(h.ws))),
  },
  {
    name: '/proc/1/environ and the parent environ hold no secret',
    mode: WW,
    cmd: () => 'cat /proc/1/environ /proc/$PPID/environ /proc/*/environ 2>/dev/null | tr "\\0" "\\n"; true',
    assertHost: noSecret,
  },
  {
    name: 'API key not in the environment',
    mode: WW,
    cmd: () => 'env; echo "$OPENAI_API_KEY$MY_TOKEN$CODEX_API_KEY"',
    assertHost: (h, r) => (noSecret(h, r), assert.match(r.output, /HEXEC_SANDBOX=workspace-write/)),
  },
  { name: 'API key not in the environment (read-only)', mode: RO, cmd: () => 'env', assertHost: noSecret },
  {
    name: 'host processes are invisible',
    mode: WW,
    cmd: (h) => `ls /proc | grep -x ${h.hostPid} || kill -0 ${h.hostPid}`,
    assertHost: (_h, r) => failed(r),
  },
  {
    name: 'signal the parent and everything visible',
    mode: WW,
    cmd: () => 'kill -STOP $PPID; kill -STOP 1; exit 0',
    assertHost: (h) =>
      assert.doesNotMatch(readFileSync(`/proc/${h.hostPid}/stat`, 'utf8').split(') ')[1] ?? '', /^[Tt]/),
  },
  {
    name: 'signal the host test process by pid',
    mode: WW,
    cmd: (h) => `kill -STOP ${h.hostPid}`,
    assertHost: (h, r) => (
      failed(r),
      assert.doesNotMatch(readFileSync(`/proc/${h.hostPid}/stat`, 'utf8').split(') ')[1] ?? '', /^[Tt]/)
    ),
  },
  {
    name: 'TCP to a host listener on 127.0.0.1',
    mode: WW,
    cmd: (h) => `exec 3<>/dev/tcp/127.0.0.1/${h.port} && echo connected`,
    assertHost: (h, r) => (failed(r), assert.equal(h.connections(), 0), assert.doesNotMatch(r.output, /connected/)),
  },
  {
    name: 'TCP to a host listener (read-only)',
    mode: RO,
    cmd: (h) => `exec 3<>/dev/tcp/127.0.0.1/${h.port} && echo connected`,
    assertHost: (h, r) => (failed(r), assert.equal(h.connections(), 0)),
  },
  {
    name: 'DNS lookup with the network off',
    mode: WW,
    cmd: () => 'getent ahosts example.com || getent hosts registry.npmjs.org',
    assertHost: (_h, r) => (failed(r), assert.doesNotMatch(r.output, /\d+\.\d+\.\d+\.\d+/)),
  },
  {
    name: 'only loopback exists',
    mode: WW,
    cmd: () => 'cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d " " | grep -vx lo',
    assertHost: (_h, r) => failed(r),
  },
  {
    name: 'mount a tmpfs over .git',
    mode: WW,
    cmd: () => 'mount -t tmpfs none .git && echo x > .git/config',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'remount / read-write',
    mode: RO,
    cmd: (h) => `mount -o remount,rw / && echo x > ${h.outside}/pwn`,
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/pwn`)),
  },
  {
    name: 'nested user namespace (unshare -r)',
    mode: WW,
    cmd: () => 'unshare -r -m sh -c "mount -t tmpfs none .git && echo x > .git/config"',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  { name: 'unshare a mount namespace', mode: WW, cmd: () => 'unshare -m true', assertHost: (_h, r) => failed(r) },
  { name: 'chroot', mode: WW, cmd: () => 'chroot / true', assertHost: (_h, r) => failed(r) },
  {
    name: 'setuid binary (su) to write outside',
    mode: WW,
    cmd: (h) => `su root -c "touch ${h.outside}/su" </dev/null`,
    assertHost: (h, r) => (failed(r), absent(`${h.outside}/su`)),
  },
  {
    name: 'capabilities are empty and no_new_privs is set',
    mode: WW,
    cmd: () => 'grep -E "^(CapEff|NoNewPrivs)" /proc/self/status',
    assertHost: (_h, r) => (assert.match(r.output, /CapEff:\s+0+\n/), assert.match(r.output, /NoNewPrivs:\s+1/)),
  },
  {
    name: 'fill /tmp',
    mode: WW,
    cmd: (h) => `head -c 20000000 /dev/zero > /tmp/${h.tmpName} && ls -la /tmp/${h.tmpName}`,
    assertHost: (h) => absent(`/tmp/${h.tmpName}`),
  },
  {
    name: 'write /tmp under read-only',
    mode: RO,
    cmd: (h) => `echo x > /tmp/${h.tmpName}`,
    assertHost: (h, r) => (failed(r), absent(`/tmp/${h.tmpName}`)),
  },
  {
    name: 'write the workspace under read-only',
    mode: RO,
    cmd: () => 'echo x > pwn',
    assertHost: (h, r) => (failed(r), absent(`${h.ws}/pwn`)),
  },
  {
    name: 'write .git under read-only',
    mode: RO,
    cmd: () => 'echo x >> .git/config',
    assertHost: (h, r) => (failed(r), gitIntact(h)),
  },
  {
    name: 'raw devices and kmsg',
    mode: WW,
    cmd: () =>
      'ls /dev/sd* /dev/nvme* /dev/vd* /dev/mem /dev/kmsg 2>/dev/null | grep . || test -c /dev/kmsg || test -b /dev/sda',
    assertHost: (_h, r) => failed(r),
  },
  {
    name: 'mknod a block device',
    mode: WW,
    cmd: () => 'mknod blk b 8 0 && head -c 1 blk',
    assertHost: (h, r) => (failed(r), absent(`${h.ws}/blk`)),
  },
  {
    name: 'sysctl and cgroup writes',
    mode: WW,
    cmd: () => 'echo 0 > /proc/sys/kernel/unprivileged_userns_clone || echo $$ > /sys/fs/cgroup/cgroup.procs',
    assertHost: (_h, r) => failed(r),
  },
  {
    name: 'ptrace a process outside the sandbox',
    mode: WW,
    cmd: (h) => `command -v strace >/dev/null || exit 1; strace -p ${h.hostPid} -o /dev/null -e trace=none`,
    assertHost: (_h, r) => failed(r),
  },
  { name: 'hostname change stays inside', mode: WW, cmd: () => 'hostname pwned', assertHost: (_h, r) => failed(r) },
  {
    name: 'connect to a host unix socket (a docker.sock, an ssh-agent)',
    mode: WW,
    control: true,
    cmd: (h) => nodeConnect(h, 'path', h.unixSocket),
    assertHost: refusedByFilter,
  },
  {
    name: 'connect to a host unix socket (read-only)',
    mode: RO,
    control: true,
    cmd: (h) => nodeConnect(h, 'path', h.unixSocket),
    assertHost: refusedByFilter,
  },
  {
    name: 'connect to a host abstract unix socket',
    mode: WW,
    control: true,
    cmd: (h) => nodeConnect(h, 'abstract', h.abstractName),
    assertHost: refusedByFilter,
  },
];
