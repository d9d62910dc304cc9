// Writing ratings through the real dispatcher on a temporary SQLite file: set, remove, saveYear,
// and every kind of bad input leaving the file exactly as it was.
import { afterEach, describe, expect, test } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { currentYear } from '../../shared/domain/years';
import { VIETNAMESE_LETTER, addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import {
  auditCount,
  rawRating,
  ratingAudit,
  ratingAuditRows,
  ratingRowCount,
} from '../helpers/ratings';

afterEach(cleanupTemp);

/**
 * Đảng bộ huyện Hữu Lũng (2008) ─ Đảng bộ xã Hòa Sơn (2008), Đảng bộ xã Yên Thịnh (2008),
 * Chi bộ Trường THCS Minh Sơn (founded 2012), Chi bộ Nông trường Hữu Lũng (2008, dissolved 2015).
 */
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
  const school = addUnit(b, 'Chi bộ Trường THCS Minh Sơn', 2012, { parentId: district }).id;
  const farm = addUnit(b, 'Chi bộ Nông trường Hữu Lũng', 2008, { parentId: district }).id;
  b.call('units.dissolve', { id: farm, year: 2015 });
  return { b, district, hoaSon, yenThinh, school, farm };
}

describe('ratings.set', () => {
  test('stores the level with the scale of the year and its tier', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    expect(r).toMatchObject({
      unitId: hoaSon,
      year: 2016,
      scaleId: 'hd20-2008',
      levelCode: 'HTTNV',
      tier: 2,
      exemplary: false,
      notRatedReason: null,
    });
    expect(rawRating(b, hoaSon, 2016)).toMatchObject({
      id: r.id,
      scale_id: 'hd20-2008',
      level_code: 'HTTNV',
      deleted_at: null,
    });
    const r2019 = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2019,
      levelCode: 'hoàn thành xuất sắc nhiệm vụ',
    });
    expect(r2019).toMatchObject({ scaleId: 'qd132-2018', levelCode: 'HTXSNV', tier: 1 });
    const r2024 = b.call('ratings.set', { unitId: hoaSon, year: 2024, levelCode: 'khtnv' });
    expect(r2024).toMatchObject({ scaleId: 'qd124-2023', levelCode: 'KHTNV', tier: 4 });
    const r2025 = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2025,
      levelCode: 'HTTNV',
      score: 82.5,
    });
    expect(r2025).toMatchObject({ scaleId: 'qd366-2025', tier: 2, score: 82.5 });
    expect(ratingRowCount(b)).toBe(4);
  });

  test('"TSVM tiêu biểu" stores TSVM with the exemplary flag', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', { unitId: hoaSon, year: 2017, levelCode: 'TSVM tiêu biểu' });
    expect(r).toMatchObject({ levelCode: 'TSVM', exemplary: true, tier: 1 });
    expect(rawRating(b, hoaSon, 2017)).toMatchObject({ level_code: 'TSVM', exemplary: 1 });
  });

  test('a new rating is audited as one row, every field in it, with the operator', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTTNV',
      rank: 'bottom',
    });
    expect(ratingAuditRows(b, r.id)).toHaveLength(1);
    const audit = ratingAudit(b, r.id);
    expect(audit.every((a) => a.old_value === null && a.operator === 'Nguyễn Thị Hương')).toBe(
      true,
    );
    expect(Object.fromEntries(audit.map((a) => [a.field, a.new_value]))).toMatchObject({
      unit_id: hoaSon,
      year: '2016',
      scale_id: 'hd20-2008',
      level_code: 'HTTNV',
      rank: 'bottom',
    });
  });

  test('setting again changes only what differs and audits only the changed field', () => {
    const { b, hoaSon } = fixture();
    const first = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTNV',
      rank: 'bottom',
      decisionNumber: '125-QĐ/HU',
    });
    const before = ratingAudit(b, first.id).length;
    const second = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    expect(second.id).toBe(first.id);
    expect(ratingAuditRows(b, first.id)).toHaveLength(2);
    expect(ratingAudit(b, first.id).slice(before)).toEqual([
      expect.objectContaining({ field: 'level_code', old_value: 'HTNV', new_value: 'HTTNV' }),
    ]);
    expect(ratingRowCount(b)).toBe(1);
  });

  test('setting exactly what is recorded writes nothing, not even the update time', () => {
    const { b, hoaSon } = fixture();
    const first = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTTNV',
      note: 'Đoàn kết tốt',
    });
    const snapshot = b.snapshot();
    const again = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'Hoàn thành tốt nhiệm vụ',
      note: 'Đoàn kết tốt',
    });
    expect(again.updatedAt).toBe(first.updatedAt);
    expect(b.snapshot()).toBe(snapshot);
  });

  test('fields not given keep their value; null clears one', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTTNV',
      rank: 'bottom',
      change: 'slow',
      memberCount: 42,
      ratedBy: 'upper',
      decisionNumber: '125-QĐ/HU',
      decisionDate: '2017-01-20',
      note: 'Nằm trong tốp cuối',
    });
    const kept = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTNV' });
    expect(kept).toMatchObject({
      levelCode: 'HTNV',
      rank: 'bottom',
      change: 'slow',
      memberCount: 42,
      ratedBy: 'upper',
      decisionNumber: '125-QĐ/HU',
      decisionDate: '2017-01-20',
      note: 'Nằm trong tốp cuối',
    });
    const cleared = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTNV',
      rank: null,
      note: null,
    });
    expect(cleared).toMatchObject({ rank: null, note: null, change: 'slow', memberCount: 42 });
  });

  test('"tiêu biểu" left out keeps the flag while the level stays TSVM, and drops it otherwise', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'TSVM', exemplary: true });
    const ranked = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'TSVM',
      rank: 'top',
    });
    expect(ranked).toMatchObject({ levelCode: 'TSVM', exemplary: true, rank: 'top' });
    const unflagged = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'TSVM',
      exemplary: false,
    });
    expect(unflagged.exemplary).toBe(false);
    b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'TSVM tiêu biểu' });
    const lower = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    expect(lower).toMatchObject({ levelCode: 'HTTNV', exemplary: false });
  });

  test('a unit not rated is stored with its reason, no level and no tier', () => {
    const { b, school } = fixture();
    const r = b.call('ratings.set', { unitId: school, year: 2012, notRatedReason: 'new' });
    expect(r).toMatchObject({ levelCode: null, tier: null, notRatedReason: 'new' });
    const rated = b.call('ratings.set', { unitId: school, year: 2012, levelCode: 'HTNV' });
    expect(rated).toMatchObject({ id: r.id, levelCode: 'HTNV', notRatedReason: null });
  });

  test('the dissolution year itself can still be rated', () => {
    const { b, farm } = fixture();
    expect(b.call('ratings.set', { unitId: farm, year: 2015, levelCode: 'HTNV' }).year).toBe(2015);
  });

  test('next year is accepted (ratings are made at year end)', () => {
    const { b, hoaSon } = fixture();
    const next = currentYear() + 1;
    expect(b.call('ratings.set', { unitId: hoaSon, year: next, levelCode: 'HTNV' }).year).toBe(
      next,
    );
  });
});

describe('ratings.remove', () => {
  test('leaves a tombstone: the row stays with deleted_at and is no longer listed', () => {
    const { b, hoaSon, district } = fixture();
    const r = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    b.call('ratings.set', { unitId: hoaSon, year: 2017, levelCode: 'TSVM' });
    expect(b.call('ratings.remove', { unitId: hoaSon, year: 2016 })).toEqual({
      unitId: hoaSon,
      year: 2016,
    });
    const row = rawRating(b, hoaSon, 2016)!;
    expect(row.id).toBe(r.id);
    expect(row.deleted_at).toEqual(expect.any(String));
    expect(row.level_code).toBe('HTTNV');
    expect(b.call('ratings.history', { unitId: hoaSon }).ratings.map((x) => x.year)).toEqual([
      2017,
    ]);
    expect(b.call('ratings.list', { year: 2016, scopeId: district }).rows).toEqual([]);
    const grid = b.call('ratings.grid', { year: 2017, scopeId: district });
    expect(grid.rows.find((x) => x.unitId === hoaSon)?.previous).toBeNull();
    expect(b.call('ratings.counts', { year: 2016, unitIds: [hoaSon] })).toMatchObject({
      total: 1,
      missing: 1,
      counts: { HTTNV: 0 },
    });
    expect(ratingAudit(b, r.id).at(-1)).toMatchObject({
      field: 'deleted_at',
      old_value: null,
      new_value: row.deleted_at,
    });
  });

  test('removing what is not there (or already removed) is NOT_FOUND and changes nothing', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    b.call('ratings.remove', { unitId: hoaSon, year: 2016 });
    const snapshot = b.snapshot();
    for (const year of [2016, 2017]) {
      const error = errorOf(b.attempt('ratings.remove', { unitId: hoaSon, year }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain(String(year));
    }
    expect(b.snapshot()).toBe(snapshot);
  });

  test('rating again revives the same row, with the old details not brought back', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', {
      unitId: hoaSon,
      year: 2016,
      levelCode: 'HTTNV',
      rank: 'bottom',
      note: 'cũ',
    });
    b.call('ratings.remove', { unitId: hoaSon, year: 2016 });
    const revived = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTNV' });
    expect(revived).toMatchObject({ id: r.id, levelCode: 'HTNV', rank: null, note: null });
    expect(rawRating(b, hoaSon, 2016)?.deleted_at).toBeNull();
    expect(ratingRowCount(b)).toBe(1);
    expect(ratingAudit(b, r.id).some((a) => a.field === 'deleted_at' && a.new_value === null)).toBe(
      true,
    );
  });
});

describe('ratings.saveYear', () => {
  test('writes many ratings in one call and counts created / changed / removed / unchanged', () => {
    const { b, hoaSon, yenThinh, school, farm } = fixture();
    expect(
      b.call('ratings.saveYear', {
        year: 2014,
        entries: [
          { unitId: hoaSon, levelCode: 'HTTNV' },
          { unitId: yenThinh, levelCode: 'TSVM', exemplary: true },
          { unitId: school, levelCode: null, notRatedReason: 'new' },
          { unitId: farm, levelCode: 'yếu kém' },
        ],
      }),
    ).toEqual({ year: 2014, created: 4, changed: 0, removed: 0, unchanged: 0 });
    expect(rawRating(b, yenThinh, 2014)).toMatchObject({ level_code: 'TSVM', exemplary: 1 });
    expect(rawRating(b, school, 2014)).toMatchObject({ level_code: null, not_rated_reason: 'new' });
    expect(rawRating(b, farm, 2014)).toMatchObject({ level_code: 'YK', scale_id: 'hd20-2008' });

    expect(
      b.call('ratings.saveYear', {
        year: 2014,
        entries: [
          { unitId: hoaSon, levelCode: 'HTNV' },
          { unitId: yenThinh, levelCode: 'TSVM', exemplary: true },
          { unitId: school, levelCode: null },
          { unitId: farm, levelCode: 'YK' },
        ],
      }),
    ).toEqual({ year: 2014, created: 0, changed: 1, removed: 1, unchanged: 2 });
    expect(rawRating(b, school, 2014)?.deleted_at).toEqual(expect.any(String));
  });

  test('saving the same again is all unchanged and writes no audit rows', () => {
    const { b, hoaSon, yenThinh, school } = fixture();
    const entries = [
      { unitId: hoaSon, levelCode: 'HTTNV' },
      { unitId: yenThinh, levelCode: 'TSVM tiêu biểu' },
      { unitId: school, levelCode: null },
    ];
    b.call('ratings.saveYear', { year: 2016, entries });
    const audits = auditCount(b);
    const snapshot = b.snapshot();
    expect(b.call('ratings.saveYear', { year: 2016, entries })).toEqual({
      year: 2016,
      created: 0,
      changed: 0,
      removed: 0,
      unchanged: 3,
    });
    expect(auditCount(b)).toBe(audits);
    expect(b.snapshot()).toBe(snapshot);
  });

  test('rank, change, decision and note survive a saveYear that changes the level', () => {
    const { b, hoaSon } = fixture();
    b.call('ratings.set', {
      unitId: hoaSon,
      year: 2017,
      levelCode: 'HTNV',
      rank: 'bottom',
      change: 'clear',
      decisionNumber: '33-NQ/TU',
      decisionDate: '2018-01-15',
      note: 'Diện củng cố',
      memberCount: 57,
    });
    expect(
      b.call('ratings.saveYear', { year: 2017, entries: [{ unitId: hoaSon, levelCode: 'HTTNV' }] }),
    ).toMatchObject({ changed: 1 });
    const [r] = b.call('ratings.history', { unitId: hoaSon }).ratings;
    expect(r).toMatchObject({
      levelCode: 'HTTNV',
      rank: 'bottom',
      change: 'clear',
      decisionNumber: '33-NQ/TU',
      decisionDate: '2018-01-15',
      note: 'Diện củng cố',
      memberCount: 57,
    });
  });

  test('rating a removed unit again in the grid counts as created and revives the row', () => {
    const { b, hoaSon } = fixture();
    const r = b.call('ratings.set', { unitId: hoaSon, year: 2016, levelCode: 'HTTNV' });
    b.call('ratings.remove', { unitId: hoaSon, year: 2016 });
    expect(
      b.call('ratings.saveYear', { year: 2016, entries: [{ unitId: hoaSon, levelCode: 'TSVM' }] }),
    ).toMatchObject({ created: 1, changed: 0 });
    expect(rawRating(b, hoaSon, 2016)).toMatchObject({
      id: r.id,
      level_code: 'TSVM',
      deleted_at: null,
    });
  });

  test('an empty batch is fine and writes nothing', () => {
    const { b } = fixture();
    const snapshot = b.snapshot();
    expect(b.call('ratings.saveYear', { year: 2016, entries: [] })).toEqual({
      year: 2016,
      created: 0,
      changed: 0,
      removed: 0,
      unchanged: 0,
    });
    expect(b.snapshot()).toBe(snapshot);
  });
});

describe('bad input is refused, says what is allowed, and leaves the file unchanged', () => {
  type Ids = Omit<ReturnType<typeof fixture>, 'b'>;
  interface Case {
    name: string;
    method: 'ratings.set' | 'ratings.saveYear' | 'ratings.remove';
    input: (ids: Ids) => unknown;
    code: ErrorCode;
    message: RegExp[];
  }
  const next2 = currentYear() + 2;
  const missingUnit = '00000000-0000-4000-8000-000000000000';

  const CASES: Case[] = [
    {
      name: 'HTXSNV for 2016 (the 2008–2017 scale)',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2016, levelCode: 'HTXSNV' }),
      code: 'INVALID_LEVEL',
      message: [/"HTXSNV"/, /năm 2016: TSVM, HTTNV, HTNV, Yếu kém/, /tiêu biểu/],
    },
    {
      name: 'TSVM for 2019 (the QĐ 132 scale)',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2019, levelCode: 'TSVM' }),
      code: 'INVALID_LEVEL',
      message: [
        /"TSVM"/,
        /năm 2019: HTXSNV, HTTNV, HTNV, KHTNV/,
        /với HTXSNV có thể ghi "TSVM tiêu biểu"/,
      ],
    },
    {
      name: 'a made-up level',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2020, levelCode: 'Xuất sắc' }),
      code: 'INVALID_LEVEL',
      message: [/HTXSNV, HTTNV, HTNV, KHTNV/],
    },
    {
      name: 'year 1999',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 1999, levelCode: 'HTNV' }),
      code: 'INVALID_INPUT',
      message: [new RegExp(`Năm xếp loại phải từ 2000 đến ${next2 - 1}\\.`)],
    },
    {
      name: 'the year after next',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: next2, levelCode: 'HTNV' }),
      code: 'INVALID_INPUT',
      message: [new RegExp(`đến ${next2 - 1}\\.`)],
    },
    {
      name: 'a year with no scale (2005)',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2005, levelCode: 'HTNV' }),
      code: 'NO_SCALE',
      message: [/năm 2005/, /từ năm 2008/],
    },
    {
      name: 'a unit not yet founded in that year',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.school, year: 2011, levelCode: 'HTNV' }),
      code: 'UNIT_NOT_IN_YEAR',
      message: [/Chi bộ Trường THCS Minh Sơn/, /thành lập năm 2012/, /năm 2011/],
    },
    {
      name: 'a unit dissolved before that year',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.farm, year: 2016, levelCode: 'HTNV' }),
      code: 'UNIT_NOT_IN_YEAR',
      message: [/Chi bộ Nông trường Hữu Lũng/, /kết thúc hoạt động năm 2015/],
    },
    {
      name: 'exemplary on HTTNV',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2016, levelCode: 'HTTNV', exemplary: true }),
      code: 'INVALID_LEVEL',
      message: [/Chỉ tổ chức xếp loại TSVM/, /tiêu biểu/],
    },
    {
      name: '"HTTNV tiêu biểu" typed as a level',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2016, levelCode: 'HTTNV tiêu biểu' }),
      code: 'INVALID_LEVEL',
      message: [/TSVM, HTTNV, HTNV, Yếu kém/, /với TSVM có thể ghi "TSVM tiêu biểu"/],
    },
    {
      name: 'exemplary on HTTNV in 2019 (only HTXSNV may be "TSVM tiêu biểu")',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2019, levelCode: 'HTTNV', exemplary: true }),
      code: 'INVALID_LEVEL',
      message: [/Chỉ tổ chức xếp loại HTXSNV mới được ghi là "TSVM tiêu biểu"/],
    },
    {
      name: '"TSVM tiêu biểu" in 2025 (the words of an earlier period)',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2025, levelCode: 'TSVM tiêu biểu' }),
      code: 'INVALID_LEVEL',
      message: [/năm 2025: HTXSNV, HTTNV, HTNV, KHTNV/, /với HTXSNV có thể ghi "HTXSNV tiêu biểu"/],
    },
    {
      name: 'exemplary on a unit not rated',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.school, year: 2016, notRatedReason: 'new', exemplary: true }),
      code: 'INVALID_LEVEL',
      message: [/TSVM/],
    },
    {
      name: 'a level and a reason for not rating together',
      method: 'ratings.set',
      input: (ids) => ({
        unitId: ids.hoaSon,
        year: 2016,
        levelCode: 'HTNV',
        notRatedReason: 'exempt',
      }),
      code: 'INVALID_INPUT',
      message: [/một mức xếp loại, hoặc lý do không xếp loại/],
    },
    {
      name: 'neither a level nor a reason',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2016 }),
      code: 'INVALID_INPUT',
      message: [/một mức xếp loại, hoặc lý do không xếp loại/],
    },
    {
      name: 'a score above 100',
      method: 'ratings.set',
      input: (ids) => ({ unitId: ids.hoaSon, year: 2025, levelCode: 'HTXSNV', score: 101 }),
      code: 'INVALID_INPUT',
      message: [/từ 0 đến 100/],
    },
    {
      name: 'an unknown unit',
      method: 'ratings.set',
      input: () => ({ unitId: missingUnit, year: 2016, levelCode: 'HTNV' }),
      code: 'NOT_FOUND',
      message: [/Không tìm thấy tổ chức/],
    },
    {
      name: 'a batch whose last entry has a level of another scale',
      method: 'ratings.saveYear',
      input: (ids) => ({
        year: 2016,
        entries: [
          { unitId: ids.hoaSon, levelCode: 'TSVM' },
          { unitId: ids.school, levelCode: null },
          { unitId: ids.yenThinh, levelCode: 'HTXSNV' },
        ],
      }),
      code: 'INVALID_LEVEL',
      message: [/Đảng bộ xã Yên Thịnh: mức "HTXSNV"/, /TSVM, HTTNV, HTNV, Yếu kém/],
    },
    {
      name: 'a batch whose last unit was dissolved before the year',
      method: 'ratings.saveYear',
      input: (ids) => ({
        year: 2017,
        entries: [
          { unitId: ids.hoaSon, levelCode: 'TSVM' },
          { unitId: ids.farm, levelCode: 'HTNV' },
        ],
      }),
      code: 'UNIT_NOT_IN_YEAR',
      message: [/Chi bộ Nông trường Hữu Lũng/, /2015/],
    },
    {
      name: 'a batch whose last entry is exemplary on HTNV',
      method: 'ratings.saveYear',
      input: (ids) => ({
        year: 2016,
        entries: [
          { unitId: ids.school, levelCode: 'HTTNV' },
          { unitId: ids.hoaSon, levelCode: 'HTNV', exemplary: true },
        ],
      }),
      code: 'INVALID_LEVEL',
      message: [/Chỉ tổ chức xếp loại TSVM/],
    },
    {
      name: 'a batch with the same unit twice',
      method: 'ratings.saveYear',
      input: (ids) => ({
        year: 2016,
        entries: [
          { unitId: ids.hoaSon, levelCode: 'TSVM' },
          { unitId: ids.yenThinh, levelCode: 'HTNV' },
          { unitId: ids.hoaSon, levelCode: 'HTNV' },
        ],
      }),
      code: 'INVALID_INPUT',
      message: [/hai lần/],
    },
    {
      name: 'a batch for a year with no scale',
      method: 'ratings.saveYear',
      input: (ids) => ({ year: 2007, entries: [{ unitId: ids.hoaSon, levelCode: 'HTNV' }] }),
      code: 'NO_SCALE',
      message: [/năm 2007/, /2008/],
    },
    {
      name: 'a batch for 1999',
      method: 'ratings.saveYear',
      input: (ids) => ({ year: 1999, entries: [{ unitId: ids.hoaSon, levelCode: 'HTNV' }] }),
      code: 'INVALID_INPUT',
      message: [/2000/],
    },
    {
      name: 'removing with a year out of range',
      method: 'ratings.remove',
      input: (ids) => ({ unitId: ids.hoaSon, year: next2 }),
      code: 'INVALID_INPUT',
      message: [new RegExp(`đến ${next2 - 1}\\.`)],
    },
  ];

  test.each(CASES)('$name → $code', (c) => {
    const { b, ...ids } = fixture();
    // Something recorded already, so "unchanged" means more than "still empty".
    b.call('ratings.saveYear', {
      year: 2016,
      entries: [
        { unitId: ids.hoaSon, levelCode: 'HTTNV' },
        { unitId: ids.yenThinh, levelCode: 'TSVM tiêu biểu' },
        { unitId: ids.school, levelCode: 'HTNV' },
      ],
    });
    b.call('ratings.set', { unitId: ids.hoaSon, year: 2019, levelCode: 'HTNV', rank: 'bottom' });
    const before = b.snapshot();
    const error = errorOf(b.attempt(c.method, c.input(ids)));
    expect(error.code).toBe(c.code);
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    for (const pattern of c.message) expect(error.message).toMatch(pattern);
    expect(b.snapshot()).toBe(before);
  });

  test('a refused batch leaves earlier entries of the same batch unsaved, for every position', () => {
    const { b, hoaSon, yenThinh, school } = fixture();
    const before = b.snapshot();
    for (let bad = 0; bad < 3; bad++) {
      const entries = [hoaSon, yenThinh, school].map((unitId, i) => ({
        unitId,
        levelCode: i === bad ? 'KHTNV' : 'HTTNV',
      }));
      expect(errorOf(b.attempt('ratings.saveYear', { year: 2016, entries })).code).toBe(
        'INVALID_LEVEL',
      );
      expect(b.snapshot()).toBe(before);
    }
    expect(ratingRowCount(b)).toBe(0);
  });

  test('writing without an operator set up is refused', () => {
    const b = makeBackend({ operator: null });
    const unitId = missingUnit;
    const error = errorOf(b.attempt('ratings.set', { unitId, year: 2016, levelCode: 'HTNV' }));
    expect(error.code).toBe('SETUP_REQUIRED');
  });
});
