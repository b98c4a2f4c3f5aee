import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { REPO_ROOT } from './paths.js';

/**
 * Validates `hexec exec --json` output against schemas/events.schema.json (the schema
 * generated from src/agent/events.ts). Every e2e test that reads a JSONL stream goes
 * through here, so the published schema and the real stream cannot drift apart.
 */

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'events.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    compiled = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  }
  return compiled;
}

/** Errors of one event, empty when it conforms. */
export function eventSchemaErrors(event: unknown): string[] {
  const v = validator();
  if (v(event)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Parses stdout as JSONL (every line must be one JSON object: no blank lines except the
 * final newline) and asserts each event against the schema. Returns the events.
 */
export function parseValidEvents(stdout: string): Record<string, unknown>[] {
  if (stdout === '') return [];
  assert.ok(stdout.endsWith('\n'), 'JSONL output must end with a newline');
  const lines = stdout.slice(0, -1).split('\n');
  return lines.map((line, i) => {
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      assert.fail(`stdout line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    }
    assert.ok(ev !== null && typeof ev === 'object' && !Array.isArray(ev), `stdout line ${i + 1} is not a JSON object`);
    const errors = eventSchemaErrors(ev);
    assert.deepEqual(errors, [], `stdout line ${i + 1} violates schemas/events.schema.json: ${line.slice(0, 300)}`);
    return ev as Record<string, unknown>;
  });
}
