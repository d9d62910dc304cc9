// The Báo cáo screen's call on a committee's subtree (no unit listed, grouped by the committee
// directly above) is counted by SQLite (reports/register-figures.ts): on a generated register
// with what makes the per-unit path's order and comparisons subtle — two committees of the same
// name, units with an official order, a unit whose kind changed between the compared years,
// named cases, another compared year — every figure, sentence, table, trajectory, named case
// and carry-over equals the per-unit code's (test/helpers/reference-reports-progress.ts); and
// the statements read indexes only.
import { afterEach, describe, expect, test } from 'vitest';
import { allOver, membersOf } from '../../electron/backend/ratings/members';
import {
  FIRST_CHILD,
  PICKED_UNITS,
  figuresSelect,
} from '../../electron/backend/reports/register-figures';
import { talliesSql, unitsReadApartSql } from '../../electron/backend/reports/register-summary';
import { NATION_WALK, SUBTREE_WALK } from '../../electron/backend/ratings/tallies';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { ProgressReport, ReportGroup } from '../../shared/contract';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { referenceProgressReport } from '../helpers/reference-reports-progress';
import { reportRegister } from '../helpers/report-register';
import { createList } from '../helpers/watchlists';
import { queryPlanSteps } from '../helpers/prepared';

afterEach(cleanupTemp);

/** The generator's register, made harder: see the file's comment. */
function register(): { b: TestBackend; data: NationalData; kindChanged: string } {
  const { b, data, movable, kindChanged } = reportRegister({
    seed: 77,
    orderedFrom: 30,
    kindChangedAt: 33,
  });
  const db = b.ctx.db;
  // Weak units and big steps: the lowest level in 2023 or 2024 for some, named cases.
  db.prepare(
    `UPDATE ratings SET level_code = 'KHTNV' WHERE year = 2023 AND unit_id IN
       (SELECT unit_id FROM ratings WHERE year = 2023 ORDER BY unit_id LIMIT 40)`,
  ).run();
  db.prepare(
    `UPDATE ratings SET level_code = 'HTXSNV' WHERE year = 2024 AND unit_id IN
       (SELECT unit_id FROM ratings WHERE year = 2024 ORDER BY unit_id LIMIT 20)`,
  ).run();
  const list = createList(b, data.provinceIds[0] ?? '', 2024);
  for (const unitId of movable.slice(28, 40)) {
    b.call('watchlists.addMember', { watchlistId: list.id, unitId });
  }
  return { b, data, kindChanged };
}

function cut(report: ProgressReport): ProgressReport {
  const none = (g: ReportGroup): ReportGroup => ({ ...g, units: [] });
  return { ...report, groups: report.groups.map(none), totals: none(report.totals) };
}

describe('a register report counted by SQLite', () => {
  test('equals the per-unit code for every scope, compared year and choice of named cases', () => {
    const { b, data, kindChanged } = register();
    const scopes = [null, data.rootId, data.provinceIds[0] ?? '', data.districtIds[0] ?? ''];
    let sawKindChange = false;
    let sawTie = false;
    for (const unitId of scopes) {
      for (const compareYear of [undefined, 2021, null]) {
        for (const namedCases of [false, true]) {
          const input = {
            year: 2024,
            scope: { type: 'register' as const, unitId },
            namedCases,
            ...(compareYear === undefined ? {} : { compareYear }),
          };
          const label = `${String(unitId)} ${String(compareYear)} ${String(namedCases)}`;
          const old = referenceProgressReport(b.ctx, input);
          const now = b.call('reports.progress', { ...input, unitsPerGroup: 0 });
          expect(now, label).toEqual(cut(old));
          const tie = now.groups.filter((g) => g.name === 'Đảng bộ huyện Trùng Tên');
          if (tie.length === 2) sawTie = true;
          const unit = old.totals.units.find((u) => u.id === kindChanged);
          if (unit?.change === 'not_comparable' && unit.fromLevel !== null) sawKindChange = true;
        }
      }
    }
    expect(sawTie).toBe(true);
    expect(sawKindChange).toBe(true);
  });

  test('its statements read indexes only: the tree, the ratings by year, a unit, a committee', () => {
    const { b, data } = register();
    const db = b.ctx.db;
    const kinds = JSON.stringify(RATED_KINDS);
    const members = membersOf(
      db,
      2024,
      { scopeId: data.provinceIds[0] ?? '', kinds: [...RATED_KINDS] },
      { light: true },
    );
    const figures = queryPlanSteps(db, `${members.with}${figuresSelect(true)}`, {
      ...members.params,
      compareYear: 2023,
      kindsThen: '{}',
      watched: '[]',
      lowest: '[]',
      third: '[]',
      first: '[]',
      named: 0,
    });
    const plan = figures.join('\n');
    expect(plan).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree/);
    expect(plan).toMatch(/SEARCH c USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/);
    expect(plan).toMatch(/SEARCH p USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/);
    expect(plan).not.toMatch(/SCAN (v|c|p|ratings|unit_versions)\b/);
    // It runs: the rows add up to the province's units.
    const rows = allOver<{ n: number }>(db, members, figuresSelect(true), {
      compareYear: 2023,
      kindsThen: '{}',
      watched: '[]',
      lowest: '[]',
      third: '[]',
      first: '[]',
      named: 0,
    });
    expect(rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(300);

    // Read from the summaries: year N's results by the walked committees, and the units read
    // apart (the year's lowest level from the covering year index, then each one's version).
    for (const [walk, children] of [
      [NATION_WALK, false],
      [SUBTREE_WALK, true],
    ] as const) {
      const scope = { scope: data.provinceIds[0] ?? '', year: 2024, kinds };
      const tallies = queryPlanSteps(db, talliesSql(walk), scope).join('\n');
      expect(tallies).toMatch(
        /SEARCH t USING (PRIMARY KEY|COVERING INDEX \w+) \(year=\? AND parent_id=\?/,
      );
      expect(tallies).not.toMatch(/SCAN (t|rating_tallies|ratings|unit_versions)\b/);
      // Counted as they come: no sort of the year's rows (talliesSql).
      expect(tallies).not.toMatch(/TEMP B-TREE/);
      const apart = queryPlanSteps(db, unitsReadApartSql(walk, children), {
        ...scope,
        compareYear: 2023,
        lowest: '[]',
        watched: '[]',
        changed: '[]',
      }).join('\n');
      // The nation: the year's ratings at the lowest level, then each one's version; a province:
      // its committees' children from the tree index (not the nation's year).
      if (children) {
        expect(apart).toMatch(/SEARCH v USING INDEX unit_versions_tree \(parent_id=\?/);
        expect(apart).not.toMatch(/SEARCH r USING COVERING INDEX ratings_by_year \(year=\?\)/);
      } else {
        expect(apart).toMatch(/SEARCH r USING COVERING INDEX ratings_by_year \(year=\?\)/);
        expect(apart).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
      }
      expect(apart).toMatch(
        /SEARCH c USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/,
      );
      // (`SCAN p` is the nation walk's materialized list of committees, not the ratings.)
      expect(apart).not.toMatch(/SCAN (r|v|c|ratings|unit_versions)\b/);
      expect(apart).toMatch(
        /SEARCH p USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/,
      );
    }

    const picked = queryPlanSteps(db, PICKED_UNITS, { ids: '[]', year: 2024, kinds }).join('\n');
    expect(picked).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
    expect(picked).not.toMatch(/SCAN (v|unit_versions)\b/);
    const first = queryPlanSteps(db, FIRST_CHILD, {
      parent: data.districtIds[0] ?? '',
      year: 2024,
      kinds,
    });
    expect(first.join('\n')).toMatch(/SEARCH v USING INDEX unit_versions_by_parent \(parent_id=\?/);
    expect(first.join('\n')).not.toMatch(/SCAN (v|unit_versions)\b/);
  });
});
