import { HexecError } from '../errors/index.js';
import { emptyOptions, findLong, findShort, type OptionSpec, type ParsedOptions } from './argv-spec.js';

export type { ParsedOptions } from './argv-spec.js';

/** Extra, command-specific switches (e.g. `config show --json --explain`). */
export interface ExtraSpec {
  readonly long: string;
  readonly short?: string;
  readonly takesValue: boolean;
  readonly repeatable?: boolean;
}

export interface ParseResult {
  options: ParsedOptions;
  positionals: string[];
  /** Arguments after a literal `--`. */
  rest: string[];
  sawDoubleDash: boolean;
  extras: Record<string, string[] | true>;
}

export interface ParseSettings {
  readonly scopes: ReadonlyArray<OptionSpec['scope']>;
  readonly extras?: readonly ExtraSpec[];
  readonly usage: string;
  /** Stop option parsing at the first positional (for `hexec sandbox CMD ...`). */
  readonly stopAtFirstPositional?: boolean;
}

function usageError(message: string, usage: string): HexecError {
  return new HexecError('usage', `${message}\n\nUsage: ${usage}\n\nFor more information, try '--help'.`);
}

function display(spec: OptionSpec): string {
  const short = spec.short !== undefined ? `-${spec.short}, ` : '';
  const value = spec.kind === 'flag' ? '' : ` <${spec.valueName ?? 'VALUE'}>`;
  return `${short}--${spec.long}${value}`;
}

function store(opts: ParsedOptions, spec: OptionSpec, value: string | undefined, usage: string): void {
  const bag = opts as unknown as Record<string, unknown>;
  if (spec.kind === 'flag') {
    bag[spec.name] = true;
    return;
  }
  if (value === undefined) {
    throw usageError(`a value is required for '${display(spec)}' but none was supplied`, usage);
  }
  if (spec.choices !== undefined && !spec.choices.includes(value)) {
    throw usageError(
      `invalid value '${value}' for '${display(spec)}'\n  [possible values: ${spec.choices.join(', ')}]`,
      usage,
    );
  }
  if (spec.kind === 'multi') {
    const list = bag[spec.name] as string[];
    if (spec.commaList === true) list.push(...value.split(',').filter((s) => s !== ''));
    else list.push(value);
  } else {
    bag[spec.name] = value;
  }
}

/**
 * clap-like parsing: options anywhere before `--`, `--opt=value` or `--opt value`,
 * `-cVALUE` or `-c VALUE`, `-` is a positional. Unknown options are usage errors.
 */
export function parseOptions(argv: readonly string[], settings: ParseSettings): ParseResult {
  const options = emptyOptions();
  const positionals: string[] = [];
  const rest: string[] = [];
  const extras: Record<string, string[] | true> = {};
  const allowed = (spec: OptionSpec | undefined): spec is OptionSpec =>
    spec !== undefined && settings.scopes.includes(spec.scope);
  let sawDoubleDash = false;
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as string;
    i += 1;
    if (sawDoubleDash) {
      rest.push(arg);
      continue;
    }
    if (arg === '--') {
      sawDoubleDash = true;
      continue;
    }
    if (settings.stopAtFirstPositional === true && positionals.length > 0) {
      rest.push(arg);
      continue;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq === -1 ? undefined : arg.slice(eq + 1);
      const extra = settings.extras?.find((e) => e.long === name);
      if (extra !== undefined) {
        i = takeExtra(extra, inline, argv, i, extras, settings.usage, `--${name}`);
        continue;
      }
      const spec = findLong(name);
      if (!allowed(spec)) {
        throw usageError(
          `unexpected argument '--${name}' found\n\n  tip: to pass '--${name}' as a value, use '-- --${name}'`,
          settings.usage,
        );
      }
      if (spec.kind === 'flag') {
        if (inline !== undefined) {
          throw usageError(
            `unexpected value '${inline}' for '${display(spec)}' found; no more were expected`,
            settings.usage,
          );
        }
        store(options, spec, undefined, settings.usage);
      } else {
        let value = inline;
        if (value === undefined && i < argv.length) {
          value = argv[i];
          i += 1;
        }
        store(options, spec, value, settings.usage);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const ch = arg[1] as string;
      const extra = settings.extras?.find((e) => e.short === ch);
      if (extra !== undefined) {
        const inline = arg.length > 2 ? arg.slice(2) : undefined;
        i = takeExtra(extra, inline, argv, i, extras, settings.usage, `-${ch}`);
        continue;
      }
      const spec = findShort(ch);
      if (!allowed(spec)) {
        throw usageError(`unexpected argument '-${ch}' found`, settings.usage);
      }
      if (spec.kind === 'flag') {
        store(options, spec, undefined, settings.usage);
        continue;
      }
      let value: string | undefined = arg.length > 2 ? arg.slice(2) : undefined;
      if (value?.startsWith('=') === true) value = value.slice(1);
      if (value === undefined && i < argv.length) {
        value = argv[i];
        i += 1;
      }
      store(options, spec, value, settings.usage);
      continue;
    }
    positionals.push(arg);
  }
  return { options, positionals, rest, sawDoubleDash, extras };
}

function takeExtra(
  extra: ExtraSpec,
  inline: string | undefined,
  argv: readonly string[],
  i: number,
  extras: Record<string, string[] | true>,
  usage: string,
  shown: string,
): number {
  if (!extra.takesValue) {
    if (inline !== undefined && shown.startsWith('--')) {
      throw usageError(`unexpected value '${inline}' for '${shown}' found; no more were expected`, usage);
    }
    extras[extra.long] = true;
    return i;
  }
  let value = inline;
  let next = i;
  if (value === undefined && next < argv.length) {
    value = argv[next];
    next += 1;
  }
  if (value === undefined) throw usageError(`a value is required for '${shown}' but none was supplied`, usage);
  const prev = extras[extra.long];
  if (Array.isArray(prev) && extra.repeatable === true) prev.push(value);
  else extras[extra.long] = [value];
  return next;
}
