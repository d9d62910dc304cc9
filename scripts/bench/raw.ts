// The yardstick every import is judged against (issue 10): raw better-sqlite3 on this machine,
// now. The national data set's own rating rows, already in memory, inserted with one prepared
// statement in one transaction into the ratings table of a copy of the master list (the table,
// indexes, file and pragmas the import writes to, the tallies' triggers off as the bulk paths have
// them), and point reads of single ratings by key.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { payOwedCheckpoint, withCheckpointOwed } from '../../electron/backend/db/bulk';
import { openDatabase } from '../../electron/backend/db/open';
import { writeTransaction } from '../../electron/backend/db/write';

export interface RawRates {
  rows: number;
  insertPerSec: number;
  pointReadUs: number;
}

const COLUMNS = `id, unit_id, year, scale_id, level_code, not_rated_reason, exemplary, rank, change, score,
  member_count, rated_by, decision_number, decision_date, note, created_at, updated_at,
  changed_by_installation, deleted_at, rev, synced_rev`;

type Row = unknown[];

/** Every rating row of the national file, as arrays (read once; not timed). */
export function readRatingRows(nationalPath: string): Row[] {
  const { db } = openDatabase(nationalPath);
  try {
    return db.prepare(`SELECT ${COLUMNS} FROM ratings`).raw().all() as Row[];
  } finally {
    db.close();
  }
}

/** Inserts `rows` into a fresh copy of the master list and reads them back by key. */
export function measureRaw(masterPath: string, dir: string, rows: Row[]): RawRates {
  const path = join(dir, 'raw.sqlite3');
  copyFileSync(masterPath, path);
  const { db } = openDatabase(path);
  try {
    const placeholders = COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    const insert = db.prepare(`INSERT INTO ratings(${COLUMNS}) VALUES (${placeholders})`);
    // The rating tallies' triggers (migration 12) switched off, as the imports' bulk paths switch
    // them: the yardstick is the table and its indexes, not the app's own bookkeeping, which is
    // part of what the imports are judged on. (With them on, this rate fell from ~60,000 to
    // ~34,000 rows/s and every ratio looked better than it was.)
    const deferTallies = db.prepare('UPDATE rating_tally_state SET deferred = 1 WHERE id = 1');
    // The commit's checkpoint is left owed and paid after the timing, as the ratings import
    // leaves its own to the worker's idle time (db/bulk.ts): both rates then count the same work,
    // up to the synced commit. (Timing the checkpoint here and not in the import made every ratio
    // look better than it was.)
    const started = performance.now();
    withCheckpointOwed(db, () =>
      writeTransaction(db, () => {
        deferTallies.run();
        for (const row of rows) insert.run(row);
      }),
    );
    const insertMs = performance.now() - started;
    payOwedCheckpoint(db);

    // Point reads by the natural key, in a scattered order: 100,000 of them.
    const read = db.prepare('SELECT * FROM ratings WHERE unit_id = ? AND year = ?');
    const reads = Math.min(100_000, rows.length);
    const stride = 7919; // a prime: visits the rows out of their insert order
    const readStarted = performance.now();
    let found = 0;
    for (let i = 0; i < reads; i++) {
      const row = rows[(i * stride) % rows.length]!;
      if (read.get(row[1], row[2]) !== undefined) found++;
    }
    const readMs = performance.now() - readStarted;
    if (found !== reads) throw new Error(`raw point reads found ${found} of ${reads} rows`);
    return {
      rows: rows.length,
      insertPerSec: rows.length / (insertMs / 1000),
      pointReadUs: (readMs * 1000) / reads,
    };
  } finally {
    db.close();
  }
}
