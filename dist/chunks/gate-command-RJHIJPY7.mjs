import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  GATE_USAGE,
  gateCommand,
  gateHelp
} from "./chunk-ZY2U6GIM.mjs";
import "./chunk-JN6DIL67.mjs";
import "./chunk-3DM23MJA.mjs";
import "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";
export {
  GATE_USAGE,
  gateCommand,
  gateHelp
};
