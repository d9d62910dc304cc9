// What a bulk write touched while the rating tallies' triggers were off (ratings/tallies.ts), so
// that it counts again only that: the years of the ratings it wrote, and the years of the versions
// it wrote; for the pairs of ratings (migration 18), those years and the years after them. Kept
// per connection by TEMP triggers that fire only while the switch is off; a temp table's rows
// roll back with the transaction, as the switch does.
//
// Why years: the tallies of year Y depend only on the ratings of Y and the versions valid in Y, so
// a year no written rating belongs to and no written version (before or after the write) spans
// is exact as it stands. version_spans are counted again whole when any version was written
// (a GROUP BY over the register's versions, ~0.1 s nationally), or not at all.
import { OPEN_END } from '../db/migrations/0012-rating-tallies';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

const OFF = '(SELECT deferred FROM main.rating_tally_state) = 1';

/** A year of a written rating. */
const year = (r: 'NEW' | 'OLD') =>
  `INSERT OR IGNORE INTO temp.tally_touched_years (year) VALUES (${r}.year);`;

/** The span of a written version (OPEN_END for one still valid, as version_spans keys it). */
const span = (v: 'NEW' | 'OLD') =>
  `INSERT OR IGNORE INTO temp.tally_touched_spans (valid_from, valid_to)
   VALUES (${v}.valid_from, coalesce(${v}.valid_to, ${OPEN_END}));`;

// The conditions are those of migration 12's triggers or wider (a column they ignore may mark a
// year needlessly, never miss one): a removed row on both sides changes no tally.
const TOUCHED_SQL = `
CREATE TEMP TABLE IF NOT EXISTS tally_touched_years (year INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS tally_touched_spans (
  valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL, PRIMARY KEY (valid_from, valid_to)
) WITHOUT ROWID;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_rating_insert AFTER INSERT ON main.ratings
WHEN NEW.deleted_at IS NULL AND ${OFF} BEGIN ${year('NEW')} END;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_rating_delete AFTER DELETE ON main.ratings
WHEN OLD.deleted_at IS NULL AND ${OFF} BEGIN ${year('OLD')} END;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_rating_update
AFTER UPDATE OF unit_id, year, scale_id, level_code, not_rated_reason, exemplary, deleted_at
ON main.ratings
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND ${OFF}
BEGIN ${year('OLD')} ${year('NEW')} END;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_version_insert AFTER INSERT ON main.unit_versions
WHEN NEW.deleted_at IS NULL AND ${OFF} BEGIN ${span('NEW')} END;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_version_delete AFTER DELETE ON main.unit_versions
WHEN OLD.deleted_at IS NULL AND ${OFF} BEGIN ${span('OLD')} END;
CREATE TEMP TRIGGER IF NOT EXISTS tally_touched_version_update
AFTER UPDATE OF unit_id, parent_id, kind, valid_from, valid_to, deleted_at ON main.unit_versions
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND ${OFF}
BEGIN ${span('OLD')} ${span('NEW')} END;
`;

/** Creates this connection's TEMP triggers and tables once (before the switch goes off). */
export function trackTouched(db: Db): void {
  db.exec(TOUCHED_SQL);
}

/** The TEMP triggers that note the years of the ratings a write inserts or changes. */
const RATING_NOTES = ['tally_touched_rating_insert', 'tally_touched_rating_update'];

/**
 * Runs `work` (switch off, inside the transaction) without noting the years of the ratings it
 * inserts or changes, for a writer that names every such year to `rebuildTallies` itself (the
 * ratings import): the note costs a trigger program per row. Its versions are still noted; the
 * triggers are made again afterwards (a rollback restores them too).
 */
export function withRatingYearsNamed<T>(db: Db, work: () => T): T {
  for (const name of RATING_NOTES) db.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
  try {
    return work();
  } finally {
    trackTouched(db);
  }
}

export interface Touched {
  /** The years whose rating tallies may have changed, in order. */
  years: number[];
  /**
   * The years whose pairs of ratings (migration 18: year N - 1 → N) may have changed, in order:
   * N and N + 1 of each written rating of N, and the years of a written version's span in which
   * its unit has a rating that year or the year before.
   */
  pairYears: number[];
  /** Whether any version was written (version_spans to count again). */
  versions: boolean;
}

/**
 * What the write touched, and the record of it emptied. The years of written versions are the
 * years of live ratings within their spans, found by stepping through the ratings' year index
 * (one search per year that has ratings, not a pass over the ratings).
 */
export function takeTouched(db: Db): Touched {
  const years = new Set(
    stmt<[], number>(db, 'SELECT year FROM temp.tally_touched_years').pluck().all(),
  );
  const pairYears = new Set([...years].flatMap((year) => [year, year + 1]));
  const spans = stmt<[], { valid_from: number; valid_to: number }>(
    db,
    'SELECT valid_from, valid_to FROM temp.tally_touched_spans',
  ).all();
  if (spans.length > 0) {
    const next = stmt<[number], number | null>(
      db,
      'SELECT min(year) FROM ratings WHERE year > ? AND deleted_at IS NULL',
    ).pluck();
    const spanned = (year: number) => spans.some((s) => s.valid_from <= year && year <= s.valid_to);
    for (let y = next.get(Number.MIN_SAFE_INTEGER) ?? null; y !== null; y = next.get(y) ?? null) {
      if (spanned(y)) {
        years.add(y);
        pairYears.add(y);
      }
      // The pair y → y + 1 of a version valid in y + 1 only (its first year) counts this rating.
      if (spanned(y + 1)) pairYears.add(y + 1);
    }
  }
  stmt(db, 'DELETE FROM temp.tally_touched_years').run();
  stmt(db, 'DELETE FROM temp.tally_touched_spans').run();
  const ordered = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { years: ordered(years), pairYears: ordered(pairYears), versions: spans.length > 0 };
}
