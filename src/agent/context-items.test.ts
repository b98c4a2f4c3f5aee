import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateIn } from './context-items.js';

test('dateIn: UTC zones give the UTC date, other zones their own', () => {
  const t = Date.UTC(2026, 0, 31, 23, 30);
  for (const z of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']) assert.equal(dateIn(t, z), '2026-01-31', z);
  assert.equal(dateIn(t, 'Asia/Tokyo'), '2026-02-01');
  assert.equal(dateIn(t, 'America/New_York'), '2026-01-31');
  assert.equal(dateIn(Date.UTC(2026, 1, 1, 3, 0), 'America/New_York'), '2026-01-31');
  assert.equal(dateIn(t, 'Not/AZone'), '2026-01-31');
});
