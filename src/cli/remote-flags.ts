import { HexecError } from '../errors/index.js';

/**
 * `--remote ADDR` and `--remote-auth-token-env VAR` (codex 0.171: run the turn on an
 * existing app server). hexec always runs the agent itself, so it refuses them (exit 2),
 * after the checks codex makes first, with codex's texts, so a wrong address is reported
 * the same way. Rules as codex 0.171.0 applies them (observed, see
 * test/fixtures/codex-0.171/remote-flags.json).
 */
export interface RemoteFlags {
  readonly remote?: string | undefined;
  readonly remoteAuthTokenEnv?: string | undefined;
}

/** `exec resume`: the session argument (undefined with `--last` or none). */
export interface RemoteResume {
  readonly sessionId: string | undefined;
}

/** The forms Rust's `Uuid::parse_str` takes: hyphenated, simple, braced, urn. */
const UUID = /^(?:urn:uuid:)?(?:\{)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}(?:\})?$/i;

const INVALID = (addr: string): string =>
  `invalid remote address \`${addr}\`; expected \`ws://host:port\`, \`wss://host:port\`, \`unix://\`, or \`unix://PATH\``;

type RemoteAddress = { readonly kind: 'unix' } | { readonly kind: 'ws' | 'wss'; readonly host: string };

/** The host as codex prints it: IPv6 without brackets. */
function hostText(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function parseRemoteAddress(addr: string): RemoteAddress | undefined {
  if (addr.startsWith('unix://')) return { kind: 'unix' };
  let url: URL;
  try {
    url = new URL(addr);
  } catch {
    return undefined;
  }
  const kind = url.protocol === 'ws:' ? 'ws' : url.protocol === 'wss:' ? 'wss' : undefined;
  if (kind === undefined || url.hostname === '') return undefined;
  // only `scheme://host:port`, optionally with a trailing `/`
  if (url.pathname !== '/' || /[?#]/.test(addr)) return undefined;
  // the port must be written out; a default one only when spelled `host:80` / `host:443`
  const explicit = url.port !== '' || addr.includes(`${hostText(url)}:${kind === 'ws' ? 80 : 443}`);
  return explicit ? { kind, host: hostText(url) } : undefined;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** codex's own words, so a log reads the same under either tool. */
function usage(message: string): HexecError {
  return new HexecError('usage', message);
}

/**
 * Throws for any use of the remote flags: codex's validation error when codex would
 * refuse them too, otherwise "not supported".
 */
export function refuseRemoteFlags(
  flags: RemoteFlags,
  vars: Readonly<Record<string, string>>,
  resume?: RemoteResume,
): void {
  const { remote, remoteAuthTokenEnv: tokenVar } = flags;
  if (remote === undefined) {
    if (tokenVar !== undefined) throw usage('`--remote-auth-token-env` requires `--remote`.');
    return;
  }
  const addr = parseRemoteAddress(remote);
  if (addr === undefined) throw usage(INVALID(remote));
  if (tokenVar !== undefined) {
    if (addr.kind === 'unix' || (addr.kind === 'ws' && !isLoopbackHost(addr.host)))
      throw usage('`--remote-auth-token-env` requires a `wss://` or loopback `ws://` remote.');
    const token = vars[tokenVar];
    if (token === undefined) throw usage(`environment variable \`${tokenVar}\` is not set`);
    if (token.trim() === '') throw usage(`environment variable \`${tokenVar}\` is empty`);
  }
  if (resume !== undefined && !UUID.test(resume.sessionId ?? '')) throw usage('remote resume requires a thread UUID');
  throw usage(
    '--remote is not supported: hexec runs locally (it does not connect to a codex app server); drop --remote to run the agent here',
  );
}
