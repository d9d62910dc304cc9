// The rating tallies (migration 12, electron/backend/ratings/tallies.ts) stay equal to a full
// count after any sequence of writes through the real handlers — the grid's saves, single ratings
// and removals, the ratings import, the exchange's apply and undo, units moved, dissolved,
// removed, corrected, renamed, merged, split — with the bulk paths' switch both on and off; and
// ratings.counts read from them answers exactly what the code before them answered
// (test/helpers/reference-counts.ts), for the nation, a province, a district and no scope, also on
// damaged data written behind the app's back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import type { UnitKind } from '../../shared/domain/units';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import type { Db } from '../../electron/backend/db/open';
import {
  BULK_TALLY_THRESHOLDS,
  scopeTallies,
  unratedCount,
  withTalliesDeferred,
} from '../../electron/backend/ratings/tallies';
import { writeTransaction } from '../../electron/backend/db/write';
import { UNRATED_COUNT } from '../../electron/backend/watchlists/overview';
import { RATED_KINDS } from '../../shared/domain/scales';
import type { TestBackend } from '../helpers/backend';
import { cleanupTemp, makeBackend, makeTempDir, migratedTo, snapshotDb } from '../helpers/backend';
import { exportFile, importFiles } from '../helpers/exchange-sites';
import { prng } from '../helpers/prng';
import { preparedDuring } from '../helpers/prepared';
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
import * as reference from '../helpers/reference-counts';
import * as referenceMembers from '../helpers/reference-members';
import type { MembersSql } from '../../electron/backend/ratings/members';
import { membersSql } from '../../electron/backend/ratings/members';

vi.setConfig({ testTimeout: 120_000 });

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

const TALLY_KEY = 'year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary';
/** What the tallies must hold: every live rating counted over its unit's live versions of its year. */
const RECOUNT_TALLIES = `SELECT r.year, coalesce(v.parent_id, '') AS parent_id, v.kind, r.scale_id,
    coalesce(r.level_code, '') AS level_code, coalesce(r.not_rated_reason, '') AS not_rated_reason,
    r.exemplary, count(*) AS n
  FROM ratings r JOIN unit_versions v ON v.unit_id = r.unit_id AND v.deleted_at IS NULL
    AND v.valid_from <= r.year AND (v.valid_to IS NULL OR v.valid_to >= r.year)
  WHERE r.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`;
const RECOUNT_SPANS = `SELECT coalesce(parent_id, '') AS parent_id, kind, valid_from,
    coalesce(valid_to, 9999999) AS valid_to, count(*) AS n
  FROM unit_versions WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

/** The register's totals (migration 21): the tallies and spans summed over every committee. */
const TOTAL_KEY = 'year, kind, scale_id, level_code, not_rated_reason, exemplary';
const RECOUNT_TOTALS = `SELECT ${TOTAL_KEY}, sum(n) AS n FROM (${RECOUNT_TALLIES})
  WHERE parent_id <> '' GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;
const RECOUNT_SPAN_TOTALS = `SELECT kind, valid_from, valid_to, sum(n) AS n FROM (${RECOUNT_SPANS})
  WHERE parent_id <> '' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/**
 * The tallies, spans and the register's totals as kept (rows fallen to 0 left out; the totals
 * keep none) and as counted from the rows.
 */
function keptAndRecounted(db: Db) {
  return {
    kept: {
      totals: db.prepare(`SELECT * FROM rating_year_totals ORDER BY ${TOTAL_KEY}`).all(),
      spanTotals: db.prepare('SELECT * FROM span_totals ORDER BY kind, valid_from, valid_to').all(),
      tallies: db.prepare(`SELECT * FROM rating_tallies WHERE n <> 0 ORDER BY ${TALLY_KEY}`).all(),
      spans: db
        .prepare(
          'SELECT * FROM version_spans WHERE n <> 0 ORDER BY parent_id, kind, valid_from, valid_to',
        )
        .all(),
      deferred: db.prepare('SELECT deferred FROM rating_tally_state').pluck().get(),
    },
    recounted: {
      totals: db.prepare(RECOUNT_TOTALS).all(),
      spanTotals: db.prepare(RECOUNT_SPAN_TOTALS).all(),
      tallies: db.prepare(RECOUNT_TALLIES).all(),
      spans: db.prepare(RECOUNT_SPANS).all(),
      deferred: 0,
    },
  };
}

function expectTalliesExact(db: Db, step: string) {
  const { kept, recounted } = keptAndRecounted(db);
  expect(kept, step).toEqual(recounted);
}

const KIND_SETS: (UnitKind[] | undefined)[] = [
  undefined,
  ['base_cell'],
  ['subordinate_cell', 'base_committee'],
];

/** ratings.counts through the real dispatcher equals the old code's, for every scope asked. */
function expectCountsAsBefore(b: TestBackend, scopes: (string | undefined)[], step: string) {
  for (const year of YEARS) {
    for (const scopeId of scopes) {
      for (const kinds of KIND_SETS) {
        const input = { year, ...(scopeId ? { scopeId } : {}), ...(kinds ? { kinds } : {}) };
        expect(b.call('ratings.counts', input), `${step} ${JSON.stringify(input)}`).toEqual(
          reference.levelCounts(b.ctx.db, input),
        );
      }
    }
  }
}

/**
 * The grid's, the list's and the transitions' walk of each scope (membersSql, full and light)
 * gives the rows the walk gave before it skipped searching leaves for children (version_spans
 * says which units have children): the same rows as many times each, loops and units under two
 * parents included.
 */
function expectWalksAsBefore(db: Db, scopes: (string | undefined)[]) {
  let rows = 0;
  for (const year of YEARS) {
    for (const scopeId of scopes) {
      if (!scopeId) continue;
      for (const kinds of KIND_SETS) {
        for (const light of [false, true]) {
          const filter = { scopeId, kinds };
          const read = (sql: MembersSql) =>
            (db.prepare(`${sql.with}SELECT * FROM members`).raw().all(sql.params) as unknown[][])
              .map((row) => JSON.stringify(row))
              .sort();
          const label = `${year} ${scopeId} ${JSON.stringify(kinds)} ${light}`;
          const now = read(membersSql(year, filter, { light }));
          expect(now, label).toEqual(read(referenceMembers.membersSql(year, filter, { light })));
          rows += now.length;
        }
      }
    }
  }
  expect(rows).toBeGreaterThan(1000);
}

describe('rating tallies kept by the writes', () => {
  for (const [label, bulk] of [
    ['triggers row by row', false],
    ['bulk writes counted again at the end', true],
  ] as const) {
    test(`after random writes through the handlers (${label}) the tallies equal a full count and ratings.counts the old answer`, async () => {
      if (bulk) Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
      const b = makeBackend();
      const r = buildRegister(b);
      // The HTXSNV quota on for 2018-2022: the counts' warnings come from the tallies' committees.
      b.call('ratings.setQuota', { scaleId: 'qd132-2018', enabled: true, base: 'level' });
      expectTalliesExact(b.ctx.db, 'register built');
      const rnd = prng(bulk ? 2024 : 1930);
      const done: string[] = [];
      for (let step = 0; step < 80; step++) {
        done.push(await randomWrite(b, r, rnd));
        expectTalliesExact(b.ctx.db, `after ${done.join(' → ')}`);
        if (step % 10 === 9) expectCountsAsBefore(b, scopesOf(r), `step ${step}`);
      }
      // Every kind of write actually ran and wrote.
      const warned = YEARS.flatMap(
        (year) => b.call('ratings.counts', { year, scopeId: r.rootId }).warnings,
      );
      expect(warned.length).toBeGreaterThan(0);
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
        'units.rename ok',
      ]) {
        expect(joined).toContain(method);
      }
    });
  }

  test('the exchange apply and its undo keep the receiving file exact, row by row and in bulk, from senders that removed, merged and split units', async () => {
    for (const bulk of [false, true]) {
      Object.assign(BULK_TALLY_THRESHOLDS, bulk ? BULK_ALWAYS : DEFAULT_THRESHOLDS);
      const sender = makeBackend();
      const r = buildRegister(sender);
      sender.call('setup.complete', {
        operatorName: 'Ban Tổ chức Tỉnh ủy',
        ownUnit: { mode: 'existing', unitId: r.rootId },
      });
      // Seeds whose senders remove rated units (their files failed on the foreign key before).
      const rnd = prng(bulk ? 5 : 2);
      for (let i = 0; i < 30; i++) await randomWrite(sender, r, rnd);
      const first = await exportFile(sender);
      const receiver = makeBackend();
      await importFiles(receiver, [first.path]);
      expectTalliesExact(receiver.ctx.db, 'first file applied');
      expect(receiver.ctx.db.prepare('SELECT count(*) FROM rating_tallies').pluck().get()).not.toBe(
        0,
      );
      for (let i = 0; i < 30; i++) await randomWrite(sender, r, rnd);
      const second = await exportFile(sender);
      const applied = await importFiles(receiver, [second.path], {
        conflicts: { all: 'take_incoming' },
      });
      expectTalliesExact(receiver.ctx.db, 'second file applied');
      const receiverScopes = [r.rootId, r.provinces[1], r.districts[2], undefined];
      expectCountsAsBefore(receiver, receiverScopes, 'second file applied');
      receiver.call('exchange.undo', { batchId: applied.result.batches[0]!.id });
      expectTalliesExact(receiver.ctx.db, 'second file undone');
      expectCountsAsBefore(receiver, receiverScopes, 'second file undone');
    }
  });

  test('a failed bulk write leaves the tallies and the switch as they were', async () => {
    Object.assign(BULK_TALLY_THRESHOLDS, BULK_ALWAYS);
    const b = makeBackend();
    const r = buildRegister(b);
    b.call('ratings.set', { unitId: r.base[0]!.id, year: 2019, levelCode: 'HTTNV' });
    const path = join(makeTempDir(), 'xep-loai.csv');
    writeFileSync(path, '\uFEFFMã;Năm;Xếp loại\nCS-001;2019;HTXSNV\nCS-002;2019;HTNV\n');
    const preview = await b.callAsync('ratings.importPreview', {
      file: b.ctx.files.register(path).handle,
    });
    // Another write after the preview: the apply is refused under the write lock.
    b.call('ratings.set', { unitId: r.base[5]!.id, year: 2019, levelCode: 'HTNV' });
    const before = b.snapshot();
    const refused = b.raw('ratings.importApply', { planId: preview.planId });
    expect(refused.ok).toBe(false);
    expect(b.snapshot()).toBe(before);
    expectTalliesExact(b.ctx.db, 'refused import');
  });
});

describe('a bulk write that fails half-way', () => {
  test('caught inside its transaction and committed, it leaves the tallies exact and the triggers on', () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const db = b.ctx.db;
    const insert = db.prepare(
      `INSERT INTO ratings (id, unit_id, year, scale_id, level_code, exemplary, created_at,
         updated_at, changed_by_installation)
       VALUES (?, ?, 2019, 'qd132-2018', 'HTTNV', 0, 'x', 'x', 'x')`,
    );
    writeTransaction(db, () => {
      expect(() =>
        withTalliesDeferred(db, [2019], () => {
          insert.run('r-1', r.base[0]!.id);
          throw new Error('a row the bulk path refuses');
        }),
      ).toThrow('a row the bulk path refuses');
    });
    expectTalliesExact(db, 'after the failed bulk write');
    insert.run('r-2', r.base[1]!.id);
    expectTalliesExact(db, 'a later write, counted by the triggers');
  });
});

describe('ratings.counts from the tallies on damaged data', () => {
  test('overlapping versions, a loop of parents, orphans and removed units count as before', () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const rnd = prng(5);
    for (const year of YEARS) {
      b.call('ratings.saveYear', {
        year,
        entries: unitsOf(r, year).map((u) => ({ unitId: u.id, ...randomRating(rnd, year) })),
      });
    }
    const db = b.ctx.db;
    const at = '2024-01-01T00:00:00.000Z';
    const insertVersion = versionInserter(db);
    // A grassroots unit valid twice in 2017-2019, under another district too.
    insertVersion.run('v-overlap-1', 2017, 2019, r.districts[3]!, r.base[1]!.id);
    // A district under two provinces at once: its whole subtree is reached twice from the nation.
    insertVersion.run('v-overlap-2', 2016, null, r.provinces[1]!, r.districts[0]!);
    // A loop: a province under one of its own districts from 2019 (ended by the depth bound).
    insertVersion.run('v-loop', 2019, null, r.districts[1]!, r.provinces[1]!);
    // An orphan: a unit under a parent id no unit has.
    db.pragma('foreign_keys = OFF');
    insertVersion.run('v-orphan', 2016, null, 'khong-co-to-chuc-nay', r.base[2]!.id);
    db.pragma('foreign_keys = ON');
    // A removed unit whose versions were left live, and a version removed alone.
    db.prepare('UPDATE units SET deleted_at = ? WHERE id = ?').run(at, r.base[4]!.id);
    db.prepare(
      'UPDATE unit_versions SET deleted_at = ? WHERE id = (SELECT id FROM unit_versions WHERE unit_id = ? LIMIT 1)',
    ).run(at, r.base[7]!.id);
    // A rating whose level was blanked behind the app's back and a revived tombstone.
    db.prepare('UPDATE ratings SET level_code = NULL, not_rated_reason = ? WHERE unit_id = ?').run(
      'other',
      r.base[8]!.id,
    );
    expectTalliesExact(db, 'damaged');
    expectCountsAsBefore(b, [...scopesOf(r), r.provinces[1], r.districts[0]], 'damaged');
    expectWalksAsBefore(db, [...scopesOf(r), r.provinces[1], r.districts[0]]);
    // The nation's figures really changed under the damage (the test would notice a walk that
    // ignored the second path).
    const twice = b.call('ratings.counts', { year: 2018, scopeId: r.rootId });
    const once = b.call('ratings.counts', { year: 2018, scopeId: r.provinces[0] });
    expect(twice.total).toBeGreaterThan(once.total);
  });
});

/** A snapshot's tables but the tallies' own, and no user_version. */
function withoutTallies(snapshot: string): Record<string, unknown> {
  const dropped = new Set([
    'user_version',
    'rating_tallies',
    'version_spans',
    'rating_tally_state',
  ]);
  const tables = JSON.parse(snapshot) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(tables).filter(([name]) => !dropped.has(name)));
}

describe('migration rating-tallies', () => {
  test('a file from the version before gains tallies equal to a full count, every row kept', () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const rnd = prng(12);
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
    b.call('ratings.set', { unitId: r.base[6]!.id, year: 2019, levelCode: 'HTNV' });
    b.call('ratings.remove', { unitId: r.base[6]!.id, year: 2019 });
    const expected = keptAndRecounted(b.ctx.db).kept;
    const version = MIGRATIONS.find((m) => m.name === 'rating-tallies')!.version;
    const path = b.dbPath;
    const db = b.ctx.db;
    for (const name of db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rating_tallies_%'",
      )
      .pluck()
      .all() as string[]) {
      db.exec(`DROP TRIGGER ${name}`);
    }
    db.exec('DROP TABLE rating_tallies; DROP TABLE version_spans; DROP TABLE rating_tally_state');
    db.pragma(`user_version = ${version - 1}`);
    const before = withoutTallies(snapshotDb(db));
    b.close();

    // Only this migration runs: the file already holds what the later ones make (migration 16
    // would add its column again).
    const migrated = migratedTo(path, version);
    try {
      const { kept, recounted } = keptAndRecounted(migrated);
      expect(kept).toEqual(recounted);
      expect(kept).toEqual(expected);
      expect(kept.tallies.length).toBeGreaterThan(20);
      expect(withoutTallies(snapshotDb(migrated))).toEqual(before);
    } finally {
      migrated.close();
    }
  });
});

describe('the tallies read by index (EXPLAIN QUERY PLAN)', () => {
  /** The plans of the statements `read` prepares, bound to `scope`, each as one text. */
  function plansOf(db: Db, scope: string, read: () => void): { sql: string; plan: string }[] {
    return preparedDuring(db, read).map((sql) => ({
      sql,
      plan: (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
          sql.includes(':kinds')
            ? { year: 2019, scope, kinds: '["base_cell"]' }
            : {
                year: 2019,
                scope,
              },
        ) as { detail: string }[]
      )
        .map((p) => p.detail)
        .join('\n'),
    }));
  }

  test("a scope's figures search the tallies by year and parent and read no ratings or versions by scan", () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const db = b.ctx.db;
    const plans = plansOf(db, r.rootId, () => {
      scopeTallies(db, 2019, r.rootId, ['base_committee', 'base_cell']).groups();
      scopeTallies(db, 2019, null, ['base_committee', 'base_cell']).groups();
    });
    // The nation's two (and whether the root has a parent), the whole register's two.
    expect(plans.length).toBe(5);
    for (const { sql, plan } of plans) {
      expect(plan).not.toMatch(/SCAN (v|r|ratings|unit_versions)\b/);
      expect(plan).not.toMatch(/\bratings\b/);
      if (sql.includes('rating_tallies')) {
        expect(plan).toMatch(/SEARCH t USING PRIMARY KEY \(year=\?/);
      }
      if (sql.includes('WITH RECURSIVE')) {
        expect(plan).toMatch(/SEARCH v USING INDEX unit_versions_by_unit \(unit_id=\?/);
      }
    }
  });

  test("a province's figures read only its own subtree, never the other committees of the nation", () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const db = b.ctx.db;
    const plans = plansOf(db, r.provinces[0]!, () => {
      scopeTallies(db, 2019, r.provinces[0]!, ['base_committee', 'base_cell']).groups();
    });
    const walks = plans.filter((p) => p.sql.includes('WITH RECURSIVE'));
    expect(walks).toHaveLength(2);
    for (const { plan } of walks) {
      // Down the province's tree, into a child only when it has children that year.
      expect(plan).toMatch(/SEARCH v USING COVERING INDEX unit_versions_tree \(parent_id=\?/);
      expect(plan).toMatch(/SEARCH c (EXISTS )?USING PRIMARY KEY \(parent_id=\?\)/);
      // Before: every committee of the nation from version_spans, the year's tallies and every
      // span scanned to keep the province's.
      expect(plan).not.toMatch(/SCAN (version_spans|rating_tallies|s|t|v)\b/);
      expect(plan).not.toMatch(/unit_versions_by_unit/);
      expect(plan).toMatch(/SEARCH s USING PRIMARY KEY \(parent_id=\?/);
    }
    expect(walks.map((w) => w.plan).join('\n')).toMatch(
      /SEARCH t USING PRIMARY KEY \(year=\? AND parent_id=\?/,
    );
  });
});

describe("Tổng quan's count of unrated units from the tallies", () => {
  test('equals the direct count after random writes, damage and a removed unit left with live versions', async () => {
    const b = makeBackend();
    const r = buildRegister(b);
    const rnd = prng(99);
    const direct = (year: number) =>
      (b.ctx.db.prepare(UNRATED_COUNT).get({ year }) as { n: number }).n;
    const check = (step: string) => {
      for (const year of [...YEARS, 2021]) {
        expect(unratedCount(b.ctx.db, year, RATED_KINDS), `${step} ${year}`).toBe(direct(year));
      }
    };
    check('empty');
    for (let step = 0; step < 40; step++) {
      await randomWrite(b, r, rnd);
      check(`step ${step}`);
    }
    const year = 2019;
    // Every unit of 2019 rated: Tổng quan lists none and says 0.
    const rows = b.call('ratings.grid', { year, scopeId: r.rootId }).rows;
    b.call('ratings.saveYear', {
      year,
      entries: rows.map((row) => ({ unitId: row.unitId, levelCode: 'HTTNV' })),
    });
    expect(direct(year)).toBe(0);
    const overview = b.call('overview.get', { year: 2020, ratingYear: year });
    expect(overview.unrated).toEqual({ total: 0, items: [] });
    // A unit removed behind the app's back with its versions left live is not counted.
    b.call('ratings.remove', { unitId: rows[0]!.unitId, year });
    b.ctx.db
      .prepare('UPDATE units SET deleted_at = ? WHERE id = ?')
      .run('2024-01-01', rows[0]!.unitId);
    expect(direct(year)).toBe(0);
    check('removed unit with live versions');
  });
});

describe('a bulk write counts again only the years it touched (tallies-touched.ts)', () => {
  /** A register rated in every year, with a marker row (n = 0) per year that no count writes. */
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
      `INSERT INTO rating_tallies VALUES (?, 'marker', 'base_cell', 'x', '', '', 0, 0)`,
    );
    for (const year of YEARS) mark.run(year);
    /** The years whose tallies were not counted again (their marker is still there). */
    const untouched = () =>
      db
        .prepare("SELECT year FROM rating_tallies WHERE parent_id = 'marker' ORDER BY year")
        .pluck()
        .all();
    return { b, r, db, untouched };
  }

  function inBulk(db: Db, work: () => void) {
    writeTransaction(db, () => withTalliesDeferred(db, [], work));
  }

  test('ratings of one year: only that year is counted again, every year stays exact', () => {
    const { r, db, untouched } = ratedWithMarkers();
    inBulk(db, () => {
      db.prepare(
        "UPDATE ratings SET level_code = 'HTXSNV', rev = rev + 1 WHERE year = 2019 AND unit_id = ?",
      ).run(r.base[0]!.id);
    });
    expect(untouched()).toEqual([2016, 2017, 2018, 2020]);
    expectTalliesExact(db, 'one rating of 2019 changed');
    // A rating moved to another year and one removed: both years of the move, the removal's year.
    inBulk(db, () => {
      db.prepare('DELETE FROM ratings WHERE year = 2018 AND unit_id = ?').run(r.base[1]!.id);
      db.prepare('UPDATE ratings SET year = 2018 WHERE year = 2017 AND unit_id = ?').run(
        r.base[1]!.id,
      );
      db.prepare("UPDATE ratings SET deleted_at = 'x' WHERE year = 2020 AND unit_id = ?").run(
        r.base[2]!.id,
      );
    });
    expect(untouched()).toEqual([2016]);
    expectTalliesExact(db, 'a rating moved to 2018, one of 2020 removed');
  });

  test("a version's change counts again the years it spanned before and after, and the spans", () => {
    const { b, r, db, untouched } = ratedWithMarkers();
    // A unit dissolved in 2018 (its version valid 2008-2018): moving it touches 2016-2018 only.
    const unit = r.base[1]!;
    b.call('units.dissolve', { id: unit.id, year: 2018 });
    for (const year of YEARS) {
      db.prepare(
        `INSERT OR IGNORE INTO rating_tallies VALUES (?, 'marker', 'base_cell', 'x', '', '', 0, 0)`,
      ).run(year);
    }
    inBulk(db, () => {
      db.prepare('UPDATE unit_versions SET parent_id = ? WHERE unit_id = ?').run(
        r.districts[3]!,
        unit.id,
      );
    });
    expect(untouched()).toEqual([2019, 2020]);
    expectTalliesExact(db, 'an ended version moved');
    // A version made to start later (2019): the years of its old span (2008-) and new one.
    inBulk(db, () => {
      db.prepare('UPDATE unit_versions SET valid_from = 2019 WHERE unit_id = ?').run(r.base[4]!.id);
    });
    expect(untouched()).toEqual([]);
    expectTalliesExact(db, 'a version made to start in 2019');
  });

  test('a bulk write rolled back leaves nothing noted for the next one', () => {
    const { r, db, untouched } = ratedWithMarkers();
    expect(() =>
      writeTransaction(db, () =>
        withTalliesDeferred(db, [], () => {
          db.prepare("UPDATE ratings SET level_code = 'HTNV' WHERE year = 2020").run();
          throw new Error('refused');
        }),
      ),
    ).toThrow('refused');
    inBulk(db, () => {
      db.prepare("UPDATE ratings SET level_code = 'HTNV' WHERE year = 2016 AND unit_id = ?").run(
        r.base[0]!.id,
      );
    });
    expect(untouched()).toEqual([2017, 2018, 2019, 2020]);
    expectTalliesExact(db, 'after a rolled-back bulk write and another');
  });

  test('the years of written versions are found by searching the ratings by year (EXPLAIN)', () => {
    const { db } = ratedWithMarkers();
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT min(year) FROM ratings WHERE year > ? AND deleted_at IS NULL',
        )
        .all(2016) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH ratings USING (COVERING )?INDEX ratings_by_year \(year>\?\)/);
  });
});
