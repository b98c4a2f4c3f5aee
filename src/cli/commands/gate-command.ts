import { resolve } from 'node:path';
import { EXIT, HexecError } from '../../errors/index.js';
import { formatGateReport, runGate } from '../../output/gate/index.js';
import type { CommandHandler } from '../io.js';

export const GATE_USAGE = 'hexec gate FILE [--schema SCHEMA] [--assert EXPR]...';

export function gateHelp(): string {
  return `Check a JSON output file (e.g. the -o file of a run with --output-schema) in CI.

Usage: ${GATE_USAGE}

Options:
  --schema SCHEMA   JSON Schema the file must satisfy (draft 2020-12, or draft-07 by $schema)
  --assert EXPR     A condition on the file; repeatable, every one must hold
  -h, --help        Print help

Assertions (one per --assert; quote them for the shell):
  POINTER == VALUE   POINTER != VALUE      deep equality with a JSON literal
  POINTER < N  <= N  > N  >= N             numeric comparison
  POINTER contains VALUE                   array element (deep equality) or substring
  POINTER matches "REGEX"                  string matches a JavaScript regular expression
  POINTER exists     POINTER missing       presence of the member
POINTER is a JSON Pointer (RFC 6901: /a/b/0, ~1 for '/', ~0 for '~'; '...' quotes one with
spaces, '' the whole document); /x/length is the length of an array or string.
VALUE is JSON: "pass", 3, true, null.
An absent member fails every check except 'missing'.

Examples:
  hexec gate review.json --schema review.schema.json \\
    --assert '/verdict == "pass"' --assert '/issues/length <= 3' --assert '/score >= 0.8'

Exit codes: 0 every check passed, 3 a check or the schema failed (each failure is named),
2 bad arguments, an unreadable or invalid JSON file, or an invalid schema.
`;
}

function takeValue(argv: readonly string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined) throw new HexecError('usage', `a value is required for '${flag}'\n\nUsage: ${GATE_USAGE}`);
  return v;
}

export const gateCommand: CommandHandler = async (argv, io) => {
  let file: string | undefined;
  let schema: string | undefined;
  const assertions: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      io.stdout.write(gateHelp());
      return EXIT.ok;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (name === '--schema' || name === '--assert') {
      const value = inline ?? takeValue(argv, i, name);
      if (inline === undefined) i += 1;
      if (name === '--schema') {
        if (schema !== undefined) throw new HexecError('usage', "'--schema' given more than once");
        schema = value;
      } else assertions.push(value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      throw new HexecError('usage', `unexpected argument '${arg}' found\n\nUsage: ${GATE_USAGE}`);
    }
    if (file !== undefined)
      throw new HexecError('usage', `unexpected argument '${arg}' found (only one FILE)\n\nUsage: ${GATE_USAGE}`);
    file = arg;
  }
  if (file === undefined) throw new HexecError('usage', `the FILE argument is required\n\nUsage: ${GATE_USAGE}`);
  if (schema === undefined && assertions.length === 0) {
    throw new HexecError('usage', 'nothing to check: give --schema and/or at least one --assert', { hint: GATE_USAGE });
  }
  const report = runGate({
    file: resolve(io.env.cwd, file),
    ...(schema !== undefined ? { schemaFile: resolve(io.env.cwd, schema) } : {}),
    assertions,
  });
  const text = formatGateReport({ ...report, file }, schema);
  if (report.ok) io.stdout.write(text);
  else io.stderr.write(text);
  return report.ok ? EXIT.ok : EXIT.outputSchema;
};
