// Tổng quan's register figures (watchlists/overview-register.ts) as they were before helper
// OVERVIEW's walks (commit 63eb1d4): each rated kind's register index walked apart and merged for
// the weak units, the name index (name only) walked for the unrated ones. Kept for
// test/backend/overview-walks.test.ts, which compares the new answers with these.
import type { OverviewUnit, WeakUnit } from '../../shared/contract';
import { OVERVIEW_LIMIT } from '../../shared/methods/watchlists';
import { RATED_KINDS, ratingText, scaleForYear } from '../../shared/domain/scales';
import { compareVietnamese } from '../../shared/domain/text';
import type { Db } from '../../electron/backend/db/open';
import { stmt } from '../../electron/backend/db/statements';
import { unratedCount } from '../../electron/backend/ratings/tallies';

const KINDS = RATED_KINDS.map((k) => `'${k}'`).join(', ');
const VALID =
  'v.deleted_at IS NULL AND v.valid_from <= :year AND (v.valid_to IS NULL OR v.valid_to >= :year)';

/** A row's name and code (its version valid in :year) and its parent's name that year. */
const PARENT_NAME = `(SELECT pv.name FROM unit_versions pv
    WHERE pv.unit_id = v.parent_id AND pv.deleted_at IS NULL AND pv.valid_from <= :year
      AND (pv.valid_to IS NULL OR pv.valid_to >= :year) LIMIT 1) AS parent_name`;

/**
 * Live ratings of :year at :level counted per live version of a TCCSĐ valid that year (what a
 * list of them has rows), from the tallies; `WEAK_OF_REMOVED` takes off the few removed units
 * whose versions were left live, which the lists leave out.
 */
export const WEAK_TALLIED = `SELECT coalesce(sum(n), 0) AS n FROM rating_tallies
  WHERE year = :year AND level_code = :level AND kind IN (${KINDS})`;

const WEAK_OF_REMOVED = `SELECT count(*) AS n FROM units u INDEXED BY units_removed
  JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = u.id
  JOIN ratings r INDEXED BY ratings_by_unit_year ON r.unit_id = u.id AND r.year = :year
  WHERE u.deleted_at IS NOT NULL AND ${VALID} AND v.kind IN (${KINDS})
    AND r.deleted_at IS NULL AND r.level_code = :level`;

/**
 * The first TCCSĐ of one kind rated at :level in :year, not on this year's lists (:listed), in
 * Vietnamese order (the stored sort key, then the id): the kind's register index is walked in
 * that order and each version's rating probed in the ratings' covering year index, so the walk
 * reads no table row until a unit qualifies, and stops at the limit. One walk per kind keeps the
 * order the index's (an IN over both kinds would read and sort every version).
 */
const WEAK_OF_KIND = `SELECT v.unit_id, v.name, v.code, v.sort_key, r.level_code, r.exemplary,
    ${PARENT_NAME}
  FROM unit_versions v INDEXED BY unit_versions_register_by_kind
  CROSS JOIN ratings r INDEXED BY ratings_by_year
    ON r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL AND r.level_code = :level
  WHERE v.kind = :kind AND ${VALID}
    AND v.unit_id NOT IN (SELECT value FROM json_each(:listed))
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.sort_key, v.unit_id LIMIT :limit`;

/** Each kind's first rows merged in the same order by SQLite (its BINARY order of the keys). */
export const WEAK_FIRST = `${RATED_KINDS.map(
  (kind) => `SELECT * FROM (${WEAK_OF_KIND.replaceAll(':kind', `'${kind}'`)})`,
).join(' UNION ALL ')}
  ORDER BY sort_key, unit_id LIMIT :limit`;

/** The units on this year's lists rated at :level, in the same order (a list's few members). */
const WEAK_LISTED = `SELECT v.unit_id, v.name, v.code, v.sort_key, r.level_code, r.exemplary,
    ${PARENT_NAME}
  FROM json_each(:listed) j
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = j.value
  CROSS JOIN ratings r INDEXED BY ratings_by_unit_year ON r.unit_id = v.unit_id AND r.year = :year
  WHERE r.deleted_at IS NULL AND r.level_code = :level AND v.kind IN (${KINDS}) AND ${VALID}
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.sort_key, v.unit_id`;

/**
 * TCCSĐ existing in :year with no live rating, the first by folded name (then as the name index
 * orders equal names): the index of names with the versions' years and removal is walked, each
 * version's rating probed in the ratings' covering year index, and a version's row is read only
 * for its kind and its name once it qualifies.
 */
export const UNRATED_FIRST = `SELECT v.unit_id, v.name, v.code, ${PARENT_NAME}
  FROM unit_versions v INDEXED BY unit_versions_by_name
  WHERE ${VALID} AND v.kind IN (${KINDS})
    AND NOT EXISTS (SELECT 1 FROM ratings r INDEXED BY ratings_by_year
      WHERE r.year = :year AND r.unit_id = v.unit_id AND r.deleted_at IS NULL)
    AND v.unit_id NOT IN (SELECT id FROM units WHERE deleted_at IS NOT NULL)
  ORDER BY v.name_folded LIMIT :limit`;

interface UnitListRecord {
  unit_id: string;
  name: string;
  code: string | null;
  parent_name: string | null;
}

interface WeakRecord extends UnitListRecord {
  level_code: string;
  exemplary: number;
}

interface RegisterFigures {
  weakest: { total: number; items: WeakUnit[] };
  unrated: { total: number; items: OverviewUnit[] };
}

function toOverviewUnit(r: UnitListRecord): OverviewUnit {
  return { unitId: r.unit_id, name: r.name, code: r.code, parentName: r.parent_name };
}

/**
 * The register's figures of `ratingYear`. The weakest are listed as the screen shows them: the
 * units on no list first (the ones needing a decision), each part in Vietnamese order, the first
 * OVERVIEW_LIMIT of them; `listed` are the units on this year's lists.
 */
export function referenceRegisterFigures(
  db: Db,
  ratingYear: number,
  listed: readonly string[],
): RegisterFigures {
  const scale = scaleForYear(ratingYear);
  const lowest = scale?.levels.find((l) => l.tier === 4) ?? null;
  let weakest: RegisterFigures['weakest'] = { total: 0, items: [] };
  if (lowest) {
    const params = { year: ratingYear, level: lowest.code };
    const total =
      (stmt<[typeof params], { n: number }>(db, WEAK_TALLIED).get(params)?.n ?? 0) -
      (stmt<[typeof params], { n: number }>(db, WEAK_OF_REMOVED).get(params)?.n ?? 0);
    const ids = JSON.stringify(listed);
    const free =
      total === 0
        ? []
        : stmt<[Record<string, string | number>], WeakRecord>(db, WEAK_FIRST).all({
            ...params,
            listed: ids,
            limit: OVERVIEW_LIMIT,
          });
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
  // From the tallies kept by the writes: the direct count read the whole year (~0.1-0.3 s).
  const unratedTotal = unratedCount(db, ratingYear, RATED_KINDS);
  // None unrated: the walk by name would read every version of the register to find none.
  const unrated =
    unratedTotal === 0
      ? []
      : stmt<[{ year: number; limit: number }], UnitListRecord>(db, UNRATED_FIRST)
          .all({ year: ratingYear, limit: OVERVIEW_LIMIT })
          .map(toOverviewUnit)
          .sort((a, b) => compareVietnamese(a.name, b.name));
  return { weakest, unrated: { total: unratedTotal, items: unrated } };
}
