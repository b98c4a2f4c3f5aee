import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { assemble, ins } from './seccomp-bpf.js';
import {
  SECCOMP_ARCHES,
  seccompArchOf,
  seccompProfileOf,
  seccompPolicyMarkdown,
  seccompProgram,
  type SeccompArch,
  type SyscallName,
} from './seccomp-policy.js';
import { DANGER_FULL_ACCESS_POLICY, READ_ONLY_POLICY, workspaceWritePolicy } from './sandbox-policy.js';

const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const KILL = 0x80000000;

/** A classic-BPF interpreter for the instructions seccomp programs use (what the kernel would return). */
function run(prog: Buffer, data: { arch: number; nr: number; args?: readonly number[] }): number {
  const word = (off: number): number => {
    if (off === 0) return data.nr >>> 0;
    if (off === 4) return data.arch >>> 0;
    const i = (off - 16) / 8;
    assert.ok(Number.isInteger(i) && i >= 0 && i < 6, `load from offset ${off}`);
    return (data.args?.[i] ?? 0) >>> 0;
  };
  let a = 0;
  for (let pc = 0; pc < prog.length / 8;) {
    const code = prog.readUInt16LE(pc * 8);
    const jt = prog.readUInt8(pc * 8 + 2);
    const jf = prog.readUInt8(pc * 8 + 3);
    const k = prog.readUInt32LE(pc * 8 + 4);
    pc += 1;
    if (code === 0x20) a = word(k);
    else if (code === 0x54) a = (a & k) >>> 0;
    else if (code === 0x05) pc += k;
    else if (code === 0x15) pc += a === k ? jt : jf;
    else if (code === 0x35) pc += a >= k ? jt : jf;
    else if (code === 0x06) return k;
    else assert.fail(`unexpected opcode ${code.toString(16)}`);
  }
  return assert.fail('fell off the end of the program');
}

const ARCHES: readonly SeccompArch[] = ['x86_64', 'aarch64'];
const AF = { UNIX: 1, INET: 2, INET6: 10, NETLINK: 16, PACKET: 17, VSOCK: 40 };
const SOCK = { STREAM: 1, DGRAM: 2, RAW: 3, SEQPACKET: 5, NONBLOCK: 0o4000, CLOEXEC: 0o2000000 };

function verdict(
  arch: SeccompArch,
  profile: 'network-off' | 'network-on',
  name: SyscallName | number,
  args?: number[],
) {
  const spec = SECCOMP_ARCHES[arch];
  const nr = typeof name === 'number' ? name : spec.nr[name];
  return run(seccompProgram(profile, arch), { arch: spec.audit, nr, ...(args !== undefined ? { args } : {}) });
}

test('network off: sockets reach nothing outside, unix stream/seqpacket pairs still work (both arches)', () => {
  for (const arch of ARCHES) {
    const v = (n: SyscallName | number, args?: number[]): number => verdict(arch, 'network-off', n, args);
    for (const n of ['connect', 'bind', 'listen', 'accept', 'accept4', 'sendto', 'setsockopt', 'ptrace'] as const) {
      assert.equal(v(n), EPERM, `${arch} ${n}`);
    }
    assert.equal(v('io_uring_setup'), EPERM);
    assert.equal(v('socket', [AF.UNIX, SOCK.STREAM]), ALLOW);
    assert.equal(v('socket', [AF.UNIX, SOCK.SEQPACKET | SOCK.CLOEXEC | SOCK.NONBLOCK]), ALLOW);
    assert.equal(v('socketpair', [AF.UNIX, SOCK.STREAM | SOCK.CLOEXEC]), ALLOW);
    for (const type of [SOCK.DGRAM, SOCK.RAW, SOCK.DGRAM | SOCK.CLOEXEC]) {
      assert.equal(v('socket', [AF.UNIX, type]), EPERM, `unix type ${type}`);
      assert.equal(v('socketpair', [AF.UNIX, type]), EPERM, `unix pair type ${type}`);
    }
    for (const af of [AF.INET, AF.INET6, AF.NETLINK, AF.PACKET, AF.VSOCK]) {
      assert.equal(v('socket', [af, SOCK.STREAM]), EPERM, `family ${af}`);
    }
    // Not listed: read, write, recvfrom, sendmsg, recvmsg, shutdown, getsockname, getpeername, getsockopt, execve
    // (Node probes its stdio socketpairs with getsockopt/getsockname and half-closes them with shutdown).
    const spec = SECCOMP_ARCHES[arch];
    for (const nr of arch === 'x86_64'
      ? [0, 1, 45, 46, 47, 48, 51, 52, 55, 59]
      : [63, 64, 204, 205, 207, 209, 210, 211, 212, 221]) {
      assert.equal(run(seccompProgram('network-off', arch), { arch: spec.audit, nr }), ALLOW, `nr ${nr}`);
    }
  }
});

test('network on: everything but VM sockets and io_uring', () => {
  for (const arch of ARCHES) {
    const v = (n: SyscallName, args?: number[]): number => verdict(arch, 'network-on', n, args);
    assert.equal(v('socket', [AF.VSOCK, SOCK.STREAM]), EPERM);
    assert.equal(v('socketpair', [AF.VSOCK, SOCK.STREAM]), EPERM);
    assert.equal(v('io_uring_enter'), EPERM);
    assert.equal(v('socket', [AF.INET, SOCK.STREAM]), ALLOW);
    assert.equal(v('socket', [AF.UNIX, SOCK.DGRAM]), ALLOW);
    assert.equal(v('connect'), ALLOW);
    assert.equal(v('ptrace'), ALLOW);
  }
});

test('a foreign ABI is killed: another arch, i386 on x86_64, x32', () => {
  const prog = seccompProgram('network-off', 'x86_64');
  assert.equal(run(prog, { arch: 0x40000003, nr: 20 }), KILL, 'i386 (int 0x80)');
  assert.equal(run(prog, { arch: SECCOMP_ARCHES.aarch64.audit, nr: 203 }), KILL);
  assert.equal(run(prog, { arch: SECCOMP_ARCHES.x86_64.audit, nr: 0x40000000 | 42 }), KILL, 'x32 connect');
  assert.equal(run(prog, { arch: SECCOMP_ARCHES.x86_64.audit, nr: 0x40000000 | 39 }), KILL, 'x32 getpid');
  const arm = seccompProgram('network-off', 'aarch64');
  assert.equal(run(arm, { arch: SECCOMP_ARCHES.x86_64.audit, nr: 42 }), KILL);
});

test('the profile follows the mode; the arch follows Node', () => {
  assert.equal(seccompProfileOf(READ_ONLY_POLICY), 'network-off');
  assert.equal(seccompProfileOf(workspaceWritePolicy()), 'network-off');
  assert.equal(seccompProfileOf(workspaceWritePolicy({ networkAccess: true })), 'network-on');
  assert.equal(seccompProfileOf(DANGER_FULL_ACCESS_POLICY), undefined);
  assert.equal(seccompArchOf('x64'), 'x86_64');
  assert.equal(seccompArchOf('arm64'), 'aarch64');
  assert.equal(seccompArchOf('riscv64'), undefined);
});

test('the program is deterministic, small and well-formed', () => {
  for (const arch of ARCHES) {
    for (const profile of ['network-off', 'network-on'] as const) {
      const a = seccompProgram(profile, arch);
      assert.deepEqual(a, seccompProgram(profile, arch));
      assert.equal(a.length % 8, 0);
      assert.ok(a.length / 8 < 128, `${a.length / 8} instructions`);
    }
  }
});

test('the assembler refuses backward or undefined jumps and programs without a final return', () => {
  assert.throws(() => assemble([ins.label('a'), ins.ld(0), ins.jeq(1, 'a', 'next'), ins.ret(0)]), /out of range/);
  assert.throws(() => assemble([ins.jeq(1, 'nowhere', 'next'), ins.ret(0)]), /undefined label/);
  assert.throws(() => assemble([ins.ld(0)]), /must end with a return/);
  const far = [
    ins.jeq(1, 'end', 'next'),
    ...Array.from({ length: 300 }, () => ins.ld(0)),
    ins.label('end'),
    ins.ret(0),
  ];
  assert.throws(() => assemble(far), /out of range/);
});

/** `#define __NR_name N` from a kernel header, when linux-libc-dev is installed. */
function headerNumbers(path: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of readFileSync(path, 'utf8').matchAll(/^#define __NR_(\w+)\s+(\d+)\s*$/gm)) {
    out.set(m[1] as string, Number(m[2]));
  }
  return out;
}

const HEADERS: Record<SeccompArch, string> = {
  x86_64: '/usr/include/x86_64-linux-gnu/asm/unistd_64.h',
  aarch64: '/usr/include/asm-generic/unistd.h',
};

for (const arch of ARCHES) {
  const header = HEADERS[arch];
  test(
    `${arch} syscall numbers match the kernel's headers`,
    { skip: existsSync(header) ? false : `no ${header} (linux-libc-dev)` },
    () => {
      const nrs = headerNumbers(header);
      for (const [name, nr] of Object.entries(SECCOMP_ARCHES[arch].nr)) {
        assert.equal(nrs.get(name), nr, `${arch} ${name}`);
      }
    },
  );
}

test("docs/sandbox.md's syscall table is the declared policy", () => {
  const docs = readFileSync(new URL('../../../docs/sandbox.md', import.meta.url), 'utf8');
  const block = /<!-- seccomp-table:start[^\n]*-->\n([\s\S]*?)\n<!-- seccomp-table:end -->/.exec(docs)?.[1];
  assert.equal(block, seccompPolicyMarkdown(), 'regenerate the table between the seccomp-table markers');
});
