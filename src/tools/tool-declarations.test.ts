import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../test/helpers/paths.js';
import { toolDeclarations } from './registry.js';
import { UPDATE_PLAN } from './update-plan.js';

test('exec_command, write_stdin, apply_patch and view_image are byte-identical to codex fixture 01', () => {
  const req = JSON.parse(readFileSync(join(FIXTURES, 'codex/01-tool-call-json/request-1.json'), 'utf8')) as {
    body: { tools: Array<{ name?: string }> };
  };
  const byName = new Map(req.body.tools.map((t) => [t.name, t]));
  const ours = toolDeclarations();
  assert.deepEqual(
    ours.map((t) => t.name),
    ['exec_command', 'write_stdin', 'apply_patch', 'view_image'],
  );
  for (const t of ours) {
    assert.equal(JSON.stringify(t), JSON.stringify(byName.get(t.name)), t.name);
  }
  // codex's order in the request is kept among ours
  const theirOrder = req.body.tools.map((t) => t.name).filter((n) => ours.some((o) => o.name === n));
  assert.deepEqual(
    theirOrder,
    ours.map((t) => t.name),
  );
});

test('update_plan is offered only on request, in codex function style', () => {
  assert.equal(
    toolDeclarations().some((t) => t.name === 'update_plan'),
    false,
  );
  const withPlan = toolDeclarations({ planTool: true });
  assert.equal(withPlan[withPlan.length - 1], UPDATE_PLAN.declaration);
  assert.deepEqual(Object.keys(UPDATE_PLAN.declaration), ['type', 'name', 'description', 'strict', 'parameters']);
});
