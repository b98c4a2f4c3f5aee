import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDurationMs } from './duration.js';

test('durations', () => {
  assert.equal(parseDurationMs('90s'), 90_000);
  assert.equal(parseDurationMs('10m'), 600_000);
  assert.equal(parseDurationMs('1h30m'), 5_400_000);
  assert.equal(parseDurationMs('1.5h'), 5_400_000);
  assert.equal(parseDurationMs('250ms'), 250);
  assert.equal(parseDurationMs('45'), 45_000);
  for (const bad of ['', 's', '10x', '-5s', '1h 30m', '0s', 'soon', '1e3s'])
    assert.equal(parseDurationMs(bad), undefined, bad);
});
