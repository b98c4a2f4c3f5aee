import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  topHelp
} from "./chunk-266DYHJA.mjs";
import "./chunk-JN6DIL67.mjs";
import {
  HEXEC_VERSION
} from "./chunk-3DM23MJA.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";

// src/cli/main.ts
var COMMANDS = {
  exec: async () => (await import("./exec-command-P6NDL2HH.mjs")).execCommand,
  e: async () => (await import("./exec-command-P6NDL2HH.mjs")).execCommand,
  help: async () => (await import("./help-command-2MDHLMNP.mjs")).helpCommand,
  gate: async () => (await import("./gate-command-RJHIJPY7.mjs")).gateCommand,
  proxy: async () => (await import("./proxy-command-NSURVUHW.mjs")).proxyCommand
};
async function main(argv, io) {
  const first = argv[0];
  if (first === void 0 || first === "-h" || first === "--help") {
    io.stdout.write(topHelp());
    return first === void 0 ? 2 : 0;
  }
  if (first === "-V" || first === "--version") {
    io.stdout.write(`hexec ${HEXEC_VERSION}
`);
    return 0;
  }
  const load = COMMANDS[first];
  if (load === void 0) {
    throw new HexecError(
      "usage",
      `unrecognized subcommand '${first}'

Usage: hexec <COMMAND> [ARGS]

For more information, try '--help'.`
    );
  }
  const handler = await load();
  return handler(argv.slice(1), io);
}
function registeredCommands() {
  return Object.keys(COMMANDS);
}
export {
  main,
  registeredCommands
};
