// reports.carryOver reads its units with less (reports/carry-over-units.ts): year N's rating of a
// unit at the lowest level taken from the year's scan that finds it, the units on a list looked
// up by id, the nation's rows kept once per path of its walk in JS, the groups put in order
// without sorting the units. The list must be exactly the old one (test/helpers/
// reference-carry-over.ts), as JSON, for every scope and year, on a register made harder than the
// generator makes it (two committees of one name, official orders, a kind change, lists covering
// the year) and on damaged ones (a district under two provinces at once, a unit whose committee
// is gone, a removed rating and version); the statement searches what it reads (EXPLAIN).
import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import {
  CARRY_OVER_UNITS,
  COMPARED_OF_UNIT,
  LOWEST_INDEXED,
} from '../../electron/backend/reports/carry-over-units';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, tempDbPath } from '../helpers/backend';
import type { NationalData } from '../helpers/national';
import { referenceCarryOver } from '../helpers/reference-carry-over';
import { referenceProgressReport } from '../helpers/reference-reports-progress';
import { reportRegister } from '../helpers/report-register';
import { createList } from '../helpers/watchlists';
import { queryPlan, queryPlanSteps } from '../helpers/prepared';

afterEach(cleanupTemp);

const YEARS = [2022, 2023, 2024] as const;

function register(): { b: TestBackend; data: NationalData; movable: string[] } {
  const { b, data, movable } = reportRegister({ seed: 43, orderedFrom: 30, kindChangedAt: 25 });
  const db = b.ctx.db;
  // The lowest level in each year for some units, some of them in two years running.
  for (const [year, offset] of [
    [2021, 0],
    [2022, 10],
    [2023, 20],
    [2024, 30],
  ] as const) {
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV' WHERE year = ? AND unit_id IN
         (SELECT unit_id FROM ratings WHERE year = ? ORDER BY unit_id LIMIT 50 OFFSET ?)`,
    ).run(year, year, offset);
  }
  // Lists covering each year: a province's and the root's, some members at the lowest level.
  const weak = db
    .prepare(
      `SELECT unit_id FROM ratings WHERE year = 2024 AND level_code = 'KHTNV' ORDER BY unit_id`,
    )
    .pluck()
    .all() as string[];
  for (const [issuer, members] of [
    [data.provinceIds[0] ?? '', movable.slice(40, 60)],
    [
      data.rootId ?? '',
      [...movable.slice(55, 70), ...weak.filter((id) => !movable.includes(id)).slice(0, 5)],
    ],
  ] as const) {
    for (const year of YEARS) {
      const list = createList(b, issuer, year);
      for (const unitId of members)
        b.call('watchlists.addMember', { watchlistId: list.id, unitId });
    }
  }
  return { b, data, movable };
}

/** The list now and before, as JSON, for each scope and year (and a compared year not N - 1). */
function expectAsBefore(b: TestBackend, scopes: (string | null)[], label: string): number {
  let longest = 0;
  for (const unitId of scopes) {
    for (const year of YEARS) {
      for (const compareYear of [undefined, year - 2]) {
        const input = {
          year,
          scope: { type: 'register' as const, unitId },
          ...(compareYear === undefined ? {} : { compareYear }),
        };
        const step = `${label} ${JSON.stringify(input)}`;
        const now = b.call('reports.carryOver', input);
        expect(JSON.stringify(now), step).toBe(JSON.stringify(referenceCarryOver(b.ctx, input)));
        longest = Math.max(longest, now.length);
      }
    }
  }
  return longest;
}

/** The register's scopes: the whole register, the root, each province, two districts. */
const scopesOf = (data: NationalData): (string | null)[] => [
  null,
  data.rootId,
  ...data.provinceIds,
  data.districtIds[0] ?? '',
  data.districtIds[4] ?? '',
];

describe('the carry-over list read with less', () => {
  test('equals the old list for every scope and year, and the one call per unit', () => {
    const { b, data } = register();
    const longest = expectAsBefore(b, scopesOf(data), 'clean');
    // Many units named: the lowest level's and the lists' slow ones.
    expect(longest).toBeGreaterThan(40);
    // The old one call, unit by unit, names the same units in the same order.
    for (const unitId of scopesOf(data)) {
      const input = { year: 2024, scope: { type: 'register' as const, unitId } };
      expect(b.call('reports.carryOver', input)).toEqual(
        referenceProgressReport(b.ctx, input).carryOver,
      );
    }
    // After a write nothing is kept from before it.
    const unit = data.baseIds.find(
      (_, i) => data.validFrom[i] === 2008 && data.validTo[i] === 9999,
    );
    b.ctx.db
      .prepare("UPDATE ratings SET level_code = 'KHTNV' WHERE unit_id = ? AND year = 2024")
      .run(unit);
    const nation = { year: 2024, scope: { type: 'register' as const, unitId: data.rootId } };
    const after = b.call('reports.carryOver', nation);
    expect(after.some((u) => u.unitId === unit)).toBe(true);
    expect(after).toEqual(referenceCarryOver(b.ctx, nation));
  });

  test('on damaged registers: a district reached twice, an orphan, removed rows', () => {
    const { b, data, movable } = register();
    const db = b.ctx.db;
    const [district] = data.districtIds;
    const parentOf = db
      .prepare(`SELECT parent_id FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL`)
      .pluck();
    const home = parentOf.get(district) as string;
    const other = data.provinceIds.find((p) => p !== home) ?? '';
    // A second version of the district under another province from 2016 (the walk reaches it
    // twice), written behind the app's back.
    db.prepare(
      `INSERT INTO unit_versions (id, unit_id, valid_from, valid_to, name, name_folded, sort_key,
         kind, parent_id, created_at, updated_at, changed_by_installation)
       SELECT 'v-twice', unit_id, 2016, NULL, name, name_folded, sort_key, kind, ?, created_at,
         updated_at, changed_by_installation FROM unit_versions WHERE unit_id = ? LIMIT 1`,
    ).run(other, district);
    // Under the district: units at the lowest level, one on a list.
    const under = db
      .prepare(
        `SELECT unit_id FROM unit_versions WHERE parent_id = ? AND deleted_at IS NULL
           AND valid_from <= 2022 AND (valid_to IS NULL OR valid_to >= 2024)
           AND kind IN (SELECT value FROM json_each(?))
           AND unit_id IN (SELECT unit_id FROM ratings WHERE year = 2024 AND deleted_at IS NULL
             AND scale_id IS NOT NULL AND level_code IS NOT NULL)
           AND unit_id NOT IN (SELECT value FROM json_each(?))
         ORDER BY unit_id LIMIT 4`,
      )
      .pluck()
      // Units rated in 2024 (the ids are random: an unrated one would not be named) and not
      // among the ones damaged below.
      .all(
        district,
        JSON.stringify(RATED_KINDS),
        JSON.stringify(movable.slice(80, 83)),
      ) as string[];
    expect(under).toHaveLength(4);
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV' WHERE year IN (2023, 2024)
         AND unit_id IN (SELECT value FROM json_each(?))`,
    ).run(JSON.stringify(under));
    const list = createList(b, data.rootId ?? '', 2024);
    b.call('watchlists.addMember', { watchlistId: list.id, unitId: under[3] ?? '' });
    // An orphan: a unit at the lowest level whose committee is no unit at all.
    const [orphan, removedRating, removedVersion] = movable.slice(80, 83);
    db.pragma('foreign_keys = OFF');
    db.prepare(`UPDATE unit_versions SET parent_id = 'no-such-unit' WHERE unit_id = ?`).run(orphan);
    db.pragma('foreign_keys = ON');
    // A rating at the lowest level removed, a unit at the lowest level whose version is removed.
    db.prepare(
      `UPDATE ratings SET level_code = 'KHTNV' WHERE year = 2024 AND unit_id IN (?, ?, ?)`,
    ).run(orphan, removedRating, removedVersion);
    db.prepare(
      `UPDATE ratings SET deleted_at = '2025-01-01T00:00:00Z' WHERE year = 2024 AND unit_id = ?`,
    ).run(removedRating);
    db.prepare(
      `UPDATE unit_versions SET deleted_at = '2025-01-01T00:00:00Z' WHERE unit_id = ?`,
    ).run(removedVersion);
    expectAsBefore(b, [...scopesOf(data), home, other], 'damaged');
    // The district's units are named once per path to it, the removed ones not at all.
    const nation = b.call('reports.carryOver', {
      year: 2024,
      scope: { type: 'register', unitId: data.rootId },
    });
    expect(nation.filter((u) => u.unitId === under[0])).toHaveLength(2);
    expect(nation.some((u) => u.unitId === removedRating || u.unitId === removedVersion)).toBe(
      false,
    );
    const whole = b.call('reports.carryOver', {
      year: 2024,
      scope: { type: 'register', unitId: null },
    });
    expect(whole.filter((u) => u.unitId === orphan)).toHaveLength(1);
  });

  test('committees ordered by their stored sort keys only where the collator agrees', () => {
    const { b, data } = register();
    const db = b.ctx.db;
    const nation = { year: 2024, scope: { type: 'register' as const, unitId: data.rootId } };
    const before = b.call('reports.carryOver', nation);
    expect(before).toEqual(referenceCarryOver(b.ctx, nation));
    // The last group's committee given a key that sorts it first, behind the app's back: the
    // collator, not the key, must still put it last.
    const last = before.at(-1)?.unitId;
    const committee = db
      .prepare(`SELECT parent_id FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL`)
      .pluck()
      .get(last) as string;
    db.prepare(`UPDATE unit_versions SET sort_key = char(1) WHERE unit_id = ?`).run(committee);
    const after = b.call('reports.carryOver', nation);
    expect(after.at(-1)?.unitId).toBe(last);
    expect(JSON.stringify(after)).toBe(JSON.stringify(referenceCarryOver(b.ctx, nation)));
    expectAsBefore(b, scopesOf(data), 'a key not agreeing');
  });

  test("the statement searches the year's lowest ratings, each unit's version and rating by key", () => {
    const { b } = register();
    const plan = queryPlan(b.ctx.db, CARRY_OVER_UNITS, {
      year: 2024,
      compareYear: 2023,
      kinds: JSON.stringify(RATED_KINDS),
      lowest: '["KHTNV","YK"]',
      watched: '[]',
    });
    // The scales' lowest codes are the indexed ones (a scale with another needs a migration).
    expect(LOWEST_INDEXED).toBe(true);
    expect(plan).toMatch(/SEARCH r USING COVERING INDEX ratings_lowest_by_year \(year=\?\)/);
    expect(plan).toMatch(/SEARCH c USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/);
    expect(plan).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
    expect(plan).toMatch(/SEARCH p USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\?/);
    // The compared year of a unit found at the lowest level: the lowest level's small index.
    expect(plan).toMatch(
      /SEARCH l USING COVERING INDEX ratings_lowest_by_year \(year=\? AND unit_id=\?/,
    );
    // Year N's rating is not looked up again for the units the search found.
    expect(plan.match(/ratings_by_year \(year=\? AND unit_id=\?/g)).toHaveLength(2);
    expect(plan).not.toMatch(/SCAN (r|v|c|p|l|ratings|unit_versions)\b/);
    const listed = queryPlanSteps(b.ctx.db, COMPARED_OF_UNIT, { unit: 'u', compareYear: 2023 });
    expect(listed).toEqual([
      'SEARCH ratings USING INDEX ratings_by_unit_year (unit_id=? AND year=?)',
    ]);
  });
});

describe('migration 22: the live ratings at the lowest level indexed', () => {
  const VERSION = MIGRATIONS.findIndex((m) => m.name === 'ratings-lowest') + 1;
  const LOWEST_LIVE = `SELECT year, unit_id FROM ratings
    WHERE deleted_at IS NULL AND level_code IN ('YK', 'KHTNV') ORDER BY year, unit_id`;

  test('a file of the version before gains it, holding exactly those ratings; the list unchanged', () => {
    const { b, data } = register();
    const db = b.ctx.db;
    // A removed rating at the lowest level, which the index leaves out.
    db.prepare(
      `UPDATE ratings SET deleted_at = '2025-01-01T00:00:00Z' WHERE rowid =
         (SELECT rowid FROM ratings WHERE year = 2024 AND level_code = 'KHTNV' LIMIT 1)`,
    ).run();
    const inputs = [null, data.rootId, data.provinceIds[0] ?? ''].map((unitId) => ({
      year: 2024,
      scope: { type: 'register' as const, unitId },
    }));
    const lists = inputs.map((input) => b.call('reports.carryOver', input));
    const path = b.dbPath;
    db.exec('DROP INDEX ratings_lowest_by_year');
    db.pragma(`user_version = ${VERSION - 1}`);
    b.close();

    const { db: migrated } = openDatabase(path, {
      migrateTo: VERSION,
      backupDir: tempDbPath('backups'),
    });
    try {
      const indexed = migrated
        .prepare(
          `SELECT year, unit_id FROM ratings INDEXED BY ratings_lowest_by_year
           WHERE year > 0 AND deleted_at IS NULL AND level_code IN ('YK', 'KHTNV')
           ORDER BY year, unit_id`,
        )
        .all();
      const live = migrated.prepare(LOWEST_LIVE).all();
      expect(live.length).toBeGreaterThan(100);
      expect(indexed).toEqual(live);
      const entries = migrated
        .prepare(`SELECT count(*) FROM pragma_index_info('ratings_lowest_by_year')`)
        .pluck()
        .get();
      expect(entries).toBe(7);
      migrated.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    } finally {
      migrated.close();
    }
    const after = makeBackend({ dbPath: path });
    inputs.forEach((input, i) => expect(after.call('reports.carryOver', input)).toEqual(lists[i]));
  });
});
