import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  EXIT,
  EXIT_MEANINGS,
  HexecError,
  exitCodeFor,
  formatError,
  isHexecError
} from "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";
export {
  EXIT,
  EXIT_MEANINGS,
  HexecError,
  exitCodeFor,
  formatError,
  isHexecError
};
