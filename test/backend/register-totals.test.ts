// The register's totals (migration 21: rating_year_totals, span_totals) and the chart of a top
// unit read from them (reports/register-totals.ts): equal to the walk of its committees
// (chart-tallies.ts, the code before) on a clean register after random writes through the
// handlers; declined, and the walk taken, on each kind of damage the walk counts differently (a
// district under two provinces, a loop, an orphan committee, a second root with children); a
// file of schema 20 gains totals equal to a recount; the reads' plans. That the totals stay equal
// to a recount after every write path is in rating-tallies.test.ts (keptAndRecounted).
import { afterAll, describe, expect, test, vi } from 'vitest';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import type { Db } from '../../electron/backend/db/open';
import { chartTallies } from '../../electron/backend/reports/chart-tallies';
import {
  COMMITTEES_SQL,
  TOTALS_SQL,
  EDGES_SQL,
  cleanTreeBelow,
  totalsOfYears,
} from '../../electron/backend/reports/register-totals';
import { talliesOfYears } from '../../electron/backend/reports/scope-register';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { UnitKind } from '../../shared/domain/units';
import { cleanupTemp, migratedTo, snapshotDb } from '../helpers/backend';
import type { Register } from '../helpers/register-writes';
import {
  YEARS,
  committeeChain,
  randomWrite,
  ratedRegister,
  versionInserter,
} from '../helpers/register-writes';
import { queryPlan } from '../helpers/prepared';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

const KIND_SETS: UnitKind[][] = [[...RATED_KINDS], ['base_cell'], ['subordinate_cell']];
/** Consecutive spans: the register's years, a part, one year, wider than the data. */
const SPANS = [YEARS, [2017, 2018, 2019], [2020], [2012, 2013, 2014, 2015, 2016, 2017, 2018]];

/**
 * The root's chart years from the totals equal the walk's for every span and kinds, and the
 * chart asked as the report asks it equals the walk's too. Returns the spans the totals answered.
 */
function expectTotalsAsWalked(db: Db, r: Register, step: string): number {
  let answered = 0;
  for (const years of SPANS) {
    for (const kinds of KIND_SETS) {
      const label = `${step} ${years.join(',')} ${kinds.join(',')}`;
      const walked = chartTallies(db, years, r.rootId, kinds);
      const totals = totalsOfYears(db, years, r.rootId, kinds);
      if (totals) {
        answered += 1;
        expect(
          years.map((y) => totals.get(y)),
          label,
        ).toEqual(years.map((y) => walked?.get(y)));
      }
      expect(talliesOfYears(db, years, { scopeId: r.rootId, kinds }), label).toEqual(
        talliesFromWalk(db, years, r.rootId, kinds),
      );
    }
  }
  return answered;
}

/** talliesOfYears as it was: the chart's walk, no totals (the order and shape it returns). */
function talliesFromWalk(db: Db, years: number[], scopeId: string, kinds: UnitKind[]) {
  const walked = chartTallies(db, years, scopeId, kinds);
  return new Map(
    years.map((year) => {
      const { rated, units } = walked?.get(year) ?? { rated: [], units: 0 };
      const byLevel = [...rated].sort((a, b) =>
        a.level_code < b.level_code ? -1 : a.level_code > b.level_code ? 1 : 0,
      );
      const tallies = byLevel.map((t) => ({
        levelCode: t.level_code === '' ? null : t.level_code,
        exemplary: t.exemplary === 1,
        recorded: true,
        count: t.n,
      }));
      const recorded = rated.reduce((sum, t) => sum + t.n, 0);
      if (units > recorded) {
        tallies.push({
          levelCode: null,
          exemplary: false,
          recorded: false,
          count: units - recorded,
        });
      }
      return [year, tallies];
    }),
  );
}

describe("the nation's chart from the register's totals", () => {
  test('equals the walk of its committees after random writes through the handlers', async () => {
    const { b, r, rnd } = ratedRegister(21);
    // A unit at the top with its own rating (parent ''): in neither the walk nor the totals.
    const loose = b.call('units.create', {
      name: 'Chi bộ độc lập',
      kind: 'base_cell',
      fromYear: 2010,
    }).id;
    b.call('ratings.set', { unitId: loose, year: 2018, levelCode: 'HTNV' });
    expect(expectTotalsAsWalked(b.ctx.db, r, 'built')).toBe(SPANS.length * KIND_SETS.length);
    const done: string[] = [];
    for (let step = 0; step < 48; step++) {
      done.push(await randomWrite(b, r, rnd));
      if (step % 12 === 11) {
        // The random writes move units within the tree: it stays clean, the totals answer.
        expect(expectTotalsAsWalked(b.ctx.db, r, `after ${done.join(' → ')}`)).toBe(
          SPANS.length * KIND_SETS.length,
        );
      }
    }
    const joined = done.join('\n');
    for (const write of ['units.move ok', 'units.correct ok', 'ratings.set ok']) {
      expect(joined).toContain(write);
    }
  });

  const damages: [string, (db: Db, r: Register) => void, [number, number]][] = [
    [
      'a district under two provinces at once',
      (db, r) => versionInserter(db).run('v-two', 2016, null, r.provinces[1]!, r.districts[0]!),
      [2016, 2020],
    ],
    [
      'a loop of parents below the root',
      (db, r) => versionInserter(db).run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!),
      [2019, 2020],
    ],
    [
      'an orphan committee (its parent does not exist)',
      (db, r) => {
        // A grassroots committee (with a cell under it) under a parent no file holds as well.
        db.pragma('foreign_keys = OFF');
        versionInserter(db).run('v-orphan', 2017, 2018, 'khong-co-to-chuc-nay', r.base[0]!.id);
        db.pragma('foreign_keys = ON');
      },
      [2017, 2018],
    ],
    [
      'a committee at the top beside the root',
      (db, r) =>
        db
          .prepare('UPDATE unit_versions SET parent_id = NULL WHERE unit_id = ?')
          .run(r.provinces[0]!),
      [2016, 2020],
    ],
  ];
  for (const [label, damage, [from, to]] of damages) {
    test(`is declined, and the walk counts, with ${label}`, () => {
      const { b, r } = ratedRegister(8);
      const db = b.ctx.db;
      expect(cleanTreeBelow(db, r.rootId, 2016, 2020)).toBe(true);
      damage(db, r);
      expect(cleanTreeBelow(db, r.rootId, from, to)).toBe(false);
      expect(totalsOfYears(db, YEARS, r.rootId, [...RATED_KINDS])).toBeNull();
      // Years before the damage stay one clean tree.
      if (from > 2016) expect(cleanTreeBelow(db, r.rootId, 2016, from - 1)).toBe(true);
      expectTotalsAsWalked(db, r, label);
      // The damage changes what the walk counts: the totals would have been wrong.
      const walked = chartTallies(db, YEARS, r.rootId, [...RATED_KINDS]);
      const rows = db
        .prepare(TOTALS_SQL)
        .all({ years: JSON.stringify(YEARS), kinds: JSON.stringify(RATED_KINDS) }) as {
        rated: number;
        year: number;
        n: number;
      }[];
      const units = (year: number) => rows.find((x) => x.rated === 0 && x.year === year)?.n;
      expect(
        YEARS.some((y) => units(y) !== walked?.get(y)?.units),
        `${label}: the totals differ from the walk`,
      ).toBe(true);
    });
  }

  test("is declined past the walk's depth: a chain of 65 committees below the root", () => {
    const { b, r } = ratedRegister(6);
    const db = b.ctx.db;
    const cell = committeeChain(b, r.provinces[0]!, 65);
    b.call('ratings.set', { unitId: cell, year: 2019, levelCode: 'HTNV' });
    expect(cleanTreeBelow(db, r.rootId, 2016, 2020)).toBe(false);
    expectTotalsAsWalked(db, r, 'deep chain');
    // The cell is past the walk's depth: the walk leaves it out, the totals would count it.
    const walked = chartTallies(db, [2019], r.rootId, [...RATED_KINDS])?.get(2019)?.units;
    const rows = db
      .prepare(TOTALS_SQL)
      .all({ years: '[2019]', kinds: JSON.stringify(RATED_KINDS) }) as {
      rated: number;
      n: number;
    }[];
    expect(rows.find((x) => x.rated === 0)?.n).toBe((walked ?? 0) + 1);
  });

  test('a province (under a parent) and a gap in the years are not asked of the totals', () => {
    const { b, r } = ratedRegister(4);
    const db = b.ctx.db;
    expect(totalsOfYears(db, YEARS, r.provinces[0]!, [...RATED_KINDS])).toBeNull();
    expect(totalsOfYears(db, [2016, 2018], r.rootId, [...RATED_KINDS])).toBeNull();
    expect(totalsOfYears(db, YEARS, r.rootId, [...RATED_KINDS])).not.toBeNull();
  });
});

describe('migration register-totals', () => {
  test('a file of schema 20 gains totals equal to a recount, every other row kept, the triggers on', () => {
    const { b, r } = ratedRegister(12);
    b.call('units.move', {
      id: r.base[5]!.id,
      year: 2018,
      parentId: r.districts[2]!,
      allowDuplicateName: true,
    });
    const db = b.ctx.db;
    const expected = totalsKept(db);
    const version = MIGRATIONS.find((m) => m.name === 'register-totals')!.version;
    for (const name of db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'register_totals_%'",
      )
      .pluck()
      .all() as string[]) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.exec('DROP TABLE rating_year_totals; DROP TABLE span_totals');
    db.pragma(`user_version = ${version - 1}`);
    const before = JSON.parse(snapshotDb(db)) as Record<string, unknown>;
    const path = b.dbPath;
    b.close();

    const migrated = migratedTo(path, version);
    try {
      expect(totalsKept(migrated)).toEqual(expected);
      expect(totalsKept(migrated)).toEqual(totalsRecounted(migrated));
      expect(expected.totals.length).toBeGreaterThan(5);
      expect(expected.spans.length).toBeGreaterThan(2);
      const after = JSON.parse(snapshotDb(migrated)) as Record<string, unknown>;
      delete after.rating_year_totals;
      delete after.span_totals;
      expect({ ...after, user_version: version - 1 }).toEqual(before);
      // The triggers came with it: a later rating and a later version are counted.
      migrated
        .prepare("UPDATE ratings SET level_code = 'HTNV' WHERE year = 2019 AND unit_id = ?")
        .run(r.base[0]!.id);
      migrated
        .prepare('UPDATE unit_versions SET valid_to = 2018 WHERE unit_id = ?')
        .run(r.base[1]!.id);
      expect(totalsKept(migrated)).toEqual(totalsRecounted(migrated));
      expect(totalsKept(migrated)).not.toEqual(expected);
    } finally {
      migrated.close();
    }
  });
});

const totalsKept = (db: Db) => ({
  totals: db
    .prepare(
      'SELECT * FROM rating_year_totals ORDER BY year, kind, scale_id, level_code, not_rated_reason, exemplary',
    )
    .all(),
  spans: db.prepare('SELECT * FROM span_totals ORDER BY kind, valid_from, valid_to').all(),
});

/** The totals summed again from the tallies and spans (which rating-tallies.test.ts checks). */
const totalsRecounted = (db: Db) => ({
  totals: db
    .prepare(
      `SELECT year, kind, scale_id, level_code, not_rated_reason, exemplary, sum(n) AS n
       FROM rating_tallies WHERE parent_id <> '' GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
       ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all(),
  spans: db
    .prepare(
      `SELECT kind, valid_from, valid_to, sum(n) AS n FROM version_spans WHERE parent_id <> ''
       GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3`,
    )
    .all(),
});

describe("the totals' reads (EXPLAIN QUERY PLAN)", () => {
  test('the totals are searched by year; the walk finds each committee by unit, never scans', () => {
    const { b } = ratedRegister(3);
    const db = b.ctx.db;
    const totals = queryPlan(db, TOTALS_SQL, {
      years: JSON.stringify(YEARS),
      kinds: JSON.stringify(RATED_KINDS),
    });
    expect(totals).toMatch(/SEARCH t USING PRIMARY KEY \(year=\? AND kind=\?\)/);
    expect(totals).toMatch(/SEARCH s USING PRIMARY KEY \(kind=\?/);
    expect(totals).not.toMatch(/rating_tallies|ratings|unit_versions|SCAN (t|s)\b/);
    const walk = queryPlan(db, EDGES_SQL, { first: 2016, last: 2020 });
    expect(walk).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
    expect(walk).not.toMatch(/SCAN (v|unit_versions|ratings|rating_tallies)\b/);
    // The committees: the span table alone (a few thousand rows nationally), no version read.
    const committees = queryPlan(db, COMMITTEES_SQL, { first: 2016, last: 2020 });
    expect(committees).not.toMatch(/unit_versions|ratings|rating_tallies/);
  });
});
