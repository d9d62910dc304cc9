// Every write path merges a rating by the one shared rule (issue 6 §2.6), and "tiêu biểu" is
// recorded in the words of each period (§2.9), on a real temporary SQLite file.
import { afterEach, describe, expect, test } from 'vitest';
import { addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import { rawRating } from '../helpers/ratings';

afterEach(cleanupTemp);

function fixture() {
  const b = makeBackend();
  const district = addUnit(b, 'Đảng bộ huyện Hữu Lũng', 2008, { kind: 'upper_committee' }).id;
  const hoaSon = addUnit(b, 'Đảng bộ xã Hòa Sơn', 2008, {
    kind: 'base_committee',
    parentId: district,
  }).id;
  const yenThinh = addUnit(b, 'Đảng bộ xã Yên Thịnh', 2008, {
    kind: 'base_committee',
    parentId: district,
  }).id;
  return { b, district, hoaSon, yenThinh };
}

describe('ratings.saveYear merges each entry into what is recorded', () => {
  test('an entry that leaves "tiêu biểu" out keeps it when the level is the same', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'TSVM tiêu biểu' });
    expect(
      b.call('ratings.saveYear', { year: 2016, entries: [{ unitId: hoaSon, levelCode: 'TSVM' }] }),
    ).toMatchObject({ changed: 0, unchanged: 1 });
    expect(rawRating(b, hoaSon, 2016)).toMatchObject({ level_code: 'TSVM', exemplary: 1 });
  });

  test('an entry that changes the level drops "tiêu biểu"; one that says false clears it', () => {
    const { b, hoaSon, yenThinh } = fixture();
    b.call('ratings.saveYear', {
      year: 2016,
      entries: [
        { unitId: hoaSon, levelCode: 'TSVM tiêu biểu' },
        { unitId: yenThinh, levelCode: 'TSVM', exemplary: true },
      ],
    });
    b.call('ratings.saveYear', {
      year: 2016,
      entries: [
        { unitId: hoaSon, levelCode: 'HTTNV' },
        { unitId: yenThinh, levelCode: 'TSVM', exemplary: false },
      ],
    });
    expect(rawRating(b, hoaSon, 2016)).toMatchObject({ level_code: 'HTTNV', exemplary: 0 });
    expect(rawRating(b, yenThinh, 2016)).toMatchObject({ level_code: 'TSVM', exemplary: 0 });
  });

  test('a reason for not rating replaces the level; the other recorded fields stay', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'TSVM tiêu biểu',
      note: 'Đoàn kết tốt',
    });
    b.call('ratings.saveYear', {
      year: 2016,
      entries: [{ unitId: hoaSon, levelCode: null, notRatedReason: 'exempt' }],
    });
    expect(rawRating(b, hoaSon, 2016)).toMatchObject({
      level_code: null,
      not_rated_reason: 'exempt',
      exemplary: 0,
      note: 'Đoàn kết tốt',
    });
  });

  test('ratings.set and ratings.saveYear agree on the same input', () => {
    const viaSet = fixture();
    const viaGrid = fixture();
    for (const { b, hoaSon } of [viaSet, viaGrid]) {
      b.call('ratings.set', { unitId: hoaSon, year: 2020, levelCode: 'HTXSNV', exemplary: true });
    }
    viaSet.b.call('ratings.set', { unitId: viaSet.hoaSon, year: 2020, levelCode: 'htxsnv' });
    viaGrid.b.call('ratings.saveYear', {
      year: 2020,
      entries: [{ unitId: viaGrid.hoaSon, levelCode: 'htxsnv' }],
    });
    const fields = (r: ReturnType<typeof rawRating>) => [r?.level_code, r?.exemplary];
    expect(fields(rawRating(viaSet.b, viaSet.hoaSon, 2020))).toEqual(['HTXSNV', 1]);
    expect(fields(rawRating(viaGrid.b, viaGrid.hoaSon, 2020))).toEqual(['HTXSNV', 1]);
  });
});

describe('"tiêu biểu" in every period', () => {
  test('2019: "TSVM tiêu biểu" is recorded as HTXSNV with the flag', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', { unitId: hoaSon, year: 2019, levelCode: 'TSVM tiêu biểu' });
    expect(r).toMatchObject({
      scaleId: 'qd132-2018',
      levelCode: 'HTXSNV',
      exemplary: true,
      tier: 1,
    });
  });

  test('2018 and 2024: HTXSNV units may carry the flag (the 2018 choice is documented in scales.ts)', () => {
    const { b, hoaSon } = fixture();
    for (const year of [2018, 2024]) {
      expect(
        b.call('ratings.set', { unitId: hoaSon, year, levelCode: 'HTXSNV', exemplary: true }),
      ).toMatchObject({ levelCode: 'HTXSNV', exemplary: true });
    }
  });

  test('2025: "HTXSNV tiêu biểu" without diacritics, through the grid', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.saveYear', {
      year: 2025,
      entries: [{ unitId: hoaSon, levelCode: 'htxsnv tieu bieu' }],
    });
    expect(rawRating(b, hoaSon, 2025)).toMatchObject({
      scale_id: 'qd366-2025',
      level_code: 'HTXSNV',
      exemplary: 1,
    });
  });

  test('the flag on another level is refused with the period’s words, and nothing changes', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', { unitId: hoaSon, year: 2025, levelCode: 'HTXSNV tiêu biểu' });
    const snapshot = b.snapshot();
    const error = errorOf(
      b.attempt('ratings.set', { unitId: hoaSon, year: 2025, levelCode: 'HTTNV', exemplary: true }),
    );
    expect(error).toEqual({
      code: 'INVALID_LEVEL',
      message: 'Chỉ tổ chức xếp loại HTXSNV mới được ghi là "HTXSNV tiêu biểu".',
    });
    expect(b.snapshot()).toBe(snapshot);
  });
});

describe('ratings.history counts the years "tiêu biểu" in a row', () => {
  test('2020–2024 exemplary: "5 năm liền", across the 2022 → 2023 regulation change', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', { unitId: hoaSon, year: 2019, levelCode: 'HTXSNV' });
    for (const year of [2020, 2021, 2022, 2023, 2024]) {
      b.call('ratings.set', { unitId: hoaSon, year, levelCode: 'TSVM tiêu biểu' });
    }
    expect(b.call('ratings.history', { unitId: hoaSon }).exemplaryStreak).toEqual({
      from: 2020,
      to: 2024,
      years: 5,
      reachedFive: true,
    });
  });

  test('a removed year breaks the run; a unit never exemplary has none', () => {
    const { b, hoaSon, yenThinh } = fixture();
    for (const year of [2013, 2014, 2015, 2016, 2017]) {
      b.call('ratings.set', { unitId: hoaSon, year, levelCode: 'TSVM tiêu biểu' });
    }
    expect(b.call('ratings.history', { unitId: hoaSon }).exemplaryStreak?.years).toBe(5);
    b.call('ratings.remove', { unitId: hoaSon, year: 2015 });
    expect(b.call('ratings.history', { unitId: hoaSon }).exemplaryStreak).toEqual({
      from: 2016,
      to: 2017,
      years: 2,
      reachedFive: false,
    });
    b.call('ratings.set', { unitId: yenThinh, year: 2017, levelCode: 'TSVM' });
    expect(b.call('ratings.history', { unitId: yenThinh }).exemplaryStreak).toBeNull();
  });
});
