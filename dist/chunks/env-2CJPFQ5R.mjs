import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  DEFAULT_SYSTEM_CONFIG_DIR,
  SYSTEM_CONFIG_DIR_VAR,
  captureHostEnv,
  deriveHostEnv,
  envVar,
  systemClock
} from "./chunk-BD5ZULVM.mjs";
export {
  DEFAULT_SYSTEM_CONFIG_DIR,
  SYSTEM_CONFIG_DIR_VAR,
  captureHostEnv,
  deriveHostEnv,
  envVar,
  systemClock
};
