import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  EXEC_USAGE,
  execHelp,
  findLong,
  findShort
} from "./chunk-266DYHJA.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";
import "./chunk-FNSRAMRE.mjs";

// src/cli/parse-options.ts
function emptyOptions() {
  return {
    config: [],
    enable: [],
    disable: [],
    addDir: [],
    image: [],
    fullAuto: false,
    skipGitRepoCheck: false,
    ephemeral: false,
    ignoreUserConfig: false,
    ignoreRules: false,
    trust: false,
    strictConfig: false,
    oss: false,
    dangerouslyBypass: false,
    approveForMe: false,
    bypassHookTrust: false,
    hermetic: false,
    json: false,
    worktree: false,
    last: false,
    all: false
  };
}
function usageError(message, usage) {
  return new HexecError("usage", `${message}

Usage: ${usage}

For more information, try '--help'.`);
}
function display(spec) {
  const short = spec.short !== void 0 ? `-${spec.short}, ` : "";
  const value = spec.kind === "flag" ? "" : ` <${spec.valueName ?? "VALUE"}>`;
  return `${short}--${spec.long}${value}`;
}
function store(opts, spec, value, usage) {
  const bag = opts;
  if (spec.kind === "flag") {
    bag[spec.name] = true;
    return;
  }
  if (value === void 0) {
    throw usageError(`a value is required for '${display(spec)}' but none was supplied`, usage);
  }
  if (spec.choices !== void 0 && !spec.choices.includes(value)) {
    throw usageError(
      `invalid value '${value}' for '${display(spec)}'
  [possible values: ${spec.choices.join(", ")}]`,
      usage
    );
  }
  if (spec.kind === "multi") {
    const list = bag[spec.name];
    if (spec.name === "image") list.push(...value.split(",").filter((s) => s !== ""));
    else list.push(value);
  } else {
    bag[spec.name] = value;
  }
}
function parseOptions(argv, settings) {
  const options = emptyOptions();
  const positionals = [];
  const rest = [];
  const extras = {};
  const allowed = (spec) => spec !== void 0 && settings.scopes.includes(spec.scope);
  let sawDoubleDash = false;
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    i += 1;
    if (sawDoubleDash) {
      rest.push(arg);
      continue;
    }
    if (arg === "--") {
      sawDoubleDash = true;
      continue;
    }
    if (settings.stopAtFirstPositional === true && positionals.length > 0) {
      rest.push(arg);
      continue;
    }
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq === -1 ? void 0 : arg.slice(eq + 1);
      const extra = settings.extras?.find((e) => e.long === name);
      if (extra !== void 0) {
        i = takeExtra(extra, inline, argv, i, extras, settings.usage, `--${name}`);
        continue;
      }
      const spec = findLong(name);
      if (!allowed(spec)) {
        throw usageError(
          `unexpected argument '--${name}' found

  tip: to pass '--${name}' as a value, use '-- --${name}'`,
          settings.usage
        );
      }
      if (spec.kind === "flag") {
        if (inline !== void 0) {
          throw usageError(`unexpected value '${inline}' for '${display(spec)}' found; no more were expected`, settings.usage);
        }
        store(options, spec, void 0, settings.usage);
      } else {
        let value = inline;
        if (value === void 0 && i < argv.length) {
          value = argv[i];
          i += 1;
        }
        store(options, spec, value, settings.usage);
      }
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const ch = arg[1];
      const extra = settings.extras?.find((e) => e.short === ch);
      if (extra !== void 0) {
        const inline = arg.length > 2 ? arg.slice(2) : void 0;
        i = takeExtra(extra, inline, argv, i, extras, settings.usage, `-${ch}`);
        continue;
      }
      const spec = findShort(ch);
      if (!allowed(spec)) {
        throw usageError(`unexpected argument '-${ch}' found`, settings.usage);
      }
      if (spec.kind === "flag") {
        store(options, spec, void 0, settings.usage);
        continue;
      }
      let value = arg.length > 2 ? arg.slice(2) : void 0;
      if (value?.startsWith("=") === true) value = value.slice(1);
      if (value === void 0 && i < argv.length) {
        value = argv[i];
        i += 1;
      }
      store(options, spec, value, settings.usage);
      continue;
    }
    positionals.push(arg);
  }
  return { options, positionals, rest, sawDoubleDash, extras };
}
function takeExtra(extra, inline, argv, i, extras, usage, shown) {
  if (!extra.takesValue) {
    if (inline !== void 0 && shown.startsWith("--")) {
      throw usageError(`unexpected value '${inline}' for '${shown}' found; no more were expected`, usage);
    }
    extras[extra.long] = true;
    return i;
  }
  let value = inline;
  let next = i;
  if (value === void 0 && next < argv.length) {
    value = argv[next];
    next += 1;
  }
  if (value === void 0) throw usageError(`a value is required for '${shown}' but none was supplied`, usage);
  const prev = extras[extra.long];
  if (Array.isArray(prev) && extra.repeatable === true) prev.push(value);
  else extras[extra.long] = [value];
  return next;
}

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
