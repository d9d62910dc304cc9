// Migration 23: the kept pairs' numbers in an index on rankedPairSql's expression
// (rating_transitions_coded). summaryGroups reads each row's number from it, covering, instead of
// working the CASE out per row; SQLite keeps it on every write as any index. Checked here: a
// file of schema 22 gains it with every row unchanged; each entry's number is the one SIDES gives
// the row's sides (worked out in JavaScript, not by the CASE), and the index lists the rows in
// the order of the table's key (the order the pairs were read in before); after random writes through the
// handlers the groups read through it equal the groups read by the primary key with the CASE
// (the index dropped). That the reads search it, covering, for the nation, a province and the
// whole register (a statement whose expression differed from the index's would not be covered)
// is checked with their other plan checks in rating-transitions-coded.test.ts.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import type { Db } from '../../electron/backend/db/open';
import { summaryGroups } from '../../electron/backend/ratings/transition-summary';
import {
  PAIR_OF_RANKED,
  SIDES,
  UNKNOWN_PAIR,
  pairCode,
  rankedPairSql,
} from '../../electron/backend/ratings/transition-sides';
import { RATED_KINDS } from '../../shared/domain/scales';
import { cleanupTemp, migratedTo, snapshotDb } from '../helpers/backend';
import type { Register } from '../helpers/register-writes';
import { YEARS, ratedAndWritten, scopesOf } from '../helpers/register-writes';

vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanupTemp);

const INDEX = 'rating_transitions_coded';

interface Side {
  state: number;
  scale: string;
  level: string;
}

/** A side's number as SIDES lists it, found in JavaScript; -1 when the catalog has none. */
const sideNumber = (s: Side) =>
  SIDES.findIndex((x) => x.state === s.state && x.scale === s.scale && x.level === s.level);

const sideOf = (row: Record<string, string | number>, prefix: 'from' | 'to') =>
  sideNumber({
    state: Number(row[`${prefix}_state`]),
    scale: String(row[`${prefix}_scale`]),
    level: String(row[`${prefix}_level`]),
  });

const COLUMNS = `year, parent_id, kind, from_state, from_scale, from_level, to_state, to_scale,
  to_level, n`;

/**
 * Each kept row with the number the index holds for it (read back to a pair number) and the one
 * SIDES gives its sides; the rows in the index's order, which must be the table key's.
 */
function indexedNumbers(db: Db) {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS}, ${rankedPairSql(null)} AS code
       FROM rating_transitions INDEXED BY ${INDEX} ORDER BY year, parent_id, kind, code`,
    )
    .all() as (Record<string, string | number> & { code: number })[];
  // A pair with an unknown side sorts first in the index (UNKNOWN_PAIR); summaryGroups reads
  // none of its group's then (summaryPairs reads them by the key): left out of the order here.
  const known = (row: Record<string, string | number>) =>
    sideOf(row, 'from') >= 0 && sideOf(row, 'to') >= 0;
  const byKey = (
    db
      .prepare(`SELECT ${COLUMNS} FROM rating_transitions ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`)
      .all() as Record<string, string | number>[]
  ).filter(known);
  expect(rows.filter(known).map(({ code: _code, ...row }) => row)).toEqual(byKey);
  return rows.map((row) => {
    const a = sideOf(row, 'from');
    const b = sideOf(row, 'to');
    const indexed = row.code === UNKNOWN_PAIR ? UNKNOWN_PAIR : PAIR_OF_RANKED[row.code];
    return { indexed, sides: a < 0 || b < 0 ? UNKNOWN_PAIR : pairCode(a, b) };
  });
}

/** Every consecutive pair of years and scope's groups as summaryGroups reads them. */
function allGroups(db: Db, r: Register) {
  const answers: unknown[] = [];
  for (const toYear of [...YEARS.slice(1), 2021]) {
    for (const scopeId of scopesOf(r)) {
      answers.push(
        summaryGroups(db, { fromYear: toYear - 1, toYear, scopeId, kinds: RATED_KINDS }),
      );
    }
  }
  return answers;
}

describe('the kept pairs numbered in an index (migration 23)', () => {
  test('a file of schema 22 gains the index, every row kept, each number the one SIDES gives', async () => {
    const { b } = await ratedAndWritten(23);
    const db = b.ctx.db;
    const version = MIGRATIONS.find((m) => m.name === 'transitions-coded')?.version ?? 0;
    expect(version).toBe(23);
    db.exec(`DROP INDEX ${INDEX}`);
    db.pragma(`user_version = ${version - 1}`);
    const before = snapshotDb(db);
    const path = b.dbPath;
    b.close();

    const migrated = migratedTo(path, version);
    try {
      const indexes = migrated
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?")
        .pluck()
        .all(INDEX);
      expect(indexes).toEqual([INDEX]);
      expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
      const after = JSON.parse(snapshotDb(migrated)) as Record<string, unknown>;
      expect({ ...after, user_version: version - 1 }).toEqual(JSON.parse(before));
      const numbers = indexedNumbers(migrated);
      expect(numbers.length).toBeGreaterThan(50);
      for (const { indexed, sides } of numbers) expect(indexed).toBe(sides);
    } finally {
      migrated.close();
    }
  });

  test('after random writes the groups read through it equal those read by the key with the CASE', async () => {
    const { b, r } = await ratedAndWritten(2023);
    const db = b.ctx.db;
    // A level no scale knows (damaged data): its pair has no number (UNKNOWN_PAIR) in the index
    // either, and the groups of that year fall back to the rows as stored both ways.
    const row = db
      .prepare(
        `SELECT year, parent_id, kind, from_state, from_scale, from_level, to_state, to_scale,
           to_level FROM rating_transitions WHERE year = 2019 AND to_state = 1 LIMIT 1`,
      )
      .get() as Record<string, string | number>;
    db.prepare(
      `UPDATE rating_transitions SET to_level = 'LA' WHERE year = :year AND parent_id = :parent_id
         AND kind = :kind AND from_state = :from_state AND from_scale = :from_scale
         AND from_level = :from_level AND to_state = :to_state AND to_scale = :to_scale
         AND to_level = :to_level`,
    ).run(row);
    const numbers = indexedNumbers(db);
    expect(numbers.filter((x) => x.indexed === UNKNOWN_PAIR)).toHaveLength(1);
    for (const { indexed, sides } of numbers) expect(indexed).toBe(sides);
    const through = allGroups(db, r);
    expect(through.filter((g) => g !== null).length).toBeGreaterThan(10);
    db.exec(`DROP INDEX ${INDEX}`);
    expect(allGroups(db, r)).toEqual(through);
  });
});
