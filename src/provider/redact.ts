/**
 * Secret scrubbing for anything that leaves the process (cassettes, logs): headers whose
 * names look secret are replaced wholesale, and the literal secret values are replaced
 * wherever they occur in strings (a command that echoes $OPENAI_API_KEY puts the key in
 * a tool output, which is then resent to the model).
 */

export const REDACTED = '[REDACTED]';

/** Authorization, api-key, and anything whose name contains KEY, TOKEN, SECRET, PASSWORD or COOKIE. */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'authorization' || n === 'proxy-authorization' || /key|token|secret|passw(or)?d|cookie/.test(n);
}

/** Shorter values are not treated as secrets: replacing "1" or "true" everywhere would wreck the text. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Values of environment variables whose names look secret, plus any extra values (the
 * resolved API key). Longest first, so a secret that contains another is replaced whole.
 */
export function collectSecrets(vars: Readonly<Record<string, string>>, extra: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(vars)) {
    if (isSecretName(k) && v.trim().length >= MIN_SECRET_LENGTH) out.add(v.trim());
  }
  for (const v of extra) if (v.trim().length >= MIN_SECRET_LENGTH) out.add(v.trim());
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactString(s: string, secrets: readonly string[]): string {
  let out = s;
  for (const secret of secrets) {
    if (secret !== '' && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy with secret values replaced in every string (keys included). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactString(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[redactString(k, secrets)] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

/** Headers with secret-looking names become [REDACTED]; other values get literal redaction. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretName(k) ? REDACTED : redactString(v, secrets);
  return out;
}
