import { closeSync, constants, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { HexecError } from '../errors/index.js';
import { HEXEC_VERSION } from '../util/index.js';
import {
  CASSETTE_FORMAT,
  CASSETTE_VERSION,
  cassetteLine,
  type CassetteHeader,
  type CassetteInteraction,
} from './cassette.js';
import { redactDeep } from './redact.js';
import type { WireApi } from './types.js';

export interface CassetteWriterOptions {
  readonly path: string;
  readonly wire: WireApi;
  readonly configFingerprint: string;
  /** ISO-8601 creation time (from the run's clock). */
  readonly createdAt: string;
  /** Literal values replaced by [REDACTED] everywhere (see collectSecrets). */
  readonly secrets: readonly string[];
  readonly hexecVersion?: string;
}

export interface CassetteWriter {
  readonly path: string;
  readonly header: CassetteHeader;
  /** Request number the next interaction gets (1-based). */
  nextN(): number;
  /** Redacts, appends and fsyncs one interaction (a crashed run leaves a valid cassette). */
  append(interaction: CassetteInteraction): void;
  /** Flushes and closes the cassette (it already holds every line). Idempotent. */
  finish(): void;
  readonly interactions: readonly CassetteInteraction[];
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  fsyncSync(fd);
}

/**
 * Starts a cassette. The file is opened once (never through a symlink) and held open for
 * the run: every line is appended and fsynced through that descriptor, so a crash leaves
 * a valid prefix, and nothing the agent's commands do to the path afterwards (renaming
 * its directory, planting a symlink) can redirect what hexec writes.
 */
export function createCassetteWriter(o: CassetteWriterOptions): CassetteWriter {
  const header: CassetteHeader = {
    type: 'header',
    format: CASSETTE_FORMAT,
    version: CASSETTE_VERSION,
    hexec_version: o.hexecVersion ?? HEXEC_VERSION,
    config_fingerprint: o.configFingerprint,
    wire: o.wire,
    created_at: o.createdAt,
  };
  const interactions: CassetteInteraction[] = [];
  let fd: number | undefined;
  try {
    mkdirSync(dirname(o.path), { recursive: true });
    fd = openSync(o.path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    writeAll(fd, cassetteLine(header));
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    throw new HexecError('usage', `cannot write cassette ${o.path}: ${(e as Error).message}`, {
      source: { flag: '--record' },
    });
  }
  const out = fd;
  let open = true;
  let n = 0;
  return {
    path: o.path,
    header,
    interactions,
    nextN: () => {
      n += 1;
      return n;
    },
    append(interaction) {
      const clean = redactDeep(interaction, o.secrets);
      interactions.push(clean);
      if (open) writeAll(out, cassetteLine(clean));
    },
    finish() {
      if (!open) return;
      open = false;
      fsyncSync(out);
      closeSync(out);
    },
  };
}
