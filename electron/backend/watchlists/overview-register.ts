// What Tổng quan tells of the whole register for the rating year, whatever the lists are: the
// TCCSĐ rated at the lowest level and those not rated yet, each as a total and its first rows.
// A total comes from the summaries the writes keep (the rating tallies and version_spans of
// migration 12); the first rows are found by walking the register's name-ordered indexes and stop
// at the limit, so the nation's 2,700 weak units are neither named nor sorted to show 200 of
// them, or, when few are left to list, read under the committees the summaries say hold them
// (a walk would read the whole register to find them). docs/performance.md, helper OVERVIEW.
import type { OverviewUnit, WeakUnit } from '../../../shared/contract';
import { OVERVIEW_LIMIT } from '../../../shared/methods/watchlists';
import { RATED_KINDS, ratingText, scaleForYear } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

const KINDS = RATED_KINDS.map((k) => `'${k}'`).join(', ');
const VALID =
  'v.deleted_at IS NULL AND v.valid_from <= :year AND (v.valid_to IS NULL OR v.valid_to >= :year)';

/** A row's name and code (its version valid in :year) and its parent's name that year. */
const PARENT_NAME = `(SELECT pv.name FROM unit_versions pv
    WHERE pv.unit_id = v.parent_id AND pv.deleted_at IS NULL AND pv.valid_from <= :year
      AND (pv.valid_to IS NULL OR pv.valid_to >= :year) LIMIT 1) AS parent_name`;

/**
 * The register's totals of :year over the TCCSĐ from the summaries the writes keep: live ratings
 * (`rated`) and those at :level (`weak`) from the rating tallies, live versions valid that year
 * (`units`) from version_spans. What ratings/tallies.ts's unratedCount adds up for the nation,
 * without grouping the year's tallies by level (a sort of ~1,700 rows) it does not need here.
 */
export const REGISTER_TOTALS = `SELECT
    (SELECT coalesce(sum(n), 0) FROM rating_tallies WHERE year = :year AND kind IN (${KINDS}))
      AS rated,
    (SELECT coalesce(sum(n), 0) FROM rating_tallies
      WHERE year = :year AND level_code = :level AND kind IN (${KINDS})) AS weak,
    (SELECT coalesce(sum(n), 0) FROM version_spans
      WHERE valid_from <= :year AND valid_to >= :year AND n <> 0 AND kind IN (${KINDS})) AS units`;

/**
 * The few removed units whose versions were left live (damaged data), which the lists leave out:
 * those rated at :level in :year (taken off `weak`) and those with no live rating that year
 * (taken off the unrated).
 */
export const WEAK_OF_REMOVED = `SELECT count(*) AS n FROM units u INDEXED BY units_removed
  JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = u.id
  JOIN ratings r INDEXED BY ratings_by_unit_year ON r.unit_id = u.id AND r.year = :year
  WHERE u.deleted_at IS NOT NULL AND ${VALID} AND v.kind IN (${KINDS})
    AND r.deleted_at IS NULL AND r.level_code = :level`;

export const UNRATED_OF_REMOVED = `SELECT count(*) AS n FROM units u INDEXED BY units_removed
  JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = u.id
  WHERE u.deleted_at IS NOT NULL AND ${VALID} AND v.kind IN (${KINDS})
    AND NOT EXISTS (SELECT 1 FROM ratings r INDEXED BY ratings_by_unit_year
      WHERE r.unit_id = v.unit_id AND r.year = :year AND r.deleted_at IS NULL)`;

/**
 * The TCCSĐ rated at :level in :year, not on this year's lists (:listed), in Vietnamese order (the
 * stored sort key, then the id), read by `weakFirst` up to the limit: the register's index, in
 * that order and holding each version's years and removal, is walked and each version's rating
 * probed in the ratings' covering year index. The kind, which neither index holds, is returned
 * and checked by `weakFirst` on the few rows that qualify: as a condition SQLite checks it on the
 * version before the probe, reading every walked version's row (~4,000 nationally). One walk for
 * both kinds: a walk per kind's index, merged, probed each kind's first 200 weak units to keep 200.
 */
export const WEAK_WALK = `SELECT v.kind, v.unit_id, v.name, v.code, v.sort_key, r.level_code,
    r.exemplary, ${PARENT_NAME}
  FROM unit_versions v INDEXED BY unit_versions_register
  CROSS JOIN ratings r INDEXED BY ratings_by_year
    ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL AND r.level_code = :level
  WHERE ${VALID}
    AND v.unit_id NOT IN (SELECT value FROM json_each(:listed))
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.sort_key, v.unit_id`;

/**
 * The committees with a TCCSĐ rated at :level in :year, from the rating tallies (each such
 * version's rating is counted under its parent, '' for none), for `WEAK_UNDER_PARENTS`.
 */
const WEAK_PARENTS = `parents AS MATERIALIZED (SELECT DISTINCT parent_id AS id FROM rating_tallies
    WHERE year = :year AND level_code = :level AND kind IN (${KINDS}) AND n <> 0)`;

/**
 * WEAK_WALK's rows when the year has no more weak units than Tổng quan lists: the walk would
 * then read the whole register to find them all (~54,000 probes nationally, ~45 ms when few are
 * left), so only the children of the committees the tallies name are read (the tree index, which
 * holds the kind) and sorted in the register index's order.
 */
export const WEAK_UNDER_PARENTS = `WITH ${WEAK_PARENTS}
  SELECT v.kind, v.unit_id, v.name, v.code, v.sort_key, r.level_code, r.exemplary, ${PARENT_NAME}
  FROM parents p
  CROSS JOIN unit_versions v INDEXED BY unit_versions_tree
    ON v.parent_id IS nullif(p.id, '') AND v.kind IN (${KINDS})
  CROSS JOIN ratings r INDEXED BY ratings_by_year
    ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL AND r.level_code = :level
  WHERE ${VALID}
    AND v.unit_id NOT IN (SELECT value FROM json_each(:listed))
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.sort_key, v.unit_id, v.valid_from, v.valid_to, v.name_folded, v.code_folded, v.seq`;

/** The units (versions of :year) under the committees WEAK_PARENTS names. */
export const WEAK_UNITS_UNDER = `WITH ${WEAK_PARENTS}
  SELECT coalesce(sum(s.n), 0) AS n FROM parents p
  JOIN version_spans s ON s.parent_id = p.id
  WHERE s.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0 AND s.kind IN (${KINDS})`;

/** The units on this year's lists rated at :level, in the same order (a list's few members). */
export const WEAK_LISTED = `SELECT v.unit_id, v.name, v.code, v.sort_key, r.level_code, r.exemplary,
    ${PARENT_NAME}
  FROM json_each(:listed) j
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = j.value
  CROSS JOIN ratings r INDEXED BY ratings_by_unit_year ON r.unit_id = v.unit_id AND r.year = :year
  WHERE r.deleted_at IS NULL AND r.level_code = :level AND v.kind IN (${KINDS}) AND ${VALID}
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.sort_key, v.unit_id`;

/**
 * The units existing in :year with no live rating, by folded name, read by `unratedFirst` up to
 * the limit: the index of names with each version's parent, removal, years and unit (migration
 * 11's) is walked, so no version's row is read to know whether it existed that year, and each
 * one's rating probed in the ratings' covering year index. A version's row is read only when it
 * has none (its kind, checked by `unratedFirst` as WEAK_WALK's, and its name). That index orders
 * equal names by parent, not by row as the name index (name only) did: `unratedFirst` reads on to
 * the end of the last name's rows and puts equal names back in row order (`seq`).
 */
export const UNRATED_BY_NAME = `SELECT v.kind, v.seq, v.name_folded, v.unit_id, v.name, v.code,
    ${PARENT_NAME}
  FROM unit_versions v INDEXED BY unit_versions_same_name
  LEFT JOIN ratings r INDEXED BY ratings_by_year
    ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL
  WHERE ${VALID} AND r.unit_id IS NULL
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.name_folded`;

/**
 * The committees with a TCCSĐ of :year that has no live rating: those with more of their units'
 * versions valid that year (version_spans) than live ratings of them (the rating tallies; a unit
 * has one rating row a year at most), for `UNRATED_UNDER_PARENTS`.
 */
const UNRATED_PARENTS = `versions_of_year AS (SELECT parent_id, sum(n) AS n FROM version_spans
    WHERE valid_from <= :year AND valid_to >= :year AND n <> 0 AND kind IN (${KINDS})
    GROUP BY parent_id),
  rated_of_year AS (SELECT parent_id, sum(n) AS n FROM rating_tallies
    WHERE year = :year AND kind IN (${KINDS}) GROUP BY parent_id),
  parents AS MATERIALIZED (SELECT u.parent_id AS id FROM versions_of_year u
    LEFT JOIN rated_of_year t ON t.parent_id = u.parent_id WHERE u.n > coalesce(t.n, 0))`;

/**
 * UNRATED_BY_NAME's rows when the year has no more unrated units than Tổng quan lists (the walk
 * by name would read the whole register): the children of the committees that have one, in the
 * name index's order (folded name, then row).
 */
export const UNRATED_UNDER_PARENTS = `WITH ${UNRATED_PARENTS}
  SELECT v.kind, v.seq, v.name_folded, v.unit_id, v.name, v.code, ${PARENT_NAME}
  FROM parents p
  CROSS JOIN unit_versions v INDEXED BY unit_versions_tree
    ON v.parent_id IS nullif(p.id, '') AND v.kind IN (${KINDS})
  LEFT JOIN ratings r INDEXED BY ratings_by_year
    ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL
  WHERE ${VALID} AND r.unit_id IS NULL
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.name_folded, v.seq`;

/** The units (versions of :year) under the committees UNRATED_PARENTS names. */
export const UNRATED_UNITS_UNDER = `WITH ${UNRATED_PARENTS}
  SELECT coalesce(sum(u.n), 0) AS n FROM parents p JOIN versions_of_year u ON u.parent_id = p.id`;

/**
 * How a list's first rows are read: by walking the register in the order shown until the limit
 * (`walk`), or by reading every unit to list under the committees the summaries name and sorting
 * them (`committees`). The walk probes about units × limit ÷ total versions (all of them when
 * there are no more than the limit to find: ~54,000 nationally, 45 ms); under the committees, as
 * many as they hold.
 */
export type FirstRowsWay = 'walk' | 'committees';

/** Past this many times the limit to find, the committees are not weighed (the walk is short). */
const WEIGHED_UP_TO = 4;

function firstRowsWay(
  db: Db,
  unitsUnder: string,
  params: { year: number; level: string },
  total: number,
  units: number,
): FirstRowsWay {
  if (total <= OVERVIEW_LIMIT) return 'committees';
  if (total > WEIGHED_UP_TO * OVERVIEW_LIMIT) return 'walk';
  const under = stmt<[typeof params], { n: number }>(db, unitsUnder).get(params)?.n ?? 0;
  return under < (units * OVERVIEW_LIMIT) / total ? 'committees' : 'walk';
}

interface UnitListRecord {
  unit_id: string;
  name: string;
  code: string | null;
  parent_name: string | null;
}

interface UnratedRecord extends UnitListRecord {
  kind: string;
  seq: number;
  name_folded: string;
}

interface WeakRecord extends UnitListRecord {
  level_code: string;
  exemplary: number;
}

const RATED: ReadonlySet<string> = new Set(RATED_KINDS);

/** The first `limit` rows of WEAK_WALK of a TCCSĐ (a rated kind that year), read `way`. */
export function weakFirst(
  db: Db,
  params: { year: number; level: string; listed: string },
  limit: number,
  way: FirstRowsWay,
): WeakRecord[] {
  const rows: WeakRecord[] = [];
  if (limit <= 0) return rows;
  const sql = way === 'committees' ? WEAK_UNDER_PARENTS : WEAK_WALK;
  for (const row of stmt<[typeof params], WeakRecord & { kind: string }>(db, sql).iterate(params)) {
    if (!RATED.has(row.kind)) continue;
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}

export interface RegisterFigures {
  weakest: { total: number; items: WeakUnit[] };
  unrated: { total: number; items: OverviewUnit[] };
}

function toOverviewUnit(r: UnitListRecord): OverviewUnit {
  return { unitId: r.unit_id, name: r.name, code: r.code, parentName: r.parent_name };
}

/**
 * The first `limit` unrated TCCSĐ of `year` as the name index ordered them (folded name, then
 * row), read `way`; from the walk by name and parent, every row of the last name kept is read,
 * then the rows of each name are put in row order. Equal names past the limit are read and
 * dropped (a few).
 */
export function unratedFirst(
  db: Db,
  year: number,
  limit: number,
  way: FirstRowsWay,
): UnitListRecord[] {
  // Under the committees the rows come in that order already (name, then row).
  const sql = way === 'committees' ? UNRATED_UNDER_PARENTS : UNRATED_BY_NAME;
  // Each row with the number of its name in the walk's order (SQLite's BINARY order).
  const rows: { nameNo: number; row: UnratedRecord }[] = [];
  let names = 0;
  let last: string | null = null;
  for (const row of stmt<[{ year: number }], UnratedRecord>(db, sql).iterate({
    year,
  })) {
    if (!RATED.has(row.kind)) continue;
    if (row.name_folded !== last) {
      if (rows.length >= limit) break;
      last = row.name_folded;
      names += 1;
    }
    rows.push({ nameNo: names, row });
  }
  rows.sort((a, b) => a.nameNo - b.nameNo || a.row.seq - b.row.seq);
  return rows.slice(0, limit).map(({ row }) => row);
}

/** The year's totals of the two lists and how their first rows are read. */
export interface RegisterCounts {
  params: { year: number; level: string };
  /** The lowest level of the year's scale, when it has one (no weak units otherwise). */
  hasLowest: boolean;
  weak: { total: number; way: FirstRowsWay };
  unrated: { total: number; way: FirstRowsWay };
}

export function registerCounts(db: Db, ratingYear: number): RegisterCounts {
  const lowest = scaleForYear(ratingYear)?.levels.find((l) => l.tier === 4) ?? null;
  const params = { year: ratingYear, level: lowest?.code ?? '' };
  const totals = stmt<[typeof params], { rated: number; weak: number; units: number }>(
    db,
    REGISTER_TOTALS,
  ).get(params) ?? { rated: 0, weak: 0, units: 0 };
  const removed = (sql: string) =>
    stmt<[typeof params], { n: number }>(db, sql).get(params)?.n ?? 0;
  const weak = lowest ? totals.weak - removed(WEAK_OF_REMOVED) : 0;
  // From the summaries kept by the writes: the direct count read the whole year (~0.1-0.3 s).
  const unrated = totals.units - totals.rated - removed(UNRATED_OF_REMOVED);
  const way = (sql: string, total: number) => firstRowsWay(db, sql, params, total, totals.units);
  return {
    params,
    hasLowest: lowest !== null,
    weak: { total: weak, way: way(WEAK_UNITS_UNDER, weak) },
    unrated: { total: unrated, way: way(UNRATED_UNITS_UNDER, unrated) },
  };
}

/**
 * The register's figures of `ratingYear`. The weakest are listed as the screen shows them: the
 * units on no list first (the ones needing a decision), each part in Vietnamese order, the first
 * OVERVIEW_LIMIT of them; `listed` are the units on this year's lists.
 */
export function registerFigures(
  db: Db,
  ratingYear: number,
  listed: readonly string[],
): RegisterFigures {
  const scale = scaleForYear(ratingYear);
  const counts = registerCounts(db, ratingYear);
  const { params } = counts;
  let weakest: RegisterFigures['weakest'] = { total: 0, items: [] };
  if (counts.hasLowest) {
    const total = counts.weak.total;
    const ids = JSON.stringify(listed);
    const free =
      total === 0 ? [] : weakFirst(db, { ...params, listed: ids }, OVERVIEW_LIMIT, counts.weak.way);
    const onList =
      total === 0 || free.length >= OVERVIEW_LIMIT || listed.length === 0
        ? []
        : stmt<[Record<string, string | number>], WeakRecord>(db, WEAK_LISTED).all({
            ...params,
            listed: ids,
          });
    const item = (r: WeakRecord, isListed: boolean): WeakUnit => ({
      ...toOverviewUnit(r),
      levelCode: r.level_code,
      text: ratingText(scale, r.level_code, r.exemplary === 1),
      onList: isListed,
    });
    weakest = {
      total,
      items: [...free.map((r) => item(r, false)), ...onList.map((r) => item(r, true))].slice(
        0,
        OVERVIEW_LIMIT,
      ),
    };
  }
  const unratedTotal = counts.unrated.total;
  // None unrated: the walk by name would read every version of the register to find none.
  const unrated =
    unratedTotal === 0
      ? []
      : unratedFirst(db, ratingYear, OVERVIEW_LIMIT, counts.unrated.way)
          .map(toOverviewUnit)
          .sort((a, b) => compareVietnamese(a.name, b.name));
  return { weakest, unrated: { total: unratedTotal, items: unrated } };
}
