import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-JN6DIL67.mjs";
import {
  EXIT,
  HexecError
} from "./chunk-M4BOG5CG.mjs";

// src/cli/commands/proxy-command.ts
import { resolve } from "node:path";

// src/app/key-proxy.ts
import { createServer, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
var DEFAULT_UPSTREAM = "https://api.openai.com/v1";
var KEY_RE = /^[A-Za-z0-9_\-.]+$/;
var ENDPOINTS = ["/responses", "/chat/completions"];
var HOP_BY_HOP = /* @__PURE__ */ new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "authorization", "content-length"]);
function parseProxyKey(stdin) {
  const text = stdin.toString("utf8").replace(/\r?\n$/, "");
  if (text.trim() === "") {
    throw new HexecError("auth", "no API key on stdin", { hint: "pipe the key in: printenv OPENAI_API_KEY | hexec proxy ..." });
  }
  if (!KEY_RE.test(text)) {
    throw new HexecError("auth", "the API key read from stdin has characters outside [A-Za-z0-9_-.] (is it quoted, or more than one line?)");
  }
  return text;
}
function upstreamRoutes(upstream) {
  let url;
  try {
    url = new URL(upstream);
  } catch {
    throw new HexecError("usage", `invalid upstream URL '${upstream}'`, { source: { flag: "--upstream" } });
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new HexecError("usage", `upstream must be https (plain http only to a loopback host), found '${url.protocol}//${url.host}'`, { source: { flag: "--upstream" } });
  }
  if (url.username !== "" || url.password !== "") {
    throw new HexecError("usage", "upstream URL must not contain credentials", { source: { flag: "--upstream" } });
  }
  const path = url.pathname.replace(/\/+$/, "");
  const full = ENDPOINTS.find((e) => path.endsWith(e));
  const routes = /* @__PURE__ */ new Map();
  if (full !== void 0) {
    routes.set(`/v1${full}`, new URL(url.href));
  } else {
    for (const e of ENDPOINTS) {
      const target = new URL(url.href);
      target.pathname = `${path}${e}`;
      routes.set(`/v1${e}`, target);
    }
  }
  return routes;
}
function refuse(res, status, message) {
  const body = JSON.stringify({ error: { message, type: "hexec_proxy", code: status } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
function forward(req, res, target, incomingQuery, key, done) {
  const url = new URL(target.href);
  for (const [k, v] of new URLSearchParams(incomingQuery)) url.searchParams.append(k, v);
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== void 0 && !HOP_BY_HOP.has(k.toLowerCase())) headers[k] = v;
  }
  headers["authorization"] = `Bearer ${key}`;
  if (req.headers["content-length"] !== void 0) headers["content-length"] = req.headers["content-length"];
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const upstream = send(url, { method: "POST", headers }, (up) => {
    const out = {};
    for (const [k, v] of Object.entries(up.headers)) {
      if (v !== void 0 && !["connection", "keep-alive", "transfer-encoding"].includes(k.toLowerCase())) out[k] = v;
    }
    res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
    up.pipe(res);
    up.on("end", () => done(up.statusCode ?? 502));
    up.on("error", () => res.destroy());
  });
  upstream.on("error", (e) => {
    if (!res.headersSent) refuse(res, 502, `upstream ${url.host} unreachable: ${e.code ?? e.message}`);
    else res.destroy();
    done(502);
  });
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
async function startKeyProxy(opts) {
  if (!KEY_RE.test(opts.key)) throw new HexecError("auth", "invalid API key characters");
  const routes = upstreamRoutes(opts.upstream);
  const log = opts.log ?? (() => void 0);
  let resolveClosed = () => void 0;
  const closed = new Promise((r) => {
    resolveClosed = r;
  });
  const server = createServer((req, res) => {
    const started = performance.now();
    const [pathname = "", query = ""] = (req.url ?? "").split("?", 2);
    const line = (status) => log(`${req.method ?? "?"} ${pathname} -> ${status} (${Math.round(performance.now() - started)} ms)`);
    if (req.method === "GET" && pathname === "/shutdown" && opts.httpShutdown) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("shutting down\n");
      line(200);
      void stop();
      return;
    }
    const target = routes.get(pathname);
    if (req.method !== "POST" || target === void 0) {
      req.resume();
      refuse(res, 403, `hexec proxy forwards only POST ${[...routes.keys()].join(", ")}`);
      line(403);
      return;
    }
    forward(req, res, target, query, opts.key, line);
  });
  let stopping;
  const stop = () => {
    stopping ??= new Promise((r) => {
      server.close(() => r());
      server.closeIdleConnections();
    }).then(resolveClosed);
    return stopping;
  };
  await new Promise((resolveListen, rejectListen) => {
    server.once(
      "error",
      (e) => rejectListen(new HexecError("run", `cannot listen on 127.0.0.1:${opts.port}: ${e.code ?? e.message}`))
    );
    server.listen({ host: "127.0.0.1", port: opts.port }, () => resolveListen());
  });
  const port = server.address().port;
  if (opts.serverInfoFile !== void 0) {
    writeFileAtomic(opts.serverInfoFile, `${JSON.stringify({ port, pid: opts.pid })}
`, 420);
  }
  return { port, closed, close: stop };
}

// src/cli/commands/proxy-command.ts
var PROXY_USAGE = "hexec proxy [--port N] [--upstream URL] [--server-info FILE] [--http-shutdown] < KEYFILE";
function proxyHelp() {
  return `Hold the model API key in a loopback proxy, so the agent never sees it.

Usage: ${PROXY_USAGE}

Reads the API key from stdin (never from arguments or the environment), listens on
127.0.0.1, and forwards only POST /v1/responses and POST /v1/chat/completions to the
upstream with \`Authorization: Bearer <key>\`; everything else gets 403. Point hexec at it
with a keyless provider:
  -c model_provider=hexec-proxy \\
  -c 'model_providers.hexec-proxy={name="hexec-proxy", base_url="http://127.0.0.1:PORT/v1", wire_api="responses"}'

Options:
  --port N              Port to listen on (default 0: a free one)
  --upstream URL        Upstream base (default ${DEFAULT_UPSTREAM}) or one full endpoint
                        (e.g. https://x.openai.azure.com/openai/v1/responses); alias --upstream-url
  --server-info FILE    Write {"port":N,"pid":P} to FILE (atomically) once listening
  --http-shutdown       Stop on GET /shutdown
  -h, --help            Print help
`;
}
function value(argv, i, flag) {
  const v = argv[i + 1];
  if (v === void 0) throw new HexecError("usage", `a value is required for '${flag}'

Usage: ${PROXY_USAGE}`);
  return v;
}
var proxyCommand = async (argv, io) => {
  let port = 0;
  let upstream = DEFAULT_UPSTREAM;
  let serverInfo;
  let httpShutdown = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    switch (arg) {
      case "-h":
      case "--help":
        io.stdout.write(proxyHelp());
        return EXIT.ok;
      case "--port": {
        const raw = value(argv, i++, arg);
        port = Number(raw);
        if (!/^\d+$/.test(raw) || port > 65535) throw new HexecError("usage", "invalid port", { source: { flag: "--port" }, expected: "an integer 0-65535", found: raw });
        break;
      }
      case "--upstream":
      case "--upstream-url":
        upstream = value(argv, i++, arg);
        break;
      case "--server-info":
        serverInfo = resolve(io.env.cwd, value(argv, i++, arg));
        break;
      case "--http-shutdown":
        httpShutdown = true;
        break;
      default:
        throw new HexecError("usage", `unexpected argument '${arg}' found${/key/i.test(arg) ? " (the key is read from stdin only)" : ""}

Usage: ${PROXY_USAGE}`);
    }
  }
  if (io.env.stdinIsTTY) {
    throw new HexecError("usage", "the API key must be piped on stdin", { hint: "printenv OPENAI_API_KEY | hexec proxy ..." });
  }
  const key = parseProxyKey(await io.readStdin());
  const proxy = await startKeyProxy({
    key,
    upstream,
    port,
    httpShutdown,
    pid: process.pid,
    ...serverInfo !== void 0 ? { serverInfoFile: serverInfo } : {},
    log: (line) => io.stderr.write(`hexec proxy: ${line}
`)
  });
  io.stderr.write(`hexec proxy: listening on http://127.0.0.1:${proxy.port}/v1
`);
  const onAbort = () => void proxy.close();
  io.signal.addEventListener("abort", onAbort, { once: true });
  await proxy.closed;
  io.signal.removeEventListener("abort", onAbort);
  return EXIT.ok;
};

export {
  PROXY_USAGE,
  proxyHelp,
  proxyCommand
};
