import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  evaluate,
  formatEvaluation,
  loadRulesFile,
  mergeExecPolicies
} from "./chunk-RH2GIGXO.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";

// src/cli/commands/execpolicy-command.ts
var USAGE = "hexec execpolicy check --rules FILE [--rules FILE...] [--pretty] [--] COMMAND...";
var execpolicyCommand = async (argv, io) => {
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === void 0) {
    io.stdout.write(`Check a command against execpolicy .rules files.

Usage: ${USAGE}
`);
    return argv[0] === void 0 ? 2 : 0;
  }
  if (argv[0] !== "check") throw new HexecError("usage", `unrecognized subcommand '${argv[0]}'

Usage: ${USAGE}`);
  const files = [];
  let pretty = false;
  const command = [];
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    i += 1;
    if (command.length > 0) command.push(a);
    else if (a === "--") {
      command.push(...argv.slice(i));
      break;
    } else if (a === "--pretty") pretty = true;
    else if (a === "--resolve-host-executables") continue;
    else if (a === "--rules" || a === "-r") {
      const f = argv[i];
      if (f === void 0) throw new HexecError("usage", `a value is required for '--rules <PATH>'

Usage: ${USAGE}`);
      files.push(f);
      i += 1;
    } else if (a.startsWith("--rules=")) files.push(a.slice("--rules=".length));
    else if (a.startsWith("-") && command.length === 0) throw new HexecError("usage", `unexpected argument '${a}' found

Usage: ${USAGE}`);
    else command.push(a);
  }
  if (files.length === 0) throw new HexecError("usage", `the following required arguments were not provided:
  --rules <PATH>

Usage: ${USAGE}`);
  if (command.length === 0) throw new HexecError("usage", `the following required arguments were not provided:
  <COMMAND>...

Usage: ${USAGE}`);
  const policy = mergeExecPolicies(files.map((f) => loadRulesFile(f)));
  io.stdout.write(`${formatEvaluation(evaluate(policy, command), pretty)}
`);
  return 0;
};
export {
  execpolicyCommand
};
