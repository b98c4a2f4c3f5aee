import { dirname, resolve } from 'node:path';
import type { FsKind, FsProbe } from './fs-probe.js';

/** An in-memory FsProbe: `dirs`, `files` (path → text) and `links` (path → target). */
export function fakeFs(spec: {
  dirs?: string[];
  files?: Record<string, string>;
  links?: Record<string, string>;
}): FsProbe {
  const dirs = new Set<string>(['/']);
  for (const d of spec.dirs ?? []) for (let p = d; p !== '/'; p = dirname(p)) dirs.add(p);
  const files = spec.files ?? {};
  const links = spec.links ?? {};
  const kind = (p: string): FsKind =>
    links[p] !== undefined ? 'symlink' : dirs.has(p) ? 'dir' : files[p] !== undefined ? 'file' : 'missing';
  const realpath = (p: string, depth = 0): string | undefined => {
    if (depth > 40) return undefined;
    if (p === '/') return '/';
    const parent = realpath(dirname(p), depth);
    if (parent === undefined) return undefined;
    const here = resolve(parent, p.slice(p.lastIndexOf('/') + 1));
    const t = links[here];
    if (t !== undefined) return realpath(resolve(dirname(here), t), depth + 1);
    return kind(here) === 'missing' ? undefined : here;
  };
  return { kind, realpath: (p) => realpath(p), readText: (p) => files[p], readlink: (p) => links[p] };
}
