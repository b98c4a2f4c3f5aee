/**
 * A minimal classic-BPF assembler for seccomp filters: the handful of instructions a
 * seccomp program needs, symbolic jump targets, and the 8-byte `struct sock_filter`
 * encoding bwrap's `--seccomp FD` reads. Pure: no native code, no kernel calls.
 */

/** `struct seccomp_data` offsets (little-endian: x86_64 and aarch64). */
export const SECCOMP_DATA = Object.freeze({
  nr: 0,
  arch: 4,
  /** Low 32 bits of argument `i` (what the kernel uses for an `int` argument). */
  argLow: (i: number): number => 16 + 8 * i,
});

/** Return values of a seccomp filter. */
export const SECCOMP_RET = Object.freeze({
  killProcess: 0x80000000,
  errno: (e: number): number => 0x00050000 | (e & 0xffff),
  allow: 0x7fff0000,
});

const BPF = Object.freeze({
  ldAbsW: 0x20, // BPF_LD | BPF_W | BPF_ABS
  andK: 0x54, // BPF_ALU | BPF_AND | BPF_K
  ja: 0x05, // BPF_JMP | BPF_JA
  jeqK: 0x15, // BPF_JMP | BPF_JEQ | BPF_K
  jgeK: 0x35, // BPF_JMP | BPF_JGE | BPF_K
  retK: 0x06, // BPF_RET | BPF_K
});

/** A jump target: a label defined later in the program, or 'next' (the following instruction). */
export type Target = string;
const NEXT = 'next';

export type Insn =
  | { readonly op: 'ld'; readonly offset: number }
  | { readonly op: 'and'; readonly mask: number }
  | { readonly op: 'jeq' | 'jge'; readonly k: number; readonly jt: Target; readonly jf: Target }
  | { readonly op: 'ja'; readonly to: Target }
  | { readonly op: 'ret'; readonly value: number }
  | { readonly op: 'label'; readonly name: string };

export const ins = Object.freeze({
  ld: (offset: number): Insn => ({ op: 'ld', offset }),
  and: (mask: number): Insn => ({ op: 'and', mask }),
  jeq: (k: number, jt: Target = NEXT, jf: Target = NEXT): Insn => ({ op: 'jeq', k, jt, jf }),
  jge: (k: number, jt: Target = NEXT, jf: Target = NEXT): Insn => ({ op: 'jge', k, jt, jf }),
  ja: (to: Target): Insn => ({ op: 'ja', to }),
  ret: (value: number): Insn => ({ op: 'ret', value }),
  label: (name: string): Insn => ({ op: 'label', name }),
});

/** The kernel's limit on a classic BPF program (BPF_MAXINSNS). */
const MAX_INSNS = 4096;

/**
 * Encodes `program` as `struct sock_filter[]` (u16 code, u8 jt, u8 jf, u32 k; little
 * endian). Jumps go forward only, conditional ones at most 255 instructions: anything
 * else is a bug in the caller and throws.
 */
export function assemble(program: readonly Insn[]): Buffer {
  const at = new Map<string, number>();
  const real: Insn[] = [];
  for (const i of program) {
    if (i.op === 'label') {
      if (at.has(i.name)) throw new Error(`seccomp: label ${i.name} defined twice`);
      at.set(i.name, real.length);
    } else real.push(i);
  }
  if (real.length === 0 || real.length > MAX_INSNS) throw new Error(`seccomp: ${real.length} instructions`);
  const last = real[real.length - 1];
  if (last?.op !== 'ret') throw new Error('seccomp: the program must end with a return');
  const out = Buffer.alloc(real.length * 8);
  const offset = (pc: number, target: Target, max: number): number => {
    const to = target === NEXT ? pc + 1 : at.get(target);
    if (to === undefined) throw new Error(`seccomp: undefined label ${target}`);
    const rel = to - (pc + 1);
    if (rel < 0 || rel > max || to >= real.length) throw new Error(`seccomp: jump to ${target} out of range`);
    return rel;
  };
  real.forEach((i, pc) => {
    let code: number;
    let jt = 0;
    let jf = 0;
    let k: number;
    switch (i.op) {
      case 'ld':
        [code, k] = [BPF.ldAbsW, i.offset];
        break;
      case 'and':
        [code, k] = [BPF.andK, i.mask];
        break;
      case 'jeq':
      case 'jge':
        [code, k] = [i.op === 'jeq' ? BPF.jeqK : BPF.jgeK, i.k];
        jt = offset(pc, i.jt, 255);
        jf = offset(pc, i.jf, 255);
        break;
      case 'ja':
        [code, k] = [BPF.ja, offset(pc, i.to, MAX_INSNS)];
        break;
      case 'ret':
        [code, k] = [BPF.retK, i.value];
        break;
      default:
        throw new Error('seccomp: unreachable');
    }
    out.writeUInt16LE(code, pc * 8);
    out.writeUInt8(jt, pc * 8 + 2);
    out.writeUInt8(jf, pc * 8 + 3);
    out.writeUInt32LE(k >>> 0, pc * 8 + 4);
  });
  return out;
}
