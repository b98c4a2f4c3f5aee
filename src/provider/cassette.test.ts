import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HexecError } from '../errors/index.js';
import { parseCassette } from './cassette.js';

const header =
  '{"type":"header","format":"hexec-cassette","version":1,"hexec_version":"0.1.0","config_fingerprint":"f","wire":"responses","created_at":"2026-01-01T00:00:00.000Z"}';
const inter =
  '{"type":"interaction","n":1,"request":{"body":{},"headers":{}},"events":[],"timing":{"first_event_ms":null,"total_ms":0}}';

const replayErr = (re: RegExp) => (e: unknown) =>
  e instanceof HexecError && e.kind === 'usage' && e.exitCode === 2 && re.test(e.message);

test('parses header and interactions', () => {
  const c = parseCassette(`${header}\n${inter}\n`);
  assert.equal(c.header.wire, 'responses');
  assert.equal(c.interactions.length, 1);
});

test('a truncated final line (crash during append) is ignored', () => {
  assert.equal(parseCassette(`${header}\n${inter}\n{"type":"inter`).interactions.length, 1);
});

test('malformed cassettes are input errors (exit 2) with the line', () => {
  assert.throws(() => parseCassette(''), replayErr(/empty/));
  assert.throws(() => parseCassette(`${inter}\n`), replayErr(/header/));
  assert.throws(() => parseCassette(`${header.replace('"version":1', '"version":2')}\n`), replayErr(/version 2/));
  assert.throws(
    () => parseCassette(`${header}\nnot json\n${inter}\n`, 'c.jsonl'),
    (e: unknown) => e instanceof HexecError && e.source?.line === 2 && e.source.file === 'c.jsonl',
  );
  assert.throws(() => parseCassette(`${header}\n{"type":"other"}\n`), replayErr(/interaction/));
  assert.throws(
    () => parseCassette(`${header}\n{"type":"interaction","n":1,"request":{},"events":[{"type":"bogus"}]}\n`),
    replayErr(/unknown model event/),
  );
});

test('a cassette path that cannot be written (a directory, a symlink) is a usage error, exit 2', async () => {
  const { createCassetteWriter } = await import('./cassette-writer.js');
  const { symlinkSync, writeFileSync, readFileSync } = await import('node:fs');
  const { tempDir } = await import('../../test/helpers/temp-dir.js');
  const dir = tempDir('hexec-cassette-');
  const opts = { wire: 'responses' as const, configFingerprint: 'f', createdAt: 't', secrets: [] };
  assert.throws(
    () => createCassetteWriter({ ...opts, path: dir }),
    (e: unknown) => e instanceof HexecError && e.exitCode === 2 && e.source?.flag === '--record',
  );
  writeFileSync(join(dir, 'victim'), 'keep');
  symlinkSync(join(dir, 'victim'), join(dir, 'link.jsonl'));
  assert.throws(
    () => createCassetteWriter({ ...opts, path: join(dir, 'link.jsonl') }),
    (e: unknown) => e instanceof HexecError && e.exitCode === 2,
  );
  assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), 'keep');
});
