import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  PROXY_USAGE,
  proxyCommand,
  proxyHelp
} from "./chunk-TLBRAFKP.mjs";
import "./chunk-JN6DIL67.mjs";
import "./chunk-3DM23MJA.mjs";
import "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";
export {
  PROXY_USAGE,
  proxyCommand,
  proxyHelp
};
