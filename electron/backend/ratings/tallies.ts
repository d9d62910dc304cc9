// The rating tallies (migration 12): counts of live ratings per (year, parent, kind, scale, level,
// reason, exemplary) and of live versions per (parent, kind, years), kept exact by triggers. A
// scope's figures of a year are read from them by walking only the scope's units that have
// children that year (the nation's ~460 committees instead of its 55,000 units).
//
// Bulk writes (an import of tens of thousands of ratings) may switch the triggers off with
// `deferTallies` and call `rebuildTallies` before their transaction commits: it counts again the
// years the write touched (tallies-touched.ts).
import type { NotRatedReason } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import { OPEN_END } from '../db/migrations/0012-rating-tallies';
import type { Db } from '../db/open';
import { keptWhileRegisterUnchanged } from '../db/register-memo';
import { withTriggersAside } from '../db/triggers-aside';
import { stmt } from '../db/statements';
import { nationWalk } from './nation-walk';
import { takeTouched, trackTouched, withRatingYearsNamed } from './tallies-touched';
import { countTransitionYears } from './transition-recount';

/** How deep a scope is walked at most: as members.ts, whose answers these must equal. */
const MAX_DEPTH = 64;

/**
 * The scope's units that have children valid in :year, once per path from the scope as
 * members.ts's walk reaches them (so damaged data, a unit under two parents at once, counts as
 * there). Two walks give the same units; they differ in what they read:
 *
 * - NATION_WALK, for a top unit (no parent that year: the nation): the units with children that
 *   year are read from version_spans, each one's versions of the year give the edges between
 *   them. It reads every committee of the register (~460 nationally), which is the scope's own.
 * - SUBTREE_WALK, for a unit under another (a province, a district): down the scope's own
 *   subtree by the tree index, stepping only into children that have children that year (a
 *   search of version_spans by parent). With NATION_WALK a province's figures walked the whole
 *   nation's committees: 0.2 ms of walk on a nation of 5,500 units, 0.9 ms on 55,000, the same
 *   province (docs/performance.md, "Why a province's queries grew with the nation").
 */
export const NATION_WALK = `WITH RECURSIVE
  parents AS MATERIALIZED (
    SELECT DISTINCT parent_id AS id FROM version_spans
    WHERE parent_id <> '' AND n <> 0 AND valid_from <= :year AND valid_to >= :year),
  edges AS MATERIALIZED (
    SELECT v.parent_id, v.unit_id FROM parents p
    JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = p.id
    WHERE v.parent_id IS NOT NULL AND v.deleted_at IS NULL AND v.valid_from <= :year
      AND (v.valid_to IS NULL OR v.valid_to >= :year)),
  sub(unit_id, depth) AS (
    SELECT :scope, 0
    UNION ALL
    SELECT e.unit_id, sub.depth + 1 FROM sub JOIN edges e ON e.parent_id = sub.unit_id
    WHERE sub.depth < ${MAX_DEPTH - 1}),
  walked AS MATERIALIZED (SELECT unit_id FROM sub) `;

export const SUBTREE_WALK = `WITH RECURSIVE
  sub(unit_id, depth) AS (
    SELECT :scope, 0
    UNION ALL
    SELECT v.unit_id, sub.depth + 1 FROM sub
    JOIN unit_versions v INDEXED BY unit_versions_tree ON v.parent_id = sub.unit_id
    WHERE v.deleted_at IS NULL AND v.valid_from <= :year
      AND (v.valid_to IS NULL OR v.valid_to >= :year) AND sub.depth < ${MAX_DEPTH - 1}
      AND EXISTS (SELECT 1 FROM version_spans c WHERE c.parent_id = v.unit_id AND c.n <> 0
        AND c.valid_from <= :year AND c.valid_to >= :year)),
  walked AS MATERIALIZED (SELECT unit_id FROM sub) `;

/**
 * The committees a walk reached (NATION_WALK or SUBTREE_WALK, once per path, in the walk's
 * order), handed to a statement as the JSON list `:walked`: a report reads a scope's tallies, its
 * pairs and its units read apart, each of which walked the scope again (~1.3 ms a walk for the
 * nation's ~460 committees). `walked` then holds the same rows the walk gives.
 */
export const LISTED_WALK = `WITH walked AS MATERIALIZED (SELECT value AS unit_id
    FROM json_each(:walked)) `;

/**
 * The walk of `scopeId` in `year` (SUBTREE_WALK under a parent, else NATION_WALK) as a list. It
 * reads the register alone: kept while the register is unchanged (db/register-memo.ts).
 */
export function walkedCommittees(
  db: Db,
  scopeId: string,
  year: number,
): { walked: string; subtree: boolean } {
  return keptWhileRegisterUnchanged(db, `walk:${scopeId}:${year}`, () => {
    const subtree = hasParent(db, scopeId, year);
    // A top unit's walk followed in JavaScript over NATION_WALK's edges (nation-walk.ts): the
    // same list, ~0.4 ms less than the recursive SQL for the nation.
    const ids = subtree
      ? stmt<[{ scope: string; year: number }], string>(
          db,
          `${SUBTREE_WALK}SELECT unit_id FROM walked`,
        )
          .pluck()
          .all({ scope: scopeId, year })
      : nationWalk(db, scopeId, year);
    return { walked: JSON.stringify(ids), subtree };
  });
}

/** Whether `scopeId` is under another unit in `year` (then its own subtree is walked). */
export function hasParent(db: Db, scopeId: string, year: number): boolean {
  return (
    stmt<[{ scope: string; year: number }], { found: number }>(
      db,
      `SELECT 1 AS found FROM unit_versions WHERE unit_id = :scope AND parent_id IS NOT NULL
         AND deleted_at IS NULL AND valid_from <= :year AND (valid_to IS NULL OR valid_to >= :year)
       LIMIT 1`,
    ).get({ scope: scopeId, year }) !== undefined
  );
}

/** One row of a scope's tallies: level and reason '' when there is none. */
export interface TallyRecord {
  scale_id: string;
  level_code: string;
  not_rated_reason: NotRatedReason | '';
  exemplary: number;
  n: number;
}

export interface ScopeTallies {
  /** Live ratings of the year over the scope's units of `kinds` valid that year, grouped. */
  rated: TallyRecord[];
  /** The scope's units (versions) of `kinds` valid in the year, rated or not. */
  units: number;
  /** The (parent, kind) pairs of those units: the committees that decide them (read on demand). */
  groups: () => { parent_id: string | null; kind: UnitKind }[];
}

const KINDS = 'kind IN (SELECT value FROM json_each(:kinds))';
const SPAN_VALID = 's.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0';

/** The tallies' rows (rated = 1) and the count of units (rated = 0) in one statement. */
type TallyOrUnits = TallyRecord & { rated: 0 | 1 };

/**
 * The tallies of `year` over the units of `kinds` below `scopeId` (its subtree as of the year,
 * itself excluded: the same units membersSql's walk gives), or over every unit when `scopeId` is
 * null. The caller checks that the scope exists.
 */
export function scopeTallies(
  db: Db,
  year: number,
  scopeId: string | null,
  kinds: readonly UnitKind[],
): ScopeTallies {
  const params: Record<string, string | number> = { year, kinds: JSON.stringify(kinds) };
  if (scopeId !== null) params.scope = scopeId;
  // From the walked units to their tallies and spans (CROSS JOIN keeps that order): joined the
  // other way, SQLite read the year's tallies and every span of the nation to keep the scope's.
  const [prefix, tallies, spans] =
    scopeId === null
      ? ['', 'rating_tallies t', 'version_spans s']
      : [
          hasParent(db, scopeId, year) ? SUBTREE_WALK : NATION_WALK,
          'walked w CROSS JOIN rating_tallies t ON t.year = :year AND t.parent_id = w.unit_id',
          'walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id',
        ];
  const rows = stmt<[Record<string, string | number>], TallyOrUnits>(
    db,
    `${prefix}SELECT 1 AS rated, t.scale_id, t.level_code, t.not_rated_reason, t.exemplary,
       sum(t.n) AS n
     FROM ${tallies} WHERE t.year = :year AND t.${KINDS}
     GROUP BY t.scale_id, t.level_code, t.not_rated_reason, t.exemplary HAVING sum(t.n) <> 0
     UNION ALL
     SELECT 0, '', '', '', 0, coalesce(sum(s.n), 0) FROM ${spans}
     WHERE ${SPAN_VALID} AND s.${KINDS}`,
  ).all(params);
  const groups = () =>
    stmt<[Record<string, string | number>], { parent_id: string; kind: UnitKind }>(
      db,
      `${prefix}SELECT DISTINCT s.parent_id, s.kind FROM ${spans} WHERE ${SPAN_VALID} AND s.${KINDS}`,
    )
      .all(params)
      .map((g) => ({ parent_id: g.parent_id === '' ? null : g.parent_id, kind: g.kind }));
  return {
    rated: rows.filter((r) => r.rated === 1).map(({ rated: _, ...tally }) => tally),
    units: rows.find((r) => r.rated === 0)?.n ?? 0,
    groups,
  };
}

/**
 * Switches the triggers off for the rest of the current transaction's bulk write; the writer
 * must call `rebuildTallies` before it commits (a rollback restores the switch with the rows).
 * What the write touches meanwhile is noted (tallies-touched.ts).
 */
export function deferTallies(db: Db): void {
  if (!db.inTransaction) throw new Error('deferTallies outside a transaction');
  trackTouched(db);
  stmt(db, 'UPDATE rating_tally_state SET deferred = 1 WHERE id = 1').run();
}

/**
 * Counts again what the write since `deferTallies` touched, and switches the triggers back on:
 * the rating tallies of the years of the ratings it wrote and of the years its written versions
 * span (those of `years` too, when the caller names them), version_spans when it wrote a
 * version, and the pairs of ratings (migration 18) of those years and the years after them. The
 * other years' figures are exact as they stand.
 */
export function rebuildTallies(db: Db, years: readonly number[] = []): void {
  const touched = takeTouched(db);
  if (touched.versions) {
    stmt(db, 'DELETE FROM version_spans').run();
    stmt(
      db,
      `INSERT INTO version_spans (parent_id, kind, valid_from, valid_to, n)
       SELECT coalesce(parent_id, ''), kind, valid_from, coalesce(valid_to, ${OPEN_END}), count(*)
       FROM unit_versions WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4`,
    ).run();
  }
  const counted = [...new Set([...years, ...touched.years])];
  const forget = stmt<[{ year: number }]>(db, 'DELETE FROM rating_tallies WHERE year = :year');
  // Year by year, the register's versions read from the tree index alone (every column the
  // tallies need is in it) in the index's order, each one's rating found by (year, unit): reading
  // the year's ratings first and each one's version row after was 1.5-2x slower nationally. One
  // statement per year, not one over every year: its GROUP BY sorts one year's rows, not the
  // whole register's (the national exchange's peak memory: ~110 -> ~45 MB for this step).
  const countYear = stmt<[{ year: number }]>(
    db,
    `INSERT INTO rating_tallies
       (year, parent_id, kind, scale_id, level_code, not_rated_reason, exemplary, n)
     SELECT :year, coalesce(v.parent_id, ''), v.kind, r.scale_id, coalesce(r.level_code, ''),
       coalesce(r.not_rated_reason, ''), r.exemplary, count(*)
     FROM unit_versions v INDEXED BY unit_versions_tree
     CROSS JOIN ratings r INDEXED BY ratings_by_year
       ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL
     WHERE v.deleted_at IS NULL AND v.valid_from <= :year
       AND (v.valid_to IS NULL OR v.valid_to >= :year)
     GROUP BY 2, 3, 4, 5, 6, 7`,
  );
  for (const year of counted) {
    forget.run({ year });
    countYear.run({ year });
  }
  countTransitionYears(db, [...touched.pairYears, ...years, ...years.map((y) => y + 1)]);
  stmt(db, 'UPDATE rating_tally_state SET deferred = 0 WHERE id = 1').run();
}

/** Runs `work` (inside the caller's transaction) with the triggers off, then rebuilds. */
export function withTalliesDeferred<T>(db: Db, years: readonly number[], work: () => T): T {
  deferTallies(db);
  let result: T;
  try {
    result = work();
  } catch (error) {
    // Usually the transaction rolls back and takes the switch with it; a caller that catches
    // and commits what was written must not leave the triggers off and the tallies stale.
    rebuildTallies(db, years);
    throw error;
  }
  rebuildTallies(db, years);
  return result;
}

/**
 * When a bulk write switches the triggers off and counts again at the end: the triggers cost
 * about one row's version lookup and upsert per written row, counting again costs a pass over
 * what is counted, so the switch pays from a share of the file's size. Measured on the national
 * file (load 12-15): 54,000 rating inserts took 2.5-4.4 s more with the triggers; counting a year
 * again (57,000 versions) 0.3-0.9 s, everything (520,000 ratings) 5.5-12.8 s; so about one written
 * rating per 6 versions, and one written record per 4 ratings. `minimum` keeps small files on the
 * triggers whatever the file's size. Tests set every field to 0 to run the bulk paths.
 */
export const BULK_TALLY_THRESHOLDS = {
  ratingsMinimum: 2000,
  /** A ratings-only write counts again from rows ≥ versions ÷ this. */
  versionsPerRating: 6,
  recordsMinimum: 20_000,
  /** A write of versions and ratings counts again from records ≥ ratings ÷ this. */
  ratingsPerRecord: 4,
};

/** SQLite's largest rowid of a table: its size, without counting it (deleted rows aside). */
const sizeOf = (db: Db, table: 'unit_versions' | 'ratings') =>
  stmt<[], { n: number | null }>(db, `SELECT max(rowid) AS n FROM ${table}`).get()?.n ?? 0;

/**
 * The triggers of migrations 12 and 18 that a rating's insert or change runs, each doing nothing
 * while the switch is off (their WHEN reads it).
 */
const RATING_WRITE_TRIGGERS = [
  'rating_tallies_rating_insert',
  'rating_tallies_rating_update',
  'rating_transitions_rating_insert',
  'rating_transitions_rating_update',
];

/**
 * For a bulk write of ratings alone (the ratings import): from BULK_TALLY_THRESHOLDS' share of the
 * register's versions, the triggers are off during `work` and the tallies of `years` (every year
 * a rating written belongs to, and whatever else `work` touched) are counted again once at the
 * end, in the same transaction. As `years` names the ratings' years, neither the rating triggers
 * (off, they do nothing) nor the notes of the ratings' years run during `work`: they are set
 * aside (db/triggers-aside.ts, tallies-touched.ts): ~7 µs a row less (a national import, 54,000
 * ratings: 0.35-0.45 s CPU, docs/performance.md).
 */
export function writingRatingsInBulk<T>(
  db: Db,
  rows: number,
  years: Iterable<number>,
  work: () => T,
): T {
  const { ratingsMinimum, versionsPerRating } = BULK_TALLY_THRESHOLDS;
  if (rows < ratingsMinimum || rows * versionsPerRating < sizeOf(db, 'unit_versions')) {
    return work();
  }
  return withTalliesDeferred(db, [...new Set(years)], () =>
    withRatingYearsNamed(db, () => withTriggersAside(db, RATING_WRITE_TRIGGERS, work)),
  );
}

/**
 * For a bulk write that may touch units' versions as well as ratings (the exchange's apply and
 * undo): from BULK_TALLY_THRESHOLDS' share of the ratings, the triggers are off during `work` and
 * what it touched (tallies-touched.ts: the years of its ratings and versions) is counted again at
 * the end, in the same transaction.
 */
export function writingInBulk<T>(db: Db, records: number, work: () => T): T {
  const { recordsMinimum, ratingsPerRecord } = BULK_TALLY_THRESHOLDS;
  if (records < recordsMinimum || records * ratingsPerRecord < sizeOf(db, 'ratings')) {
    return work();
  }
  return withTalliesDeferred(db, [], work);
}

/**
 * How many units (versions) of `kinds` valid in `year` have no live rating, leaving out units
 * removed whose versions were left live (damaged data): what Tổng quan's UNRATED_COUNT
 * (watchlists/overview.ts) counts, from the tallies plus a look at the few removed units.
 */
export function unratedCount(db: Db, year: number, kinds: readonly UnitKind[]): number {
  const { rated, units } = scopeTallies(db, year, null, kinds);
  const removed =
    stmt<[{ year: number; kinds: string }], { n: number }>(
      db,
      `SELECT count(*) AS n FROM units u INDEXED BY units_removed
       JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = u.id
       WHERE u.deleted_at IS NOT NULL AND v.deleted_at IS NULL AND v.valid_from <= :year
         AND (v.valid_to IS NULL OR v.valid_to >= :year) AND v.${KINDS}
         AND NOT EXISTS (SELECT 1 FROM ratings r
           WHERE r.unit_id = v.unit_id AND r.year = :year AND r.deleted_at IS NULL)`,
    ).get({ year, kinds: JSON.stringify(kinds) })?.n ?? 0;
  return units - rated.reduce((sum, r) => sum + r.n, 0) - removed;
}
