// One year range for every year field, read from the backend's clock: from 1930 to next year.
import { afterEach, describe, expect, test } from 'vitest';
import { fixedClock } from '../../electron/backend/context';
import { FIRST_RATING_YEAR } from '../../shared/domain/scales';
import { cli, dataOf } from '../helpers/cli';
import type { TestBackend } from '../helpers/backend';
import { addUnit, cleanupTemp, errorOf, makeBackend, tempDbPath } from '../helpers/backend';

afterEach(cleanupTemp);

const RANGE = 'Năm phải từ 1930 đến 2027.';

/** A register on 30/11/2026 with one commune, rated for 2026. */
function on30November2026(): { b: TestBackend; unitId: string; versionId: string } {
  const b = makeBackend({ clock: fixedClock('2026-11-30T00:00:00Z') });
  const unit = addUnit(b, 'Đảng bộ xã Đồng Ý', 2008, { kind: 'base_committee' });
  b.call('ratings.set', { unitId: unit.id, year: 2026, levelCode: 'HTTNV' });
  return { b, unitId: unit.id, versionId: unit.current.versionId };
}

describe('every year field takes 1930 to next year, with the same message', () => {
  // Each method that takes a year, given 2028 (the year after next) or 1929.
  const CASES: [string, (ids: { unitId: string; versionId: string }) => unknown][] = [
    ['units.list', () => ({ year: 2028 })],
    ['units.get', ({ unitId }) => ({ id: unitId, year: 2028 })],
    ['units.create', () => ({ name: 'Chi bộ A', kind: 'base_cell', fromYear: 2099 })],
    ['units.create', () => ({ name: 'Chi bộ A', kind: 'base_cell', fromYear: 1929 })],
    ['units.correct', ({ unitId, versionId }) => ({ id: unitId, versionId, foundedYear: 2028 })],
    ['units.rename', ({ unitId }) => ({ id: unitId, year: 2028, name: 'Đảng bộ xã B' })],
    ['units.move', ({ unitId }) => ({ id: unitId, year: 2028, parentId: null })],
    ['units.changeFrom', ({ unitId }) => ({ id: unitId, year: 2028, code: 'X' })],
    ['units.dissolve', ({ unitId }) => ({ id: unitId, year: 2028 })],
    [
      'units.split',
      ({ unitId }) => ({ id: unitId, year: 2028, endSource: false, parts: [{ name: 'Chi bộ B' }] }),
    ],
    ['ratings.set', ({ unitId }) => ({ unitId, year: 2028, levelCode: 'HTTNV' })],
    ['ratings.remove', ({ unitId }) => ({ unitId, year: 2028 })],
    ['ratings.grid', () => ({ year: 2028 })],
    ['ratings.counts', () => ({ year: 2028 })],
    ['ratings.transitions', () => ({ fromYear: 2026, toYear: 2028 })],
  ];

  test.each(CASES)('%s refuses a year out of range, changing nothing', (method, input) => {
    const { b, unitId, versionId } = on30November2026();
    const before = b.snapshot();
    const error = errorOf(b.raw(method, input({ unitId, versionId })));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(RANGE);
    expect(b.snapshot()).toBe(before);
  });

  test('next year is accepted everywhere: the register and the ratings agree', () => {
    const { b, unitId } = on30November2026();
    expect(b.call('units.list', { year: 2027 }).rows).toHaveLength(1);
    b.call('ratings.set', { unitId, year: 2027, levelCode: 'HTXSNV' });
    expect(b.call('ratings.grid', { year: 2027 }).year).toBe(2027);
    const unit = addUnit(b, 'Chi bộ Trường THCS Đồng Ý', 2027);
    expect(b.call('units.list', { year: 2027 }).rows.map((r) => r.id)).toContain(unit.id);
  });

  test('the register no longer accepts 2099 (a unit that would vanish from every list)', () => {
    const { b } = on30November2026();
    const before = b.snapshot();
    const error = errorOf(
      b.attempt('units.create', { name: 'Chi bộ tương lai', kind: 'base_cell', fromYear: 2099 }),
    );
    expect(error.message).toBe(RANGE);
    expect(b.snapshot()).toBe(before);
  });

  test('a date of a year out of range is refused the same way', () => {
    const { b, unitId } = on30November2026();
    const before = b.snapshot();
    const error = errorOf(
      b.attempt('ratings.set', {
        unitId,
        year: 2026,
        levelCode: 'HTTNV',
        decisionDate: '15/01/2099',
      }),
    );
    expect(error.message).toBe('Ngày không hợp lệ: năm phải từ 1930 đến 2027.');
    expect(b.snapshot()).toBe(before);
  });

  test('a rating year before the first scale names the rating range', () => {
    const { b, unitId } = on30November2026();
    const year = FIRST_RATING_YEAR - 1;
    const error = errorOf(b.attempt('ratings.set', { unitId, year, levelCode: 'HTTNV' }));
    expect(error.message).toBe(`Năm xếp loại phải từ ${FIRST_RATING_YEAR} đến 2027.`);
  });

  test('the range follows the backend clock, not this machine', () => {
    const later = makeBackend({ clock: fixedClock('2030-06-01T00:00:00Z') });
    const unit = addUnit(later, 'Chi bộ Thôn Pác Cáp', 2031);
    expect(unit.foundedYear).toBe(2031);
    expect(errorOf(later.attempt('units.list', { year: 2032 })).message).toBe(
      'Năm phải từ 1930 đến 2031.',
    );
    const earlier = makeBackend({ clock: fixedClock('2019-03-01T00:00:00Z') });
    expect(errorOf(earlier.attempt('units.list', { year: 2021 })).message).toBe(
      'Năm phải từ 1930 đến 2020.',
    );
  });
});

describe('the command line', () => {
  test('units add --from 2099 is refused with the same message, writing nothing', async () => {
    const db = tempDbPath();
    await cli(db, 'units', 'add', '--name', 'Đảng bộ xã Đồng Ý');
    const before = dataOf(db);
    const result = await cli(db, 'units', 'add', '--name', 'Chi bộ A', '--from', '2099');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Năm phải từ 1930 đến \d{4}\./);
    expect(dataOf(db)).toBe(before);
  });
});
