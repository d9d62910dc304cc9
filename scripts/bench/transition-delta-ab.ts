// The kept pairs of ratings (migration 18) after the ratings import of the bench's national
// file: counted again for the two years the import touched (ratings/transition-recount.ts, what
// rebuildTallies does) against moved by each written rating's change (the alternative tried by
// helper I2, not kept: docs/performance.md, "The pairs' recount in the ratings import"), in one
// process, alternated, in one transaction with the import's 53,991 ratings of 2025 written with
// the switch off and the memory map off (as the import writes them), rolled back each round.
// Prints each one's CPU time and whether both leave the same rows.
//
//   tsx scripts/bench/transition-delta-ab.ts [NATIONAL_FILE] [ROUNDS] [ROWS]
//     (default .bench/nation-s18-d1-national.sqlite3, 3 rounds, every grassroots unit of 2025 as
//     the bench's file has them; ROWS takes the first so many; it works on a scratch copy)
//
// The moves: the first time the write touches a (unit, year), its rating as it stood is noted by
// a TEMP trigger; then for each touched unit and pair year (the written year and the next), each
// of its live versions valid that year gives its pair before (-1) and now (+1), summed per row.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { deferTallies } from '../../electron/backend/ratings/tallies';
import { countTransitionYears } from '../../electron/backend/ratings/transition-recount';
import { BENCH_DIR, removeScratch, scratchDir } from './paths';

/** The rating (state, scale, level) of a (unit, year) before the bulk write first touched it. */
const BEFORE_TABLE_SQL = `
CREATE TEMP TABLE IF NOT EXISTS pair_ratings_before (
  unit_id TEXT NOT NULL, year INTEGER NOT NULL, state INTEGER NOT NULL, scale_id TEXT NOT NULL,
  level_code TEXT NOT NULL, PRIMARY KEY (unit_id, year)
) WITHOUT ROWID;`;

/** The state of row `r` as migration 18 keys it: 0 none (a removed row), 1 a level, 2 no level. */
const state = (r: 'OLD' | 'NEW') =>
  `CASE WHEN ${r}.deleted_at IS NOT NULL THEN 0 WHEN ${r}.level_code IS NULL THEN 2 ELSE 1 END`;

/** Row `r`'s (unit, year) noted as it stood: `r` itself (OLD) or no rating (NEW, or OLD removed). */
const noteBefore = (r: 'OLD' | 'NEW'): string =>
  r === 'NEW'
    ? `INSERT OR IGNORE INTO temp.pair_ratings_before VALUES (NEW.unit_id, NEW.year, 0, '', '');`
    : `INSERT OR IGNORE INTO temp.pair_ratings_before VALUES (OLD.unit_id, OLD.year, ${state('OLD')},
         CASE WHEN OLD.deleted_at IS NULL THEN OLD.scale_id ELSE '' END,
         CASE WHEN OLD.deleted_at IS NULL THEN coalesce(OLD.level_code, '') ELSE '' END);`;

/** A live rating `x` of a LEFT JOIN as (state, scale, level); a NULL row is no rating. */
const now = (x: string) =>
  `CASE WHEN ${x}.unit_id IS NULL THEN 0 WHEN ${x}.level_code IS NULL THEN 2 ELSE 1 END,
   coalesce(${x}.scale_id, ''), coalesce(${x}.level_code, '')`;

/** The rating before the write: noted in `t` when touched, else as it stands now (`x`). */
const before = (t: string, x: string) =>
  `CASE WHEN ${t}.unit_id IS NOT NULL THEN ${t}.state
     WHEN ${x}.unit_id IS NULL THEN 0 WHEN ${x}.level_code IS NULL THEN 2 ELSE 1 END,
   CASE WHEN ${t}.unit_id IS NOT NULL THEN ${t}.scale_id ELSE coalesce(${x}.scale_id, '') END,
   CASE WHEN ${t}.unit_id IS NOT NULL THEN ${t}.level_code ELSE coalesce(${x}.level_code, '') END`;

const PAIR = 'from_state, from_scale, from_level, to_state, to_scale, to_level';

/**
 * For each pair year N of a touched unit (N = a written year or the one after it) and each of its
 * live versions valid in N: the pair before the write (-1) and now (+1), pairs with no rating on
 * either side left out as the table leaves them out; summed per row of rating_transitions, the
 * rows that cancel out not written. A row reaching 0 is removed by migration 18's own trigger.
 * From the touched units to their versions (CROSS JOIN keeps that order): joined the other way,
 * SQLite scanned every version of the register to keep the touched units'.
 */
const APPLY_DELTAS_SQL = `
WITH keys(unit_id, year) AS (
  SELECT unit_id, year FROM temp.pair_ratings_before
  UNION SELECT unit_id, year + 1 FROM temp.pair_ratings_before),
pairs (year, parent_id, kind, new_fs, new_fc, new_fl, new_ts, new_tc, new_tl,
  old_fs, old_fc, old_fl, old_ts, old_tc, old_tl) AS MATERIALIZED (
  SELECT k.year, coalesce(v.parent_id, '') AS parent_id, v.kind,
    ${now('a')}, ${now('b')}, ${before('ta', 'a')}, ${before('tb', 'b')}
  FROM keys k
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = k.unit_id
    AND v.deleted_at IS NULL AND v.valid_from <= k.year
    AND (v.valid_to IS NULL OR v.valid_to >= k.year)
  LEFT JOIN ratings a INDEXED BY ratings_by_year
    ON a.year = k.year - 1 AND a.unit_id = k.unit_id AND a.deleted_at IS NULL
  LEFT JOIN ratings b INDEXED BY ratings_by_year
    ON b.year = k.year AND b.unit_id = k.unit_id AND b.deleted_at IS NULL
  LEFT JOIN temp.pair_ratings_before ta ON ta.unit_id = k.unit_id AND ta.year = k.year - 1
  LEFT JOIN temp.pair_ratings_before tb ON tb.unit_id = k.unit_id AND tb.year = k.year),
moves (year, parent_id, kind, ${PAIR}, n) AS (
  SELECT year, parent_id, kind, new_fs, new_fc, new_fl, new_ts, new_tc, new_tl, 1
  FROM pairs
  UNION ALL
  SELECT year, parent_id, kind, old_fs, old_fc, old_fl, old_ts, old_tc, old_tl, -1
  FROM pairs)
INSERT INTO rating_transitions (year, parent_id, kind, ${PAIR}, n)
SELECT year, parent_id, kind, ${PAIR}, sum(n) FROM moves
WHERE from_state <> 0 OR to_state <> 0
GROUP BY year, parent_id, kind, ${PAIR} HAVING sum(n) <> 0
ON CONFLICT DO UPDATE SET n = n + excluded.n`;

const NOTE_TRIGGER = `${BEFORE_TABLE_SQL}
CREATE TEMP TRIGGER IF NOT EXISTS pair_note_before AFTER INSERT ON main.ratings
WHEN NEW.deleted_at IS NULL BEGIN ${noteBefore('NEW')} END;`;

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

function main(): void {
  const [national = join(BENCH_DIR, 'nation-s18-d1-national.sqlite3'), roundsText = '3', rowsText] =
    process.argv.slice(2);
  const dir = scratchDir('transition-delta-ab');
  const path = join(dir, 'nation.sqlite3');
  copyFileSync(national, path);
  const { db } = openDatabase(path);
  try {
    db.pragma('mmap_size = 0');
    db.exec(BEFORE_TABLE_SQL);
    const units = db
      .prepare(
        `SELECT unit_id FROM unit_versions WHERE kind IN ('base_committee', 'base_cell')
           AND deleted_at IS NULL AND valid_from <= 2025 AND (valid_to IS NULL OR valid_to >= 2025)`,
      )
      .pluck()
      .all()
      .slice(0, rowsText === undefined ? undefined : Number(rowsText)) as string[];
    const insert = db.prepare(
      `INSERT INTO ratings (id, unit_id, year, scale_id, level_code, exemplary, created_at,
         updated_at, changed_by_installation)
       VALUES (?, ?, 2025, 'qd132-2018', 'HTTNV', 0, 'x', 'x', 'x')`,
    );
    const pairs = db.prepare(
      'SELECT * FROM rating_transitions WHERE year IN (2025, 2026) ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9',
    );
    const moves = db.prepare(APPLY_DELTAS_SQL);
    for (let round = 1; round <= Number(roundsText); round++) {
      db.exec('BEGIN IMMEDIATE');
      deferTallies(db);
      db.exec(NOTE_TRIGGER);
      units.forEach((unit, i) => insert.run(`ab-${round}-${i}`, unit));
      db.exec('SAVEPOINT recount');
      let started = cpuMs();
      countTransitionYears(db, [2025, 2026]);
      const recountMs = cpuMs() - started;
      const recounted = JSON.stringify(pairs.all());
      db.exec('ROLLBACK TO recount');
      started = cpuMs();
      moves.run();
      const movesMs = cpuMs() - started;
      const equal = JSON.stringify(pairs.all()) === recounted;
      db.exec('ROLLBACK');
      console.log(
        `round ${round}: ${units.length} ratings; recount of 2025-2026 ${recountMs.toFixed(0)} ms CPU, ` +
          `moves ${movesMs.toFixed(0)} ms CPU, same rows ${equal}`,
      );
    }
  } finally {
    db.close();
    removeScratch();
  }
}

main();
