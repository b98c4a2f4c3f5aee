import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import "./chunk-FNSRAMRE.mjs";

// src/env/host-env.ts
import { homedir, tmpdir, userInfo } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
var SYSTEM_CONFIG_DIR_VAR = "HEXEC_SYSTEM_CONFIG_DIR";
var DEFAULT_SYSTEM_CONFIG_DIR = "/etc/codex";
function captureHostEnv() {
  const vars = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== void 0) vars[k] = v;
  const cwd = process.cwd();
  let username = vars["USER"] ?? "";
  try {
    username = userInfo().username;
  } catch {
  }
  const home = vars["HOME"] !== void 0 && vars["HOME"] !== "" ? vars["HOME"] : homedir();
  return deriveHostEnv({
    vars,
    cwd,
    home,
    tmpdir: tmpdir(),
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    username,
    platform: process.platform,
    arch: process.arch,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    nodeVersion: process.versions.node,
    execPath: process.execPath
  });
}
function deriveHostEnv(base) {
  const sys = base.vars[SYSTEM_CONFIG_DIR_VAR];
  const systemConfigDir = sys !== void 0 && sys !== "" ? resolve(base.cwd, sys) : DEFAULT_SYSTEM_CONFIG_DIR;
  const ch = base.vars["CODEX_HOME"];
  const codexHome = ch !== void 0 && ch !== "" ? isAbsolute(ch) ? ch : resolve(base.cwd, ch) : join(base.home, ".codex");
  return Object.freeze({ ...base, vars: Object.freeze({ ...base.vars }), systemConfigDir, codexHome });
}
function envVar(env, name) {
  const v = env.vars[name];
  return v === void 0 || v === "" ? void 0 : v;
}

// src/env/clock.ts
var systemClock = {
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now()
};
export {
  DEFAULT_SYSTEM_CONFIG_DIR,
  SYSTEM_CONFIG_DIR_VAR,
  captureHostEnv,
  deriveHostEnv,
  envVar,
  systemClock
};
