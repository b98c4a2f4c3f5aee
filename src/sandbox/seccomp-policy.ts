import { assemble, ins, SECCOMP_DATA, SECCOMP_RET, type Insn } from './seccomp-bpf.js';
import type { SandboxPolicy } from './sandbox-policy.js';

/**
 * The syscall policy of sandboxed commands, as data: which calls fail with EPERM, under
 * which arguments. Everything not listed is allowed (as in codex: the filesystem, process
 * and network isolation come from bwrap's mounts and namespaces; the filter closes what
 * those cannot see). docs/sandbox.md's table is checked against this declaration.
 */
export type SeccompProfile = 'network-off' | 'network-on';

export type SyscallName =
  | 'socket'
  | 'socketpair'
  | 'connect'
  | 'accept'
  | 'accept4'
  | 'bind'
  | 'listen'
  | 'sendto'
  | 'sendmmsg'
  | 'recvmmsg'
  | 'setsockopt'
  | 'ptrace'
  | 'process_vm_readv'
  | 'process_vm_writev'
  | 'io_uring_setup'
  | 'io_uring_enter'
  | 'io_uring_register';

/** A test on the low 32 bits of one argument (`(arg & mask) op value`). */
export interface ArgTest {
  readonly arg: number;
  readonly mask?: number;
  readonly op: 'eq' | 'ne';
  readonly value: number;
  /** How the docs show it, e.g. `domain != AF_UNIX`. */
  readonly text: string;
}

export interface DenyRule {
  readonly syscalls: readonly SyscallName[];
  /** All must hold for the call to be refused; none: always refused. */
  readonly when?: readonly ArgTest[];
  readonly why: string;
}

const AF_UNIX = 1;
const AF_VSOCK = 40;
const SOCK_STREAM = 1;
const SOCK_SEQPACKET = 5;
/** SOCK_TYPE_MASK: the type without SOCK_NONBLOCK / SOCK_CLOEXEC. */
const TYPE_MASK = 0xf;
const EPERM = 1;

const IO_URING: DenyRule = {
  syscalls: ['io_uring_setup', 'io_uring_enter', 'io_uring_register'],
  why: 'io_uring creates and connects sockets without the socket syscalls the filter sees',
};

export const SECCOMP_RULES: Readonly<Record<SeccompProfile, readonly DenyRule[]>> = Object.freeze({
  'network-off': [
    {
      syscalls: ['connect', 'accept', 'accept4', 'bind', 'listen', 'sendto', 'sendmmsg', 'recvmmsg', 'setsockopt'],
      why: 'no connection to a socket outside the sandbox (a host path like /var/run/docker.sock or $SSH_AUTH_SOCK, or an abstract name), no listener',
    },
    {
      syscalls: ['socket', 'socketpair'],
      when: [{ arg: 0, op: 'ne', value: AF_UNIX, text: 'domain != AF_UNIX' }],
      why: 'unix sockets only (no IP, netlink, packet or VM sockets)',
    },
    {
      syscalls: ['socket', 'socketpair'],
      when: [
        { arg: 1, mask: TYPE_MASK, op: 'ne', value: SOCK_STREAM, text: 'type != SOCK_STREAM' },
        { arg: 1, mask: TYPE_MASK, op: 'ne', value: SOCK_SEQPACKET, text: 'type != SOCK_SEQPACKET' },
      ],
      why: 'no datagram sockets: sendmsg() with an address would reach a host socket (/dev/log, journald, $NOTIFY_SOCKET) without connect()',
    },
    {
      syscalls: ['ptrace', 'process_vm_readv', 'process_vm_writev'],
      why: "no reading or steering another process's memory",
    },
    IO_URING,
  ],
  'network-on': [
    {
      syscalls: ['socket', 'socketpair'],
      when: [{ arg: 0, op: 'eq', value: AF_VSOCK, text: 'domain == AF_VSOCK' }],
      why: 'no VM sockets (a path to the hypervisor host, e.g. WSL2 interop)',
    },
    IO_URING,
  ],
});

/** The filter a sandboxed command gets; undefined for danger-full-access (no bwrap, no filter). */
export function seccompProfileOf(policy: SandboxPolicy): SeccompProfile | undefined {
  if (policy.mode === 'danger-full-access') return undefined;
  return policy.mode === 'workspace-write' && policy.networkAccess ? 'network-on' : 'network-off';
}

export type SeccompArch = 'x86_64' | 'aarch64';

interface ArchSpec {
  /** AUDIT_ARCH_* as seccomp_data.arch reports it. */
  readonly audit: number;
  /** Calls numbered at or above this belong to another ABI on the same arch (x32). */
  readonly foreignFrom?: number;
  readonly nr: Readonly<Record<SyscallName, number>>;
}

export const SECCOMP_ARCHES: Readonly<Record<SeccompArch, ArchSpec>> = Object.freeze({
  x86_64: {
    audit: 0xc000003e,
    foreignFrom: 0x40000000,
    nr: {
      socket: 41,
      connect: 42,
      accept: 43,
      sendto: 44,
      bind: 49,
      listen: 50,
      socketpair: 53,
      setsockopt: 54,
      ptrace: 101,
      accept4: 288,
      recvmmsg: 299,
      sendmmsg: 307,
      process_vm_readv: 310,
      process_vm_writev: 311,
      io_uring_setup: 425,
      io_uring_enter: 426,
      io_uring_register: 427,
    },
  },
  aarch64: {
    audit: 0xc00000b7,
    nr: {
      ptrace: 117,
      socket: 198,
      socketpair: 199,
      bind: 200,
      listen: 201,
      accept: 202,
      connect: 203,
      sendto: 206,
      setsockopt: 208,
      accept4: 242,
      recvmmsg: 243,
      sendmmsg: 269,
      process_vm_readv: 270,
      process_vm_writev: 271,
      io_uring_setup: 425,
      io_uring_enter: 426,
      io_uring_register: 427,
    },
  },
});

/** The seccomp arch of a Node `process.arch`, or undefined where hexec has no syscall table. */
export function seccompArchOf(nodeArch: string): SeccompArch | undefined {
  if (nodeArch === 'x64') return 'x86_64';
  if (nodeArch === 'arm64') return 'aarch64';
  return undefined;
}

/** One syscall's tests: refused when any rule holds (all of that rule's tests). */
function syscallBlock(name: SyscallName, rules: readonly DenyRule[], next: string): Insn[] {
  const out: Insn[] = [];
  rules.forEach((rule, r) => {
    const nextRule = `${name}.${r + 1}`;
    for (const t of rule.when ?? []) {
      out.push(ins.ld(SECCOMP_DATA.argLow(t.arg)));
      if (t.mask !== undefined) out.push(ins.and(t.mask));
      // eq holds on equality (go on), ne holds on inequality (go on); else try the next rule.
      out.push(t.op === 'eq' ? ins.jeq(t.value, 'next', nextRule) : ins.jeq(t.value, nextRule, 'next'));
    }
    out.push(ins.ja('deny'), ins.label(nextRule));
  });
  out.push(ins.ret(SECCOMP_RET.allow), ins.label(next));
  return out;
}

/**
 * The classic-BPF program of `profile` for `arch`. A call from another ABI (a 32-bit
 * program on x86_64, x32, anything whose numbers this table does not describe) kills the
 * process: its numbers mean other calls, and EPERM on every call would leave a process
 * that cannot even exit cleanly. Listed calls return EPERM, everything else is allowed.
 */
export function seccompProgram(profile: SeccompProfile, arch: SeccompArch): Buffer {
  const key = `${profile}/${arch}`;
  const cached = programs.get(key);
  if (cached !== undefined) return cached;
  const program = compile(profile, arch);
  programs.set(key, program);
  return program;
}

const programs = new Map<string, Buffer>();

function compile(profile: SeccompProfile, arch: SeccompArch): Buffer {
  const spec = SECCOMP_ARCHES[arch];
  const bySyscall = new Map<SyscallName, DenyRule[]>();
  for (const rule of SECCOMP_RULES[profile]) {
    for (const s of rule.syscalls) bySyscall.set(s, [...(bySyscall.get(s) ?? []), rule]);
  }
  const p: Insn[] = [ins.ld(SECCOMP_DATA.arch), ins.jeq(spec.audit, 'next', 'kill'), ins.ld(SECCOMP_DATA.nr)];
  if (spec.foreignFrom !== undefined) p.push(ins.jge(spec.foreignFrom, 'kill', 'next'));
  const names = [...bySyscall.keys()].sort((a, b) => spec.nr[a] - spec.nr[b]);
  for (const name of names) {
    const rules = bySyscall.get(name) ?? [];
    if (rules.some((r) => (r.when ?? []).length === 0)) {
      p.push(ins.jeq(spec.nr[name], 'deny', 'next'));
      continue;
    }
    p.push(ins.jeq(spec.nr[name], 'next', `${name}.end`), ...syscallBlock(name, rules, `${name}.end`));
  }
  p.push(
    ins.ret(SECCOMP_RET.allow),
    ins.label('deny'),
    ins.ret(SECCOMP_RET.errno(EPERM)),
    ins.label('kill'),
    ins.ret(SECCOMP_RET.killProcess),
  );
  return assemble(p);
}

const PROFILE_TITLE: Readonly<Record<SeccompProfile, string>> = {
  'network-off': 'network off (read-only, workspace-write)',
  'network-on': 'network on (`network_access = true`)',
};

/** The policy as the Markdown table of docs/sandbox.md (which a test keeps equal to this). */
export function seccompPolicyMarkdown(): string {
  const rows = ['| sandbox | refused with EPERM | when | why |', '|---|---|---|---|'];
  for (const profile of Object.keys(SECCOMP_RULES) as SeccompProfile[]) {
    for (const r of SECCOMP_RULES[profile]) {
      const when = (r.when ?? []).map((t) => `\`${t.text}\``).join(' and ');
      const calls = r.syscalls.map((c) => `\`${c}\``).join(', ');
      rows.push(`| ${PROFILE_TITLE[profile]} | ${calls} | ${when === '' ? 'always' : when} | ${r.why} |`);
    }
  }
  return rows.join('\n');
}
