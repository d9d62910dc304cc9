// The pairs of ratings kept by the writes (migration 18, rating_transitions) stay equal to a full
// count after any sequence of writes through the real handlers (the grid's saves, single ratings
// and removals, the ratings import, the exchange's apply and undo, units moved, dissolved,
// removed, corrected, renamed, merged, split), with the bulk paths' switch both on and off; and
// ratings.transitions read from them answers exactly what the live count answered before
// (test/helpers/reference-transitions.ts), for the nation, no scope and, through the live path,
// a province and a district, also on damaged data written behind the app's back.
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import type { UnitKind } from '../../shared/domain/units';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { REBUILD_SQL as REBUILD_TALLIES_SQL } from '../../electron/backend/db/migrations/0012-rating-tallies';
import { COUNT_YEAR_SQL } from '../../electron/backend/db/migrations/0018-rating-transitions';
import type { Db } from '../../electron/backend/db/open';
import { writeTransaction } from '../../electron/backend/db/write';
import { BULK_TALLY_THRESHOLDS, withTalliesDeferred } from '../../electron/backend/ratings/tallies';
import { summaryPairs } from '../../electron/backend/ratings/transition-summary';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, migratedTo, snapshotDb } from '../helpers/backend';
import { exportFile, importFiles } from '../helpers/exchange-sites';
import { prng } from '../helpers/prng';
import { preparedDuring, queryPlan } from '../helpers/prepared';
import {
  YEARS,
  buildRegister,
  levelsOf,
  randomRating,
  randomWrite,
  scopesOf,
  unitsOf,
  versionInserter,
} from '../helpers/register-writes';
import type { Register } from '../helpers/register-writes';
import { generateNational } from '../helpers/national';
import { liveTransitions } from '../helpers/reference-transitions';

vi.setConfig({ testTimeout: 180_000 });

afterAll(cleanupTemp);
const DEFAULT_THRESHOLDS = { ...BULK_TALLY_THRESHOLDS };
/** Every bulk write of the tests takes the bulk path. */
const BULK_ALWAYS = {
  ratingsMinimum: 0,
  versionsPerRating: Infinity,
  recordsMinimum: 0,
  ratingsPerRecord: Infinity,
};
afterEach(() => Object.assign(BULK_TALLY_THRESHOLDS, DEFAULT_THRESHOLDS));

const PAIR_KEY =
  'year, parent_id, kind, from_state, from_scale, from_level, to_state, to_scale, to_level';

/** The pairs as kept, and as counted from the rows (every year with a rating and the next). */
function keptAndRecounted(db: Db) {
  const kept = db.prepare(`SELECT * FROM rating_transitions ORDER BY ${PAIR_KEY}`).all();
  db.exec('CREATE TEMP TABLE IF NOT EXISTS recount AS SELECT * FROM rating_transitions WHERE 0');
  db.exec('DELETE FROM temp.recount');
  const years = db
    .prepare(
      `SELECT year FROM ratings WHERE deleted_at IS NULL
       UNION SELECT year + 1 FROM ratings WHERE deleted_at IS NULL`,
    )
    .pluck()
    .all() as number[];
  const count = db.prepare(
    COUNT_YEAR_SQL.replace('INSERT INTO rating_transitions', 'INSERT INTO temp.recount'),
  );
  for (const year of years) count.run({ year });
  const recounted = db.prepare(`SELECT * FROM temp.recount ORDER BY ${PAIR_KEY}`).all();
  return { kept, recounted };
}

function expectPairsExact(db: Db, step: string) {
  const { kept, recounted } = keptAndRecounted(db);
  expect(kept, step).toEqual(recounted);
  expect(db.prepare('SELECT deferred FROM rating_tally_state').pluck().get(), step).toBe(0);
}

const KIND_SETS: (UnitKind[] | undefined)[] = [
  undefined,
  ['base_cell'],
  ['subordinate_cell', 'base_committee'],
  ['upper_committee'],
];

/**
 * ratings.transitions through the dispatcher equals the live count's, for every scope, kind set,
 * crosswalk and pair asked; the nation and no scope are read from the summary (checked).
 */
function expectTransitionsAsLive(
  b: TestBackend,
  scopes: (string | undefined)[],
  wide: (string | undefined)[],
  step: string,
) {
  const db = b.ctx.db;
  let fromSummary = 0;
  for (const toYear of [...YEARS, 2021]) {
    for (const fromYear of [toYear - 1, toYear - 2]) {
      for (const scopeId of scopes) {
        for (const kinds of KIND_SETS) {
          for (const crosswalk of [false, true]) {
            const input = {
              fromYear,
              toYear,
              crosswalk,
              ...(scopeId ? { scopeId } : {}),
              ...(kinds ? { kinds } : {}),
            };
            const label = `${step} ${JSON.stringify(input)}`;
            expect(b.call('ratings.transitions', input), label).toEqual(liveTransitions(db, input));
            const summary = summaryPairs(db, {
              fromYear,
              toYear,
              scopeId,
              kinds: kinds ?? RATED_KINDS,
            });
            if (fromYear === toYear - 1 && wide.includes(scopeId)) {
              expect(summary, label).not.toBeNull();
              fromSummary++;
            } else if (fromYear !== toYear - 1) {
              expect(summary, label).toBeNull();
            }
          }
        }
      }
    }
  }
  expect(fromSummary).toBeGreaterThan(0);
}

const wideOf = (r: Register) => [r.rootId, undefined];

describe('rating transitions kept by the writes', () => {
  for (const [label, bulk] of [
    ['triggers row by row', false],
    ['bulk writes counted again at the end', true],
  ] as const) {
    test(`after random writes through the handlers (${label}) the pairs equal a full count and ratings.transitions the live answer`, async () => {
      if (bulk) Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
      const b = makeBackend();
      const r = buildRegister(b);
      expectPairsExact(b.ctx.db, 'register built');
      const rnd = prng(bulk ? 77 : 1931);
      const done: string[] = [];
      for (let step = 0; step < 80; step++) {
        done.push(await randomWrite(b, r, rnd));
        expectPairsExact(b.ctx.db, `after ${done.join(' → ')}`);
        if (step % 20 === 19) {
          expectTransitionsAsLive(b, scopesOf(r), wideOf(r), `step ${step}`);
        }
      }
      expect(
        b.ctx.db.prepare('SELECT count(*) FROM rating_transitions').pluck().get(),
      ).toBeGreaterThan(20);
      const joined = done.join('\n');
      for (const method of [
        'ratings.set ok',
        'ratings.remove ok',
        'ratings.saveYear ok',
        'rows ok',
        'units.move ok',
        'units.dissolve ok',
        'units.correct ok',
        'units.changeFrom ok',
        'units.merge ok',
        'units.split ok',
        'units.remove ok',
      ]) {
        expect(joined).toContain(method);
      }
    });
  }

  test('the exchange apply and its undo keep the receiving file exact, row by row and in bulk', async () => {
    for (const bulk of [false, true]) {
      Object.assign(BULK_TALLY_THRESHOLDS, bulk ? BULK_ALWAYS : DEFAULT_THRESHOLDS);
      const sender = makeBackend();
      const r = buildRegister(sender);
      sender.call('setup.complete', {
        operatorName: 'Ban Tổ chức Tỉnh ủy',
        ownUnit: { mode: 'existing', unitId: r.rootId },
      });
      const rnd = prng(bulk ? 6 : 3);
      for (let i = 0; i < 30; i++) await randomWrite(sender, r, rnd);
      const first = await exportFile(sender);
      const receiver = makeBackend();
      await importFiles(receiver, [first.path]);
      expectPairsExact(receiver.ctx.db, 'first file applied');
      for (let i = 0; i < 30; i++) await randomWrite(sender, r, rnd);
      const second = await exportFile(sender);
      const before = snapshotDb(receiver.ctx.db);
      const applied = await importFiles(receiver, [second.path], {
        conflicts: { all: 'take_incoming' },
      });
      expectPairsExact(receiver.ctx.db, 'second file applied');
      const receiverScopes = [r.rootId, r.provinces[1], r.districts[2], undefined];
      expectTransitionsAsLive(receiver, receiverScopes, wideOf(r), 'second file applied');
      receiver.call('exchange.undo', { batchId: applied.result.batches[0]!.id });
      expectPairsExact(receiver.ctx.db, 'second file undone');
      expectTransitionsAsLive(receiver, receiverScopes, wideOf(r), 'second file undone');
      // The summary's rows after the undo are those before the file, row for row.
      const pairsOf = (snapshot: string) =>
        (JSON.parse(snapshot) as Record<string, unknown>).rating_transitions;
      expect(pairsOf(snapshotDb(receiver.ctx.db))).toEqual(pairsOf(before));
    }
  });
});

describe('ratings.transitions from the summary on damaged data', () => {
  test('overlapping versions, a loop of parents, orphans, removed units and a blanked level count as the live answer', () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const rnd = prng(8);
    for (const year of YEARS) {
      b.call('ratings.saveYear', {
        year,
        entries: unitsOf(r, year)
          .filter(() => rnd.chance(0.85))
          .map((u) => ({ unitId: u.id, ...randomRating(rnd, year) })),
      });
    }
    const db = b.ctx.db;
    const at = '2024-01-01T00:00:00.000Z';
    const insertVersion = versionInserter(db);
    insertVersion.run('v-overlap-1', 2017, 2019, r.districts[3]!, r.base[1]!.id);
    insertVersion.run('v-overlap-2', 2016, null, r.provinces[1]!, r.districts[0]!);
    insertVersion.run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!);
    db.pragma('foreign_keys = OFF');
    insertVersion.run('v-orphan', 2016, null, 'khong-co-to-chuc-nay', r.base[2]!.id);
    db.pragma('foreign_keys = ON');
    db.prepare('UPDATE units SET deleted_at = ? WHERE id = ?').run(at, r.base[4]!.id);
    db.prepare(
      'UPDATE unit_versions SET deleted_at = ? WHERE id = (SELECT id FROM unit_versions WHERE unit_id = ? LIMIT 1)',
    ).run(at, r.base[7]!.id);
    db.prepare('UPDATE ratings SET level_code = NULL, not_rated_reason = ? WHERE unit_id = ?').run(
      'other',
      r.base[8]!.id,
    );
    // A rating moved to the next year by hand (the row's key changes): both pairs around it.
    db.prepare('DELETE FROM ratings WHERE unit_id = ? AND year = 2019').run(r.base[9]!.id);
    db.prepare('UPDATE ratings SET year = 2019 WHERE unit_id = ? AND year = 2018').run(
      r.base[9]!.id,
    );
    // A level no scale knows, and a level written as '' (not NULL): kept apart from "no level".
    db.prepare("UPDATE ratings SET level_code = 'LA' WHERE unit_id = ? AND year = 2018").run(
      r.base[10]!.id,
    );
    db.prepare(
      "UPDATE ratings SET level_code = '' , not_rated_reason = NULL WHERE unit_id = ? AND year = 2019",
    ).run(r.base[11]!.id);
    expectPairsExact(db, 'damaged');
    expectTransitionsAsLive(
      b,
      [...scopesOf(r), r.provinces[1], r.districts[0]],
      wideOf(r),
      'damaged',
    );
    const twice = b.call('ratings.transitions', {
      fromYear: 2018,
      toYear: 2019,
      scopeId: r.rootId,
    });
    const once = b.call('ratings.transitions', {
      fromYear: 2018,
      toYear: 2019,
      scopeId: r.provinces[0],
    });
    expect(twice.totals.total).toBeGreaterThan(once.totals.total);
  });
});

describe('the national data set of the bench and the national-size test', () => {
  test('is written with the triggers off and counted once: its pairs equal a full count', () => {
    const b = makeBackend();
    const db = b.ctx.db;
    generateNational(db, {
      root: 'Đảng bộ toàn quốc Mẫu',
      provinces: 2,
      districts: 6,
      units: 600,
      firstYear: 2015,
      years: 6,
      seed: 77,
      renameEvery: 9,
    });
    expectPairsExact(db, 'generated');
    expect(db.prepare('SELECT count(*) FROM rating_transitions').pluck().get()).toBeGreaterThan(
      100,
    );
    const tallies = db.prepare('SELECT * FROM rating_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7').all();
    db.exec('DELETE FROM rating_tallies; UPDATE rating_tally_state SET deferred = 0');
    db.exec(REBUILD_TALLIES_SQL);
    expect(db.prepare('SELECT * FROM rating_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7').all()).toEqual(
      tallies,
    );
  });
});

describe('migration rating-transitions', () => {
  test('a file from the version before gains pairs equal to a full count, every other row kept', () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const rnd = prng(13);
    for (const year of YEARS) {
      b.call('ratings.saveYear', {
        year,
        entries: unitsOf(r, year)
          .filter(() => rnd.chance(0.8))
          .map((u) => ({ unitId: u.id, ...randomRating(rnd, year) })),
      });
    }
    b.call('units.move', {
      id: r.base[5]!.id,
      year: 2018,
      parentId: r.districts[2]!,
      allowDuplicateName: true,
    });
    const expected = keptAndRecounted(b.ctx.db).kept;
    const version = MIGRATIONS.find((m) => m.name === 'rating-transitions')!.version;
    const path = b.dbPath;
    const db = b.ctx.db;
    for (const name of db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rating_transitions_%'",
      )
      .pluck()
      .all() as string[]) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.exec('DROP TABLE rating_transitions; DROP TABLE temp.recount');
    db.pragma(`user_version = ${version - 1}`);
    const before = JSON.parse(snapshotDb(db)) as Record<string, unknown>;
    b.close();

    const migrated = migratedTo(path, version);
    try {
      const { kept, recounted } = keptAndRecounted(migrated);
      expect(kept).toEqual(recounted);
      expect(kept).toEqual(expected);
      expect(kept.length).toBeGreaterThan(20);
      const after = JSON.parse(snapshotDb(migrated)) as Record<string, unknown>;
      delete after.rating_transitions;
      expect({ ...after, user_version: version - 1 }).toEqual(before);
      // The triggers came with it: a later write is counted.
      migrated
        .prepare("UPDATE ratings SET level_code = 'HTNV' WHERE year = 2019 AND unit_id = ?")
        .run(r.base[0]!.id);
      expect(keptAndRecounted(migrated).kept).toEqual(keptAndRecounted(migrated).recounted);
    } finally {
      migrated.close();
    }
  });
});

describe('a bulk write counts the pairs again only for the years it touched', () => {
  function ratedWithMarkers() {
    const b = makeBackend();
    const r = buildRegister(b);
    for (const year of YEARS) {
      const entries = unitsOf(r, year)
        .slice(0, 12)
        .map((u) => ({ unitId: u.id, levelCode: levelsOf(year)[1]! }));
      b.call('ratings.saveYear', { year, entries });
    }
    const db = b.ctx.db;
    const mark = db.prepare(
      `INSERT INTO rating_transitions VALUES (?, 'marker', 'base_cell', 0, '', '', 0, '', '', 1)`,
    );
    for (const year of [...YEARS, 2021]) mark.run(year);
    const untouched = () =>
      db
        .prepare("SELECT year FROM rating_transitions WHERE parent_id = 'marker' ORDER BY year")
        .pluck()
        .all();
    const withoutMarkers = () =>
      db.prepare("DELETE FROM rating_transitions WHERE parent_id = 'marker'").run();
    return { b, r, db, untouched, withoutMarkers };
  }
  const inBulk = (db: Db, work: () => void) =>
    writeTransaction(db, () => withTalliesDeferred(db, [], work));

  test('a rating of 2019: the pairs of 2019 and 2020, nothing else', () => {
    const { r, db, untouched, withoutMarkers } = ratedWithMarkers();
    inBulk(db, () => {
      db.prepare(
        "UPDATE ratings SET level_code = 'HTXSNV', rev = rev + 1 WHERE year = 2019 AND unit_id = ?",
      ).run(r.base[0]!.id);
    });
    expect(untouched()).toEqual([2016, 2017, 2018, 2021]);
    withoutMarkers();
    expectPairsExact(db, 'one rating of 2019 changed');
  });

  test("a version starting the year after its unit's last rating: that pair counted again", () => {
    const { b, r, db, untouched, withoutMarkers } = ratedWithMarkers();
    // Unit 0 rated 2016-2020; a new version of it from 2021 under another district: the pair
    // 2020 → 2021 is in 2021 only, which has no rating.
    b.call('units.move', {
      id: r.base[0]!.id,
      year: 2019,
      parentId: r.districts[3]!,
      allowDuplicateName: true,
    });
    db.prepare(
      "INSERT OR REPLACE INTO rating_transitions VALUES (2021, 'marker', 'base_cell', 0, '', '', 0, '', '', 1)",
    ).run();
    inBulk(db, () => {
      db.prepare(
        'UPDATE unit_versions SET valid_from = 2021 WHERE unit_id = ? AND valid_from = 2019',
      ).run(r.base[0]!.id);
    });
    expect(untouched()).not.toContain(2021);
    withoutMarkers();
    expectPairsExact(db, 'a version moved to start in 2021');
  });
});

describe('the summary read by index (EXPLAIN QUERY PLAN)', () => {
  test("the nation's pairs search the summary by year and parent, and read no ratings", () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const db = b.ctx.db;
    const statements = preparedDuring(db, () => {
      summaryPairs(db, { fromYear: 2018, toYear: 2019, scopeId: r.rootId, kinds: RATED_KINDS });
      summaryPairs(db, { fromYear: 2018, toYear: 2019, kinds: RATED_KINDS });
    });
    const reads = statements.filter((sql) => sql.includes('rating_transitions'));
    expect(reads).toHaveLength(2);
    for (const sql of statements) {
      const plan = queryPlan(db, sql, { year: 2019, scope: r.rootId, kinds: '["base_cell"]' });
      expect(plan).not.toMatch(/SCAN (v|r|a|b|ratings|unit_versions)\b/);
      expect(plan).not.toMatch(/\bratings\b/);
      if (sql.includes('rating_transitions'))
        expect(plan).toMatch(/SEARCH t USING PRIMARY KEY \(year=\?/);
      if (sql.includes('WITH RECURSIVE')) {
        expect(plan).toMatch(/SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/);
      }
    }
  });

  test('the bulk recount of a year reads the tree index and searches the ratings by year and unit', () => {
    const b = makeBackend();
    const plan = queryPlan(b.ctx.db, COUNT_YEAR_SQL, { year: 2019 });
    expect(plan).toMatch(/SCAN v USING COVERING INDEX unit_versions_tree/);
    expect(plan).toMatch(
      /SEARCH a USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
    );
    expect(plan).toMatch(
      /SEARCH b USING COVERING INDEX ratings_by_year \(year=\? AND unit_id=\? AND deleted_at=\?\)/,
    );
  });
});
