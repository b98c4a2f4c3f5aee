import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);

// src/util/version.ts
var HEXEC_VERSION = true ? "0.1.0" : "0.0.0-dev";

export {
  HEXEC_VERSION
};
