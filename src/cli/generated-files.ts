import { withFlagTables } from './flag-table.js';

/**
 * Every file (or section of a file) derived from a declaration in src/, for
 * scripts/gen-docs.mjs and the freshness test: `render` takes the current text and
 * returns what it must be.
 */
export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly render: (current: string) => string;
}

export function generatedFiles(): readonly GeneratedFile[] {
  return [{ path: 'README.md', render: withFlagTables }];
}
