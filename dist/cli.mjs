#!/usr/bin/env node
import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  HEXEC_VERSION
} from "./chunks/chunk-3DM23MJA.mjs";
import "./chunks/chunk-FNSRAMRE.mjs";

// src/bin/cli.ts
var argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`hexec ${HEXEC_VERSION}
`);
  process.exit(0);
}
var [{ main }, { captureHostEnv }, { exitCodeFor, formatError, isHexecError, EXIT }] = await Promise.all([
  import("./chunks/main-SE7MFBK4.mjs"),
  import("./chunks/env-VGXWNY5I.mjs"),
  import("./chunks/errors-WF3TCLUV.mjs")
]);
var controller = new AbortController();
var signalled = 0;
var onSignal = (sig) => {
  signalled += 1;
  if (signalled > 1) process.exit(sig === "SIGINT" ? EXIT.sigint : EXIT.sigterm);
  controller.abort(sig);
};
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(EXIT.runFailed);
});
function finish(code) {
  process.stdout.write("", () => {
    process.stderr.write("", () => process.exit(code));
  });
}
var readStdin = async () => {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
};
try {
  const code = await main(argv, {
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    readStdin,
    env: captureHostEnv(),
    signal: controller.signal
  });
  finish(code);
} catch (e) {
  const text = formatError(e);
  process.stderr.write(isHexecError(e) && e.kind === "usage" ? `error: ${text}
` : `Error: ${text}
`);
  finish(exitCodeFor(e));
}
