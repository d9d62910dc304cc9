// A report's chart years of a committee counted in one walk for all the years
// (electron/backend/reports/chart-tallies.ts) equal the tallies of one walk per year
// (ratings/tallies.ts scopeTallies, what the chart read before), after random writes through the
// handlers (units moved between provinces, renamed, dissolved, merged, split within the span) and
// on damaged data (a unit under two parents, a loop of parents, orphans, removed units).
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { Db } from '../../electron/backend/db/open';
import { scopeTallies } from '../../electron/backend/ratings/tallies';
import {
  NATION_SPAN_WALK,
  SUBTREE_SPAN_WALK,
  chartTallies,
  chartTalliesSql,
} from '../../electron/backend/reports/chart-tallies';
import { talliesOfYears } from '../../electron/backend/reports/scope-register';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { UnitKind } from '../../shared/domain/units';
import { cleanupTemp } from '../helpers/backend';
import type { Register } from '../helpers/register-writes';
import { YEARS, randomWrite, ratedRegister, versionInserter } from '../helpers/register-writes';
import { queryPlan } from '../helpers/prepared';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

const KIND_SETS: UnitKind[][] = [[...RATED_KINDS], ['base_cell'], ['subordinate_cell']];
/** Consecutive spans of the chart: the register's years, a part, one year, wider than the data. */
const SPANS = [YEARS, [2017, 2018, 2019], [2020], [2012, 2013, 2014, 2015, 2016, 2017, 2018]];

/** The nation (its own walk), each province, each district, a TCCSĐ with cells under it. */
const committeesOf = (r: Register) => [r.rootId, ...r.provinces, ...r.districts, r.base[0]!.id];

/** Every committee's every span and kinds: one walk equals a walk per year, year by year. */
function expectOneWalkAsPerYear(db: Db, scopes: string[], step: string): number {
  let counted = 0;
  for (const scopeId of scopes) {
    for (const years of SPANS) {
      for (const kinds of KIND_SETS) {
        const label = `${step} ${scopeId} ${years.join(',')} ${kinds.join(',')}`;
        const together = chartTallies(db, years, scopeId, kinds);
        expect(together, label).not.toBeNull();
        const perYear = years.map((year) => {
          const { rated, units } = scopeTallies(db, year, scopeId, kinds);
          counted += units;
          return { rated, units };
        });
        expect(
          years.map((y) => together?.get(y)),
          label,
        ).toEqual(perYear);
      }
    }
  }
  return counted;
}

describe("a report's chart years in one walk", () => {
  test('equal the tallies of a walk per year after random writes through the handlers', async () => {
    const { b, r, rnd } = ratedRegister(77);
    const done: string[] = [];
    for (let step = 0; step < 60; step++) {
      done.push(await randomWrite(b, r, rnd));
      if (step % 12 === 11) {
        expect(
          expectOneWalkAsPerYear(b.ctx.db, committeesOf(r), `after ${done.join(' → ')}`),
        ).toBeGreaterThan(0);
      }
    }
    const joined = done.join('\n');
    for (const write of ['units.move ok', 'units.correct ok', 'units.merge ok', 'units.split ok']) {
      expect(joined).toContain(write);
    }
    // The years really differ inside a span (a walk that ignored the years would be caught).
    const counts = YEARS.map((y) => scopeTallies(b.ctx.db, y, r.provinces[0]!, [...RATED_KINDS]));
    expect(new Set(counts.map((c) => c.units)).size).toBeGreaterThan(1);
  });

  test('equal them on damaged data: a unit under two parents, a loop, orphans, removed units', () => {
    const { b, r } = ratedRegister(5);
    const db = b.ctx.db;
    const at = '2024-01-01T00:00:00.000Z';
    const insertVersion = versionInserter(db);
    // A grassroots unit valid twice in 2017-2019, under another district too.
    insertVersion.run('v-overlap-1', 2017, 2019, r.districts[3]!, r.base[1]!.id);
    // A district under two provinces at once from 2016: its subtree is reached twice.
    insertVersion.run('v-overlap-2', 2016, null, r.provinces[1]!, r.districts[0]!);
    // A loop: a province under one of its own districts from 2019 (ended by the depth bound).
    insertVersion.run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!);
    // A committee of cells for two years only, then none (entered for its years only).
    insertVersion.run('v-short', 2017, 2018, r.base[6]!.id, r.base[9]!.id);
    db.pragma('foreign_keys = OFF');
    insertVersion.run('v-orphan', 2016, null, 'khong-co-to-chuc-nay', r.base[2]!.id);
    db.pragma('foreign_keys = ON');
    db.prepare('UPDATE units SET deleted_at = ? WHERE id = ?').run(at, r.base[4]!.id);
    db.prepare(
      'UPDATE unit_versions SET deleted_at = ? WHERE id = (SELECT id FROM unit_versions WHERE unit_id = ? LIMIT 1)',
    ).run(at, r.base[7]!.id);
    expectOneWalkAsPerYear(db, [...committeesOf(r), r.base[6]!.id], 'damaged');
    // The loop and the second parent really count: the province's 2019 is larger than its 2018.
    const province = (year: number) =>
      scopeTallies(db, year, r.provinces[1]!, [...RATED_KINDS]).units;
    expect(province(2019)).toBeGreaterThan(province(2018));
  });

  test('the chart of a report reads them so; years with a gap go year by year', () => {
    const { b, r } = ratedRegister(9);
    const db = b.ctx.db;
    const kinds = [...RATED_KINDS];
    expect(chartTallies(db, [2016, 2018], r.provinces[0]!, kinds)).toBeNull();
    for (const scopeId of [r.rootId, r.provinces[0], r.districts[2], undefined]) {
      for (const years of [YEARS, [2016, 2018]]) {
        const chart = talliesOfYears(db, years, { scopeId, kinds });
        for (const year of years) {
          const { rated, units } = scopeTallies(db, year, scopeId ?? null, kinds);
          const total = (chart.get(year) ?? []).reduce((sum, t) => sum + t.count, 0);
          expect(total, `${scopeId} ${year}`).toBe(units);
          expect(
            (chart.get(year) ?? []).filter((t) => t.recorded).map((t) => t.count),
            `${scopeId} ${year}`,
          ).toEqual(
            [...rated]
              .sort((x, y) =>
                x.level_code < y.level_code ? -1 : x.level_code > y.level_code ? 1 : 0,
              )
              .map((t) => t.n),
          );
        }
      }
    }
  });

  const planOf = (db: Db, walk: string, scope: string) =>
    queryPlan(db, chartTalliesSql(walk), {
      scope,
      first: 2016,
      last: 2020,
      bitsOfYears: '[0,1,2,3,4]',
      kinds: JSON.stringify(RATED_KINDS),
    });

  test("a committee's plan walks the tree index and searches the summaries by key, never scans", () => {
    const { b, r } = ratedRegister(3);
    const text = planOf(b.ctx.db, SUBTREE_SPAN_WALK, r.provinces[0]!);
    expect(text).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree \(parent_id=\?/);
    expect(text).toMatch(/SEARCH c EXISTS USING PRIMARY KEY \(parent_id=\?/);
    expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/);
    expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(parent_id=\?/);
    expect(text).not.toMatch(/SCAN (v|t|s|c|unit_versions|rating_tallies|version_spans)\b/);
    expect(text).not.toMatch(/AUTOMATIC/);
  });

  test("the nation's plan reads its committees from version_spans once and the tallies by key", () => {
    const { b, r } = ratedRegister(3);
    const text = planOf(b.ctx.db, NATION_SPAN_WALK, r.rootId);
    expect(text).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
    // Not an automatic index built over the whole table for each call.
    expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/);
    expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(parent_id=\?/);
    expect(text).not.toMatch(/SCAN (v|t|s|unit_versions|rating_tallies)\b/);
    expect(text).not.toMatch(
      /AUTOMATIC COVERING INDEX \(parent_id=\?\)\nSEARCH t|SEARCH t USING AUTOMATIC/,
    );
  });
});
