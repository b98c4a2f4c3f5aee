import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";

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
function matchesAnyGlob(name, patterns) {
  return patterns.some((p) => p.test(name));
}

// src/policy/shell-env-policy.ts
var DEFAULT_SHELL_ENVIRONMENT_POLICY = Object.freeze({
  inherit: "all",
  ignoreDefaultExcludes: false,
  exclude: Object.freeze([]),
  set: Object.freeze({}),
  includeOnly: Object.freeze([])
});
var DEFAULT_EXCLUDES = ["*KEY*", "*SECRET*", "*TOKEN*"];
var CORE = ["HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_*", "TERM"];
var CORE_RE = CORE.map(envGlobToRegExp);
var KEYS = ["inherit", "ignore_default_excludes", "exclude", "set", "include_only", "experimental_use_profile"];
function bad(key, expected, found, source) {
  return new HexecError("config", "invalid value", {
    source: { ...source, key: `shell_environment_policy.${key}` },
    expected,
    found: JSON.stringify(found)
  });
}
function stringList(key, v, source) {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw bad(key, "an array of strings", v, source);
  return v;
}
function parseShellEnvironmentPolicy(table, source) {
  if (table === void 0) return DEFAULT_SHELL_ENVIRONMENT_POLICY;
  if (table === null || typeof table !== "object" || Array.isArray(table)) throw bad("", "a table", table, source);
  const t = table;
  for (const k of Object.keys(t)) {
    if (!KEYS.includes(k)) {
      throw new HexecError("config", "unknown key", { source: { ...source, key: `shell_environment_policy.${k}` } });
    }
  }
  const inherit = t["inherit"] ?? "all";
  if (inherit !== "all" && inherit !== "core" && inherit !== "none") throw bad("inherit", '"all", "core" or "none"', inherit, source);
  const ide = t["ignore_default_excludes"] ?? false;
  if (typeof ide !== "boolean") throw bad("ignore_default_excludes", "a boolean", ide, source);
  const set = t["set"] ?? {};
  if (set === null || typeof set !== "object" || Array.isArray(set)) throw bad("set", "a table of strings", set, source);
  const setOut = {};
  for (const [k, v] of Object.entries(set)) {
    if (typeof v !== "string") throw bad(`set.${k}`, "a string", v, source);
    setOut[k] = v;
  }
  return Object.freeze({
    inherit,
    ignoreDefaultExcludes: ide,
    exclude: Object.freeze(stringList("exclude", t["exclude"] ?? [], source)),
    set: Object.freeze(setOut),
    includeOnly: Object.freeze(stringList("include_only", t["include_only"] ?? [], source))
  });
}
function applyShellEnvironmentPolicy(policy, parent) {
  const out = {};
  if (policy.inherit !== "none") {
    for (const [k, v] of Object.entries(parent)) {
      if (policy.inherit === "all" || matchesAnyGlob(k, CORE_RE)) out[k] = v;
    }
  }
  const drop = (patterns) => {
    const re = patterns.map(envGlobToRegExp);
    for (const k of Object.keys(out)) if (matchesAnyGlob(k, re)) delete out[k];
  };
  if (!policy.ignoreDefaultExcludes) drop(DEFAULT_EXCLUDES);
  drop(policy.exclude);
  for (const [k, v] of Object.entries(policy.set)) out[k] = v;
  if (policy.includeOnly.length > 0) {
    const keep = policy.includeOnly.map(envGlobToRegExp);
    for (const k of Object.keys(out)) if (!matchesAnyGlob(k, keep)) delete out[k];
  }
  return out;
}

// src/policy/command-env.ts
var CODEX_COMPAT_VERSION = "0.169.0";
function markerVariables(ctx) {
  const m = {
    CODEX_CI: "1",
    CODEX_THREAD_ID: ctx.threadId,
    CODEX_SESSION_ID: ctx.sessionId,
    CODEX_TOOL_CALL_ID: ctx.toolCallId,
    CODEX_VERSION: CODEX_COMPAT_VERSION,
    CODEX_PERMISSION_PROFILE: ctx.permissionProfile ?? `:${ctx.sandboxMode}`,
    CODEX_APPLY_PATCH_PRESERVE_LINE_ENDINGS: "1",
    NO_COLOR: "1",
    COLORTERM: "",
    TERM: "dumb",
    PAGER: "cat",
    GIT_PAGER: "cat",
    GH_PAGER: "cat",
    HEXEC: "1",
    HEXEC_SANDBOX: ctx.sandboxMode
  };
  if (ctx.networkDisabled) m["CODEX_SANDBOX_NETWORK_DISABLED"] = "1";
  return m;
}
var MIN_SUBSTRING_SECRET = 8;
function createCommandEnv(policy, parent, ctx) {
  const env = applyShellEnvironmentPolicy(policy, parent);
  Object.assign(env, markerVariables(ctx));
  if (!ctx.networkDisabled) delete env["CODEX_SANDBOX_NETWORK_DISABLED"];
  if (env["LC_CTYPE"] === void 0 && env["LC_ALL"] === void 0) env["LC_CTYPE"] = "C.UTF-8";
  const names = new Set(ctx.secretVarNames);
  const values = ctx.secretValues.filter((v) => v !== "");
  for (const [k, v] of Object.entries(env)) {
    if (names.has(k)) delete env[k];
    else if (values.some((s) => v === s || s.length >= MIN_SUBSTRING_SECRET && v.includes(s))) delete env[k];
  }
  return env;
}

// src/policy/shlex.ts
function shlexSplit(text) {
  const words = [];
  let cur = "";
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
      i += 1;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return void 0;
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (c === "\\" && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1])) {
          if (text[i + 1] !== "\n") cur += text[i + 1];
          i += 2;
          continue;
        }
        cur += c;
        i += 1;
      }
      if (!closed) return void 0;
      inWord = true;
    } else if (ch === "\\") {
      if (i + 1 >= text.length) return void 0;
      if (text[i + 1] !== "\n") cur += text[i + 1];
      inWord = true;
      i += 2;
    } else {
      cur += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
var SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
function shlexQuote(word) {
  if (word === "") return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
function shlexJoin(words) {
  return words.map(shlexQuote).join(" ");
}

// src/policy/exec-policy.ts
var EMPTY_EXEC_POLICY = Object.freeze({ prefixRules: [], hostExecutables: [], networkRules: [] });
function mergeExecPolicies(parts) {
  return {
    prefixRules: parts.flatMap((p) => p.prefixRules),
    hostExecutables: parts.flatMap((p) => p.hostExecutables),
    networkRules: parts.flatMap((p) => p.networkRules)
  };
}
var RANK = { allow: 0, prompt: 1, forbidden: 2 };
function strictest(a, b) {
  return a === void 0 || RANK[b] > RANK[a] ? b : a;
}
function basename(p) {
  return p.slice(p.lastIndexOf("/") + 1);
}
function firstMatches(policy, first, argv0) {
  if (argv0 === first) return true;
  if (!argv0.startsWith("/") || basename(argv0) !== first) return false;
  const declared = policy.hostExecutables.filter((h) => h.name === first);
  if (declared.length === 0) return true;
  return declared.some((h) => h.paths.includes(argv0));
}
function matchPrefixRule(policy, rule, argv) {
  const argv0 = argv[0];
  if (argv0 === void 0 || !firstMatches(policy, rule.first, argv0)) return void 0;
  if (argv.length < 1 + rule.rest.length) return void 0;
  for (let i = 0; i < rule.rest.length; i += 1) {
    const tok = rule.rest[i];
    const arg = argv[i + 1];
    if (typeof tok === "string" ? tok !== arg : !tok.includes(arg)) return void 0;
  }
  return {
    prefixRuleMatch: {
      matchedPrefix: argv.slice(0, 1 + rule.rest.length),
      decision: rule.decision,
      ...rule.justification !== void 0 ? { justification: rule.justification } : {}
    }
  };
}
function evaluate(policy, argv) {
  return evaluateMany(policy, [argv]);
}
function evaluateMany(policy, commands) {
  const matched = [];
  let decision;
  for (const argv of commands) {
    for (const rule of policy.prefixRules) {
      const m = matchPrefixRule(policy, rule, argv);
      if (m === void 0) continue;
      matched.push(m);
      decision = strictest(decision, m.prefixRuleMatch.decision);
    }
  }
  return decision === void 0 ? { matchedRules: matched } : { matchedRules: matched, decision };
}
function formatEvaluation(e, pretty) {
  return pretty ? JSON.stringify(e, null, 2) : JSON.stringify(e);
}
var PROMPT_UNDER_NEVER = "approval required by policy, but AskForApproval is set to Never";
function gateEvaluation(e, displayArgv) {
  if (e.decision === "forbidden") {
    const hit = e.matchedRules.find((m) => m.prefixRuleMatch.decision === "forbidden");
    const why = hit?.prefixRuleMatch.justification ?? "forbidden by policy";
    return { type: "refused", decision: "forbidden", reason: `\`${shlexJoin(displayArgv)}\` rejected: ${why}`, evaluation: e };
  }
  if (e.decision === "prompt") return { type: "refused", decision: "prompt", reason: PROMPT_UNDER_NEVER, evaluation: e };
  return { type: "allow", evaluation: e };
}

// src/policy/rules-load.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// src/policy/rules-syntax.ts
function rulesSyntaxError(file, line, column, message) {
  return new HexecError("config", message, { source: { file, line, column } });
}
var ESCAPES = { n: "\n", t: "	", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
function tokenize(src, file) {
  const toks = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const err = (msg, at = i) => rulesSyntaxError(file, line, at - lineStart + 1, msg);
  while (i < src.length) {
    const ch = src[i];
    const col = i - lineStart + 1;
    if (ch === "\n") {
      if (depth === 0) toks.push({ k: "nl", line, col });
      line += 1;
      i += 1;
      lineStart = i;
    } else if (ch === " " || ch === "	" || ch === "\r") i += 1;
    else if (ch === "\\" && src[i + 1] === "\n") i += 1;
    else if (ch === "#") while (i < src.length && src[i] !== "\n") i += 1;
    else if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j += 1;
      const word = src.slice(i, j);
      if ((word === "r" || word === "R") && (src[j] === '"' || src[j] === "'")) {
        i = j;
        toks.push({ k: "str", v: readString(true), line, col });
      } else {
        toks.push({ k: "id", v: word, line, col });
        i = j;
      }
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j])) j += 1;
      toks.push({ k: "int", v: Number(src.slice(i, j)), line, col });
      i = j;
    } else if (ch === '"' || ch === "'") {
      toks.push({ k: "str", v: readString(false), line, col });
    } else if ("()[],=".includes(ch)) {
      if (ch === "(" || ch === "[") depth += 1;
      if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
      toks.push({ k: "p", v: ch, line, col });
      i += 1;
    } else {
      throw err(`unexpected character ${JSON.stringify(ch)}`);
    }
  }
  toks.push({ k: "nl", line, col: i - lineStart + 1 }, { k: "eof", line, col: i - lineStart + 1 });
  return toks;
  function readString(raw) {
    const q = src[i];
    const triple = src.startsWith(q.repeat(3), i);
    const start = i;
    i += triple ? 3 : 1;
    let out = "";
    for (; ; ) {
      if (i >= src.length) throw err("unterminated string literal", start);
      const c = src[i];
      if (triple ? src.startsWith(q.repeat(3), i) : c === q) {
        i += triple ? 3 : 1;
        return out;
      }
      if (c === "\n") {
        if (!triple) throw err("unterminated string literal", start);
        line += 1;
        lineStart = i + 1;
      }
      if (c === "\\" && !raw) {
        const n = src[i + 1] ?? "";
        if (n === "\n") {
          line += 1;
          i += 2;
          lineStart = i;
          continue;
        }
        const e = ESCAPES[n];
        if (e === void 0) throw err(`invalid escape sequence \\${n}`);
        out += e;
        i += 2;
        continue;
      }
      out += c;
      i += 1;
    }
  }
}
function parseStarlarkCalls(src, file) {
  const toks = tokenize(src, file);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const fail = (t, msg) => rulesSyntaxError(file, t.line, t.col, msg);
  const show = (t) => t.k === "eof" ? "end of file" : t.k === "nl" ? "newline" : t.k === "str" ? "string" : `'${String(t.v)}'`;
  const expectP = (v) => {
    const t = next();
    if (t.k !== "p" || t.v !== v) throw fail(t, `expected '${v}', found ${show(t)}`);
    return t;
  };
  function value() {
    const t = next();
    if (t.k === "str") {
      if (peek().k === "str") throw fail(peek(), "implicit string concatenation is not allowed");
      return { t: "str", v: t.v, line: t.line };
    }
    if (t.k === "int") return { t: "int", v: t.v, line: t.line };
    if (t.k === "id" && (t.v === "True" || t.v === "False")) return { t: "bool", v: t.v === "True", line: t.line };
    if (t.k === "id" && t.v === "None") return { t: "none", line: t.line };
    if (t.k === "p" && t.v === "[") {
      const items = [];
      while (!(peek().k === "p" && peek().v === "]")) {
        items.push(value());
        if (peek().k === "p" && peek().v === ",") next();
        else break;
      }
      expectP("]");
      return { t: "list", items, line: t.line };
    }
    if (t.k === "id") throw fail(t, `variables and expressions are not supported in .rules files (found '${t.v}')`);
    throw fail(t, `expected a value, found ${show(t)}`);
  }
  const calls = [];
  for (; ; ) {
    const t = next();
    if (t.k === "eof") return calls;
    if (t.k === "nl") continue;
    if (t.k !== "id") throw fail(t, `expected a rule call such as prefix_rule(...), found ${show(t)}`);
    if (t.v === "load" || t.v === "def" || t.v === "if" || t.v === "for") {
      throw fail(t, `'${t.v}' is not supported in .rules files`);
    }
    const open = next();
    if (open.k !== "p" || open.v !== "(") {
      throw fail(open, `expected '(' after '${t.v}' (only calls such as prefix_rule(...) are allowed), found ${show(open)}`);
    }
    const kwargs = /* @__PURE__ */ new Map();
    while (!(peek().k === "p" && peek().v === ")")) {
      const key = next();
      const eq = peek();
      if (key.k !== "id" || eq.k !== "p" || eq.v !== "=") {
        throw fail(key, `positional arguments are not supported; use keyword arguments such as pattern=[...]`);
      }
      next();
      if (kwargs.has(key.v)) throw fail(key, `argument '${key.v}' given twice`);
      kwargs.set(key.v, value());
      if (peek().k === "p" && peek().v === ",") next();
      else break;
    }
    expectP(")");
    const end = next();
    if (end.k !== "nl" && end.k !== "eof") throw fail(end, `expected a newline after the call, found ${show(end)}`);
    if (end.k === "eof") p -= 1;
    calls.push({ name: t.v, line: t.line, column: t.col, kwargs });
  }
}

// src/policy/rules-load.ts
var DECISIONS = ["allow", "prompt", "forbidden"];
var ARGS = {
  prefix_rule: ["pattern", "decision", "justification", "match", "not_match"],
  host_executable: ["name", "paths"],
  network_rule: ["host", "protocol", "decision", "justification"]
};
function str(v, what, fail) {
  if (v === void 0 || v.t === "none") return void 0;
  if (v.t !== "str") throw fail(`${what} must be a string`, v.line);
  return v.v;
}
function patternOf(v, fail) {
  if (v === void 0) throw fail("prefix_rule requires pattern=[...]");
  if (v.t !== "list") throw fail("invalid pattern element: pattern must be a list", v.line);
  if (v.items.length === 0) throw fail("invalid pattern element: pattern cannot be empty", v.line);
  return v.items.map((item) => {
    if (item.t === "str") return item.v;
    if (item.t === "list") {
      if (item.items.length === 0) throw fail("invalid pattern element: alternatives cannot be empty", item.line);
      return item.items.map((alt) => {
        if (alt.t !== "str") throw fail("invalid pattern element: alternatives must be strings", alt.line);
        return alt.v;
      });
    }
    throw fail("invalid pattern element: expected a string or a list of strings", item.line);
  });
}
function examplesOf(v, fail) {
  if (v === void 0 || v.t === "none") return [];
  if (v.t !== "list") throw fail("invalid example: match/not_match must be a list", v.line);
  return v.items.map((e) => {
    if (e.t === "str") {
      const argv = shlexSplit(e.v);
      if (argv === void 0 || argv.length === 0) throw fail(`invalid example: ${e.v}`, e.line);
      return { argv, shown: e.v };
    }
    if (e.t === "list" && e.items.length > 0 && e.items.every((x) => x.t === "str")) {
      const argv = e.items.map((x) => x.v);
      return { argv, shown: shlexJoin(argv) };
    }
    throw fail("invalid example: expected a string or a non-empty list of strings", e.line);
  });
}
function debugToken(t) {
  return typeof t === "string" ? `Single(${JSON.stringify(t)})` : `Alts([${t.map((s) => JSON.stringify(s)).join(", ")}])`;
}
function debugRule(r) {
  const d = r.decision[0]?.toUpperCase() + r.decision.slice(1);
  const j = r.justification === void 0 ? "None" : `Some(${JSON.stringify(r.justification)})`;
  return `PrefixRule { pattern: PrefixPattern { canonical_matching: false, first: ${JSON.stringify(r.first)}, rest: [${r.rest.map(debugToken).join(", ")}] }, decision: ${d}, justification: ${j} }`;
}
function prefixRule(call, file, fail, hosts) {
  const pattern = patternOf(call.kwargs.get("pattern"), fail);
  const decisionText = str(call.kwargs.get("decision"), "decision", fail) ?? "allow";
  if (!DECISIONS.includes(decisionText)) throw fail(`invalid decision: ${decisionText}`);
  const decision = decisionText;
  const justification = str(call.kwargs.get("justification"), "justification", fail);
  if (justification !== void 0 && justification.trim() === "") throw fail("invalid rule: justification cannot be empty");
  const [head, ...rest] = pattern;
  const firsts = typeof head === "string" ? [head] : [...head];
  const rules = firsts.map((first) => ({
    first,
    rest,
    decision,
    ...justification !== void 0 ? { justification } : {},
    origin: { file, line: call.line }
  }));
  const policy = { prefixRules: rules, hostExecutables: hosts, networkRules: [] };
  const matches = (argv) => rules.find((r) => matchPrefixRule(policy, r, argv));
  const unmatched = examplesOf(call.kwargs.get("match"), fail).filter((e) => matches(e.argv) === void 0);
  const exampleError = (msg) => new HexecError("config", msg, { source: { file, line: call.line } });
  if (unmatched.length > 0) {
    throw exampleError(
      `expected every example to match at least one rule. rules: ${JSON.stringify(rules.map(debugRule))}; unmatched examples: ${JSON.stringify(
        unmatched.map((e) => e.shown)
      )} (problem is on or around line ${call.line})`
    );
  }
  for (const e of examplesOf(call.kwargs.get("not_match"), fail)) {
    const hit = matches(e.argv);
    if (hit !== void 0) {
      throw exampleError(`expected example to not match rule \`${debugRule(hit)}\`: ${e.shown} (problem is on or around line ${call.line})`);
    }
  }
  return rules;
}
function parseRules(text, file) {
  const prefixRules = [];
  const hostExecutables = [];
  const networkRules = [];
  const calls = parseStarlarkCalls(text, file);
  for (const call of calls) {
    const fail = (msg, line) => line === void 0 || line === call.line ? rulesSyntaxError(file, call.line, call.column, msg) : rulesSyntaxError(file, line, 1, msg);
    const allowed = ARGS[call.name];
    if (allowed === void 0) {
      throw fail(`unknown function '${call.name}' (allowed: prefix_rule, host_executable, network_rule)`);
    }
    for (const k of call.kwargs.keys()) {
      if (!allowed.includes(k)) throw fail(`${call.name}() got an unexpected keyword argument '${k}'`);
    }
    if (call.name === "host_executable") {
      const name = str(call.kwargs.get("name"), "name", fail);
      if (name === void 0 || name === "" || name.includes("/")) throw fail("invalid rule: host_executable name must be a bare program name");
      const pv = call.kwargs.get("paths");
      if (pv === void 0 || pv.t !== "list" || !pv.items.every((x) => x.t === "str")) throw fail("invalid rule: host_executable paths must be a list of strings");
      hostExecutables.push({ name, paths: pv.items.map((x) => x.v) });
    } else if (call.name === "network_rule") {
      const host = str(call.kwargs.get("host"), "host", fail);
      if (host === void 0 || host === "") throw fail("invalid rule: network_rule host cannot be empty");
      const protocol = str(call.kwargs.get("protocol"), "protocol", fail);
      const decision = str(call.kwargs.get("decision"), "decision", fail) ?? "allow";
      const justification = str(call.kwargs.get("justification"), "justification", fail);
      networkRules.push({ host, decision, ...protocol !== void 0 ? { protocol } : {}, ...justification !== void 0 ? { justification } : {} });
    }
  }
  for (const call of calls) {
    if (call.name !== "prefix_rule") continue;
    const fail = (msg, line) => rulesSyntaxError(file, line ?? call.line, line === void 0 ? call.column : 1, msg);
    prefixRules.push(...prefixRule(call, file, fail, hostExecutables));
  }
  return { prefixRules, hostExecutables, networkRules };
}
function loadRulesFile(path, shownAs = path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new HexecError("config", `cannot read rules file: ${e.message}`, { source: { file: shownAs } });
  }
  return parseRules(text, shownAs);
}
function ruleFilesIn(dir) {
  try {
    return readdirSync(dir).filter((n) => n.endsWith(".rules")).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

// src/policy/rules-sources.ts
import { join as join2 } from "node:path";
function ruleFiles(input) {
  const files = ruleFilesIn(join2(input.systemConfigDir, "rules"));
  if (!input.ignoreRules) {
    files.push(...ruleFilesIn(join2(input.codexHome, "rules")));
    for (const d of input.trustedProjectCodexDirs) files.push(...ruleFilesIn(join2(d, "rules")));
  }
  return files;
}
function loadExecPolicy(input, requirements = []) {
  return mergeExecPolicies([...ruleFiles(input).map((f) => loadRulesFile(f)), ...requirements]);
}

// src/policy/shell-split.ts
var SHELLS = /* @__PURE__ */ new Set(["bash", "sh", "zsh", "dash"]);
function shellScriptOf(argv) {
  if (argv.length !== 3) return void 0;
  const [sh, flag, script] = argv;
  if (!SHELLS.has(sh.slice(sh.lastIndexOf("/") + 1))) return void 0;
  if (flag !== "-c" && flag !== "-lc") return void 0;
  return script;
}
function splitPlainScript(script) {
  const commands = [];
  let words = [];
  let cur = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(cur);
    cur = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length === 0) return false;
    commands.push(words);
    words = [];
    return true;
  };
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    const two = script.slice(i, i + 2);
    if (ch === " " || ch === "	") {
      endWord();
      i += 1;
    } else if (two === "&&" || two === "||") {
      if (!endCommand()) return void 0;
      i += 2;
    } else if (ch === ";" || ch === "|" || ch === "\n") {
      if (!endCommand() && ch !== "\n") return void 0;
      i += 1;
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end === -1) return void 0;
      cur += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const end = script.indexOf('"', i + 1);
      if (end === -1) return void 0;
      const body = script.slice(i + 1, end);
      if (/[$`\\!]/.test(body)) return void 0;
      cur += body;
      inWord = true;
      i = end + 1;
    } else if (/[A-Za-z0-9_@%+:,./-]/.test(ch) || ch === "=" && (inWord || words.length > 0)) {
      cur += ch;
      inWord = true;
      i += 1;
    } else {
      return void 0;
    }
  }
  endCommand();
  if (commands.length === 0) return void 0;
  if (commands.some((c) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(c[0]))) return void 0;
  return commands;
}
function roughSegments(script) {
  const out = [];
  for (const seg of script.split(/&&|\|\||[;|&\n(){}`]|\$\(/)) {
    const words = shlexSplit(seg.replace(/[<>]/g, " "));
    if (words === void 0) continue;
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
    while (words.length > 0 && /^(!|then|do|else|elif|exec|command|time|nohup|sudo)$/.test(words[0])) words.shift();
    if (words.length > 0) out.push(words);
  }
  return out;
}
function commandsForPolicy(argv) {
  const script = shellScriptOf(argv);
  if (script === void 0) return { commands: [[...argv]], exact: true };
  const plain = splitPlainScript(script);
  if (plain !== void 0) return { commands: plain, exact: true };
  return { commands: [[...argv], ...roughSegments(script)], exact: false };
}

// src/policy/gate-command.ts
function gateCommand(policy, argv) {
  if (policy.prefixRules.length === 0) return { type: "allow", evaluation: { matchedRules: [] } };
  return gateEvaluation(evaluateMany(policy, commandsForPolicy(argv).commands), argv);
}

export {
  parseShellEnvironmentPolicy,
  createCommandEnv,
  mergeExecPolicies,
  evaluate,
  formatEvaluation,
  loadRulesFile,
  loadExecPolicy,
  gateCommand
};
