import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);

// src/errors/exit-codes.ts
var EXIT = {
  ok: 0,
  runFailed: 1,
  usage: 2,
  outputSchema: 3,
  budget: 4,
  sandbox: 5,
  replayDiverged: 6,
  auth: 7,
  sigint: 130,
  sigterm: 143
};
var EXIT_MEANINGS = [
  [EXIT.ok, "success"],
  [EXIT.runFailed, "run failed (model or turn failure, internal error)"],
  [EXIT.usage, "usage or configuration error"],
  [EXIT.outputSchema, "final output failed --output-schema after repair attempts"],
  [EXIT.budget, "budget exhausted"],
  [EXIT.sandbox, "sandbox required but unavailable"],
  [EXIT.replayDiverged, "replay diverged from the recording"],
  [EXIT.auth, "authentication failed"],
  [EXIT.sigint, "interrupted (SIGINT)"],
  [EXIT.sigterm, "terminated (SIGTERM)"]
];

// src/errors/hexec-error.ts
var KIND_EXIT = {
  usage: EXIT.usage,
  config: EXIT.usage,
  run: EXIT.runFailed,
  "output-schema": EXIT.outputSchema,
  budget: EXIT.budget,
  sandbox: EXIT.sandbox,
  replay: EXIT.replayDiverged,
  auth: EXIT.auth,
  interrupted: EXIT.sigint,
  terminated: EXIT.sigterm,
  internal: EXIT.runFailed
};
var HexecError = class extends Error {
  kind;
  source;
  expected;
  found;
  hint;
  constructor(kind, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "HexecError";
    this.kind = kind;
    this.source = options.source;
    this.expected = options.expected;
    this.found = options.found;
    this.hint = options.hint;
  }
  get exitCode() {
    return KIND_EXIT[this.kind];
  }
};
function isHexecError(value) {
  return value instanceof HexecError;
}
function exitCodeFor(error) {
  return isHexecError(error) ? error.exitCode : EXIT.runFailed;
}
function formatError(error) {
  if (!isHexecError(error)) {
    const msg = error instanceof Error ? error.stack ?? error.message : String(error);
    return `internal error: ${msg}`;
  }
  const parts = [];
  const s = error.source;
  if (s?.file !== void 0) {
    let where = s.file;
    if (s.line !== void 0) where += `:${s.line}`;
    if (s.line !== void 0 && s.column !== void 0) where += `:${s.column}`;
    parts.push(where);
  } else if (s?.flag !== void 0) {
    parts.push(s.flag);
  }
  if (s?.key !== void 0) parts.push(`\`${s.key}\``);
  let text = parts.length > 0 ? `${parts.join(": ")}: ${error.message}` : error.message;
  if (error.expected !== void 0 || error.found !== void 0) {
    const bits = [];
    if (error.expected !== void 0) bits.push(`expected ${error.expected}`);
    if (error.found !== void 0) bits.push(`found ${error.found}`);
    text += ` (${bits.join(", ")})`;
  }
  if (error.hint !== void 0) text += `
hint: ${error.hint}`;
  return text;
}

export {
  EXIT,
  EXIT_MEANINGS,
  HexecError,
  isHexecError,
  exitCodeFor,
  formatError
};
