import { parseArgs } from 'node:util';
import { HexecError } from '../../errors/index.js';

/** Options of one `hexec batch` subcommand: name → string value or boolean flag. */
export type BatchOptionSpec = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>
>;

export interface ParsedBatchArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses a subcommand's arguments; anything unknown or missing a value is exit 2 with the usage. */
export function parseBatchArgs(argv: readonly string[], spec: BatchOptionSpec, usage: string): ParsedBatchArgs {
  try {
    const r = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    const msg = (e as Error).message.replace(/^Unknown option/, 'unknown option');
    throw new HexecError('usage', `${msg}\n\nUsage: ${usage}`);
  }
}

export function stringOpt(a: ParsedBatchArgs, name: string): string | undefined {
  const v = a.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function positiveNumberOpt(a: ParsedBatchArgs, name: string, integer: boolean): number | undefined {
  const v = stringOpt(a, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0) || (integer && !Number.isSafeInteger(n)))
    throw new HexecError('usage', `invalid value for --${name}`, {
      source: { flag: `--${name}` },
      expected: integer ? 'a whole number >= 1' : 'a number > 0',
      found: JSON.stringify(v),
    });
  return n;
}

/** Exactly `count` positionals, else exit 2 with the usage. */
export function needPositionals(a: ParsedBatchArgs, min: number, what: string, usage: string): void {
  if (a.positionals.length < min) throw new HexecError('usage', `missing ${what}\n\nUsage: ${usage}`);
}
