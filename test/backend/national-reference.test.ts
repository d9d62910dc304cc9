// Issue 10 at national size: the queries rewritten for speed answer exactly what the code before
// them answered (kept in test/helpers/reference-*.ts), on issue 10's own national shape
// (55,000 units: a root, 20 provinces, 435 district committees, ten years, renamed units) with a
// district moved to another province and units moved, dissolved and removed through the
// contract. The generated-register tests cover every awkward case on a few thousand units; this
// one checks that nothing changes when the sets are the nation's size.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UnitRow } from '../../shared/contract';
import { fixedClock } from '../../electron/backend/context';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { NATION, generateNational } from '../helpers/national';
import * as ratings from '../helpers/reference-ratings';
import { referenceOverview } from '../helpers/reference-reports';
import { referenceList } from '../helpers/reference-units';

const TODAY = '2025-03-10';

let b: TestBackend;
let data: NationalData;
let province = '';
let district = '';

beforeAll(() => {
  b = makeBackend({ clock: fixedClock(`${TODAY}T08:00:00Z`) });
  data = generateNational(b.ctx.db, NATION);
  province = data.provinceIds[3] ?? '';
  district = data.districtIds[7] ?? '';
  const movedDistrict = data.districtIds[23] ?? '';
  const movable = data.baseIds.filter(
    (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
  );
  if (!province || !district || !movedDistrict || movable.length < 40) {
    throw new Error('generator shape changed');
  }
  b.call('units.move', { id: movedDistrict, year: 2022, parentId: province });
  for (const [k, id] of movable.slice(0, 20).entries()) {
    const target = data.districtIds[(k * 37) % data.districtIds.length] ?? '';
    b.call('units.move', { id, year: 2019, parentId: target, allowDuplicateName: true });
  }
  b.call('units.dissolve', { id: movable[30] ?? '', year: 2021 });
  b.call('units.remove', { id: movable[31] ?? '' });
});

afterAll(cleanupTemp);

/** Groups of a transitions report whose units are compared: each one walks the whole scope. */
const GROUPS_COMPARED = 4;

const ids = (rows: UnitRow[]) => rows.map((r) => r.id);

describe('at national size, the new queries answer what the old ones did', () => {
  test('the data set is the nation of issue 10', () => {
    expect(data.rows.units).toBe(55_000);
    expect(data.rows.ratings).toBeGreaterThan(500_000);
    // The compared sets are province-sized and nation-sized, not empty.
    expect(b.call('ratings.grid', { year: 2024, scopeId: province }).rows.length).toBeGreaterThan(
      2_500,
    );
    expect(b.call('units.list', { year: 2024, pageSize: 1 }).total).toBeGreaterThan(50_000);
  });

  test('ratings.grid, ratings.list and ratings.counts of a province, a district and the nation', () => {
    for (const year of [2017, 2018, 2021, 2024]) {
      for (const scopeId of [province, district]) {
        const input = { year, scopeId };
        expect(b.call('ratings.grid', input), `grid ${year}`).toEqual(
          ratings.leanGrid(ratings.ratingGrid(b.ctx.db, input)),
        );
        expect(b.call('ratings.list', input), `list ${year}`).toEqual(
          ratings.listRatings(b.ctx.db, input),
        );
      }
      for (const scopeId of [province, district, data.rootId ?? undefined]) {
        const input = { year, scopeId };
        expect(b.call('ratings.counts', input), `counts ${year}`).toEqual(
          ratings.levelCounts(b.ctx.db, input),
        );
      }
    }
  });

  test('ratings.transitions of a province and of the nation, across the change of scale too', () => {
    for (const [fromYear, toYear] of [
      [2016, 2017],
      [2017, 2018],
      [2020, 2022],
    ] as const) {
      for (const scopeId of [province, data.rootId ?? undefined]) {
        for (const crosswalk of [false, true]) {
          const input = { fromYear, toYear, scopeId, crosswalk };
          const old = ratings.transitions(b.ctx.db, input);
          const report = b.call('ratings.transitions', input);
          expect(report, `${fromYear}→${toYear}`).toEqual(ratings.reportOf(old));
          // The first groups, and the last (in name order), with the old report's units of each.
          for (const group of [
            ...report.groups.slice(0, GROUPS_COMPARED),
            ...report.groups.slice(-1),
          ]) {
            const answer = b.call('ratings.transitionUnits', { ...input, groupId: group.groupId });
            expect({ ...answer, units: ratings.byUnitId(answer.units) }).toEqual(
              ratings.groupUnitsOf(old, group.groupId),
            );
          }
        }
      }
    }
  });

  test('the register: a province read page by page is the old whole list, and the nation’s first page', () => {
    for (const year of [2018, 2021, 2024]) {
      const filter = { year, parentId: province, descendants: true };
      const rows: UnitRow[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = b.call('units.list', { ...filter, pageSize: 500, after });
        rows.push(...page.rows);
        if (!page.next) break;
        after = page.next;
      }
      expect(ids(rows), `province ${year}`).toEqual(ids(referenceList(b.ctx.db, filter)));
      const first = b.call('units.list', { year, pageSize: 100 });
      const whole = referenceList(b.ctx.db, { year });
      expect(first.total).toBe(whole.length);
      expect(first.rows, `nation ${year}`).toEqual(whole.slice(0, 100));
    }
  });

  test('Tổng quan', () => {
    for (const year of [2018, 2024, 2025]) {
      expect(b.call('overview.get', { year }), String(year)).toEqual(
        referenceOverview(b.ctx.db, { year }, TODAY),
      );
    }
  });
});
