import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HexecError } from '../errors/index.js';
import { parseCassette } from './cassette.js';

const header = '{"type":"header","format":"hexec-cassette","version":1,"hexec_version":"0.1.0","config_fingerprint":"f","wire":"responses","created_at":"2026-01-01T00:00:00.000Z"}';
const inter = '{"type":"interaction","n":1,"request":{"body":{},"headers":{}},"events":[],"timing":{"first_event_ms":null,"total_ms":0}}';

const replayErr = (re: RegExp) => (e: unknown) => e instanceof HexecError && e.kind === 'usage' && e.exitCode === 2 && re.test(e.message);

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
  assert.throws(() => parseCassette(`${header}\nnot json\n${inter}\n`, 'c.jsonl'), (e: unknown) => e instanceof HexecError && e.source?.line === 2 && e.source.file === 'c.jsonl');
  assert.throws(() => parseCassette(`${header}\n{"type":"other"}\n`), replayErr(/interaction/));
  assert.throws(() => parseCassette(`${header}\n{"type":"interaction","n":1,"request":{},"events":[{"type":"bogus"}]}\n`), replayErr(/unknown model event/));
});
