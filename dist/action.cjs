"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/bin/action.ts
var action_exports = {};
__export(action_exports, {
  run: () => run
});
module.exports = __toCommonJS(action_exports);
var import_node_path6 = require("node:path");

// src/app/action/run-action.ts
var import_node_fs7 = require("node:fs");
var import_node_path5 = require("node:path");

// src/env/host-env.ts
var import_node_fs = require("node:fs");
var import_node_os = require("node:os");
var import_node_path = require("node:path");
var SYSTEM_CONFIG_DIR_VAR = "HEXEC_SYSTEM_CONFIG_DIR";
var DEFAULT_SYSTEM_CONFIG_DIR = "/etc/codex";
function captureHostEnv() {
  const vars = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== void 0) vars[k] = v;
  const cwd = process.cwd();
  let username = vars["USER"] ?? "";
  try {
    username = (0, import_node_os.userInfo)().username;
  } catch {
  }
  const home = vars["HOME"] !== void 0 && vars["HOME"] !== "" ? vars["HOME"] : (0, import_node_os.homedir)();
  return deriveHostEnv({
    vars,
    cwd,
    home,
    tmpdir: (0, import_node_os.tmpdir)(),
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    username,
    platform: process.platform,
    arch: process.arch,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    nodeVersion: process.versions.node,
    execPath: process.execPath,
    timeZone: hostTimeZone(vars["TZ"])
  });
}
function hostTimeZone(tz) {
  if (tz === void 0 || tz === "") {
    const fromFiles = timeZoneFromFiles(SYSTEM_TIME_ZONE_FILES);
    if (fromFiles !== void 0) return fromFiles;
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}
var SYSTEM_TIME_ZONE_FILES = { localtime: "/etc/localtime", timezone: "/etc/timezone" };
var ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
function timeZoneFromFiles(files) {
  try {
    const target = (0, import_node_fs.readlinkSync)(files.localtime);
    const at = target.lastIndexOf("zoneinfo/");
    const name = at < 0 ? "" : target.slice(at + "zoneinfo/".length).replace(/^(?:posix|right)\//, "");
    if (ZONE_NAME_RE.test(name)) return name;
  } catch {
  }
  try {
    const name = (0, import_node_fs.readFileSync)(files.timezone, "utf8").trim();
    if (ZONE_NAME_RE.test(name)) return name;
  } catch {
  }
  return void 0;
}
function deriveHostEnv(base) {
  const sys = base.vars[SYSTEM_CONFIG_DIR_VAR];
  const systemConfigDir = sys !== void 0 && sys !== "" ? (0, import_node_path.resolve)(base.cwd, sys) : DEFAULT_SYSTEM_CONFIG_DIR;
  const ch = base.vars["CODEX_HOME"];
  const codexHome = ch !== void 0 && ch !== "" ? (0, import_node_path.isAbsolute)(ch) ? ch : (0, import_node_path.resolve)(base.cwd, ch) : (0, import_node_path.join)(base.home, ".codex");
  return Object.freeze({
    ...base,
    timeZone: base.timeZone ?? "UTC",
    vars: Object.freeze({ ...base.vars }),
    systemConfigDir,
    codexHome
  });
}
function envVar(env, name) {
  const v = env.vars[name];
  return v === void 0 || v === "" ? void 0 : v;
}

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

// src/exec/spawn-process.ts
var import_node_child_process = require("node:child_process");

// src/exec/spawn-fds.ts
var import_node_fs2 = require("node:fs");
var O_CLOEXEC = 524288;
var swept = false;
function closeInheritedDescriptors() {
  if (swept) return;
  swept = true;
  let names;
  try {
    names = (0, import_node_fs2.readdirSync)("/proc/self/fd");
  } catch {
    return;
  }
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    let info;
    try {
      info = (0, import_node_fs2.readFileSync)(`/proc/self/fdinfo/${name}`, "utf8");
    } catch {
      continue;
    }
    const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
    if (flags === void 0 || (parseInt(flags, 8) & O_CLOEXEC) !== 0) continue;
    try {
      (0, import_node_fs2.closeSync)(fd);
    } catch {
    }
  }
}
function stdioWithInputs(stdio, inputs) {
  if (inputs === 0) return stdio;
  const base = typeof stdio === "string" ? [stdio, stdio, stdio] : stdio;
  return [...base, ...Array.from({ length: inputs }, () => "pipe")];
}
function feedInputs(child, inputs) {
  inputs.forEach((data, i) => {
    const stream = child.stdio[3 + i];
    if (stream === null || stream === void 0) return;
    stream.on("error", () => void 0);
    stream.resume();
    stream.end(data);
  });
}

// src/exec/spawn-process.ts
var DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
function killGroup(child, sig) {
  if (child.pid === void 0) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
    }
  }
}
function withUmask(mask, start) {
  if (mask === void 0) return start();
  const previous = process.umask(mask);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}
function spawnRequest(req, stdio, detached = true) {
  closeInheritedDescriptors();
  const inputs = req.inputFds ?? [];
  const child = withUmask(
    req.umask,
    () => (0, import_node_child_process.spawn)(req.program, [...req.args], {
      cwd: req.cwd,
      env: { ...req.env },
      detached,
      stdio: stdioWithInputs(stdio, inputs.length),
      ...req.uid !== void 0 ? { uid: req.uid } : {},
      ...req.gid !== void 0 ? { gid: req.gid } : {},
      ...req.argv0 !== void 0 ? { argv0: req.argv0 } : {}
    })
  );
  feedInputs(child, inputs);
  return child;
}
function runProcess(req) {
  const started = performance.now();
  const max = req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolvePromise) => {
    let child;
    try {
      child = spawnRequest(req, ["pipe", "pipe", "pipe"]);
    } catch (e) {
      req.afterExit?.();
      resolvePromise({
        exitCode: null,
        signal: null,
        stdout: "",
        stderr: "",
        output: "",
        timedOut: false,
        aborted: false,
        truncated: false,
        spawnError: e instanceof Error ? e.message : String(e),
        durationMs: performance.now() - started
      });
      return;
    }
    const out = [];
    const err = [];
    const all = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    let spawnError;
    let killTimer;
    const take = (bucket, chunk) => {
      if (total >= max) {
        truncated = true;
        return;
      }
      const room = max - total;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (piece.length < chunk.length) truncated = true;
      total += piece.length;
      bucket.push(piece);
      all.push(piece);
    };
    child.stdout?.on("data", (c) => take(out, c));
    child.stderr?.on("data", (c) => take(err, c));
    child.stdin?.on("error", () => void 0);
    if (req.stdin !== void 0) child.stdin?.end(req.stdin);
    else child.stdin?.end();
    const terminate = (sig = "SIGTERM") => {
      killGroup(child, sig);
      killTimer = setTimeout(() => killGroup(child, "SIGKILL"), 2e3);
      killTimer.unref();
    };
    const timer = req.timeoutMs !== void 0 ? setTimeout(() => {
      timedOut = true;
      terminate();
    }, req.timeoutMs) : void 0;
    const onAbort = () => {
      aborted = true;
      const reason = req.signal?.reason;
      terminate(req.forwardAbortSignal === true && (reason === "SIGINT" || reason === "SIGTERM") ? reason : "SIGTERM");
    };
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => {
      spawnError = e.message;
    });
    child.on("close", (code, sig) => {
      if (timer !== void 0) clearTimeout(timer);
      if (killTimer !== void 0) clearTimeout(killTimer);
      req.signal?.removeEventListener("abort", onAbort);
      req.afterExit?.();
      resolvePromise({
        exitCode: spawnError !== void 0 ? null : code,
        signal: sig,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        output: Buffer.concat(all).toString("utf8"),
        timedOut,
        aborted,
        truncated,
        ...spawnError !== void 0 ? { spawnError } : {},
        durationMs: performance.now() - started
      });
    });
  });
}

// src/exec/interactive-process.ts
var DEFAULT_RETAINED = 16 * 1024 * 1024;
var MAX_STDERR = 64 * 1024;

// src/exec/background-process.ts
function startBackground(req) {
  let spawnError;
  const child = spawnRequest(req, ["pipe", "ignore", "pipe"], false);
  child.stdin?.on("error", () => void 0);
  child.stdin?.end(req.stdin ?? "");
  let pending = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk) => {
    pending += chunk;
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      req.onStderr?.(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  });
  const exited = new Promise((resolveExit) => {
    child.on("error", (e) => {
      spawnError = e.message;
      resolveExit(null);
    });
    child.on("close", (code) => {
      if (pending !== "") req.onStderr?.(pending);
      resolveExit(code);
    });
  });
  return {
    pid: child.pid,
    exited,
    spawnError: () => spawnError,
    stop: () => {
      try {
        child.kill("SIGTERM");
      } catch {
      }
    }
  };
}

// src/util/version.ts
var HEXEC_VERSION = true ? "0.1.0" : "0.0.0-dev";

// src/app/action/as-user.ts
async function lookupUser(name, run2, env, cwd) {
  const getent = await run2({ program: "getent", args: ["passwd", name], cwd, env });
  if (getent.exitCode === 0) {
    const f = getent.stdout.trim().split(":");
    if (f.length >= 7) return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? "" };
  }
  if (getent.spawnError === void 0) return void 0;
  const uid = await run2({ program: "id", args: ["-u", name], cwd, env });
  const gid = await run2({ program: "id", args: ["-g", name], cwd, env });
  if (uid.exitCode !== 0 || gid.exitCode !== 0) return void 0;
  const dscl = await run2({ program: "dscl", args: [".", "-read", `/Users/${name}`, "NFSHomeDirectory"], cwd, env });
  const home = /NFSHomeDirectory:\s*(\S+)/.exec(dscl.stdout)?.[1] ?? "";
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), home };
}
function asIdentity(req, who, secret = []) {
  if (who.kind === "self") return req;
  if (who.via === "setuid") return { ...req, uid: who.uid, gid: who.gid };
  const hidden = secret.filter((n) => req.env[n] !== void 0);
  const assignments = Object.entries(req.env).filter(([k]) => !hidden.includes(k)).map(([k, v]) => `${k}=${v}`);
  const keep = hidden.length > 0 ? ["-S", hidden.map((n) => `${n}=\${${n}}`).join(" ")] : [];
  const preserve = hidden.length > 0 ? [`--preserve-env=${hidden.join(",")}`] : [];
  const env = { PATH: req.env["PATH"] ?? "/usr/bin:/bin" };
  for (const n of hidden) env[n] = req.env[n];
  return {
    ...req,
    program: "sudo",
    args: [
      "-n",
      ...preserve,
      "-u",
      who.name,
      "--",
      "/usr/bin/env",
      "-i",
      ...keep,
      ...assignments,
      req.program,
      ...req.args
    ],
    env
  };
}
async function testAs(who, expr, run2, env, cwd) {
  const r = await run2(asIdentity({ program: "test", args: [...expr], cwd, env }, who));
  return r.exitCode === 0;
}

// src/app/action/actor-check.ts
var TRUSTED_BOTS = /* @__PURE__ */ new Set(["github-actions[bot]"]);
var WRITE_LEVELS = /* @__PURE__ */ new Set(["admin", "maintain", "write"]);
function botName(name) {
  const n = name.trim().toLowerCase();
  return n.endsWith("[bot]") ? n : `${n}[bot]`;
}
async function checkActor(req) {
  const actor = req.actor?.trim() ?? "";
  if (actor === "")
    return {
      status: "rejected",
      actor: "<unknown>",
      reason: "GITHUB_ACTOR is not set; cannot tell who triggered the run."
    };
  const [owner, repo, extra] = (req.repository ?? "").split("/");
  if (owner === void 0 || owner === "" || repo === void 0 || repo === "" || extra !== void 0) {
    return {
      status: "rejected",
      actor,
      reason: `GITHUB_REPOSITORY must be 'owner/repo', found '${req.repository ?? ""}'.`
    };
  }
  const lower = actor.toLowerCase();
  const isBot = lower.endsWith("[bot]");
  if (req.allowBots && isBot && TRUSTED_BOTS.has(lower))
    return { status: "approved", actor, why: "trusted GitHub bot (allow-bots)" };
  const bots = new Set(
    req.allowBotUsers.split(",").map((s) => s.trim()).filter((s) => s !== "").map(botName)
  );
  if (isBot && bots.has(lower)) return { status: "approved", actor, why: "listed in allow-bot-users" };
  const users = req.allowUsers.trim();
  if (users === "*") return { status: "approved", actor, why: "allow-users is '*'" };
  if (users.split(",").map((s) => s.trim().toLowerCase()).includes(lower))
    return { status: "approved", actor, why: "listed in allow-users" };
  if (req.token === void 0 || req.token === "") {
    return {
      status: "rejected",
      actor,
      reason: "a GitHub token is required to check the actor's permission (input github-token, default ${{ github.token }})."
    };
  }
  const url = `${req.apiUrl.replace(/\/+$/, "")}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/collaborators/${encodeURIComponent(actor)}/permission`;
  let res;
  try {
    res = await fetch(url, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${req.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "hexec-action"
      },
      signal: AbortSignal.timeout(3e4)
    });
  } catch (e) {
    return {
      status: "rejected",
      actor,
      reason: `could not check '${actor}' on ${owner}/${repo}: ${e instanceof Error ? e.message : String(e)}`
    };
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return {
      status: "rejected",
      actor,
      reason: `'${actor}' is not a collaborator on ${owner}/${repo}; write access is required (or list them in allow-users).`
    };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return {
      status: "rejected",
      actor,
      reason: `could not check '${actor}' on ${owner}/${repo}: GitHub API answered HTTP ${res.status}.`
    };
  }
  let permission = "none";
  try {
    const body = await res.json();
    if (typeof body.permission === "string") permission = body.permission;
  } catch {
    return { status: "rejected", actor, reason: `could not check '${actor}': the GitHub API reply is not JSON.` };
  }
  if (WRITE_LEVELS.has(permission)) return { status: "approved", actor, why: `permission '${permission}'` };
  return {
    status: "rejected",
    actor,
    reason: `'${actor}' needs write access to ${owner}/${repo}; their permission is '${permission}' (or list them in allow-users).`
  };
}

// src/app/action/exec-request.ts
var PROXY_PROVIDER = "hexec-proxy";
var PASS_VARS = [
  "PATH",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TERM",
  "TMPDIR",
  "CI",
  "GITHUB_ACTIONS",
  "GITHUB_WORKSPACE",
  "GITHUB_REPOSITORY",
  "GITHUB_REF",
  "GITHUB_SHA",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_EVENT_NAME",
  "GITHUB_SERVER_URL",
  "RUNNER_OS",
  "RUNNER_ARCH",
  "RUNNER_TEMP",
  "HEXEC_SYSTEM_CONFIG_DIR"
];
var SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;
function agentEnv(host, plan) {
  const env = {};
  for (const name of PASS_VARS) {
    const v = host[name];
    if (v !== void 0 && v !== "" && !SECRET_NAME.test(name)) env[name] = v;
  }
  env["PATH"] ??= "/usr/local/bin:/usr/bin:/bin";
  env["HOME"] = plan.home;
  env["CODEX_HOME"] = plan.codexHome;
  if (plan.agent.kind === "user") {
    env["USER"] = plan.agent.name;
    env["LOGNAME"] = plan.agent.name;
  } else {
    for (const n of ["USER", "LOGNAME"]) if (host[n] !== void 0) env[n] = host[n];
  }
  env["CODEX_INTERNAL_ORIGINATOR_OVERRIDE"] = "codex_github_action";
  return env;
}
function passedEnv(host, names) {
  const out = {};
  for (const n of names) if (host[n] !== void 0) out[n] = host[n];
  return out;
}
function execArgs(inputs, plan, paths, proxyPort) {
  const args = [
    paths.cliPath,
    "exec",
    "--json",
    "-o",
    paths.lastMessageFile,
    "--skip-git-repo-check",
    "-C",
    inputs.workingDirectory
  ];
  if (inputs.hermetic) args.push("--hermetic");
  if (paths.schemaFile !== void 0) args.push("--output-schema", paths.schemaFile);
  if (inputs.model !== void 0) args.push("--model", inputs.model);
  if (inputs.effort !== void 0) args.push("-c", `model_reasoning_effort="${inputs.effort}"`);
  if (inputs.record !== void 0) args.push("--record", inputs.record);
  if (inputs.replay !== void 0) args.push("--replay", inputs.replay);
  if (inputs.maxTurns !== void 0) args.push("--max-turns", inputs.maxTurns);
  if (inputs.maxTokens !== void 0) args.push("--max-tokens", inputs.maxTokens);
  if (inputs.maxCostUsd !== void 0) args.push("--max-cost-usd", inputs.maxCostUsd);
  if (inputs.timeout !== void 0) args.push("--timeout", inputs.timeout);
  for (const name of inputs.passEnv) args.push("--pass-env", name);
  args.push(...inputs.codexArgs);
  if (proxyPort !== void 0) {
    args.push(
      "-c",
      `model_provider=${PROXY_PROVIDER}`,
      "-c",
      `model_providers.${PROXY_PROVIDER}={name="${PROXY_PROVIDER}", base_url="http://127.0.0.1:${proxyPort}/v1", wire_api="responses"}`
    );
  }
  args.push("--sandbox", plan.sandbox, "-");
  return args;
}
function execRequest(inputs, plan, paths, proxyPort, host, prompt) {
  return {
    program: paths.nodePath,
    args: execArgs(inputs, plan, paths, proxyPort),
    cwd: inputs.workingDirectory,
    env: { ...passedEnv(host, inputs.passEnv), ...agentEnv(host, plan) },
    stdin: prompt,
    maxOutputBytes: 64 * 1024 * 1024
  };
}

// src/app/action/github-output.ts
var import_node_fs3 = require("node:fs");
var import_node_crypto = require("node:crypto");
function formatOutputs(outputs, delimiter = () => `ghadelimiter_${(0, import_node_crypto.randomUUID)()}`) {
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    let delim = delimiter();
    while (value.includes(delim) || name.includes(delim)) delim = delimiter();
    text += `${name}<<${delim}
${value}
${delim}
`;
  }
  return text;
}
function appendOutputs(file, outputs) {
  (0, import_node_fs3.appendFileSync)(file, formatOutputs(outputs), "utf8");
}
function cell(value) {
  return value === "" ? "\u2013" : `\`${value.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
function summaryMarkdown(outputs) {
  const rows = [
    "exit-code",
    "input-tokens",
    "cached-input-tokens",
    "output-tokens",
    "reasoning-output-tokens",
    "cost-usd",
    "config-fingerprint",
    "cassette"
  ].map((k) => `| ${k} | ${cell(outputs[k] ?? "")} |`).join("\n");
  const message = outputs["final-message"] ?? "";
  const fence = message.includes("```") ? "````" : "```";
  return `### hexec

| output | value |
| --- | --- |
${rows}

<details><summary>usage (JSON)</summary>

\`\`\`json
${outputs["usage"] ?? "{}"}
\`\`\`
</details>

#### final-message

${message === "" ? "_(empty)_" : `${fence}text
${message}
${fence}`}
`;
}
function appendSummary(file, outputs) {
  (0, import_node_fs3.appendFileSync)(file, summaryMarkdown(outputs), "utf8");
}

// src/app/action/inputs.ts
var import_node_path2 = require("node:path");

// src/app/action/codex-args.ts
function parseCodexArgs(raw) {
  const text = raw.trim();
  if (text === "") return [];
  if (text.startsWith("[")) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new HexecError(
        "usage",
        `codex-args starts with '[' but is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        { source: { key: "codex-args" } }
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string")) {
      throw new HexecError("usage", "codex-args must be a JSON array of strings", {
        source: { key: "codex-args" },
        found: text
      });
    }
    return parsed;
  }
  return splitShellWords(text);
}
function splitShellWords(text) {
  const words = [];
  let cur = "";
  let inWord = false;
  let i = 0;
  const unterminated = (what) => {
    throw new HexecError("usage", `codex-args has an unterminated ${what}`, {
      source: { key: "codex-args" },
      found: text
    });
  };
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) unterminated("single quote");
      cur += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      for (; ; ) {
        if (i >= text.length) unterminated("double quote");
        const c = text[i];
        if (c === '"') {
          i += 1;
          break;
        }
        if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
          cur += text[i + 1];
          i += 2;
        } else {
          cur += c;
          i += 1;
        }
      }
    } else if (ch === "\\") {
      if (i + 1 >= text.length) unterminated("escape (trailing backslash)");
      cur += text[i + 1];
      i += 2;
    } else {
      cur += ch;
      i += 1;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

// src/app/action/permission-profile.ts
var PERMISSION_PROFILES = {
  ":read-only": "read-only",
  ":workspace": "workspace-write",
  ":danger-full-access": "danger-full-access"
};
function bad(message, hint, found) {
  throw new HexecError("usage", `input 'permission-profile': ${message}`, {
    hint,
    ...found !== void 0 ? { found } : {}
  });
}
function sandboxFor(profile, sandbox, strategy) {
  if (profile === void 0) return sandbox ?? "workspace-write";
  if (sandbox !== void 0) {
    bad(
      "`permission-profile` and `sandbox` are mutually exclusive: permission profiles do not compose with legacy sandbox settings",
      `remove \`sandbox: ${sandbox}\` (or the permission profile)`
    );
  }
  if (strategy === "read-only") {
    bad(
      "cannot be combined with safety-strategy 'read-only', which forces the legacy read-only sandbox",
      "use permission-profile ':read-only' with another safety strategy, or remove permission-profile"
    );
  }
  const mode = PERMISSION_PROFILES[profile];
  if (mode === void 0) {
    bad(
      `hexec knows the built-in profiles ${Object.keys(PERMISSION_PROFILES).map((p) => `'${p}'`).join(", ")}; named profiles ([permissions.NAME] in config.toml) are not supported`,
      "use ':workspace' or ':read-only' (the leading colon marks a built-in profile)",
      `'${profile}'`
    );
  }
  return mode;
}

// src/app/action/inputs.ts
var SAFETY_STRATEGIES = ["drop-sudo", "unprivileged-user", "read-only", "unsafe"];
var ACTION_SANDBOXES = ["workspace-write", "read-only", "danger-full-access"];
function inputVarName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function readInput(env, name) {
  const v = env.vars[inputVarName(name)]?.trim();
  return v === void 0 || v === "" ? void 0 : v;
}
function bad2(name, message, found) {
  throw new HexecError("usage", `input '${name}': ${message}`, found !== void 0 ? { found } : {});
}
function oneOf(name, value, choices, fallback) {
  if (value === void 0) return fallback;
  if (choices.includes(value)) return value;
  return bad2(name, `must be one of ${choices.map((c) => `'${c}'`).join(", ")}`, `'${value}'`);
}
function bool(name, value, fallback) {
  if (value === void 0) return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  return bad2(name, "must be true or false", `'${value}'`);
}
function positive(name, value, integer) {
  if (value === void 0) return void 0;
  const ok = integer ? /^[1-9][0-9]*$/.test(value) : /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(value) && Number(value) > 0;
  if (!ok) bad2(name, integer ? "must be a positive integer" : "must be a positive number", `'${value}'`);
  return value;
}
var NEVER_PASSED = [
  [/^INPUT_/i, "the action's inputs (openai-api-key among them) never reach the agent"],
  [/^ACTIONS_/i, "the runner's own credentials (ACTIONS_RUNTIME_TOKEN, ...) are not for the agent"],
  [/^(OPENAI_API_KEY|CODEX_API_KEY)$/i, "give the model key as openai-api-key: only the key proxy holds it"]
];
function parsePassEnv(raw) {
  const names = (raw ?? "").split(/[\s,]+/).filter((n) => n !== "");
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      bad2("pass-env", "lists environment variable names (letters, digits, underscores)", `'${name}'`);
    const refused = NEVER_PASSED.find(([re]) => re.test(name));
    if (refused !== void 0) bad2("pass-env", `cannot pass ${name}: ${refused[1]}`);
  }
  return [...new Set(names)];
}
function readActionInputs(env) {
  const workspace = env.vars["GITHUB_WORKSPACE"] !== void 0 && env.vars["GITHUB_WORKSPACE"] !== "" ? env.vars["GITHUB_WORKSPACE"] : env.cwd;
  const abs = (p) => (0, import_node_path2.isAbsolute)(p) ? p : (0, import_node_path2.resolve)(workspace, p);
  const get = (n) => readInput(env, n);
  const opt = (key2, v) => v === void 0 ? {} : { [key2]: v };
  const prompt = get("prompt");
  const promptFile = get("prompt-file");
  if (prompt === void 0 === (promptFile === void 0)) {
    bad2(prompt === void 0 ? "prompt" : "prompt-file", "exactly one of `prompt` and `prompt-file` must be set");
  }
  const schemaText = get("output-schema");
  const schemaFile = get("output-schema-file");
  if (schemaText !== void 0 && schemaFile !== void 0)
    bad2("output-schema", "set `output-schema` or `output-schema-file`, not both");
  const safetyStrategy = oneOf("safety-strategy", get("safety-strategy"), SAFETY_STRATEGIES, "drop-sudo");
  const codexUser = get("codex-user");
  if (safetyStrategy === "unprivileged-user" && codexUser === void 0) {
    bad2("codex-user", "is required when safety-strategy is 'unprivileged-user' (the UNIX user to run the agent as)");
  }
  if (codexUser !== void 0 && !/^[a-z_][a-z0-9_.-]*\$?$/i.test(codexUser))
    bad2("codex-user", "is not a valid user name", `'${codexUser}'`);
  const effort = get("effort");
  if (effort !== void 0 && !/^[a-z]+$/.test(effort))
    bad2("effort", "must be a reasoning effort such as minimal, low, medium, high", `'${effort}'`);
  const allowBotUsers = get("allow-bot-users") ?? "";
  if (allowBotUsers.includes("*"))
    bad2("allow-bot-users", "does not support '*'; list trusted bot user names explicitly");
  const record = get("record");
  const replay = get("replay");
  if (record !== void 0 && replay !== void 0) bad2("record", "set `record` or `replay`, not both");
  const timeout = get("timeout");
  if (timeout !== void 0 && !/^[0-9]+(\.[0-9]+)?(ms|s|m|h)?$/.test(timeout))
    bad2("timeout", "must be a duration such as 90s, 10m or 1h", `'${timeout}'`);
  const key = get("openai-api-key");
  return {
    prompt: prompt !== void 0 ? { type: "inline", text: env.vars[inputVarName("prompt")] ?? prompt } : { type: "file", path: abs(promptFile) },
    ...opt("outputFile", get("output-file") !== void 0 ? abs(get("output-file")) : void 0),
    ...opt("apiKey", key),
    ...opt("responsesApiEndpoint", get("responses-api-endpoint")),
    workingDirectory: abs(get("working-directory") ?? workspace),
    sandbox: sandboxFor(
      get("permission-profile"),
      get("sandbox") !== void 0 ? oneOf("sandbox", get("sandbox"), ACTION_SANDBOXES, "workspace-write") : void 0,
      safetyStrategy
    ),
    ...opt("permissionProfile", get("permission-profile")),
    ...opt("codexVersion", get("codex-version")),
    passEnv: parsePassEnv(get("pass-env")),
    codexArgs: parseCodexArgs(get("codex-args") ?? ""),
    ...opt(
      "outputSchema",
      schemaText !== void 0 ? { type: "inline", text: schemaText } : schemaFile !== void 0 ? { type: "file", path: abs(schemaFile) } : void 0
    ),
    ...opt("model", get("model")),
    ...opt("effort", effort),
    ...opt("codexHome", get("codex-home") !== void 0 ? abs(get("codex-home")) : void 0),
    safetyStrategy,
    ...opt("codexUser", codexUser),
    allowUsers: get("allow-users") ?? "",
    allowBots: bool("allow-bots", get("allow-bots"), false),
    allowBotUsers,
    ...opt("githubToken", get("github-token") ?? envVar(env, "GITHUB_TOKEN") ?? envVar(env, "GH_TOKEN")),
    hermetic: bool("hermetic", get("hermetic"), true),
    ...opt("record", record !== void 0 ? abs(record) : void 0),
    ...opt("replay", replay !== void 0 ? abs(replay) : void 0),
    ...opt("maxTurns", positive("max-turns", get("max-turns"), true)),
    ...opt("maxTokens", positive("max-tokens", get("max-tokens"), true)),
    ...opt("maxCostUsd", positive("max-cost-usd", get("max-cost-usd"), false)),
    ...opt("timeout", timeout)
  };
}

// src/app/action/proxy-launch.ts
var import_node_fs4 = require("node:fs");
var WAIT_MS = 15e3;
var POLL_MS = 25;
function readPort(file) {
  if (!(0, import_node_fs4.existsSync)(file)) return void 0;
  try {
    const info = JSON.parse((0, import_node_fs4.readFileSync)(file, "utf8"));
    return typeof info.port === "number" ? info.port : void 0;
  } catch {
    return void 0;
  }
}
async function launchProxy(opts) {
  const proxyArgs = [opts.cliPath, "proxy", "--http-shutdown", "--server-info", opts.serverInfoFile];
  if (opts.upstream !== void 0) proxyArgs.push("--upstream", opts.upstream);
  const env = { PATH: opts.path };
  const stderr = [];
  const child = startBackground({
    program: opts.viaSudo ? "sudo" : opts.nodePath,
    args: opts.viaSudo ? ["-n", "--", opts.nodePath, ...proxyArgs] : proxyArgs,
    cwd: opts.cwd,
    env,
    stdin: `${opts.key}
`,
    onStderr: (line) => {
      stderr.push(line);
      opts.log(line);
    }
  });
  let exitCode;
  void child.exited.then((c) => {
    exitCode = c;
  });
  const deadline = Date.now() + WAIT_MS;
  let port = readPort(opts.serverInfoFile);
  while (port === void 0) {
    if (exitCode !== void 0) {
      throw new HexecError(
        exitCode === 7 ? "auth" : "run",
        `the key proxy exited (${String(exitCode)}) before listening: ${stderr.join(" / ") || child.spawnError() || "no output"}`
      );
    }
    if (Date.now() > deadline) {
      child.stop();
      throw new HexecError("run", `the key proxy did not write ${opts.serverInfoFile} within ${WAIT_MS / 1e3}s`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    port = readPort(opts.serverInfoFile);
  }
  const listening = port;
  return {
    port: listening,
    stop: async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${listening}/shutdown`, { signal: AbortSignal.timeout(5e3) });
        await r.body?.cancel();
      } catch {
        child.stop();
      }
      await Promise.race([child.exited, new Promise((r) => setTimeout(r, 5e3).unref())]);
    }
  };
}

// src/app/action/run-events.ts
function num(v) {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}
function summarizeEvents(jsonl) {
  const usage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
  let configFingerprint;
  let hexecVersion;
  let threadId;
  const errors = [];
  for (const line of jsonl.split("\n")) {
    if (!line.startsWith("{")) continue;
    let ev;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (ev["type"] === "thread.started") {
      if (typeof ev["thread_id"] === "string") threadId = ev["thread_id"];
      const h = ev["hexec"];
      if (h !== null && typeof h === "object") {
        const hb = h;
        if (typeof hb["config_fingerprint"] === "string") configFingerprint = hb["config_fingerprint"];
        if (typeof hb["version"] === "string") hexecVersion = hb["version"];
      }
    } else if (ev["type"] === "turn.completed") {
      const u = ev["usage"] ?? {};
      usage.input_tokens += num(u["input_tokens"]);
      usage.cached_input_tokens += num(u["cached_input_tokens"]);
      usage.output_tokens += num(u["output_tokens"]);
      usage.reasoning_output_tokens += num(u["reasoning_output_tokens"]);
      if (typeof u["cost_usd"] === "number") usage.cost_usd = (usage.cost_usd ?? 0) + u["cost_usd"];
    } else if (ev["type"] === "turn.failed" || ev["type"] === "error") {
      const err = ev["error"];
      const msg = typeof ev["message"] === "string" ? ev["message"] : typeof err?.["message"] === "string" ? err["message"] : void 0;
      if (msg !== void 0) errors.push(msg);
    }
  }
  return {
    usage,
    errors,
    ...configFingerprint !== void 0 ? { configFingerprint } : {},
    ...hexecVersion !== void 0 ? { hexecVersion } : {},
    ...threadId !== void 0 ? { threadId } : {}
  };
}

// src/app/action/safety-strategy.ts
var import_node_fs5 = require("node:fs");
var import_node_path3 = require("node:path");
var BYPASS_FLAGS = ["--dangerously-bypass-approvals-and-sandbox", "--yolo"];
function fail(message, hint) {
  throw new HexecError("usage", `safety-strategy: ${message}`, { hint });
}
async function planSafety(inputs, ctx) {
  const strategy = inputs.safetyStrategy;
  const cwd = inputs.workingDirectory;
  const selfHomes = {
    home: ctx.home,
    codexHome: inputs.codexHome ?? (ctx.env["CODEX_HOME"] !== void 0 && ctx.env["CODEX_HOME"] !== "" ? ctx.env["CODEX_HOME"] : `${ctx.home}/.codex`)
  };
  if (ctx.platform === "win32" && strategy !== "unsafe") {
    fail(
      `'${strategy}' is not available on Windows`,
      "set safety-strategy: unsafe on Windows runners (there is no sandbox there)"
    );
  }
  if (!(0, import_node_fs5.existsSync)(cwd))
    fail(
      `working-directory ${cwd} does not exist`,
      "check out the repository first (actions/checkout) or fix working-directory"
    );
  const bypass = inputs.codexArgs.find((a) => BYPASS_FLAGS.includes(a));
  if (bypass !== void 0 && (strategy === "read-only" || inputs.sandbox !== "danger-full-access")) {
    fail(
      `codex-args contains ${bypass}, which would override the sandbox input (${strategy === "read-only" ? "read-only" : inputs.sandbox})`,
      "remove it from codex-args and set the `sandbox` input instead"
    );
  }
  switch (strategy) {
    case "unsafe":
      return {
        strategy,
        agent: { kind: "self" },
        sandbox: inputs.sandbox,
        proxyViaSudo: false,
        ...selfHomes,
        warnings: []
      };
    case "read-only": {
      return {
        strategy,
        agent: { kind: "self" },
        sandbox: "read-only",
        proxyViaSudo: false,
        ...selfHomes,
        warnings: []
      };
    }
    case "drop-sudo":
      return planDropSudo(inputs, ctx, selfHomes);
    case "unprivileged-user":
      return planUnprivileged(inputs, ctx);
  }
}
async function planDropSudo(inputs, ctx, homes) {
  if (ctx.platform !== "linux" && ctx.platform !== "darwin")
    fail(`drop-sudo supports Linux and macOS, not ${ctx.platform}`, "use unsafe or unprivileged-user");
  if (ctx.uid === 0) {
    fail(
      "the action runs as root, and root cannot drop its own privileges",
      "run the job as a non-root user with sudo, or use safety-strategy: unprivileged-user with codex-user set to an unprivileged account (or unsafe inside an already-isolated container)"
    );
  }
  const warnings = [];
  if (inputs.sandbox === "danger-full-access") {
    warnings.push(
      "drop-sudo with sandbox danger-full-access: the agent runs as the action user with no sandbox, so it can read /proc/<pid>/environ of the action process (which holds INPUT_OPENAI-API-KEY); prefer unprivileged-user for unsandboxed runs."
    );
  }
  const probe = await ctx.run({ program: "sudo", args: ["-n", "true"], cwd: inputs.workingDirectory, env: ctx.env });
  if (probe.spawnError !== void 0) {
    fail(
      "sudo is not installed on this runner, so there is nothing to drop",
      "on a runner whose user already has no sudo, set safety-strategy: unsafe (or unprivileged-user to run the agent as another account)"
    );
  }
  if (probe.exitCode !== 0) {
    if ((0, import_node_fs5.existsSync)(ctx.dropMarker)) {
      return {
        strategy: "drop-sudo",
        agent: { kind: "self" },
        sandbox: inputs.sandbox,
        proxyViaSudo: false,
        ...homes,
        warnings: [...warnings, "sudo was already dropped earlier in this job; continuing without it."]
      };
    }
    fail(
      `\`sudo -n true\` fails for user ${ctx.username}: there is no passwordless sudo to drop`,
      "set safety-strategy: unsafe if this user is already unprivileged, or give it passwordless sudo"
    );
  }
  return {
    strategy: "drop-sudo",
    agent: { kind: "self" },
    sandbox: inputs.sandbox,
    proxyViaSudo: true,
    dropSudoFor: ctx.username,
    ...homes,
    warnings
  };
}
async function planUnprivileged(inputs, ctx) {
  const name = inputs.codexUser;
  const cwd = inputs.workingDirectory;
  const entry = await lookupUser(name, ctx.run, ctx.env, cwd);
  if (entry === void 0)
    fail(
      `codex-user '${name}' does not exist on this runner`,
      `create it first, e.g. \`sudo useradd --create-home ${name}\`, or set codex-user to an existing account`
    );
  if (entry.uid === ctx.uid)
    fail(
      `codex-user '${name}' is the user the action runs as, so nothing is isolated`,
      "choose a different, unprivileged account"
    );
  if (entry.uid === 0) fail(`codex-user '${name}' is root`, "choose an unprivileged account");
  let agent;
  if (ctx.uid === 0) {
    agent = { kind: "user", ...entry, via: "setuid" };
  } else {
    const sudo = await ctx.run({ program: "sudo", args: ["-n", "-u", name, "--", "true"], cwd, env: ctx.env });
    if (sudo.spawnError !== void 0 || sudo.exitCode !== 0) {
      fail(
        `cannot switch to '${name}': \`sudo -n -u ${name} true\` ${sudo.spawnError !== void 0 ? "could not start (is sudo installed?)" : "was refused"}`,
        `allow this user passwordless \`sudo -u ${name}\`, or run the job as root`
      );
    }
    agent = { kind: "user", ...entry, via: "sudo" };
  }
  const can = (expr) => testAs(agent, expr, ctx.run, ctx.env, cwd);
  if (!await can(["-r", cwd, "-a", "-x", cwd])) {
    fail(
      `user '${name}' cannot read the working directory ${cwd}`,
      `make the checkout readable to it, e.g. \`sudo chmod -R a+rX "${cwd}"\` (and a+x on its parent directories), or check out into a directory it owns`
    );
  }
  if (inputs.sandbox !== "read-only" && !await can(["-w", cwd])) {
    fail(
      `user '${name}' cannot write the working directory ${cwd} (sandbox ${inputs.sandbox})`,
      `give it write access (e.g. \`sudo chown -R ${name} "${cwd}"\`) or use sandbox: read-only`
    );
  }
  if (!await can(["-x", ctx.nodePath]) || !await can(["-r", ctx.cliPath])) {
    fail(
      `user '${name}' cannot run ${ctx.nodePath} ${ctx.cliPath}`,
      "install Node and the action where every user can read them (the tool cache under /opt or /usr is)"
    );
  }
  const codexHome = inputs.codexHome ?? `${entry.home}/.codex`;
  const writableDir = inputs.codexHome !== void 0 ? (0, import_node_fs5.existsSync)(codexHome) ? codexHome : (0, import_node_path3.dirname)(codexHome) : entry.home;
  if (entry.home === "" || !await can(["-d", writableDir, "-a", "-w", writableDir])) {
    fail(
      `user '${name}' cannot write ${writableDir === "" ? "its home (none is set)" : writableDir} for CODEX_HOME`,
      `create a home for it (useradd --create-home) or set codex-home to a directory '${name}' can write`
    );
  }
  return {
    strategy: "unprivileged-user",
    agent,
    sandbox: inputs.sandbox,
    proxyViaSudo: false,
    home: entry.home,
    codexHome,
    warnings: []
  };
}
async function dropSudo(user, platform, run2, env, cwd) {
  const script = [
    "set -u",
    'user="$1"; group="$2"',
    'if command -v gpasswd >/dev/null 2>&1; then gpasswd -d "$user" "$group" >/dev/null 2>&1 || true;',
    'elif command -v deluser >/dev/null 2>&1; then deluser "$user" "$group" >/dev/null 2>&1 || true;',
    'elif command -v dseditgroup >/dev/null 2>&1; then dseditgroup -o edit -d "$user" -t user "$group" >/dev/null 2>&1 || true; fi',
    "for f in /etc/sudoers /etc/sudoers.d/*; do",
    '  [ -f "$f" ] || continue',
    '  if grep -Eq "^[[:space:]]*$user[[:space:]]" "$f"; then',
    '    grep -Ev "^[[:space:]]*$user[[:space:]]" "$f" > "$f.hexec-tmp" && cat "$f.hexec-tmp" > "$f" && rm -f "$f.hexec-tmp"',
    "  fi",
    "done"
  ].join("\n");
  const group = platform === "darwin" ? "admin" : "sudo";
  const r = await run2({ program: "sudo", args: ["-n", "sh", "-c", script, "sh", user, group], cwd, env });
  await run2({ program: "sudo", args: ["-K"], cwd, env });
  if (r.exitCode !== 0)
    throw new HexecError(
      "run",
      `drop-sudo: removing sudo rights failed: ${r.stderr.trim() || r.spawnError || `exit ${String(r.exitCode)}`}`
    );
  const after = await run2({ program: "sudo", args: ["-n", "true"], cwd, env });
  if (after.exitCode === 0) {
    throw new HexecError(
      "run",
      `drop-sudo: \`sudo -n true\` still succeeds for ${user} after removing its sudo rights`,
      {
        hint: "another sudoers rule grants it (a group such as %admin or %wheel, or an include); remove that rule in an earlier step, or use unprivileged-user"
      }
    );
  }
}

// src/app/action/bwrap-prep.ts
var import_node_fs6 = require("node:fs");
var import_node_path4 = require("node:path");

// src/policy/env-glob.ts
function envGlobToRegExp(pattern) {
  let re = "^";
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === "*") re += ".*";
    else if (ch === "?") re += ".";
    else if (ch === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close === -1) re += "\\[";
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith("!") || body.startsWith("^");
        if (negate) body = body.slice(1);
        re += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`${re}$`, "i");
}

// src/policy/shell-env-policy.ts
var DEFAULT_SHELL_ENVIRONMENT_POLICY = Object.freeze({
  inherit: "all",
  ignoreDefaultExcludes: false,
  exclude: Object.freeze([]),
  set: Object.freeze({}),
  includeOnly: Object.freeze([])
});
var CORE = ["HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_*", "TERM"];
var CORE_RE = CORE.map(envGlobToRegExp);

// src/policy/exec-policy.ts
var EMPTY_EXEC_POLICY = Object.freeze({ prefixRules: [], hostExecutables: [], networkRules: [] });

// src/app/command-env.ts
var HERMETIC_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// src/app/action/bwrap-prep.ts
var USERNS_SYSCTLS = [
  ["kernel.unprivileged_userns_clone", "1", "unprivileged user namespaces are off"],
  [
    "kernel.apparmor_restrict_unprivileged_userns",
    "0",
    "AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+; bwrap fails with 'loopback: Failed RTM_NEWADDR')"
  ]
];
function planBwrap(h) {
  if (h.sandbox === "danger-full-access")
    return { kind: "skip", why: "sandbox danger-full-access needs no bubblewrap" };
  if (h.platform !== "linux") return { kind: "skip", why: `${h.platform} runner` };
  if (h.runnerEnvironment !== "github-hosted")
    return { kind: "skip", why: `not a GitHub-hosted runner (RUNNER_ENVIRONMENT=${h.runnerEnvironment ?? "unset"})` };
  const steps = [];
  if (h.bwrap === void 0) {
    steps.push({
      why: "bubblewrap is not installed",
      argv: ["apt-get", "install", "-y", "-q", "--no-install-recommends", "bubblewrap"],
      retryAfter: ["apt-get", "update", "-q"]
    });
  }
  for (const [name, want, why] of USERNS_SYSCTLS) {
    const now = h.sysctls[name];
    if (now !== void 0 && now !== want)
      steps.push({ why: `${why}: ${name}=${now}`, argv: ["sysctl", "-w", `${name}=${want}`] });
  }
  const knobs = USERNS_SYSCTLS.map(([n]) => `${n}=${h.sysctls[n] ?? "absent"}`).join(", ");
  return { kind: "prepare", steps, ready: `bwrap ${h.bwrap ?? "(installing)"}; ${knobs}` };
}
function probeBwrapHost(platform, runnerEnvironment, sandbox) {
  const bwrap = HERMETIC_PATH.split(":").map((d) => (0, import_node_path4.join)(d, "bwrap")).find((p) => (0, import_node_fs6.existsSync)(p));
  const sysctls = {};
  for (const [name] of USERNS_SYSCTLS) {
    try {
      sysctls[name] = (0, import_node_fs6.readFileSync)(`/proc/sys/${name.replace(/\./g, "/")}`, "utf8").trim();
    } catch {
      sysctls[name] = void 0;
    }
  }
  return { platform, runnerEnvironment, sandbox, bwrap, sysctls };
}
async function prepareBwrap(plan, ctx) {
  if (plan.kind === "skip") return [];
  const warnings = [];
  const asRoot = async (argv) => {
    const [program, ...args] = ctx.root ? argv : ["sudo", "-n", ...argv];
    const r = await ctx.run({ program, args, cwd: ctx.cwd, env: ctx.env, timeoutMs: 3e5 });
    const detail = r.spawnError ?? (r.stderr.trim().split("\n").pop() || `exit ${String(r.exitCode)}`);
    return { ok: r.exitCode === 0, detail };
  };
  for (const step of plan.steps) {
    ctx.log(`hexec action: preparing bubblewrap: ${step.why}: ${step.argv.join(" ")}`);
    let r = await asRoot(step.argv);
    if (!r.ok && step.retryAfter !== void 0) {
      await asRoot(step.retryAfter);
      r = await asRoot(step.argv);
    }
    if (!r.ok)
      warnings.push(
        `could not prepare bubblewrap (\`${step.argv.join(" ")}\`: ${r.detail}); the sandbox may be unavailable (exit 5)`
      );
  }
  if (plan.steps.length === 0) ctx.log(`hexec action: bubblewrap ready on this GitHub-hosted runner (${plan.ready})`);
  return warnings;
}

// src/app/action/run-action.ts
function annotate(io, level, text) {
  io.log(`::${level}::${text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}`);
}
function writeStepFiles(io, outputs) {
  const out = envVar(io.env, "GITHUB_OUTPUT");
  const summary = envVar(io.env, "GITHUB_STEP_SUMMARY");
  if (out !== void 0) appendOutputs(out, outputs);
  if (summary !== void 0) appendSummary(summary, outputs);
}
function readPrompt(inputs) {
  if (inputs.prompt.type === "inline") return inputs.prompt.text;
  try {
    return (0, import_node_fs7.readFileSync)(inputs.prompt.path, "utf8");
  } catch (e) {
    throw new HexecError(
      "usage",
      `input 'prompt-file': cannot read ${inputs.prompt.path} (${e.code ?? String(e)})`
    );
  }
}
function authHint(inputs) {
  if (inputs.replay !== void 0) return void 0;
  if (inputs.apiKey === void 0) {
    return "the 'openai-api-key' input is empty (secrets are empty in runs triggered from forks): set it, e.g. openai-api-key: ${{ secrets.OPENAI_API_KEY }}, or serve the model from a recorded cassette with 'replay'";
  }
  return `the key proxy added the 'openai-api-key' input to each request and ${inputs.responsesApiEndpoint ?? "https://api.openai.com/v1"} refused it: check the secret, and 'responses-api-endpoint'`;
}
function sandboxHint(inputs, runnerEnvironment) {
  const steps = runnerEnvironment === "github-hosted" ? "the action tried to prepare bubblewrap on this GitHub-hosted runner (see the warnings above)" : "on a self-hosted runner, install bubblewrap and allow unprivileged user namespaces in a step before this action (`sudo apt-get install -y bubblewrap`; `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` on Ubuntu 23.10+)";
  return `sandbox ${inputs.sandbox} needs bubblewrap: ${steps}; in an already-isolated container, sandbox: danger-full-access skips it`;
}
function notices(io, inputs) {
  if (inputs.codexVersion !== void 0) {
    io.log(
      `::notice::input 'codex-version' (${inputs.codexVersion}) has no effect: this action runs hexec ${HEXEC_VERSION}, a drop-in for codex exec, not @openai/codex`
    );
  }
  if (inputs.permissionProfile !== void 0)
    io.log(`hexec action: permission-profile ${inputs.permissionProfile} \u2192 sandbox ${inputs.sandbox}`);
  if (inputs.passEnv.length > 0) {
    const missing = inputs.passEnv.filter((n) => io.env.vars[n] === void 0);
    io.log(`hexec action: the agent's commands get ${inputs.passEnv.join(", ")} (pass-env)`);
    if (missing.length > 0)
      annotate(
        io,
        "warning",
        `pass-env: ${missing.join(", ")} not set in the step's environment; nothing passed for it`
      );
  }
}
async function makeRunDir(io, temp, plan) {
  (0, import_node_fs7.mkdirSync)(temp, { recursive: true });
  const runDir = (0, import_node_fs7.mkdtempSync)((0, import_node_path5.join)(temp, "hexec-action-"));
  if (plan.agent.kind === "user") {
    (0, import_node_fs7.chmodSync)(runDir, 493);
    if (io.env.uid === 0) (0, import_node_fs7.chownSync)(runDir, plan.agent.uid, plan.agent.gid);
    else
      await runProcess({
        program: "sudo",
        args: ["-n", "chown", `${plan.agent.uid}:${plan.agent.gid}`, runDir],
        cwd: runDir,
        env: { PATH: io.env.vars["PATH"] ?? "/usr/bin:/bin" }
      });
  }
  return runDir;
}
async function prepare(io, into) {
  const inputs = readActionInputs(io.env);
  const prompt = readPrompt(inputs);
  notices(io, inputs);
  const decision = await checkActor({
    actor: envVar(io.env, "GITHUB_ACTOR"),
    repository: envVar(io.env, "GITHUB_REPOSITORY"),
    apiUrl: envVar(io.env, "GITHUB_API_URL") ?? "https://api.github.com",
    token: inputs.githubToken,
    allowUsers: inputs.allowUsers,
    allowBots: inputs.allowBots,
    allowBotUsers: inputs.allowBotUsers
  });
  if (decision.status === "rejected") throw new HexecError("auth", `actor check: ${decision.reason}`);
  io.log(`hexec action: actor '${decision.actor}' allowed (${decision.why})`);
  const temp = envVar(io.env, "RUNNER_TEMP") ?? io.env.tmpdir;
  const path = { PATH: io.env.vars["PATH"] ?? "/usr/bin:/bin" };
  const plan = await planSafety(inputs, {
    uid: io.env.uid,
    username: io.env.username,
    home: io.env.home,
    platform: io.env.platform,
    nodePath: io.nodePath,
    cliPath: envVar(io.env, "HEXEC_ACTION_CLI") ?? io.cliPath,
    dropMarker: (0, import_node_path5.join)(temp, `hexec-sudo-dropped-${io.env.uid}`),
    env: path,
    run: runProcess
  });
  for (const w of plan.warnings) annotate(io, "warning", w);
  const bwrap = planBwrap(probeBwrapHost(io.env.platform, envVar(io.env, "RUNNER_ENVIRONMENT"), plan.sandbox));
  const prepWarnings = await prepareBwrap(bwrap, {
    root: io.env.uid === 0,
    run: runProcess,
    cwd: inputs.workingDirectory,
    env: path,
    log: io.log
  });
  for (const w of prepWarnings) annotate(io, "warning", w);
  const runDir = await makeRunDir(io, temp, plan);
  into.runDir = runDir;
  let proxy;
  if (inputs.apiKey !== void 0) {
    into.serverInfoFile = (0, import_node_path5.join)(temp, `hexec-proxy-${envVar(io.env, "GITHUB_RUN_ID") ?? "local"}-${process.pid}.json`);
    proxy = await launchProxy({
      nodePath: io.nodePath,
      cliPath: io.cliPath,
      serverInfoFile: into.serverInfoFile,
      key: inputs.apiKey,
      ...inputs.responsesApiEndpoint !== void 0 ? { upstream: inputs.responsesApiEndpoint } : {},
      viaSudo: plan.proxyViaSudo,
      cwd: runDir,
      path: path.PATH,
      log: (line) => io.log(line)
    });
    into.proxy = proxy;
  }
  if (plan.dropSudoFor !== void 0) {
    await dropSudo(plan.dropSudoFor, io.env.platform, runProcess, path, runDir);
    (0, import_node_fs7.writeFileSync)((0, import_node_path5.join)(temp, `hexec-sudo-dropped-${io.env.uid}`), "dropped\n");
    io.log("hexec action: sudo dropped; `sudo -n true` now fails");
  }
  if (!(0, import_node_fs7.existsSync)(plan.codexHome)) (0, import_node_fs7.mkdirSync)(plan.codexHome, { recursive: true, mode: 448 });
  return { inputs, prompt, plan, runDir, ...proxy !== void 0 ? { proxy } : {} };
}
async function runHexec(io, p) {
  const { inputs, plan } = p;
  const lastMessageFile = (0, import_node_path5.join)(p.runDir, "last-message.txt");
  let schemaFile;
  if (inputs.outputSchema?.type === "inline") {
    schemaFile = (0, import_node_path5.join)(p.runDir, "output-schema.json");
    (0, import_node_fs7.writeFileSync)(schemaFile, inputs.outputSchema.text);
  } else if (inputs.outputSchema?.type === "file") schemaFile = inputs.outputSchema.path;
  const req = execRequest(
    inputs,
    plan,
    {
      nodePath: io.nodePath,
      cliPath: envVar(io.env, "HEXEC_ACTION_CLI") ?? io.cliPath,
      lastMessageFile,
      ...schemaFile !== void 0 ? { schemaFile } : {}
    },
    p.proxy?.port,
    io.env.vars,
    p.prompt
  );
  io.log(
    `hexec action: running hexec exec (sandbox ${plan.sandbox}, safety-strategy ${plan.strategy}${inputs.hermetic ? ", hermetic" : ""})`
  );
  const result = await runProcess(asIdentity(req, plan.agent, inputs.passEnv));
  if (result.stderr !== "") io.log(result.stderr.trimEnd());
  if (result.spawnError !== void 0) throw new HexecError("run", `could not start hexec: ${result.spawnError}`);
  const code = result.exitCode ?? 1;
  const events = summarizeEvents(result.stdout);
  const finalMessage = (0, import_node_fs7.existsSync)(lastMessageFile) ? (0, import_node_fs7.readFileSync)(lastMessageFile, "utf8") : "";
  if (inputs.outputFile !== void 0 && (0, import_node_fs7.existsSync)(lastMessageFile)) {
    (0, import_node_fs7.mkdirSync)((0, import_node_path5.dirname)(inputs.outputFile), { recursive: true });
    (0, import_node_fs7.copyFileSync)(lastMessageFile, inputs.outputFile);
  }
  const u = events.usage;
  writeStepFiles(io, {
    "final-message": finalMessage,
    "exit-code": String(code),
    usage: JSON.stringify(u),
    "input-tokens": String(u.input_tokens),
    "cached-input-tokens": String(u.cached_input_tokens),
    "output-tokens": String(u.output_tokens),
    "reasoning-output-tokens": String(u.reasoning_output_tokens),
    "cost-usd": u.cost_usd !== void 0 ? String(u.cost_usd) : "",
    "config-fingerprint": events.configFingerprint ?? "",
    cassette: inputs.record ?? inputs.replay ?? ""
  });
  if (code !== 0) {
    const errors = [...new Set(events.errors)];
    const hint = code === 7 ? authHint(inputs) : code === 5 ? sandboxHint(inputs, envVar(io.env, "RUNNER_ENVIRONMENT")) : void 0;
    annotate(
      io,
      "error",
      `hexec exec exited ${code}${errors.length > 0 ? `: ${errors.join("; ")}` : ""}${hint !== void 0 ? `
hint: ${hint}` : ""}`
    );
  }
  return code;
}
async function runAction(io) {
  const held = {};
  try {
    return await runHexec(io, await prepare(io, held));
  } catch (e) {
    annotate(io, "error", formatError(e));
    const code = isHexecError(e) ? e.exitCode : 1;
    writeStepFiles(io, { "exit-code": String(code) });
    return code;
  } finally {
    if (held.proxy !== void 0) await held.proxy.stop();
    if (held.serverInfoFile !== void 0) (0, import_node_fs7.rmSync)(held.serverInfoFile, { force: true });
    if (held.runDir !== void 0) (0, import_node_fs7.rmSync)(held.runDir, { recursive: true, force: true });
  }
}

// src/bin/action.ts
async function run() {
  let code;
  try {
    code = await runAction({
      env: captureHostEnv(),
      log: (line) => void process.stdout.write(`${line}
`),
      cliPath: (0, import_node_path6.join)(__dirname, "cli.mjs"),
      nodePath: process.execPath
    });
  } catch (e) {
    process.stdout.write(`::error::internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}
`);
    code = 1;
  }
  process.exitCode = code;
  return code;
}
if (require.main === module) {
  void run().then((code) => process.stdout.write("", () => process.exit(code)));
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  run
});
