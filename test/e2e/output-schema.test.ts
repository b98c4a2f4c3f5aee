import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply } from '../helpers/fake-model-server.js';
import { FIXTURES } from '../helpers/paths.js';
import { MOCK_KEY, body, execJson, inputTexts, items, ofType, readText, withServer } from './exec-helpers.js';

/**
 * --output-schema end to end against the fake model server: strict normalisation on the
 * wire, local validation of the final message, repairs carrying the errors, exit 3 with
 * `-o` untouched when the answer stays invalid, exit 2 for bad schema files.
 */

const FIXTURE_SCHEMA = readFileSync(join(FIXTURES, 'codex', 'schema.json'), 'utf8');
const PROSE = 'this is not json at all'; // fixture 04's answer

function frame(data: Record<string, unknown>): string {
  return `event: ${String(data['type'])}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One Responses reply holding a message AND a tool call (an intermediate message). */
function messageAndCall(rid: string, text: string, cmd: string): string {
  const msg = {
    type: 'message',
    id: `msg_${rid}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  const call = {
    type: 'function_call',
    id: `fc_${rid}`,
    call_id: `call_${rid}`,
    name: 'exec_command',
    arguments: JSON.stringify({ cmd }),
    status: 'completed',
  };
  return [
    frame({ type: 'response.created', response: { id: rid } }),
    frame({ type: 'response.output_item.done', output_index: 0, item: msg }),
    frame({ type: 'response.output_item.done', output_index: 1, item: call }),
    frame({
      type: 'response.completed',
      response: { id: rid, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } },
    }),
  ].join('');
}

test('fixture 04 scenario: prose, repairs carry the errors, still bad → exit 3, turn.failed with schema_errors, -o not written', async () => {
  const t = await withServer({ replies: [reply.text(PROSE), reply.text(PROSE), reply.json({ answer: 'x' })] });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, ['-o', 'last.txt', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(t.server.requests.length, 3, 'one request + output_schema_max_repairs (2) repairs');
    // first repair: the model is told why its prose was rejected
    const repair1 = inputTexts(t.server.requests[1]).at(-1) ?? '';
    assert.match(repair1, /does not satisfy the required JSON Schema/);
    assert.match(repair1, /\(root\): is not valid JSON/);
    assert.ok(inputTexts(t.server.requests[1]).includes(PROSE), 'the rejected answer is in the history');
    // second repair: still prose; third answer lacks `count`
    assert.match(inputTexts(t.server.requests[2]).at(-1) ?? '', /is not valid JSON/);
    const failed = ofType(r.events, 'turn.failed');
    assert.equal(failed.length, 1);
    const f = failed[0] ?? {};
    assert.equal(f['reason'], 'output_schema');
    assert.deepEqual(f['schema_errors'], [{ path: '', message: 'must have required property `count`' }]);
    assert.equal(ofType(r.events, 'turn.completed').length, 0);
    // every answer is visible as an agent_message
    assert.deepEqual(
      items(r.events, 'agent_message').map((i) => i['text']),
      [PROSE, PROSE, '{"answer":"x"}'],
    );
    assert.equal(readText(join(t.sb.workspace, 'last.txt')), '', '-o is created but receives no invalid JSON');
  } finally {
    await t.done();
  }
});

test('repaired answer → exit 0 and -o holds the valid JSON; the repair request carries the errors', async () => {
  const t = await withServer({
    replies: [reply.json({ answer: 'x', count: '3' }), reply.json({ answer: 'x', count: 3 })],
  });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, ['-o', 'out.json', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.server.requests.length, 2);
    const repair = inputTexts(t.server.requests[1]).at(-1) ?? '';
    assert.match(repair, /- \/count: must be integer/);
    // the repair request still constrains the output
    assert.deepEqual(
      (body(t.server.requests[1])['text'] as Record<string, unknown>)['format'],
      (body(t.server.requests[0])['text'] as Record<string, unknown>)['format'],
    );
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { answer: 'x', count: 3 });
    const errs = items(r.events, 'error').map((i) => String(i['text'] ?? i['message']));
    assert.ok(
      errs.some((m) => /repair 1\/2/.test(m)),
      `a visible repair notice: ${JSON.stringify(errs)}`,
    );
    assert.equal(ofType(r.events, 'turn.completed').length, 1);
  } finally {
    await t.done();
  }
});

test('output_schema_max_repairs = 0: the first invalid answer fails at once', async () => {
  const t = await withServer({ replies: [reply.text(PROSE)], extraToml: 'output_schema_max_repairs = 0' });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, ['--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(t.server.requests.length, 1);
  } finally {
    await t.done();
  }
});

test("text.format sent for fixture 03's schema equals fixture 03's", async () => {
  const t = await withServer({ replies: [reply.json({ answer: 'a', count: 1 })] });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, ['--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'codex', '03-output-schema', 'request-1.json'), 'utf8')) as {
      body: { text: { format: unknown } };
    };
    assert.deepEqual(
      (body(t.server.requests[0])['text'] as Record<string, unknown>)['format'],
      fixture.body.text.format,
    );
  } finally {
    await t.done();
  }
});

test('optional properties are sent strict as nullable and the injected nulls are stripped before -o', async () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'string' }, note: { type: 'string' } },
    required: ['answer'],
  };
  const t = await withServer({ replies: [reply.json({ answer: 'a', note: null })] });
  try {
    t.sb.write('ws/schema.json', JSON.stringify(schema));
    const r = await execJson(t.sb, ['-o', 'out.json', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    const format = (body(t.server.requests[0])['text'] as Record<string, unknown>)['format'] as Record<string, unknown>;
    assert.equal(format['strict'], true);
    assert.deepEqual(format['schema'], {
      type: 'object',
      properties: { answer: { type: 'string' }, note: { type: ['string', 'null'] } },
      required: ['answer', 'note'],
      additionalProperties: false,
    });
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { answer: 'a' });
  } finally {
    await t.done();
  }
});

test('a schema that cannot be made strict is sent non-strict with a warning item', async () => {
  const schema = {
    type: 'object',
    properties: { tags: { type: 'object', additionalProperties: { type: 'string' } } },
    required: ['tags'],
  };
  const t = await withServer({ replies: [reply.json({ tags: { a: 'b' } })] });
  try {
    t.sb.write('ws/schema.json', JSON.stringify(schema));
    const r = await execJson(t.sb, ['-o', 'out.json', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    const format = (body(t.server.requests[0])['text'] as Record<string, unknown>)['format'] as Record<string, unknown>;
    assert.equal(format['strict'], false);
    assert.deepEqual(format['schema'], schema);
    const warnings = items(r.events, 'error').map((i) => String(i['message']));
    assert.ok(
      warnings.some((m) => /cannot be made strict .*additionalProperties.*non-strict/.test(m)),
      JSON.stringify(warnings),
    );
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { tags: { a: 'b' } });
  } finally {
    await t.done();
  }
});

test('chat wire: the schema goes out as response_format json_schema; repair works there too', async () => {
  const t = await withServer({ wire: 'chat', replies: [reply.text(PROSE), reply.json({ answer: 'c', count: 2 })] });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, ['-o', 'out.json', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.server.requests[0]?.wire, 'chat');
    const rf = body(t.server.requests[0])['response_format'] as Record<string, unknown>;
    assert.equal(rf['type'], 'json_schema');
    const js = rf['json_schema'] as Record<string, unknown>;
    assert.equal(js['strict'], true);
    assert.deepEqual(js['schema'], JSON.parse(FIXTURE_SCHEMA));
    const messages = body(t.server.requests[1])['messages'] as Record<string, unknown>[];
    assert.match(String(messages.at(-1)?.['content']), /is not valid JSON/);
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { answer: 'c', count: 2 });
  } finally {
    await t.done();
  }
});

test('with tool calls: the intermediate message is not validated; only the final one reaches -o', async () => {
  const t = await withServer({
    replies: [
      reply.rawSse(messageAndCall('resp_mc', 'let me check first', 'echo hi')),
      reply.json({ answer: 'hi', count: 1 }),
    ],
  });
  try {
    t.sb.write('ws/schema.json', FIXTURE_SCHEMA);
    const r = await execJson(t.sb, [
      '-s',
      'danger-full-access',
      '-o',
      'out.json',
      '--output-schema',
      'schema.json',
      'run echo hi',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.server.requests.length, 2, 'no repair request for the intermediate prose');
    // both requests carry the format (fixture 03c)
    for (const req of t.server.requests)
      assert.equal(
        ((body(req)['text'] as Record<string, unknown>)['format'] as Record<string, unknown>)['type'],
        'json_schema',
      );
    assert.ok(!inputTexts(t.server.requests[1]).some((x) => /does not satisfy/.test(x)));
    assert.deepEqual(
      items(r.events, 'agent_message').map((i) => i['text']),
      ['let me check first', '{"answer":"hi","count":1}'],
    );
    assert.equal(items(r.events, 'command_execution').length, 1);
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { answer: 'hi', count: 1 });
  } finally {
    await t.done();
  }
});

test('bad schema files exit 2 before any request, with the fixture 08a/08b texts', async () => {
  const t = await withServer({ replies: [] });
  try {
    const missing = await execJson(t.sb, ['--output-schema', 'nonexistent.json', 'hi']);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(
      missing.stderr,
      /Failed to read output schema file nonexistent\.json: No such file or directory \(os error 2\)/,
    );
    t.sb.write('ws/bad.json', '{not json}');
    const bad = await execJson(t.sb, ['--output-schema', 'bad.json', 'hi']);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /Output schema file bad\.json is not valid JSON: .* at line 1 column 2/);
    t.sb.write('ws/notschema.json', '{"type": 12}');
    const invalid = await execJson(t.sb, ['--output-schema', 'notschema.json', 'hi']);
    assert.equal(invalid.code, 2, invalid.stderr);
    assert.match(invalid.stderr, /notschema\.json is not a valid JSON Schema/);
    assert.equal(t.server.requests.length, 0);
  } finally {
    await t.done();
  }
});

test('a secret in the final answer is redacted before the check: -o holds only what was validated', async () => {
  // The answer is valid as the model sent it, invalid once the key in it is redacted.
  const schema = {
    type: 'object',
    properties: { key: { type: 'string', pattern: '^sk-' } },
    required: ['key'],
    additionalProperties: false,
  };
  const t = await withServer({
    replies: [reply.json({ key: MOCK_KEY }), reply.json({ key: 'sk-placeholder' }), reply.json({ key: MOCK_KEY })],
  });
  try {
    t.sb.write('ws/schema.json', JSON.stringify(schema));
    // Repairs left: the redacted answer is rejected like any invalid one and repaired.
    const r = await execJson(t.sb, ['-o', 'out.json', '--output-schema', 'schema.json', 'give json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.server.requests.length, 2, 'the redacted answer was sent back for repair');
    assert.match(inputTexts(t.server.requests[1]).at(-1) ?? '', /- \/key: must match pattern/);
    assert.deepEqual(JSON.parse(readText(join(t.sb.workspace, 'out.json'))), { key: 'sk-placeholder' });
    assert.ok(!r.stdout.includes(MOCK_KEY), 'the key reached the events');
    // No repairs left: exit 3, and -o never receives the redacted (invalid) JSON.
    writeFileSync(join(t.sb.workspace, 'out.json'), '');
    const bad = await execJson(t.sb, [
      '-c',
      'output_schema_max_repairs=0',
      '-o',
      'out.json',
      '--output-schema',
      'schema.json',
      'give json',
    ]);
    assert.equal(bad.code, 3, bad.stderr);
    const failed = ofType(bad.events, 'turn.failed')[0] ?? {};
    assert.equal(failed['reason'], 'output_schema');
    assert.equal(readText(join(t.sb.workspace, 'out.json')), '', '-o received JSON that fails the schema');
  } finally {
    await t.done();
  }
});
