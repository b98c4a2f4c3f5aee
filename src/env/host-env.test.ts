import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeZoneFromFiles } from './host-env.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hexec-tz-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the zone is the part of the /etc/localtime link after zoneinfo/', () => {
  withDir((d) => {
    symlinkSync('/usr/share/zoneinfo/Etc/UTC', join(d, 'localtime'));
    writeFileSync(join(d, 'timezone'), 'Europe/Paris\n');
    assert.equal(timeZoneFromFiles({ localtime: join(d, 'localtime'), timezone: join(d, 'timezone') }), 'Etc/UTC');
  });
  withDir((d) => {
    symlinkSync('../usr/share/zoneinfo/posix/America/Argentina/Buenos_Aires', join(d, 'localtime'));
    assert.equal(
      timeZoneFromFiles({ localtime: join(d, 'localtime'), timezone: join(d, 'none') }),
      'America/Argentina/Buenos_Aires',
    );
  });
});

test('without a zoneinfo link, /etc/timezone names the zone; without either, nothing does', () => {
  withDir((d) => {
    writeFileSync(join(d, 'localtime'), 'TZif2 binary zone data');
    writeFileSync(join(d, 'timezone'), 'Asia/Tokyo\n');
    assert.equal(timeZoneFromFiles({ localtime: join(d, 'localtime'), timezone: join(d, 'timezone') }), 'Asia/Tokyo');
    writeFileSync(join(d, 'timezone'), 'not a zone name!\n');
    assert.equal(timeZoneFromFiles({ localtime: join(d, 'localtime'), timezone: join(d, 'timezone') }), undefined);
    assert.equal(timeZoneFromFiles({ localtime: join(d, 'absent'), timezone: join(d, 'absent') }), undefined);
  });
});
