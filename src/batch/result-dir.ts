import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HexecError } from '../errors/index.js';
import type { UnitResult } from './unit-result.js';

export const RESULT_FILE = 'result.json';
const STAGE_MARK = '.partial-';

/** A fresh staging directory `OUT/.<id>.partial-<random>` for a unit's files. */
export function createStage(outDir: string, id: string): string {
  try {
    mkdirSync(outDir, { recursive: true });
    const dir = join(outDir, `.${id}${STAGE_MARK}${randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { mode: 0o755 });
    return dir;
  } catch (e) {
    throw new HexecError('usage', `cannot create the result directory: ${(e as Error).message}`, {
      source: { flag: '--out' },
    });
  }
}

/**
 * Moves a finished staging directory to `OUT/<id>`, replacing a previous result (a retried
 * unit replaces a partial or failed one). Readers see the old directory or the new one,
 * never a half-written one: `result.json` is the last file written into the stage.
 */
export function publishStage(stage: string, outDir: string, id: string): string {
  const final = join(outDir, id);
  const old = join(outDir, `.${id}.old-${randomBytes(6).toString('hex')}`);
  let moved = false;
  try {
    renameSync(final, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  renameSync(stage, final);
  if (moved) rmSync(old, { recursive: true, force: true });
  return final;
}

/** Id of the unit a staging directory belongs to, or undefined for any other name. */
export function stageOwner(name: string): string | undefined {
  if (!name.startsWith('.')) return undefined;
  const i = name.lastIndexOf(STAGE_MARK);
  return i > 1 ? name.slice(1, i) : undefined;
}

export type ReadResult =
  | { readonly type: 'complete'; readonly dir: string; readonly result: UnitResult }
  | { readonly type: 'partial'; readonly dir: string; readonly id: string; readonly why: string };

function isResult(v: unknown): v is UnitResult {
  const r = v as Partial<UnitResult> | null;
  return (
    r !== null &&
    typeof r === 'object' &&
    r.format === 'hexec-batch-result' &&
    typeof r.id === 'string' &&
    typeof r.exit_code === 'number'
  );
}

/** Reads one result directory: complete when its result.json is a well-formed result. */
export function readResultDir(dir: string, id: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(join(dir, RESULT_FILE), 'utf8');
  } catch {
    return { type: 'partial', dir, id, why: 'no result.json (the unit did not finish)' };
  }
  try {
    const v: unknown = JSON.parse(text);
    if (isResult(v)) return { type: 'complete', dir, result: v };
    return { type: 'partial', dir, id, why: 'result.json is not a hexec batch result' };
  } catch {
    return { type: 'partial', dir, id, why: 'result.json is not valid JSON' };
  }
}

/**
 * Every unit found under `root`: `root` itself when it is a result directory, else its
 * subdirectories, one level down (artifact downloads nest one more level: their
 * subdirectories too). Staging directories of killed units are partial results.
 */
export function scanResults(root: string): ReadResult[] {
  const own = readResultDir(root, '');
  if (own.type === 'complete') return [own];
  const out: ReadResult[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      const staged = stageOwner(name);
      if (staged !== undefined) {
        out.push({
          type: 'partial',
          dir: p,
          id: staged,
          why: 'the unit was stopped while running (staging directory)',
        });
        continue;
      }
      if (name.startsWith('.')) continue;
      const r = readResultDir(p, name);
      if (r.type === 'complete') out.push(r);
      else if (depth > 0) walk(p, depth - 1);
      else out.push(r);
    }
  };
  walk(root, 1);
  return out;
}
