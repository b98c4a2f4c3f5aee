import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelUsage, ResponseItem } from '../agent/ports.js';
import { ZERO_USAGE, addUsage } from '../agent/usage.js';
import { HexecError } from '../errors/index.js';

/**
 * Session rollouts in codex's place and line format:
 * $CODEX_HOME/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<thread id>.jsonl, one
 * `{timestamp, ordinal, type, payload}` object per line. `exec resume` reads them back.
 */
export interface SessionMeta {
  readonly id: string;
  readonly timestamp: string;
  readonly cwd: string;
  readonly originator: string;
  readonly cli_version: string;
  readonly source: 'exec';
  readonly model_provider: string;
  readonly base_instructions: { readonly text: string };
  readonly hexec: { readonly version: string; readonly config_fingerprint: string; readonly hermetic: boolean };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function rolloutPath(codexHome: string, threadId: string, startedMs: number): string {
  const d = new Date(startedMs);
  const day = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
  return join(codexHome, 'sessions', day, `rollout-${stamp}-${threadId}.jsonl`);
}

export interface RolloutWriter {
  record(type: string, payload: Record<string, unknown>): void;
  close(): void;
  readonly path: string;
}

/** Appends records; each line is written whole with one write call. */
/**
 * Appends records through one descriptor opened (never through a symlink) when the run
 * starts, so nothing done to the path during the run can redirect hexec's writes.
 */
export function openRollout(
  path: string,
  nowMs: () => number,
  startOrdinal = 0,
  redact: <T>(v: T) => T = (v) => v,
): RolloutWriter {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (e) {
    throw new HexecError('run', `cannot open the session file ${path}: ${(e as Error).message}`);
  }
  let ordinal = startOrdinal;
  return {
    path,
    record(type, payload) {
      const line = JSON.stringify({
        timestamp: new Date(nowMs()).toISOString(),
        ordinal: ordinal++,
        type,
        payload: redact(payload),
      });
      writeSync(fd, `${line}\n`);
    },
    close() {
      closeSync(fd);
    },
  };
}

export interface LoadedRollout {
  readonly path: string;
  readonly meta: SessionMeta;
  readonly history: ResponseItem[];
  readonly usage: ModelUsage;
  readonly lastOrdinal: number;
}

export function loadRollout(path: string): LoadedRollout {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HexecError('run', `cannot read rollout ${path}: ${(e as Error).message}`);
  }
  let meta: SessionMeta | undefined;
  const history: ResponseItem[] = [];
  let usage: ModelUsage = ZERO_USAGE;
  let lastOrdinal = -1;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let rec: { type?: string; ordinal?: number; payload?: Record<string, unknown> };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      throw new HexecError('run', `${path}:${i + 1}: rollout line is not JSON`);
    }
    if (typeof rec.ordinal === 'number') lastOrdinal = rec.ordinal;
    if (rec.type === 'session_meta' && meta === undefined) meta = rec.payload as unknown as SessionMeta;
    else if (rec.type === 'response_item' && rec.payload !== undefined) history.push(rec.payload as ResponseItem);
    else if (rec.type === 'token_usage_record' && rec.payload !== undefined)
      usage = addUsage(usage, rec.payload['usage'] as ModelUsage);
  });
  if (meta === undefined) throw new HexecError('run', `${path}: no session_meta record`);
  return { path, meta, history, usage, lastOrdinal };
}

function listRollouts(codexHome: string): string[] {
  const root = join(codexHome, 'sessions');
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (depth < 3) walk(p, depth + 1);
      else if (n.startsWith('rollout-') && n.endsWith('.jsonl')) out.push(p);
    }
  };
  walk(root, 0);
  return out;
}

/** By thread id: `no rollout found for thread id <id>` when absent (codex's words). */
export function findRolloutById(codexHome: string, id: string): string {
  const hit = listRollouts(codexHome).find((p) => p.endsWith(`-${id}.jsonl`));
  if (hit === undefined)
    throw new HexecError('usage', `no rollout found for thread id ${id}`, {
      hint: 'ephemeral and hermetic runs keep no rollout; list $CODEX_HOME/sessions for the ids that can be resumed',
    });
  return hit;
}

/** The most recent session for this cwd (any cwd with `all`); undefined = start a new thread, like codex. */
export function findLastRollout(codexHome: string, cwd: string, all: boolean): string | undefined {
  const candidates = listRollouts(codexHome)
    .map((p) => ({ p, m: statSync(p).mtimeMs }))
    .sort((a, b) => b.m - a.m || (a.p < b.p ? 1 : -1));
  for (const { p } of candidates) {
    if (all) return p;
    try {
      const first = readFileSync(p, 'utf8').split('\n', 1)[0] ?? '';
      const rec = JSON.parse(first) as { payload?: { cwd?: string } };
      if (rec.payload?.cwd === cwd) return p;
    } catch {
      // unreadable rollouts are skipped
    }
  }
  return undefined;
}
