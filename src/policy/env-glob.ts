/**
 * Glob patterns for environment variable names, as codex's shell_environment_policy
 * uses them: `*` any run, `?` one character, `[...]` a class; case-insensitive.
 */
export function envGlobToRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 'i');
}

export function matchesAnyGlob(name: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(name));
}
