// The rating queries of issue 10 (a scope walked down its own subtree, counts grouped by SQLite)
// answer exactly what the queries before them answered (test/helpers/reference-ratings.ts), on a
// generated register of 3,000 units in 3 provinces with six years of ratings across the
// 2017 → 2018 change of scale, renamed, moved, dissolved and removed units, subordinate cells
// under grassroots committees, removed ratings and the HTXSNV quota switched on; and their
// statements read indexes only (EXPLAIN QUERY PLAN).
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { MethodInput } from '../../shared/contract';
import type { UnitKind } from '../../shared/domain/units';
import type { TestBackend } from '../helpers/backend';
import { dispatch } from '../../electron/backend/dispatch';
import { openBackend } from '../../electron/backend/index';
import { cleanupTemp, errorOf, makeBackend } from '../helpers/backend';
import type { NationalData, NationalShape } from '../helpers/national';
import { generateNational } from '../helpers/national';
import * as reference from '../helpers/reference-ratings';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SHAPE: NationalShape = {
  root: 'Đảng bộ toàn quốc Mẫu',
  provinces: 3,
  districts: 12,
  units: 3000,
  firstYear: 2015,
  years: 6,
  seed: 4242,
  renameEvery: 9,
};
const YEARS = [2016, 2017, 2018, 2019, 2020];

let b: TestBackend;
let data: NationalData;
/** Units moved, removed, and added below a grassroots committee, by the contract's own writes. */
const moved: string[] = [];
const cells: string[] = [];

beforeAll(() => {
  b = makeBackend();
  data = generateNational(b.ctx.db, SHAPE);
  const base = data.baseIds;
  // Moved to another district (in another province) in 2018, and one back in 2019.
  for (let i = 30; i < 60; i += 3) {
    const target = data.districtIds[(data.districtOf[i]! + 1) % SHAPE.districts]!;
    b.call('units.move', { id: base[i]!, year: 2018, parentId: target, allowDuplicateName: true });
    moved.push(base[i]!);
  }
  b.call('units.move', {
    id: base[30]!,
    year: 2019,
    parentId: data.districtIds[data.districtOf[30]!]!,
    allowDuplicateName: true,
  });
  // Removed units: their ratings stay, but they are no longer in any set.
  for (const i of [61, 64, 67]) {
    b.ctx.db.prepare('DELETE FROM ratings WHERE unit_id = ?').run(base[i]!);
    b.call('units.remove', { id: base[i]! });
  }
  // Subordinate cells under grassroots committees (unit i is a committee when i % 3 === 0),
  // rated by their committee; one founded in 2018.
  for (let i = 0; i < 90; i += 9) {
    for (const [n, from] of [
      [1, 2008],
      [2, 2018],
    ] as const) {
      const cell = b.call('units.create', {
        name: `Chi bộ trực thuộc ${n} của ${i}`,
        kind: 'subordinate_cell',
        parentId: base[i]!,
        fromYear: from,
      });
      cells.push(cell.id);
    }
  }
  for (const year of YEARS) {
    const levels = year <= 2017 ? ['TSVM', 'HTTNV', 'HTNV'] : ['HTXSNV', 'HTTNV', 'KHTNV'];
    b.call('ratings.saveYear', {
      year,
      entries: cells
        .filter((_, k) => k % 2 === 0 || year >= 2018)
        .map((unitId, k) => {
          const levelCode = levels[(k + year) % 3]!;
          return { unitId, levelCode, exemplary: k % 4 === 0 && levelCode === levels[0] };
        }),
    });
  }
  // Removed ratings (tombstones) and a few grassroots units with an official order.
  const rated2018 = b.ctx.db
    .prepare(
      'SELECT unit_id FROM ratings WHERE year = 2018 AND deleted_at IS NULL ORDER BY unit_id',
    )
    .pluck()
    .all() as string[];
  for (const unitId of rated2018.slice(0, 6)) b.call('ratings.remove', { unitId, year: 2018 });
  b.ctx.db.prepare('UPDATE units SET official_order = ? WHERE id = ?').run(2, base[500]!);
  b.ctx.db.prepare('UPDATE units SET official_order = ? WHERE id = ?').run(1, base[700]!);
  // The quota on for 2018–2024, so the grid and the counts carry its groups and warnings.
  b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
});

afterAll(() => {
  vi.restoreAllMocks();
  cleanupTemp();
});

interface Scope {
  label: string;
  scopeId?: string;
  unitIds?: string[];
}

function scopes(): Scope[] {
  return [
    { label: 'nation (the root)', scopeId: data.rootId ?? undefined },
    { label: 'province 2', scopeId: data.provinceIds[1]! },
    { label: 'district 4', scopeId: data.districtIds[4]! },
    { label: 'a grassroots committee', scopeId: data.baseIds[0]! },
    { label: 'everything' },
    {
      label: 'a list of units',
      unitIds: [...data.baseIds.slice(25, 70), ...cells.slice(0, 5), data.districtIds[0]!],
    },
  ];
}

const KINDS: (UnitKind[] | undefined)[] = [
  undefined,
  ['base_cell'],
  ['subordinate_cell', 'base_committee'],
  ['upper_committee'],
];

/**
 * ratings.transitions and, for each of its groups, ratings.transitionUnits, against the old
 * report (which carried every unit): the same figures, and each group's units are the old
 * report's units of that group, no more, no fewer. Returns how many units were compared.
 */
function expectTransitionsAsBefore(
  input: MethodInput<'ratings.transitions'> & { fromYear: number; toYear: number },
  label: string,
): number {
  const old = reference.transitions(b.ctx.db, input);
  const report = b.call('ratings.transitions', input);
  expect(report, label).toEqual(reference.reportOf(old));
  let units = 0;
  for (const group of report.groups) {
    const answer = b.call('ratings.transitionUnits', { ...input, groupId: group.groupId });
    expect(answer.units).toHaveLength(group.total);
    expect({ ...answer, units: reference.byUnitId(answer.units) }, label).toEqual(
      reference.groupUnitsOf(old, group.groupId),
    );
    units += answer.units.length;
  }
  expect(units, label).toBe(old.units.length);
  return units;
}

describe('new rating queries answer what the old ones did', () => {
  test('the data set has what the comparisons need', () => {
    const grid = b.call('ratings.grid', { year: 2018, scopeId: data.rootId! });
    expect(grid.rows.length).toBeGreaterThan(2500);
    expect(grid.rows.slice(0, 2).map((r) => r.unitId)).toEqual([
      data.baseIds[700],
      data.baseIds[500],
    ]);
    expect(moved.length).toBe(10);
    expect(grid.quotaGroups.length).toBeGreaterThan(10);
  });

  test('ratings.grid: every scope, kind and year', () => {
    for (const scope of scopes()) {
      if (!scope.scopeId && scope.unitIds) continue; // the grid takes no list of units
      for (const kinds of KINDS) {
        for (const year of YEARS) {
          const input = { year, scopeId: scope.scopeId, kinds };
          const label = `${scope.label} ${year} ${kinds?.join(',') ?? ''}`;
          expect(b.call('ratings.grid', input), label).toEqual(
            reference.leanGrid(reference.ratingGrid(b.ctx.db, input)),
          );
        }
      }
    }
  });

  test('ratings.grid page by page: every scope, kind and year, as the whole grid', () => {
    let pages = 0;
    for (const scope of scopes()) {
      if (!scope.scopeId && scope.unitIds) continue;
      for (const kinds of KINDS) {
        for (const year of YEARS) {
          // 97: many cursors, one of them between the rows with an official order and the rest.
          for (const pageSize of [97, 1000]) {
            const input = { year, scopeId: scope.scopeId, kinds };
            const label = `${scope.label} ${year} ${kinds?.join(',') ?? ''} by ${pageSize}`;
            const old = reference.leanGrid(reference.ratingGrid(b.ctx.db, input));
            const first = b.call('ratings.grid', { ...input, pageSize });
            expect(first.total, label).toBe(old.rows.length);
            expect(first.quotaGroups, label).toEqual(old.quotaGroups);
            const rows = [...first.rows];
            let next = first.next;
            while (next) {
              const page = b.call('ratings.grid', { ...input, pageSize, after: next });
              expect(page.rows.length, label).toBeGreaterThan(0);
              expect(page.rows.length, label).toBeLessThanOrEqual(pageSize);
              expect(page.total, label).toBeUndefined();
              expect(page.quotaGroups, label).toEqual([]);
              expect(page.quota, label).toEqual(old.quota);
              rows.push(...page.rows);
              next = page.next;
              pages++;
            }
            expect(next, label).toBeNull();
            const { rows: _, ...header } = old;
            const { rows: __, next: ___, total: ____, ...firstHeader } = first;
            expect(firstHeader, label).toEqual(header);
            expect(rows, label).toEqual(old.rows);
          }
        }
      }
    }
    expect(pages).toBeGreaterThan(300);
  });

  test('a bad page size or cursor of ratings.grid is refused in Vietnamese, nothing changed', () => {
    const before = b.snapshot();
    const input = { year: 2018, scopeId: data.provinceIds[1]! };
    const cursor = (position: unknown) =>
      Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
    const next = b.call('ratings.grid', { ...input, pageSize: 10 }).next!;
    const refused: [unknown, string][] = [
      [{ pageSize: 0 }, 'Số dòng của một trang bảng xếp loại phải từ 1 đến 1000.'],
      [{ pageSize: 1001 }, 'Số dòng của một trang bảng xếp loại phải từ 1 đến 1000.'],
      [{ pageSize: 2.5 }, 'Số dòng của một trang bảng xếp loại phải là số nguyên.'],
      [{ pageSize: '10' }, 'Số dòng của một trang bảng xếp loại phải là số.'],
      [{ after: '' }, 'Vị trí trang của bảng xếp loại không hợp lệ.'],
      [{ after: 7 }, 'Vị trí trang của bảng xếp loại không hợp lệ.'],
      [{ after: 'x'.repeat(2001) }, 'Vị trí trang của bảng xếp loại không hợp lệ.'],
      [{ after: '%%%' }, 'Vị trí trang không hợp lệ'],
      [{ after: cursor({ r: 0, o: null, k: 'a' }) }, 'Vị trí trang không hợp lệ'],
      // A search's cursor of the register (rank 1): the grid's order has no rank.
      [{ after: cursor({ r: 1, o: null, k: 'a', i: 'b' }) }, 'Vị trí trang không hợp lệ'],
      [{ after: `${next}'; DROP TABLE ratings; --` }, 'Vị trí trang không hợp lệ'],
    ];
    for (const [extra, message] of refused) {
      const error = errorOf(b.attempt('ratings.grid', { ...input, ...(extra as object) }));
      expect(error.code, JSON.stringify(extra)).toBe('INVALID_INPUT');
      expect(error.message, JSON.stringify(extra)).toContain(message);
    }
    expect(b.snapshot()).toBe(before);
  });

  test('ratings.list: every scope, kind and year', () => {
    for (const scope of scopes()) {
      for (const kinds of [...KINDS, []]) {
        for (const year of YEARS) {
          const input = { year, scopeId: scope.scopeId, unitIds: scope.unitIds, kinds };
          expect(b.call('ratings.list', input), `${scope.label} ${year}`).toEqual(
            reference.listRatings(b.ctx.db, input),
          );
        }
      }
    }
  });

  test('ratings.counts: every scope, kind and year, the quota warnings included', () => {
    let warned = 0;
    for (const scope of scopes()) {
      for (const kinds of [...KINDS, []]) {
        for (const year of YEARS) {
          const input = { year, scopeId: scope.scopeId, unitIds: scope.unitIds, kinds };
          const counts = b.call('ratings.counts', input);
          expect(counts, `${scope.label} ${year}`).toEqual(reference.levelCounts(b.ctx.db, input));
          warned += counts.warnings.length;
        }
      }
    }
    expect(warned).toBeGreaterThan(0);
  });

  test('ratings.transitions: every scope and kind, year to year and across the scale change', () => {
    let compared = 0;
    for (const scope of scopes()) {
      for (const kinds of KINDS) {
        for (const [fromYear, toYear] of [
          [2016, 2017],
          [2017, 2018],
          [2016, 2019],
          [2019, 2020],
        ] as const) {
          for (const crosswalk of [false, true]) {
            const input = {
              fromYear,
              toYear,
              crosswalk,
              scopeId: scope.scopeId,
              unitIds: scope.unitIds,
              kinds,
            };
            compared += expectTransitionsAsBefore(input, `${scope.label} ${fromYear}→${toYear}`);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  test('a scope that does not exist is refused as before', () => {
    const input = { year: 2018, scopeId: '00000000-0000-4000-8000-000000000000' };
    const result = b.attempt('ratings.counts', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(() => reference.levelCounts(b.ctx.db, input)).toThrow();
  });
});

/**
 * The plan of every statement over `members` (or matching `statements`) that `run` has prepared, on a connection of its own
 * (statements are prepared once per connection, so the ones the tests above made are seen too),
 * bound with the values of `params` by name.
 */
function plansOf(
  run: (call: (method: string, input: unknown) => void) => void,
  params: Record<string, string | number>,
  statements = /\bmembers\b/,
): string[][] {
  const ctx = openBackend({ dbPath: b.dbPath, origin: 'app' });
  const seen: string[] = [];
  const prepare = ctx.db.prepare.bind(ctx.db);
  vi.spyOn(ctx.db, 'prepare').mockImplementation((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  });
  try {
    run((method, input) => {
      const answer = dispatch(ctx, method, input);
      expect(answer).toMatchObject({ ok: true });
    });
    return [...new Set(seen)]
      .filter((sql) => statements.test(sql))
      .map((sql) => {
        const names = [...sql.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        const bind = Object.fromEntries(names.map((name) => [name, params[name]!]));
        return (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bind) as { detail: string }[]).map(
          (row) => row.detail,
        );
      });
  } finally {
    ctx.db.close();
  }
}

describe('the units of a group are read from the group, never its whole scope', () => {
  test('the path up to the scope by the unit index, the children by the tree index', () => {
    const plans = plansOf(
      (call) =>
        call('ratings.transitionUnits', {
          fromYear: 2017,
          toYear: 2018,
          scopeId: data.rootId!,
          groupId: data.districtIds[4]!,
        }),
      {
        year: 2018,
        fromYear: 2017,
        scope: data.rootId!,
        group: data.districtIds[4]!,
        kinds: JSON.stringify(['base_committee', 'base_cell']),
      },
      /\bunit_versions v\b/,
    );
    expect(plans).toHaveLength(2);
    const text = plans.map((p) => p.join('\n')).join('\n');
    expect(text).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
    expect(text).toMatch(/SEARCH v USING INDEX unit_versions_(tree|by_parent) \(parent_id=\?/);
    expect(text).toMatch(
      /SEARCH a USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
    );
    expect(text).toMatch(
      /SEARCH b USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
    );
    for (const step of plans.flat())
      expect(step, text).not.toMatch(/^SCAN (v|a|b|unit_versions|ratings)\b/);
  });
});

describe('a province is read through indexes, never the nation', () => {
  const params = () => ({
    year: 2018,
    previous: 2017,
    fromYear: 2017,
    scope: data.provinceIds[1]!,
    kinds: JSON.stringify(['base_committee', 'base_cell']),
    group: data.districtIds[4]!,
  });

  // The counts read the rating tallies instead (their plans: rating-tallies.test.ts).
  test('no statement of the grid, the list or the transitions scans a table', () => {
    const plans = plansOf((call) => {
      const scopeId = data.provinceIds[1]!;
      call('ratings.grid', { year: 2018, scopeId, kinds: ['base_committee', 'base_cell'] });
      call('ratings.list', { year: 2018, scopeId, kinds: ['base_committee', 'base_cell'] });
      // Two years apart: counted live (consecutive years read the kept pairs, tested below).
      call('ratings.transitions', {
        fromYear: 2016,
        toYear: 2018,
        scopeId,
        kinds: ['base_committee', 'base_cell'],
      });
    }, params());
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const plan of plans) {
      const text = plan.join('\n');
      // The walk down the subtree: the index on the parent, for every level.
      expect(text).toMatch(/SEARCH v USING (COVERING )?INDEX unit_versions_(tree|by_parent)/);
      // Whether a unit has children that year, from the tallies' spans (so a leaf is not
      // searched for children in the tree index).
      expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(parent_id=\?/);
      for (const step of plan) {
        expect(step, text).not.toMatch(/^SCAN (v|u|r|a|b|c|p|n|ratings|unit_versions|units)\b/);
      }
    }
  });

  test('the ratings of the set are looked up by unit and year, the walk reads the tree index', () => {
    const plans = plansOf((call) => {
      const scopeId = data.provinceIds[1]!;
      call('ratings.grid', { year: 2018, scopeId });
      call('ratings.transitions', { fromYear: 2016, toYear: 2018, scopeId });
      call('ratings.list', { year: 2018, scopeId });
    }, params());
    const ratingSteps = plans.flat().filter((d) => / (r|a|b|c|p) USING/.test(d));
    // Two years in the grid and the transitions, one in the list (the counts read the tallies).
    // Each a search of the year index alone (migration 15 made it cover live ratings): no row of
    // ratings is read. The list's used to read the whole year's ratings of the nation, searched
    // by the year alone, to keep the province's (growing with the nation around it).
    expect(ratingSteps).toHaveLength(5);
    for (const step of ratingSteps) {
      expect(step).toMatch(
        /^SEARCH (r|a|b|c|p) USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      );
    }
    // The transitions are counted over a walk of the tree index alone, no row of unit_versions.
    const grouped = plans.find((p) => p.some((d) => / a USING/.test(d)))!;
    expect(grouped.join('\n')).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree/);
  });

  test("a page of a province's grid joins the ratings of its rows only", () => {
    const scopeId = data.provinceIds[1]!;
    const after = b.call('ratings.grid', { year: 2018, scopeId, pageSize: 50 }).next!;
    const plans = plansOf(
      (call) => call('ratings.grid', { year: 2018, scopeId, pageSize: 50 }),
      {
        ...params(),
        kinds: JSON.stringify(['base_committee', 'base_cell', 'subordinate_cell']),
        limit: 51,
      },
      /\bpage AS MATERIALIZED\b/,
    );
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;
    const text = plan.join('\n');
    // The walk down the province's tree, the page sorted (LIMIT) before any rating is read.
    expect(text).toMatch(/SEARCH v USING (COVERING )?INDEX unit_versions_(tree|by_parent)/);
    expect(text).toMatch(/MATERIALIZE page/);
    // The walk reads the tree index alone; the members' version rows are read by rowid for their
    // sort keys, and the page's rows again (with their parents' versions) once it is taken.
    expect(text).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree \(parent_id=\?/);
    expect(
      plan.filter((d) => /^SEARCH (v|pv) USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(d)),
    ).toHaveLength(3);
    // Each of the page's rows looked up in the year index alone, for both years, once the page
    // is taken: in the loop over the page (SCAN page), not in the walk and sort of the members.
    const ratingSteps = plan.filter((d) => / (c|p) USING/.test(d));
    expect(ratingSteps, text).toHaveLength(2);
    const overPage = plan.lastIndexOf('SCAN page');
    expect(overPage, text).toBeGreaterThan(plan.indexOf('MATERIALIZE page'));
    for (const step of ratingSteps) expect(plan.indexOf(step), text).toBeGreaterThan(overPage);
    for (const step of ratingSteps) {
      expect(step).toMatch(
        /^SEARCH (c|p) USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
      );
    }
    for (const step of plan) {
      expect(step, text).not.toMatch(/^SCAN (v|u|c|p|ratings|unit_versions|units)\b/);
    }
    // A later page: the page's rows (from the sorted walk kept until the data changes) looked up
    // by (year, unit), nothing else of the ratings read.
    const later = plansOf(
      (call) => call('ratings.grid', { year: 2018, scopeId, pageSize: 50, after }),
      { ...params(), ids: JSON.stringify([data.baseIds[0]!]) },
      /FROM json_each\(:ids\) m\b/,
    );
    expect(later).toHaveLength(1);
    expect(later[0]!.join('\n')).toMatch(/^SCAN m VIRTUAL TABLE/);
    expect(later[0]!.slice(1)).toEqual([
      'SEARCH c USING COVERING INDEX ratings_by_year (year=? AND unit_id=? AND deleted_at=?) LEFT-JOIN',
      'SEARCH p USING COVERING INDEX ratings_by_year (year=? AND unit_id=? AND deleted_at=?) LEFT-JOIN',
    ]);
    // The quota groups (the quota is on): the committees' tallies searched by year and parent.
    const tallies = plansOf(
      (call) => call('ratings.grid', { year: 2018, scopeId, pageSize: 50 }),
      { ...params(), committees: JSON.stringify([scopeId]) },
      /FROM rating_tallies t\b/,
    );
    expect(tallies).toHaveLength(1);
    expect(tallies[0]!.join('\n')).toMatch(/SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/);
    expect(tallies[0]!.join('\n')).not.toMatch(/SCAN (t|rating_tallies|ratings)\b/);
  });

  test("a province's transitions of consecutive years read the pairs kept for its own committees", () => {
    const plans = plansOf(
      (call) =>
        call('ratings.transitions', {
          fromYear: 2017,
          toYear: 2018,
          scopeId: data.provinceIds[1]!,
        }),
      params(),
      /\brating_transitions\b/,
    );
    expect(plans).toHaveLength(1);
    const text = plans[0]!.join('\n');
    // Down the province's own tree to its committees (before: counted live over its ~1,000
    // units and their ratings of both years; the nation's committees for a top unit only).
    // Its committees' pairs searched in migration 23's index, which holds each pair's number.
    expect(text).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree \(parent_id=\?/);
    expect(text).toMatch(
      /SEARCH t USING COVERING INDEX rating_transitions_coded \(year=\? AND parent_id=\?/,
    );
    expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(parent_id=\?/);
    expect(text).not.toMatch(/SCAN (t|s|v|version_spans|rating_transitions|ratings)\b/);
    expect(text).not.toMatch(/unit_versions_by_unit|\bratings_by_year\b/);
  });
});

describe('a page after a write reads the data as it is now', () => {
  test('the sorted walk kept for the later pages is dropped by a write', () => {
    const input = { year: 2018, scopeId: data.provinceIds[1]! };
    const first = b.call('ratings.grid', { ...input, pageSize: 50 });
    const second = b.call('ratings.grid', { ...input, pageSize: 50, after: first.next! });
    const removed = second.rows[10]!;
    const rated = b.call('ratings.grid', { ...input, pageSize: 50, after: second.next! }).rows[5]!;
    const level = rated.current?.levelCode === 'HTXSNV' ? 'KHTNV' : 'HTXSNV';
    // Written after the walk was kept: a rating on the third page, a unit of the second removed.
    b.call('ratings.set', { unitId: rated.unitId, year: 2018, levelCode: level });
    b.call('units.remove', { id: removed.unitId });
    const now = reference.leanGrid(reference.ratingGrid(b.ctx.db, input)).rows;
    const rows = [];
    let next: string | null | undefined = first.next;
    while (next) {
      const page = b.call('ratings.grid', { ...input, pageSize: 50, after: next });
      rows.push(...page.rows);
      next = page.next;
    }
    expect(rows).toEqual(now.slice(50));
    expect(rows.some((r) => r.unitId === removed.unitId)).toBe(false);
    expect(rows.find((r) => r.unitId === rated.unitId)?.current?.levelCode).toBe(level);
  });
});

describe('damaged data: a unit reached twice by the walk', () => {
  test('the first page has its rows as often as the whole grid does, each named with its parent', () => {
    const d = makeBackend();
    const province = d.call('units.create', {
      name: 'Tỉnh ủy Mẫu',
      kind: 'upper_committee',
      fromYear: 2008,
    }).id;
    const district = d.call('units.create', {
      name: 'Huyện ủy Mẫu',
      kind: 'upper_committee',
      parentId: province,
      fromYear: 2008,
    }).id;
    const cells = ['Chi bộ thôn Một', 'Chi bộ thôn Hai'].map(
      (name) =>
        d.call('units.create', { name, kind: 'base_cell', parentId: district, fromYear: 2008 }).id,
    );
    d.call('ratings.saveYear', { year: 2017, entries: [{ unitId: cells[0]!, levelCode: 'TSVM' }] });
    // A second version of the district valid the same years: the walk reaches its cells twice.
    d.ctx.db
      .prepare(
        `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, code,
           code_folded, kind, sector, parent_id, created_at, updated_at, changed_by_installation,
           sort_key)
         SELECT '00000000-0000-4000-8000-00000000000d', unit_id, valid_from, valid_to,
           'Huyện ủy Mẫu (bản sao)', name_folded, code, code_folded, kind, sector, parent_id,
           created_at, updated_at, changed_by_installation, sort_key
         FROM unit_versions WHERE unit_id = ?`,
      )
      .run(district);
    const input = { year: 2017, scopeId: province };
    const whole = d.call('ratings.grid', input);
    expect(whole.rows).toHaveLength(4);
    const byParent = (rows: typeof whole.rows) =>
      rows.map((r) => `${r.name}|${r.parentName}|${r.current?.levelCode ?? ''}`).sort();
    const first = d.call('ratings.grid', { ...input, pageSize: 10 });
    expect(first.total).toBe(4);
    expect(byParent(first.rows)).toEqual(byParent(whole.rows));
    expect(byParent(first.rows)).toEqual([
      'Chi bộ thôn Hai|Huyện ủy Mẫu (bản sao)|',
      'Chi bộ thôn Hai|Huyện ủy Mẫu|',
      'Chi bộ thôn Một|Huyện ủy Mẫu (bản sao)|TSVM',
      'Chi bộ thôn Một|Huyện ủy Mẫu|TSVM',
    ]);
  });
});
