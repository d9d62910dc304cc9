// The units the carry-over list asked apart (reports.carryOver) may name, for year N against
// N - 1 by committee: those on a list covering year N and those rated at the lowest level in
// year N, with their names and both years' ratings, in the report's order (the groups by
// committee name, each group's units in display order). The same units, facts and order as the
// summaries' reading (register-figures.ts carryOverScope, kept as the reference in
// test/helpers/reference-carry-over.ts), read with less: for the nation or the whole register,
// year N's rating of a unit at the lowest level comes with the year's scan that finds it instead
// of being looked up again, the units on a list are looked up by id, the nation's rows are kept
// once per path of its walk in JS (not joined to the walk), and the units are put group by group
// without a sort. Under a committee with a parent (a province, a district) its committees'
// children are read as before.
import type { CarryOverUnit } from '../../../shared/contract';
import { RATED_KINDS, SCALES, tierOf } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { LOWEST_INDEXED_CODES, lowestIndexedWhere } from '../db/migrations/0022-ratings-lowest';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import { committeeNames } from '../ratings/scope';
import type { TwoYearRatingColumns } from '../ratings/store';
import { SUBTREE_WALK, hasParent, walkedCommittees } from '../ratings/tallies';
import { carryOverEntry } from './carry-over';
import { NO_PARENT_GROUP } from './descriptions';
import { fact } from './register-book';
import {
  compareKeys,
  comparisonsOnce,
  firstChildren,
  listedRemarks,
  namedUnit,
} from './register-figures';
import { unitsReadApartSql } from './register-summary';
import { sortedByKeys } from './sorted-by-keys';
import { kindChanges, membershipsOfYear } from './scope-register';
import type { ReportQuery, ScopedUnit } from './scope-units';

/** The codes of the lowest level (tier 4) in any scale: matched by code, checked by tier later. */
const LOWEST_CODES = [
  ...new Set(SCALES.flatMap((s) => s.levels.filter((l) => l.tier === 4).map((l) => l.code))),
];
const LOWEST = JSON.stringify(LOWEST_CODES);
const LOWEST_TIER = 4;

const ORDERS = `orders AS MATERIALIZED (SELECT id, official_order FROM units
  WHERE official_order IS NOT NULL AND deleted_at IS NULL)`;

const IN_LOWEST = 'IN (SELECT value FROM json_each(:lowest))';

/** The scales' lowest codes are the ones the partial index of migration 22 holds. */
export const LOWEST_INDEXED =
  LOWEST_CODES.length === LOWEST_INDEXED_CODES.length &&
  LOWEST_CODES.every((code) => LOWEST_INDEXED_CODES.includes(code));

/**
 * Year N's live ratings at the lowest level: searched in their own index (migration 22, ~2,700
 * entries for the nation), or the year's entries of ratings_by_year scanned (~52,000) if the
 * scales' lowest codes are no longer the ones indexed.
 */
const LOWEST_OF_YEAR = LOWEST_INDEXED
  ? `FROM ratings r INDEXED BY ratings_lowest_by_year
    WHERE r.year = :year AND ${lowestIndexedWhere('r')}`
  : `FROM ratings r INDEXED BY ratings_by_year
    WHERE r.year = :year AND r.deleted_at IS NULL AND r.level_code ${IN_LOWEST}`;

/**
 * The compared year's rating of each unit. A unit on a list not at the lowest level in year N
 * (`k.w` = 1) has it read in full; a unit at the lowest level in year N (`k.w` = 0) is named
 * whether or not it is on a list, and its entry asks only whether that rating was at the lowest
 * level too ("Vẫn xếp loại"), which migration 22's small index answers (the rating when it was
 * there, else none; a rating at a tier-4 level is always there while LOWEST_INDEXED). The year is
 * NULL for the search not meant (no entry matches a NULL key), so each unit searches one index.
 */
const COMPARED = LOWEST_INDEXED
  ? `LEFT JOIN ratings p INDEXED BY ratings_by_year
    ON p.year = CASE WHEN k.w THEN :compareYear END AND p.unit_id = v.unit_id
      AND p.deleted_at IS NULL
  LEFT JOIN ratings l INDEXED BY ratings_lowest_by_year
    ON l.year = CASE WHEN k.w THEN NULL ELSE :compareYear END AND l.unit_id = v.unit_id
      AND ${lowestIndexedWhere('l')}`
  : `LEFT JOIN ratings p INDEXED BY ratings_by_year
    ON p.year = :compareYear AND p.unit_id = v.unit_id AND p.deleted_at IS NULL
  LEFT JOIN (SELECT NULL AS scale_id, NULL AS level_code, NULL AS not_rated_reason,
    NULL AS exemplary) l ON 0`;

/**
 * The units to name of the whole register, each once, in display order (official order, sort key,
 * id). `k` lists each unit once with year N's rating: the year's ratings at the lowest level (their
 * index holds every column of the rating read; `w` = 0), then the units on a list not among
 * them, by id (`w` = 1). A unit has one rating a year (ratings_by_unit_year), so `k` holds what
 * the summaries' reading gets by looking each unit's rating up again. `p_*` is the compared
 * year's rating as COMPARED reads it.
 */
export const CARRY_OVER_UNITS = `WITH ${ORDERS},
  k AS (
    SELECT r.unit_id, r.scale_id AS c_scale, r.level_code AS c_level,
      r.not_rated_reason AS c_reason, r.exemplary AS c_exemplary, 0 AS w
    ${LOWEST_OF_YEAR}
    UNION ALL
    SELECT j.value, c.scale_id, c.level_code, c.not_rated_reason, c.exemplary, 1
    FROM json_each(:watched) j
    LEFT JOIN ratings c INDEXED BY ratings_by_year
      ON c.year = :year AND c.unit_id = j.value AND c.deleted_at IS NULL
    WHERE c.level_code IS NULL OR c.level_code NOT ${IN_LOWEST})
SELECT v.unit_id, v.parent_id, v.kind, v.name, v.code, v.sector,
    k.c_scale, k.c_level, k.c_reason, k.c_exemplary, k.w,
    CASE WHEN k.w THEN p.scale_id ELSE l.scale_id END AS p_scale,
    CASE WHEN k.w THEN p.level_code ELSE l.level_code END AS p_level,
    CASE WHEN k.w THEN p.not_rated_reason ELSE l.not_rated_reason END AS p_reason,
    CASE WHEN k.w THEN p.exemplary ELSE l.exemplary END AS p_exemplary
  FROM k
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = k.unit_id
  ${COMPARED}
  LEFT JOIN orders o ON o.id = v.unit_id
  WHERE v.deleted_at IS NULL AND v.valid_from <= :year
    AND (v.valid_to IS NULL OR v.valid_to >= :year)
    AND v.kind IN (SELECT value FROM json_each(:kinds))
  ORDER BY o.official_order IS NULL, o.official_order, v.sort_key, v.unit_id`;

type ComparedColumns = Pick<
  TwoYearRatingColumns,
  'p_scale' | 'p_level' | 'p_reason' | 'p_exemplary'
>;

/** A unit's compared rating read in full (a listed unit found by the lowest level's search). */
export const COMPARED_OF_UNIT = `SELECT scale_id AS p_scale, level_code AS p_level,
    not_rated_reason AS p_reason, exemplary AS p_exemplary
  FROM ratings INDEXED BY ratings_by_unit_year
  WHERE unit_id = :unit AND year = :compareYear AND deleted_at IS NULL`;

interface UnitRow extends TwoYearRatingColumns {
  unit_id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  code: string | null;
  sector: ScopedUnit['sector'];
  /** 0: found by year N's lowest level (`p_*` only when at the lowest level); absent under a parent. */
  w?: number;
}

/**
 * The committees in the report's order: by Vietnamese name (a committee without a name in year N
 * is named as the report names it), committees of one name by their first unit of year N, the
 * units without a committee last. `parents` in the order their first unit was read, which a
 * stable sort keeps for what is still tied (as the report's groups are made and sorted).
 */
function committeeOrder(
  db: Db,
  year: number,
  kinds: UnitKind[],
  parents: readonly (string | null)[],
  names: ReadonlyMap<string, string>,
  keys: ReadonlyMap<string, string | null>,
): (string | null)[] {
  const named = parents.filter((id): id is string => id !== null);
  const nameOf = (id: string) => names.get(id) ?? NO_PARENT_GROUP;
  const byName = (a: string, b: string) => compareVietnamese(nameOf(a), nameOf(b));
  const sorted = sortedByKeys(named, (id) => keys.get(id), nameOf) ?? named.sort(byName);
  const tied = new Set<string>();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a !== undefined && b !== undefined && byName(a, b) === 0) {
      tied.add(a);
      tied.add(b);
    }
  }
  if (tied.size > 0) {
    const first = firstChildren(db, year, kinds, tied);
    sorted.sort((a, b) => byName(a, b) || compareKeys(first.get(a), first.get(b)));
  }
  return [...sorted, ...parents.filter((id) => id === null)];
}

/**
 * Each row as often as the walk from the top unit reaches its committee (once per path, none when
 * it never does), as a join to the walk keeps them, in the order read.
 */
function oncePerPath(rows: readonly UnitRow[], walked: string): UnitRow[] {
  const paths = new Map<string, number>();
  for (const id of JSON.parse(walked) as string[]) paths.set(id, (paths.get(id) ?? 0) + 1);
  const kept: UnitRow[] = [];
  for (const row of rows) {
    const n = row.parent_id === null ? 0 : (paths.get(row.parent_id) ?? 0);
    for (let i = 0; i < n; i++) kept.push(row);
  }
  return kept;
}

/**
 * The rows read, in display order, once per path from the scope to the unit's committee: under a
 * committee with a parent (a province, a district), among its committees' children as the
 * summaries' reading finds them; for a top unit (the nation), the whole register's rows kept by
 * its walk (joined to the walk in SQL, each row probed the walk's automatic index).
 */
function readUnits(
  db: Db,
  committeeId: string | null,
  q: ReportQuery & { compareYear: number },
  kinds: UnitKind[],
  watched: string[],
  changed: string[],
): UnitRow[] {
  const params: Record<string, string | number> = {
    year: q.year,
    compareYear: q.compareYear,
    kinds: JSON.stringify(kinds),
    lowest: LOWEST,
    watched: JSON.stringify(watched),
  };
  if (committeeId !== null && hasParent(db, committeeId, q.year)) {
    return stmt<[Record<string, string | number>], UnitRow>(
      db,
      unitsReadApartSql(SUBTREE_WALK, true, true),
    ).all({ ...params, scope: committeeId, changed: JSON.stringify(changed) });
  }
  const rows = stmt<[Record<string, string | number>], UnitRow>(db, CARRY_OVER_UNITS).all(params);
  return committeeId === null
    ? rows
    : oncePerPath(rows, walkedCommittees(db, committeeId, q.year).walked);
}

/**
 * What decides the entry of a unit on no list: its year-N rating and whether its compared year's
 * was at the lowest level (carry-over.ts slowChangeWhy reads nothing else of such a unit).
 */
function unlistedKey(r: UnitRow): string {
  const still = tierOf(r.p_scale ?? '', r.p_level) === LOWEST_TIER;
  return `${r.c_scale}|${r.c_level}|${r.c_reason}|${r.c_exemplary}|${still}`;
}

/**
 * The entries of units on no list (the nation's ~2,700 at the lowest level), each distinct
 * `unlistedKey` worked out once as the list works out any unit's (carryOverEntry) instead of a
 * unit's objects, comparison and sentence built for every one: such a unit has no list's
 * selector, status or remarks (remarks are read for listed units only).
 */
function unlistedEntries(q: ReportQuery & { compareYear: number }) {
  const whys = new Map<string, string | null>();
  return (r: UnitRow): CarryOverUnit | null => {
    const key = unlistedKey(r);
    let why = whys.get(key);
    if (why === undefined) {
      const unit: ScopedUnit = {
        id: r.unit_id,
        code: null,
        name: r.name,
        parentId: null,
        parentName: null,
        sector: null,
        selector: null,
        watchGroup: null,
        status: null,
        exists: true,
        current: fact(q.year, r.c_scale, r.c_level, r.c_reason, r.c_exemplary),
        compared: fact(q.compareYear, r.p_scale, r.p_level, r.p_reason, r.p_exemplary),
        comparison: null,
      };
      why = carryOverEntry(unit, q)?.why ?? null;
      whys.set(key, why);
    }
    return why === null ? null : { unitId: r.unit_id, name: r.name, why };
  };
}

/**
 * The carry-over list of a register scope (reports.carryOver, part V of the report), read with
 * only the units it may name, in the report's order; null unless the question is year N against
 * N - 1 without named cases (then the caller counts the whole report). The same list as
 * `carryOver` of the summaries' reading; a unit on no list at the lowest level in year N is
 * named without the objects a comparison needs (`unlistedEntries`).
 */
export function carryOverList(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
): CarryOverUnit[] | null {
  const compareYear = q.compareYear;
  if (compareYear === null || compareYear !== q.year - 1 || q.namedCases) return null;
  const settled = { ...q, compareYear };
  // The same refusal as the report's for a unit that is not there.
  if (committeeId) loadUnit(db, committeeId);
  const kinds: UnitKind[] = [...RATED_KINDS];
  const memberships = membershipsOfYear(db, q.year);
  const kindsThen = kindChanges(db, compareYear, q.year);
  const compare = comparisonsOnce();
  const watchedIds = [...memberships.keys()];
  const rows = readUnits(db, committeeId, settled, kinds, watchedIds, [...kindsThen.keys()]);
  const lowest = new Set(LOWEST_CODES);
  // Under a parent the statement also gives the units whose kind changed: not named as such.
  const named = rows.filter(
    (r) => memberships.has(r.unit_id) || (r.c_level !== null && lowest.has(r.c_level)),
  );
  const { names, keys } = committeeNames(
    db,
    q.year,
    named.map((r) => r.parent_id),
  );
  const order = committeeOrder(
    db,
    q.year,
    kinds,
    [...new Set(named.map((r) => r.parent_id))],
    names,
    keys,
  );
  const listed = [...new Set(named.map((r) => r.unit_id))].filter((id) => memberships.has(id));
  const remarks = listedRemarks(db, settled, listed);
  const unlisted = unlistedEntries(settled);
  const none = { p_scale: null, p_level: null, p_reason: null, p_exemplary: null };
  const comparedOf = (unit: string): ComparedColumns =>
    stmt<[{ unit: string; compareYear: number }], ComparedColumns>(db, COMPARED_OF_UNIT).get({
      unit,
      compareYear,
    }) ?? none;
  const entryOf = (r: UnitRow): CarryOverUnit | null => {
    const membership = memberships.get(r.unit_id);
    if (!membership) return unlisted(r);
    const current = fact(q.year, r.c_scale, r.c_level, r.c_reason, r.c_exemplary);
    // A listed unit found by the lowest level's search: its compared rating read in full.
    const p = LOWEST_INDEXED && r.w === 0 ? comparedOf(r.unit_id) : r;
    const compared = fact(compareYear, p.p_scale, p.p_level, p.p_reason, p.p_exemplary);
    const comparison = compare(compared, kindsThen.get(r.unit_id) ?? r.kind, current, r.kind);
    const unit = namedUnit(r, membership, names, { current, compared, comparison }, remarks);
    return carryOverEntry(unit, settled);
  };
  // Group by group in the committees' order, each group's units in the order read.
  const byGroup = new Map<string | null, CarryOverUnit[]>(order.map((id) => [id, []]));
  for (const r of named) {
    const entry = entryOf(r);
    if (entry) byGroup.get(r.parent_id)?.push(entry);
  }
  return [...byGroup.values()].flat();
}
