import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `hexec help TOPIC` prints docs/TOPIC.md from the installed package (the docs ship in
 * the npm package), found by walking up from this bundle to the package root.
 */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export function docTopics(): string[] {
  const root = packageRoot();
  if (root === undefined) return [];
  return readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function docTopic(name: string): string | undefined {
  const root = packageRoot();
  if (root === undefined || !/^[a-z0-9-]+$/.test(name)) return undefined;
  const p = join(root, 'docs', `${name}.md`);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}
