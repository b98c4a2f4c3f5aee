import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { HEXEC_VERSION, writeFileAtomic } from '../util/index.js';
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
  /** Redacts, appends and fsyncs one interaction, so a crashed run leaves a valid cassette. */
  append(interaction: CassetteInteraction): void;
  /** Rewrites the whole cassette atomically (temp file + rename). Idempotent. */
  finish(): void;
  readonly interactions: readonly CassetteInteraction[];
}

function appendDurable(path: string, text: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Starts a cassette: the header is written (atomically) at once. */
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
  writeFileAtomic(o.path, cassetteLine(header), 0o600);
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
      appendDurable(o.path, cassetteLine(clean));
    },
    finish() {
      writeFileAtomic(o.path, [header, ...interactions].map(cassetteLine).join(''), 0o600);
    },
  };
}
