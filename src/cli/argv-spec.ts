import { CONFIG_OPTIONS } from './options-config.js';
import { EXEC_OPTIONS } from './options-exec.js';

/**
 * The option table of `hexec exec` and the subcommands that share its configuration
 * flags: one row per flag. The parser, `ParsedOptions`, `--help` and the README's flag
 * tables all come from these rows.
 */
export type OptionKind = 'flag' | 'value' | 'multi';

export interface OptionSpec {
  /** Property name in ParsedOptions. */
  readonly name: string;
  readonly long: string;
  readonly short?: string;
  readonly aliases?: readonly string[];
  readonly kind: OptionKind;
  readonly valueName?: string;
  readonly choices?: readonly string[];
  readonly help: string;
  /** Which group of commands accepts it. */
  readonly scope: 'config' | 'exec';
  /** Not shown in --help or the README (compatibility spellings, resume's own flags). */
  readonly hidden?: boolean;
  /** hexec-only flag (not in codex exec 0.171). */
  readonly hexec?: boolean;
  /** The README table's "hexec" column: how hexec treats it (required unless hidden). */
  readonly readme?: string;
  /** A `multi` option whose values may also be comma-separated (`-i a.png,b.png`). */
  readonly commaList?: boolean;
}

const TYPED_OPTIONS = [...CONFIG_OPTIONS, ...EXEC_OPTIONS] as const;
/** Every row, in --help and README order. */
export const OPTIONS: readonly OptionSpec[] = TYPED_OPTIONS;

export { SANDBOX_MODES } from './options-config.js';

type Spec = (typeof TYPED_OPTIONS)[number];
type ValueOf<O> = O extends { readonly choices: readonly (infer C)[] } ? C : string;
type Simplify<T> = { -readonly [K in keyof T]: T[K] };

/** Every option of the table, typed: flags are booleans, repeatables arrays, values optional. */
export type ParsedOptions = Simplify<
  { [O in Spec as O['kind'] extends 'flag' ? O['name'] : never]: boolean } & {
    [O in Spec as O['kind'] extends 'multi' ? O['name'] : never]: string[];
  } & { [O in Spec as O['kind'] extends 'value' ? O['name'] : never]?: ValueOf<O> }
>;

/** No option given: flags false, repeatables empty, values absent. */
export function emptyOptions(): ParsedOptions {
  const bag: Record<string, boolean | string[]> = {};
  for (const o of OPTIONS) {
    if (o.kind === 'flag') bag[o.name] = false;
    else if (o.kind === 'multi') bag[o.name] = [];
  }
  return bag as unknown as ParsedOptions;
}

export function findLong(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.long === name || (o.aliases ?? []).includes(name));
}

export function findShort(ch: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.short === ch);
}
