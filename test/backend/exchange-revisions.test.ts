// Every record that travels between installations carries a per-record revision, bumped by a
// trigger on every update the app makes (issue 9), so no code path can forget it.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { addUnit, cleanupTemp, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

function revOf(
  b: ReturnType<typeof makeBackend>,
  table: string,
  where: string,
  ...args: unknown[]
) {
  return b.ctx.db.prepare(`SELECT rev, synced_rev FROM ${table} WHERE ${where}`).get(...args) as {
    rev: number;
    synced_rev: number | null;
  };
}

describe('record revisions', () => {
  test('start at 1 and go up by one with each change the app makes', () => {
    const b = makeBackend({ clock: fixedClock('2018-03-01T03:00:00Z') });
    const unit = addUnit(b, 'Đảng bộ xã Đồng Ý', 2010, { kind: 'base_committee' });
    expect(revOf(b, 'units', 'id = ?', unit.id).rev).toBe(1);
    b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'YK' });
    expect(revOf(b, 'ratings', 'unit_id = ? AND year = 2016', unit.id)).toEqual({
      rev: 1,
      synced_rev: null,
    });
    b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'HTNV' });
    b.call('ratings.set', { unitId: unit.id, year: 2016, levelCode: 'HTTNV' });
    expect(revOf(b, 'ratings', 'unit_id = ? AND year = 2016', unit.id).rev).toBe(3);
    b.call('ratings.remove', { unitId: unit.id, year: 2016 });
    // The tombstone is a change too: it travels with its own revision.
    expect(revOf(b, 'ratings', 'unit_id = ? AND year = 2016', unit.id).rev).toBe(4);
  });

  test('are left as an exchange import sets them', () => {
    const b = makeBackend({ clock: fixedClock('2018-03-01T03:00:00Z') });
    const unit = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2010, { kind: 'base_committee' });
    b.ctx.db.prepare('UPDATE units SET rev = 7, synced_rev = 7 WHERE id = ?').run(unit.id);
    expect(revOf(b, 'units', 'id = ?', unit.id)).toEqual({ rev: 7, synced_rev: 7 });
    b.ctx.db.prepare('UPDATE units SET synced_rev = 5 WHERE id = ?').run(unit.id);
    expect(revOf(b, 'units', 'id = ?', unit.id)).toEqual({ rev: 7, synced_rev: 5 });
  });
});
