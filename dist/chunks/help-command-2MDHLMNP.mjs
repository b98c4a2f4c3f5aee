import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  gateHelp
} from "./chunk-ZY2U6GIM.mjs";
import {
  proxyHelp
} from "./chunk-TLBRAFKP.mjs";
import {
  execHelp,
  topHelp
} from "./chunk-266DYHJA.mjs";
import "./chunk-JN6DIL67.mjs";
import "./chunk-3DM23MJA.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";

// src/cli/commands/help-command.ts
var TOPICS = {
  exec: execHelp,
  e: execHelp,
  gate: gateHelp,
  proxy: proxyHelp
};
var helpCommand = async (argv, io) => {
  const topic = argv[0];
  if (topic === void 0) {
    io.stdout.write(topHelp());
    return 0;
  }
  if (topic === "topics") {
    io.stdout.write(`Help topics:
${Object.keys(TOPICS).map((t) => `  ${t}`).join("\n")}
`);
    return 0;
  }
  const render = TOPICS[topic];
  if (render === void 0) {
    throw new HexecError("usage", `no help topic '${topic}'; try \`hexec help topics\``);
  }
  io.stdout.write(render());
  return 0;
};
export {
  helpCommand
};
