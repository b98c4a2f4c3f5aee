import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  parseOptions
} from "./chunk-ULZZRTAA.mjs";
import {
  EXEC_USAGE,
  execHelp
} from "./chunk-ZKCISQ5K.mjs";
import "./chunk-YLIK5HDO.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";

// src/cli/prompt-input.ts
function choosePromptSource(positional, stdinIsTTY) {
  if (positional !== void 0 && positional !== "-") return { type: "argument", text: positional };
  if (stdinIsTTY) {
    throw new HexecError("usage", "no prompt given: pass PROMPT, or pipe it on stdin (use `-` to read stdin explicitly)");
  }
  return { type: "stdin", explicit: positional === "-" };
}
function decodePromptBytes(bytes) {
  if (bytes.length >= 4 && (bytes[0] === 255 && bytes[1] === 254 && bytes[2] === 0 && bytes[3] === 0 || bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 254 && bytes[3] === 255)) {
    throw new HexecError("usage", "stdin is UTF-32, which is not supported; convert it to UTF-8 (e.g. `iconv -f UTF-32 -t UTF-8`)");
  }
  if (bytes.length >= 2 && bytes[0] === 255 && bytes[1] === 254) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 254 && bytes[1] === 255) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new HexecError("usage", "stdin is not valid UTF-8; convert it first (e.g. `iconv -f <encoding> -t UTF-8`)");
  }
}
function promptFromStdin(text) {
  if (text.trim() === "") throw new HexecError("usage", "No prompt provided via stdin.");
  return text;
}

// src/cli/commands/exec-command.ts
var execCommand = async (argv, io) => {
  if (argv.includes("-h") || argv.includes("--help")) {
    io.stdout.write(execHelp());
    return 0;
  }
  const parsed = parseOptions(argv, { scopes: ["config", "exec"], usage: EXEC_USAGE });
  if (parsed.positionals.length > 1 && parsed.positionals[0] !== "resume") {
    throw new HexecError("usage", `unexpected argument '${parsed.positionals[1] ?? ""}' found

Usage: ${EXEC_USAGE}`);
  }
  const source = choosePromptSource(parsed.positionals[0], io.env.stdinIsTTY);
  const prompt = source.type === "argument" ? source.text : promptFromStdin(decodePromptBytes(await io.readStdin()));
  void prompt;
  throw new HexecError("run", "no model provider reachable: the agent engine is not available in this build");
};
export {
  execCommand
};
