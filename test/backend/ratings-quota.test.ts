// The HTXSNV quota on a real temporary SQLite file: its per-scale setting (read, changed,
// audited, refused when wrong) and its warnings per deciding committee and kind of unit.
import { afterEach, describe, expect, test } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { VIETNAMESE_LETTER, addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';

afterEach(cleanupTemp);

/**
 * Đảng bộ huyện Bắc Sơn: 12 đảng bộ xã and 2 chi bộ cơ sở; Đảng bộ huyện Bình Gia: 5 đảng bộ xã.
 * 2025: Bắc Sơn's communes 3 HTXSNV, 9 HTTNV (limit 1, or 2 for outstanding cases); its cells
 * 1 HTXSNV, 1 HTTNV; Bình Gia's communes 1 HTXSNV, 4 HTTNV. The same levels for 2019.
 */
function fixture() {
  const b = makeBackend();
  const bacSon = addUnit(b, 'Đảng bộ huyện Bắc Sơn', 2008, { kind: 'upper_committee' }).id;
  const binhGia = addUnit(b, 'Đảng bộ huyện Bình Gia', 2008, { kind: 'upper_committee' }).id;
  const communes = Array.from(
    { length: 12 },
    (_, i) =>
      addUnit(b, `Đảng bộ xã Bắc Sơn ${i + 1}`, 2008, {
        kind: 'base_committee',
        parentId: bacSon,
      }).id,
  );
  const cells = [1, 2].map(
    (i) => addUnit(b, `Chi bộ Trường học Bắc Sơn ${i}`, 2008, { parentId: bacSon }).id,
  );
  const others = Array.from(
    { length: 5 },
    (_, i) =>
      addUnit(b, `Đảng bộ xã Bình Gia ${i + 1}`, 2008, {
        kind: 'base_committee',
        parentId: binhGia,
      }).id,
  );
  for (const year of [2019, 2025]) {
    b.call('ratings.saveYear', {
      year,
      entries: [
        ...communes.map((unitId, i) => ({ unitId, levelCode: i < 3 ? 'HTXSNV' : 'HTTNV' })),
        { unitId: cells[0]!, levelCode: 'HTXSNV' },
        { unitId: cells[1]!, levelCode: 'HTTNV' },
        ...others.map((unitId, i) => ({ unitId, levelCode: i < 1 ? 'HTXSNV' : 'HTTNV' })),
      ],
    });
  }
  return { b, bacSon, binhGia, communes, cells, others };
}

const settingOf = (b: TestBackend, scaleId: string) =>
  b.call('ratings.quotas', {}).find((r) => r.scaleId === scaleId);

describe('the quota setting', () => {
  test('lists the scales that offer a quota: on from 2025, off before, with their rules', () => {
    const b = makeBackend();
    const rows = b.call('ratings.quotas', {});
    expect(rows.map((r) => [r.scaleId, r.enabled, r.base, r.isDefault])).toEqual([
      ['qd132-2018', false, 'level', true],
      ['qd124-2023', false, 'level', true],
      ['qd366-2025', true, 'level', true],
    ]);
    expect(rows[2]).toMatchObject({
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      percent: 20,
      outstandingPercent: 25,
      fromYear: 2025,
      toYear: null,
    });
    expect(rows[0]?.basis).toMatch(VIETNAMESE_LETTER);
  });

  test('switching a scale on, with its base, is stored in the data file and audited', () => {
    const { b } = fixture();
    const rows = b.call('ratings.setQuota', {
      scaleId: 'qd132-2018',
      enabled: true,
      base: 'level_and_above',
    });
    expect(rows.find((r) => r.scaleId === 'qd132-2018')).toMatchObject({
      enabled: true,
      base: 'level_and_above',
      isDefault: false,
    });
    const audit = b.ctx.db
      .prepare(
        `SELECT entity, entity_id, field, old_value, new_value, operator FROM audit_log
         WHERE entity = 'settings' AND entity_id LIKE 'rating_quota:%'`,
      )
      .all();
    expect(audit).toEqual([
      {
        entity: 'settings',
        entity_id: 'rating_quota:qd132-2018',
        field: '*',
        old_value: '{"value":null}',
        new_value: JSON.stringify({ value: '{"enabled":true,"base":"level_and_above"}' }),
        operator: 'Nguyễn Thị Hương',
      },
    ]);
    // Read back from the file by a second connection, as another window would.
    const other = makeBackend({ dbPath: b.dbPath, operator: null });
    expect(settingOf(other, 'qd132-2018')).toMatchObject({
      enabled: true,
      base: 'level_and_above',
    });
  });

  test('setting what is already set writes nothing', () => {
    const { b } = fixture();
    b.call('ratings.setQuota', { scaleId: 'qd366-2025', enabled: false, base: 'level' });
    const snapshot = b.snapshot();
    b.call('ratings.setQuota', { scaleId: 'qd366-2025', enabled: false, base: 'level' });
    expect(b.snapshot()).toBe(snapshot);
  });

  test('switching 2025 off silences its warnings; switching 2019 on raises them', () => {
    const { b, bacSon } = fixture();
    expect(b.call('ratings.counts', { year: 2025, scopeId: bacSon }).warnings).toHaveLength(2);
    expect(b.call('ratings.counts', { year: 2019, scopeId: bacSon }).warnings).toEqual([]);
    b.call('ratings.setQuota', { scaleId: 'qd366-2025', enabled: false, base: 'level' });
    b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
    expect(b.call('ratings.counts', { year: 2025, scopeId: bacSon }).warnings).toEqual([]);
    expect(b.call('ratings.counts', { year: 2019, scopeId: bacSon }).warnings).toHaveLength(2);
    expect(b.call('ratings.grid', { year: 2025 })).toMatchObject({ quota: null, quotaGroups: [] });
  });

  test.each([
    {
      name: 'a scale without a quota (2008–2017)',
      input: { scaleId: 'hd20-2008', enabled: true, base: 'level' },
      code: 'NOT_FOUND',
      message: /"hd20-2008" có giới hạn tỷ lệ HTXSNV/,
    },
    {
      name: 'an unknown scale',
      input: { scaleId: 'qd999', enabled: true, base: 'level' },
      code: 'NOT_FOUND',
      message: /Không có thang xếp loại "qd999"/,
    },
    {
      name: 'an unknown base',
      input: { scaleId: 'qd366-2025', enabled: true, base: 'HTXSNV' },
      code: 'INVALID_INPUT',
      message: /số xếp loại HTTNV, hoặc số xếp loại HTTNV trở lên/,
    },
    {
      name: 'no on/off',
      input: { scaleId: 'qd366-2025', base: 'level' },
      code: 'INVALID_INPUT',
      message: /áp dụng hay không áp dụng/,
    },
  ])('refuses $name in Vietnamese and changes nothing', ({ input, code, message }) => {
    const { b } = fixture();
    const snapshot = b.snapshot();
    const error = errorOf(b.attempt('ratings.setQuota', input));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(VIETNAMESE_LETTER);
    expect(b.snapshot()).toBe(snapshot);
  });
});

describe('quota warnings per deciding committee and kind', () => {
  test('2025: each committee and kind over its own units, whatever the set asked for', () => {
    const { b, bacSon, binhGia } = fixture();
    const c = b.call('ratings.counts', { year: 2025 });
    expect(c.counts).toMatchObject({ HTXSNV: 5, HTTNV: 14 });
    // Not 5 of 14 over the whole set: each committee and kind is judged on its own units.
    expect(
      c.warnings.map((w) => [w.committeeId, w.kind, w.count, w.base, w.limit, w.severe]),
    ).toEqual([
      [bacSon, 'base_committee', 3, 9, 1, true],
      [bacSon, 'base_cell', 1, 1, 0, true],
      // 1 of 4: over 20% (0) but within 25% (1) for outstanding cases.
      [binhGia, 'base_committee', 1, 4, 0, false],
    ]);
    expect(c.warnings[0]?.message).toBe(
      'Đảng bộ huyện Bắc Sơn, các đảng bộ cơ sở: 3 tổ chức xếp loại HTXSNV, vượt quá 25% số xếp ' +
        'loại HTTNV (9; tối đa 2 kể cả khi có thành tích nổi bật). Đây chỉ là cảnh báo.',
    );
  });

  test('a set holding part of a committee still gets that committee’s warning, not its own', () => {
    const { b, bacSon, communes } = fixture();
    // Two units that on their own would be 1 HTXSNV of 1 HTTNV.
    const part = b.call('ratings.counts', { year: 2025, unitIds: [communes[0]!, communes[5]!] });
    expect(part.counts).toMatchObject({ HTXSNV: 1, HTTNV: 1 });
    expect(part.warnings).toEqual([
      expect.objectContaining({ committeeId: bacSon, kind: 'base_committee', count: 3, base: 9 }),
    ]);
    // A kinds filter narrows which committees' groups are reported, not what they count.
    const cells = b.call('ratings.counts', { year: 2025, scopeId: bacSon, kinds: ['base_cell'] });
    expect(cells.warnings.map((w) => w.kind)).toEqual(['base_cell']);
  });

  test('the grid carries the saved counts of every committee it shows, over all their units', () => {
    const { b, bacSon, communes } = fixture();
    const grid = b.call('ratings.grid', { year: 2025, scopeId: bacSon, kinds: ['base_committee'] });
    expect(grid.quota).toEqual({
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      base: 'level',
      percent: 20,
      outstandingPercent: 25,
    });
    expect(grid.quotaGroups).toEqual([
      {
        committeeId: bacSon,
        committeeName: 'Đảng bộ huyện Bắc Sơn',
        kind: 'base_committee',
        counts: { HTXSNV: 3, HTTNV: 9, HTNV: 0, KHTNV: 0 },
      },
    ]);
    // Removing a rating changes the counts the grid starts from.
    b.call('ratings.remove', { unitId: communes[0]!, year: 2025 });
    const after = b.call('ratings.grid', {
      year: 2025,
      scopeId: bacSon,
      kinds: ['base_committee'],
    });
    expect(after.quotaGroups[0]?.counts).toMatchObject({ HTXSNV: 2, HTTNV: 9 });
  });

  test('"HTTNV trở lên" as the base', () => {
    const { b, binhGia } = fixture();
    b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level_and_above' });
    // Bình Gia 2019: 1 HTXSNV, 4 HTTNV → base 5, limit 1: within.
    expect(b.call('ratings.counts', { year: 2019, scopeId: binhGia }).warnings).toEqual([]);
  });
});
