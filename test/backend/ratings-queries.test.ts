// Reading ratings back on a real temporary SQLite file: the entry grid, history, lists, counts
// per level and transitions — and the figures of the Lạng Sơn article (DOMAIN.md §1).
import { beforeAll, describe, expect, test } from 'vitest';
import type { MethodInput, UnitTrend } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { VIETNAMESE_LETTER, addUnit, cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import { DISTRICT_PILOTS, KHOI_PILOTS, buildLangSon } from '../helpers/ratings';
import type { LangSon } from '../helpers/ratings';

/**
 * Đảng bộ huyện Bắc Sơn (B)                            Đảng bộ huyện Bình Gia (G)
 *   Chi bộ Trường THPT Bắc Sơn      2016 HTTNV  2017 HTTNV       2018 HTTNV
 *   Đảng bộ xã Ân Tình              2016 HTNV   2017 TSVM t.biểu 2018 HTXSNV
 *   Đảng bộ xã Bắc Quỳnh            2016 TSVM   2017 HTNV        2018 HTTNV
 *   Đảng bộ xã Dương Hưu            2016 —      2017 HTTNV       2018 KHTNV
 *   Đảng bộ xã Đồng Ý               2016 YK     2017 TSVM        2018 HTTNV
 *     Chi bộ thôn Khuổi Cưởm        2016 HTNV   2017 HTNV        2018 —
 *   Đảng bộ xã Vũ Sơn               2016 HTNV   2017 exempt      2018 —
 *   Chi bộ Hợp tác xã Nà Lay        2016 HTNV   (dissolved 2016)
 *   Chi bộ Trạm Y tế xã Vũ Sơn      (founded 2018)               2018 new
 *   Đảng bộ xã Tân Tri              in G until 2016, in B from 2017:
 *                                   2016 HTTNV  2017 TSVM        2018 HTTNV
 * G: Đảng bộ xã Hoa Thám            2016 HTNV   2017 HTNV
 */
/** The transitions and the units of every one of their groups, as the screen opens each group. */
function transitionsWithUnits(b: TestBackend, input: MethodInput<'ratings.transitions'>) {
  const report = b.call('ratings.transitions', input);
  const units: UnitTrend[] = report.groups.flatMap(
    (g) => b.call('ratings.transitionUnits', { ...input, groupId: g.groupId }).units,
  );
  return { ...report, units };
}

function fixture() {
  const b = makeBackend();
  const B = addUnit(b, 'Đảng bộ huyện Bắc Sơn', 2008, { kind: 'upper_committee' }).id;
  const G = addUnit(b, 'Đảng bộ huyện Bình Gia', 2008, { kind: 'upper_committee' }).id;
  const base = (name: string, parentId: string, from = 2008, kind = 'base_committee' as const) =>
    addUnit(b, name, from, { kind, parentId }).id;
  const u = {
    thpt: addUnit(b, 'Chi bộ Trường THPT Bắc Sơn', 2008, { parentId: B }).id,
    anTinh: base('Đảng bộ xã Ân Tình', B),
    bacQuynh: base('Đảng bộ xã Bắc Quỳnh', B),
    duongHuu: base('Đảng bộ xã Dương Hưu', B),
    dongY: base('Đảng bộ xã Đồng Ý', B),
    khuoiCuom: '',
    vuSon: base('Đảng bộ xã Vũ Sơn', B),
    naLay: addUnit(b, 'Chi bộ Hợp tác xã Nà Lay', 2008, { parentId: B }).id,
    tramYTe: addUnit(b, 'Chi bộ Trạm Y tế xã Vũ Sơn', 2018, { parentId: B }).id,
    tanTri: base('Đảng bộ xã Tân Tri', G),
    hoaTham: base('Đảng bộ xã Hoa Thám', G),
  };
  u.khuoiCuom = addUnit(b, 'Chi bộ thôn Khuổi Cưởm', 2008, {
    kind: 'subordinate_cell',
    parentId: u.dongY,
  }).id;
  b.call('units.dissolve', { id: u.naLay, year: 2016 });
  b.call('units.move', { id: u.tanTri, year: 2017, parentId: B });
  const save = (year: number, entries: [string, string | null, string?][]) =>
    b.call('ratings.saveYear', {
      year,
      entries: entries.map(([unitId, levelCode, reason]) => ({
        unitId,
        levelCode,
        ...(reason ? { notRatedReason: reason as 'new' | 'exempt' } : {}),
      })),
    });
  save(2016, [
    [u.thpt, 'HTTNV'],
    [u.anTinh, 'HTNV'],
    [u.bacQuynh, 'TSVM'],
    [u.dongY, 'YK'],
    [u.khuoiCuom, 'HTNV'],
    [u.vuSon, 'HTNV'],
    [u.naLay, 'HTNV'],
    [u.tanTri, 'HTTNV'],
    [u.hoaTham, 'HTNV'],
  ]);
  save(2017, [
    [u.thpt, 'HTTNV'],
    [u.anTinh, 'TSVM tiêu biểu'],
    [u.bacQuynh, 'HTNV'],
    [u.duongHuu, 'HTTNV'],
    [u.dongY, 'TSVM'],
    [u.khuoiCuom, 'HTNV'],
    [u.vuSon, null, 'exempt'],
    [u.tanTri, 'TSVM'],
    [u.hoaTham, 'HTNV'],
  ]);
  save(2018, [
    [u.thpt, 'HTTNV'],
    [u.anTinh, 'HTXSNV'],
    [u.bacQuynh, 'HTTNV'],
    [u.duongHuu, 'KHTNV'],
    [u.dongY, 'HTTNV'],
    [u.tramYTe, null, 'new'],
    [u.tanTri, 'HTTNV'],
  ]);
  return { b, B, G, u };
}

let f: ReturnType<typeof fixture>;
// The fixture is only read by the tests of this block: build it once.
beforeAll(() => {
  f = fixture();
  return cleanupTemp;
});

const levels = (rows: { name: string; current?: { levelCode: string | null } | null }[]) =>
  rows.map((r) => [r.name, r.current?.levelCode ?? null]);

describe('ratings.grid', () => {
  test('lists the TCCSĐ valid that year under the scope, in Vietnamese order, with both years', () => {
    const grid = f.b.call('ratings.grid', { year: 2017, scopeId: f.B });
    expect(grid).toMatchObject({ year: 2017, scaleId: 'hd20-2008', previousScaleId: 'hd20-2008' });
    expect(
      grid.rows.map((r) => [
        r.name,
        r.previous?.levelCode ?? null,
        r.current?.levelCode ?? null,
        r.current?.notRatedReason ?? null,
      ]),
    ).toEqual([
      ['Chi bộ Trường THPT Bắc Sơn', 'HTTNV', 'HTTNV', null],
      ['Đảng bộ xã Ân Tình', 'HTNV', 'TSVM', null],
      ['Đảng bộ xã Bắc Quỳnh', 'TSVM', 'HTNV', null],
      ['Đảng bộ xã Dương Hưu', null, 'HTTNV', null],
      ['Đảng bộ xã Đồng Ý', 'YK', 'TSVM', null],
      ['Đảng bộ xã Tân Tri', 'HTTNV', 'TSVM', null],
      ['Đảng bộ xã Vũ Sơn', 'HTNV', null, 'exempt'],
    ]);
  });

  test('rows carry the unit, its parent that year, and what the grid shows of both ratings', () => {
    const grid = f.b.call('ratings.grid', { year: 2017, scopeId: f.B });
    const anTinh = grid.rows.find((r) => r.unitId === f.u.anTinh)!;
    expect(anTinh).toMatchObject({
      kind: 'base_committee',
      parentId: f.B,
      parentName: 'Đảng bộ huyện Bắc Sơn',
    });
    // The level on its scale, the flag and the reason: nothing else of a Rating travels.
    expect(anTinh.current).toEqual({
      scaleId: 'hd20-2008',
      levelCode: 'TSVM',
      notRatedReason: null,
      exemplary: true,
    });
    expect(anTinh.previous).toEqual({
      scaleId: 'hd20-2008',
      levelCode: 'HTNV',
      notRatedReason: null,
      exemplary: false,
    });
    const cells = f.b.call('ratings.grid', {
      year: 2017,
      scopeId: f.B,
      kinds: ['subordinate_cell'],
    });
    expect(cells.rows).toEqual([
      expect.objectContaining({
        unitId: f.u.khuoiCuom,
        kind: 'subordinate_cell',
        parentId: f.u.dongY,
        parentName: 'Đảng bộ xã Đồng Ý',
      }),
    ]);
  });

  test('follows the register through time: moved-in, dissolved and newly founded units', () => {
    const names = (year: number) =>
      f.b.call('ratings.grid', { year, scopeId: f.B }).rows.map((r) => r.name);
    expect(names(2016)).toContain('Chi bộ Hợp tác xã Nà Lay');
    expect(names(2016)).not.toContain('Đảng bộ xã Tân Tri');
    expect(names(2017)).not.toContain('Chi bộ Hợp tác xã Nà Lay');
    expect(names(2017)).not.toContain('Chi bộ Trạm Y tế xã Vũ Sơn');
    expect(names(2018)).toContain('Chi bộ Trạm Y tế xã Vũ Sơn');
    const g2017 = f.b.call('ratings.grid', { year: 2017, scopeId: f.G }).rows;
    expect(levels(g2017)).toEqual([['Đảng bộ xã Hoa Thám', 'HTNV']]);
  });

  test('across the scale change the grid names both scales', () => {
    const grid = f.b.call('ratings.grid', { year: 2018, scopeId: f.B });
    expect(grid).toMatchObject({ scaleId: 'qd132-2018', previousScaleId: 'hd20-2008' });
    const dongY = grid.rows.find((r) => r.unitId === f.u.dongY)!;
    expect(dongY.previous).toMatchObject({ scaleId: 'hd20-2008', levelCode: 'TSVM' });
    expect(dongY.current).toMatchObject({ scaleId: 'qd132-2018', levelCode: 'HTTNV' });
    expect(f.b.call('ratings.grid', { year: 2008, scopeId: f.B }).previousScaleId).toBeNull();
  });

  test('without a filter the grid lists only the TCCSĐ: no district committee, no subordinate cell', () => {
    const all = f.b.call('ratings.grid', { year: 2017 }).rows;
    expect(all.map((r) => r.name)).toEqual([
      'Chi bộ Trường THPT Bắc Sơn',
      'Đảng bộ xã Ân Tình',
      'Đảng bộ xã Bắc Quỳnh',
      'Đảng bộ xã Dương Hưu',
      'Đảng bộ xã Đồng Ý',
      'Đảng bộ xã Hoa Thám',
      'Đảng bộ xã Tân Tri',
      'Đảng bộ xã Vũ Sơn',
    ]);
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(['base_committee', 'base_cell']));
  });

  test('kinds narrow the grid; upper committees are never rows, even when asked for', () => {
    const cells = f.b.call('ratings.grid', { year: 2017, scopeId: f.B, kinds: ['base_cell'] });
    expect(cells.rows.map((r) => r.name)).toEqual(['Chi bộ Trường THPT Bắc Sơn']);
    const upper = f.b.call('ratings.grid', { year: 2017, kinds: ['upper_committee', 'province'] });
    expect(upper.rows).toEqual([]);
    const mixed = f.b.call('ratings.grid', {
      year: 2017,
      kinds: ['upper_committee', 'subordinate_cell'],
    });
    expect(mixed.rows.map((r) => r.name)).toEqual(['Chi bộ thôn Khuổi Cưởm']);
  });

  test('rows follow the official order first, then the Vietnamese collation', () => {
    const b = makeBackend();
    const district = addUnit(b, 'Đảng bộ huyện Chi Lăng', 2008, { kind: 'upper_committee' }).id;
    for (const name of ['Đảng bộ xã Vân An', 'Đảng bộ xã Ái Quốc', 'Đảng bộ xã Dương Hưu']) {
      addUnit(b, name, 2008, { kind: 'base_committee', parentId: district });
    }
    const official = addUnit(b, 'Đảng bộ thị trấn Đồng Mỏ', 2008, {
      kind: 'base_committee',
      parentId: district,
    });
    b.call('units.correct', {
      id: official.id,
      versionId: official.current.versionId,
      officialOrder: 1,
    });
    expect(b.call('ratings.grid', { year: 2017 }).rows.map((r) => r.name)).toEqual([
      'Đảng bộ thị trấn Đồng Mỏ',
      'Đảng bộ xã Ái Quốc',
      'Đảng bộ xã Dương Hưu',
      'Đảng bộ xã Vân An',
    ]);
  });

  test('a year without a scale or an unknown scope is refused', () => {
    expect(errorOf(f.b.attempt('ratings.grid', { year: 2005, scopeId: f.B })).code).toBe(
      'NO_SCALE',
    );
    expect(
      errorOf(
        f.b.attempt('ratings.grid', {
          year: 2017,
          scopeId: '00000000-0000-4000-8000-000000000000',
        }),
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('ratings.history', () => {
  test('gives every year of a unit in year order with its own scale', () => {
    const h = f.b.call('ratings.history', { unitId: f.u.anTinh });
    expect(h.unitId).toBe(f.u.anTinh);
    expect(h.ratings.map((r) => [r.year, r.scaleId, r.levelCode, r.tier, r.exemplary])).toEqual([
      [2016, 'hd20-2008', 'HTNV', 3, false],
      [2017, 'hd20-2008', 'TSVM', 1, true],
      [2018, 'qd132-2018', 'HTXSNV', 1, false],
    ]);
  });

  test('orders by year whatever the order of entry, and leaves removed years out', () => {
    const b = makeBackend();
    const id = addUnit(b, 'Chi bộ Cục Thống kê', 2010).id;
    for (const [year, levelCode] of [
      [2021, 'HTTNV'],
      [2016, 'HTTNV'],
      [2019, 'HTNV'],
      [2017, 'TSVM'],
    ] as const) {
      b.call('ratings.set', { unitId: id, year, levelCode });
    }
    b.call('ratings.remove', { unitId: id, year: 2019 });
    expect(b.call('ratings.history', { unitId: id }).ratings.map((r) => r.year)).toEqual([
      2016, 2017, 2021,
    ]);
  });

  test('an unknown unit is NOT_FOUND', () => {
    const error = errorOf(
      f.b.attempt('ratings.history', { unitId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('ratings.list', () => {
  test('lists the rated units (and those not rated, with the reason) in scope, sorted', () => {
    const list = f.b.call('ratings.list', { year: 2017, scopeId: f.B });
    expect(list.year).toBe(2017);
    expect(list.rows.map((r) => [r.name, r.levelCode, r.tier, r.notRatedReason])).toEqual([
      ['Chi bộ thôn Khuổi Cưởm', 'HTNV', 3, null],
      ['Chi bộ Trường THPT Bắc Sơn', 'HTTNV', 2, null],
      ['Đảng bộ xã Ân Tình', 'TSVM', 1, null],
      ['Đảng bộ xã Bắc Quỳnh', 'HTNV', 3, null],
      ['Đảng bộ xã Dương Hưu', 'HTTNV', 2, null],
      ['Đảng bộ xã Đồng Ý', 'TSVM', 1, null],
      ['Đảng bộ xã Tân Tri', 'TSVM', 1, null],
      ['Đảng bộ xã Vũ Sơn', null, null, 'exempt'],
    ]);
    expect(list.rows.find((r) => r.unitId === f.u.anTinh)?.exemplary).toBe(true);
  });

  test('a list of ids and kinds narrow the list; units without a rating are left out', () => {
    const byIds = f.b.call('ratings.list', {
      year: 2016,
      unitIds: [f.u.duongHuu, f.u.hoaTham, f.u.tanTri],
    });
    expect(byIds.rows.map((r) => [r.name, r.levelCode])).toEqual([
      ['Đảng bộ xã Hoa Thám', 'HTNV'],
      ['Đảng bộ xã Tân Tri', 'HTTNV'],
    ]);
    const cells = f.b.call('ratings.list', { year: 2016, scopeId: f.B, kinds: ['base_cell'] });
    expect(cells.rows.map((r) => r.name)).toEqual([
      'Chi bộ Hợp tác xã Nà Lay',
      'Chi bộ Trường THPT Bắc Sơn',
    ]);
  });
});

describe('ratings.counts', () => {
  test('counts per level (zeros included), exemplary, not rated by reason and missing', () => {
    expect(f.b.call('ratings.counts', { year: 2017, scopeId: f.B })).toEqual({
      year: 2017,
      scaleId: 'hd20-2008',
      total: 7,
      counts: { TSVM: 3, HTTNV: 2, HTNV: 1, YK: 0 },
      exemplary: 1,
      notRated: { exempt: 1 },
      missing: 0,
      warnings: [],
    });
    expect(f.b.call('ratings.counts', { year: 2016, scopeId: f.B })).toMatchObject({
      total: 7,
      counts: { TSVM: 1, HTTNV: 1, HTNV: 3, YK: 1 },
      exemplary: 0,
      notRated: {},
      missing: 1,
    });
  });

  test('the subordinate cells are counted only when asked for by kind', () => {
    expect(
      f.b.call('ratings.counts', { year: 2017, scopeId: f.B, kinds: ['subordinate_cell'] }),
    ).toMatchObject({ total: 1, counts: { HTNV: 1 }, missing: 0 });
  });

  test('on the 2018 scale the quota is off by default: counts without a warning', () => {
    const c = f.b.call('ratings.counts', { year: 2018, scopeId: f.B });
    expect(c).toMatchObject({
      scaleId: 'qd132-2018',
      total: 8,
      counts: { HTXSNV: 1, HTTNV: 4, HTNV: 0, KHTNV: 1 },
      notRated: { new: 1 },
      missing: 1,
    });
    expect(c.warnings).toEqual([]);
  });

  test('switched on: 3 HTXSNV with 10 HTTNV warns; 2 with 10 does not; per committee, not per set', () => {
    const b = makeBackend();
    const khoi = addUnit(b, 'Đảng bộ Khối doanh nghiệp tỉnh', 2015, {
      kind: 'upper_committee',
    }).id;
    const ids = Array.from(
      { length: 13 },
      (_, i) => addUnit(b, `Chi bộ Công ty số ${i + 1}`, 2015, { parentId: khoi }).id,
    );
    const levelFor = (i: number, year: number) =>
      i < (year === 2019 ? 3 : 2) ? 'HTXSNV' : i < 3 ? 'HTNV' : 'HTTNV';
    b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
    for (const year of [2019, 2020]) {
      b.call('ratings.saveYear', {
        year,
        entries: ids.map((unitId, i) => ({ unitId, levelCode: levelFor(i, year) })),
      });
    }
    const y2019 = b.call('ratings.counts', { year: 2019, scopeId: khoi });
    expect(y2019.counts).toEqual({ HTXSNV: 3, HTTNV: 10, HTNV: 0, KHTNV: 0 });
    expect(y2019.warnings).toHaveLength(1);
    expect(y2019.warnings[0]!.message).toMatch(/3 tổ chức xếp loại HTXSNV.*tối đa 2/);
    const y2020 = b.call('ratings.counts', { year: 2020, scopeId: khoi });
    expect(y2020.counts).toEqual({ HTXSNV: 2, HTTNV: 10, HTNV: 1, KHTNV: 0 });
    expect(y2020.warnings).toEqual([]);
    // One unit of the committee: its count is 1 HTXSNV, but the committee's excess is judged
    // over all its units (3 of 10), and in 2020 (2 of 10) there is none to report.
    const alone = b.call('ratings.counts', { year: 2019, unitIds: [ids[0]!] });
    expect(alone.counts).toMatchObject({ HTXSNV: 1, HTTNV: 0 });
    expect(alone.warnings).toEqual([
      expect.objectContaining({ committeeId: khoi, count: 3, base: 10, limit: 2 }),
    ]);
    expect(b.call('ratings.counts', { year: 2020, unitIds: [ids[0]!] }).warnings).toEqual([]);
  });

  test('a year without a scale is refused', () => {
    const error = errorOf(f.b.attempt('ratings.counts', { year: 2006, scopeId: f.B }));
    expect(error.code).toBe('NO_SCALE');
    expect(error.message).toMatch(/2006/);
  });
});

describe('ratings.transitions', () => {
  test('2016 → 2017: matrix cells, per-parent groups and totals over the units of 2017', () => {
    const t = transitionsWithUnits(f.b, { fromYear: 2016, toYear: 2017, scopeId: f.B });
    expect(t).toMatchObject({
      fromYear: 2016,
      toYear: 2017,
      fromScaleId: 'hd20-2008',
      toScaleId: 'hd20-2008',
      crossesScale: false,
      crosswalk: false,
    });
    expect(t.matrix).toEqual([
      { from: 'TSVM', to: 'HTNV', count: 1 },
      { from: 'HTTNV', to: 'TSVM', count: 1 },
      { from: 'HTTNV', to: 'HTTNV', count: 1 },
      { from: 'HTNV', to: 'TSVM', count: 1 },
      { from: 'HTNV', to: null, count: 1 },
      { from: 'YK', to: 'TSVM', count: 1 },
      { from: null, to: 'HTTNV', count: 1 },
    ]);
    expect(t.totals).toEqual({ up: 3, same: 1, down: 1, not_comparable: 2, total: 7 });
    expect(t.groups).toEqual([
      {
        groupId: f.B,
        groupName: 'Đảng bộ huyện Bắc Sơn',
        up: 3,
        same: 1,
        down: 1,
        not_comparable: 2,
        total: 7,
      },
    ]);
    const trend = Object.fromEntries(t.units.map((x) => [x.name, x.trend]));
    expect(trend).toEqual({
      'Chi bộ Trường THPT Bắc Sơn': 'same',
      'Đảng bộ xã Ân Tình': 'up',
      'Đảng bộ xã Bắc Quỳnh': 'down',
      'Đảng bộ xã Dương Hưu': 'not_comparable',
      'Đảng bộ xã Đồng Ý': 'up',
      'Đảng bộ xã Tân Tri': 'up',
      'Đảng bộ xã Vũ Sơn': 'not_comparable',
    });
    // Tân Tri moved in in 2017: its 2016 rating (under Bình Gia) still counts, grouped as of 2017.
    expect(t.units.find((x) => x.unitId === f.u.tanTri)).toMatchObject({
      groupId: f.B,
      from: 'HTTNV',
      to: 'TSVM',
    });
  });

  test('2017 → 2018 crosses the scale change: not comparable without the crosswalk', () => {
    const t = f.b.call('ratings.transitions', { fromYear: 2017, toYear: 2018, scopeId: f.B });
    expect(t).toMatchObject({
      fromScaleId: 'hd20-2008',
      toScaleId: 'qd132-2018',
      crossesScale: true,
      crosswalk: false,
    });
    expect(t.totals).toEqual({ up: 0, same: 0, down: 0, not_comparable: 8, total: 8 });
    expect(t.matrix).toContainEqual({ from: 'TSVM', to: 'HTXSNV', count: 1 });
  });

  test('2017 → 2018 with the crosswalk compares tiers and is still marked as crossing', () => {
    const t = transitionsWithUnits(f.b, {
      fromYear: 2017,
      toYear: 2018,
      scopeId: f.B,
      crosswalk: true,
    });
    expect(t).toMatchObject({ crossesScale: true, crosswalk: true });
    expect(t.totals).toEqual({ up: 1, same: 2, down: 3, not_comparable: 2, total: 8 });
    const trend = Object.fromEntries(t.units.map((x) => [x.name, x.trend]));
    expect(trend).toMatchObject({
      'Đảng bộ xã Ân Tình': 'same',
      'Đảng bộ xã Bắc Quỳnh': 'up',
      'Đảng bộ xã Dương Hưu': 'down',
      'Đảng bộ xã Đồng Ý': 'down',
      'Chi bộ Trạm Y tế xã Vũ Sơn': 'not_comparable',
    });
    expect(t.matrix.slice(0, 2)).toEqual([
      { from: 'TSVM', to: 'HTXSNV', count: 1 },
      { from: 'TSVM', to: 'HTTNV', count: 2 },
    ]);
  });
});

describe('ratings.transitionUnits', () => {
  test('a group not under the scope, or of no unit at all, has no units', () => {
    const input = { fromYear: 2016, toYear: 2017, scopeId: f.B };
    expect(f.b.call('ratings.transitionUnits', { ...input, groupId: null }).units).toEqual([]);
    const elsewhere = f.b.call('ratings.transitionUnits', { ...input, groupId: f.u.dongY });
    expect(elsewhere).toEqual({ fromYear: 2016, toYear: 2017, groupId: f.u.dongY, units: [] });
  });

  test('a unit reached twice by the walk (a second version valid the same year, damaged data) lists its units as often as the report counts them', () => {
    const b = makeBackend();
    const province = addUnit(b, 'Tỉnh ủy Mẫu', 2008, { kind: 'upper_committee' }).id;
    const district = addUnit(b, 'Huyện ủy Mẫu', 2008, {
      kind: 'upper_committee',
      parentId: province,
    }).id;
    const cell = addUnit(b, 'Chi bộ thôn Một', 2008, { parentId: district }).id;
    b.call('ratings.saveYear', { year: 2017, entries: [{ unitId: cell, levelCode: 'TSVM' }] });
    const input = { fromYear: 2016, toYear: 2017, scopeId: province };
    const units = () => b.call('ratings.transitionUnits', { ...input, groupId: district }).units;
    expect(units()).toHaveLength(1);
    b.ctx.db
      .prepare(
        `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, code,
           code_folded, kind, sector, parent_id, created_at, updated_at, changed_by_installation,
           sort_key)
         SELECT '00000000-0000-4000-8000-00000000000d', unit_id, valid_from, valid_to, name,
           name_folded, code, code_folded, kind, sector, parent_id, created_at, updated_at,
           changed_by_installation, sort_key
         FROM unit_versions WHERE unit_id = ?`,
      )
      .run(district);
    const group = b.call('ratings.transitions', input).groups.find((g) => g.groupId === district);
    expect(group?.total).toBe(2);
    expect(units().map((u) => u.unitId)).toEqual([cell, cell]);
  });

  test('bad input is refused in Vietnamese and changes nothing', () => {
    const before = f.b.snapshot();
    const input = { fromYear: 2016, toYear: 2017, scopeId: f.B };
    for (const [bad, message] of [
      [{ ...input, groupId: 'không-phải-mã' }, 'Mã định danh tổ chức không hợp lệ.'],
      [input, 'Mã định danh tổ chức không hợp lệ.'],
      [{ ...input, groupId: f.B, fromYear: 1990 }, /Năm xếp loại phải từ/],
    ] as const) {
      const error = errorOf(f.b.attempt('ratings.transitionUnits', bad));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
    const missing = errorOf(
      f.b.attempt('ratings.transitionUnits', {
        ...input,
        scopeId: '00000000-0000-4000-8000-000000000000',
        groupId: f.B,
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(VIETNAMESE_LETTER);
    expect(f.b.snapshot()).toBe(before);
  });
});

describe('the figures of the Lạng Sơn article (DOMAIN.md §1)', () => {
  let b: TestBackend;
  let ls: LangSon;
  beforeAll(() => {
    b = makeBackend();
    ls = buildLangSon(b);
  });

  const fraction = (n: number, total: number) => `${n}/${total}`;

  test('the 11 district pilot units in 2017: 2 TSVM, 5 HTTNV, 4 HTNV', () => {
    const c = b.call('ratings.counts', { year: 2017, unitIds: ls.districtPilotIds });
    expect(c).toMatchObject({
      total: 11,
      counts: { TSVM: 2, HTTNV: 5, HTNV: 4, YK: 0 },
      missing: 0,
      notRated: {},
    });
  });

  test('the 11 district pilot units 2016 → 2017: 5 moved up, 6 unchanged, one per district', () => {
    const t = b.call('ratings.transitions', {
      fromYear: 2016,
      toYear: 2017,
      unitIds: ls.districtPilotIds,
    });
    expect(t.totals).toEqual({ up: 5, same: 6, down: 0, not_comparable: 0, total: 11 });
    expect(t.groups).toHaveLength(11);
    expect(new Set(t.groups.map((g) => g.groupName))).toEqual(
      new Set(DISTRICT_PILOTS.map((p) => p.district)),
    );
    for (const g of t.groups) expect(g.total).toBe(1);
    expect(t.groups.reduce((n, g) => n + g.up, 0)).toBe(5);
    expect(t.matrix.reduce((n, c) => n + c.count, 0)).toBe(11);
  });

  test('Đồng Ý went from yếu kém (2016) to TSVM (2017): up', () => {
    const t = transitionsWithUnits(b, {
      fromYear: 2016,
      toYear: 2017,
      unitIds: ls.districtPilotIds,
    });
    expect(t.units.find((x) => x.name === 'Đảng bộ xã Đồng Ý')).toMatchObject({
      groupId: ls.districts.get('Đảng bộ huyện Bắc Sơn'),
      from: 'YK',
      to: 'TSVM',
      trend: 'up',
    });
    expect(t.matrix).toContainEqual({ from: 'YK', to: 'TSVM', count: 1 });
  });

  test('Hòa Sơn stayed HTTNV and left the bottom of the level with a clear change', () => {
    const hoaSon = ls.units.get('Đảng bộ xã Hòa Sơn')!;
    const h = b.call('ratings.history', { unitId: hoaSon }).ratings;
    expect(h.map((r) => [r.year, r.levelCode, r.rank, r.change])).toEqual([
      [2016, 'HTTNV', 'bottom', null],
      [2017, 'HTTNV', null, 'clear'],
    ]);
    const t = transitionsWithUnits(b, { fromYear: 2016, toYear: 2017, unitIds: [hoaSon] });
    expect(t.units[0]?.trend).toBe('same');
  });

  test('the Khối committee: 1/5 TSVM, 3/5 HTTNV, 1/5 HTNV; 1/5 up, 4/5 unchanged', () => {
    const c = b.call('ratings.counts', { year: 2017, scopeId: ls.khoi });
    expect(c.total).toBe(5);
    expect(fraction(c.counts.TSVM!, c.total)).toBe('1/5');
    expect(fraction(c.counts.HTTNV!, c.total)).toBe('3/5');
    expect(fraction(c.counts.HTNV!, c.total)).toBe('1/5');
    const t = transitionsWithUnits(b, { fromYear: 2016, toYear: 2017, scopeId: ls.khoi });
    expect(t.groups).toEqual([
      {
        groupId: ls.khoi,
        groupName: 'Đảng bộ Khối các cơ quan tỉnh',
        up: 1,
        same: 4,
        down: 0,
        not_comparable: 0,
        total: 5,
      },
    ]);
    expect(fraction(t.totals.up, t.totals.total)).toBe('1/5');
    expect(fraction(t.totals.same, t.totals.total)).toBe('4/5');
    expect(t.units.find((x) => x.unitId === ls.units.get('Chi bộ Cục Thống kê'))).toMatchObject({
      from: 'HTTNV',
      to: 'TSVM',
      trend: 'up',
    });
    const byIds = b.call('ratings.transitions', {
      fromYear: 2016,
      toYear: 2017,
      unitIds: ls.khoiIds,
    });
    expect(byIds.totals).toEqual(t.totals);
  });

  test('the grid of the Khối committee shows the five units with both years', () => {
    const grid = b.call('ratings.grid', { year: 2017, scopeId: ls.khoi });
    const byName = new Map(KHOI_PILOTS.map((p) => [p.name, [p.y2016, p.y2017]]));
    expect(grid.rows).toHaveLength(5);
    for (const r of grid.rows) {
      expect([r.previous?.levelCode, r.current?.levelCode]).toEqual(byName.get(r.name));
    }
  });

  test('scope matters: a district subtree counts its non-pilot unit, the pilot list does not', () => {
    const bacSon = ls.districts.get('Đảng bộ huyện Bắc Sơn')!;
    const district = b.call('ratings.transitions', {
      fromYear: 2016,
      toYear: 2017,
      scopeId: bacSon,
    });
    expect(district.totals).toEqual({ up: 1, same: 0, down: 1, not_comparable: 0, total: 2 });
    const province = b.call('ratings.counts', {
      year: 2017,
      scopeId: ls.province,
      kinds: ['base_committee', 'base_cell'],
    });
    expect(province).toMatchObject({
      total: 17,
      counts: { TSVM: 3, HTTNV: 8, HTNV: 6, YK: 0 },
      missing: 0,
    });
    // The 12 committees above the TCCSĐ (11 districts and the Khối) are not units to rate: they
    // are neither counted nor "missing", with or without a kinds filter.
    const everything = b.call('ratings.counts', { year: 2017, scopeId: ls.province });
    expect(everything).toEqual(province);
    expect(b.call('ratings.counts', { year: 2017 })).toMatchObject({ total: 17, missing: 0 });
  });
});
