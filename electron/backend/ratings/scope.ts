// The set of units a rating query covers: a subtree as of a year, a list of ids, or everything,
// optionally narrowed to some kinds. One SQL statement, so national-size sets never loop per
// unit in JavaScript. Removed units are excluded through their versions' tombstones.
import { RATEABLE_KINDS, RATED_KINDS } from '../../../shared/domain/scales';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { keptWhileRegisterUnchanged } from '../db/register-memo';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';

export interface ScopeFilter {
  scopeId?: string | undefined;
  unitIds?: string[] | undefined;
  kinds?: UnitKind[] | undefined;
}

export interface ScopeUnit {
  unit_id: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parent_id: string | null;
}

/** A version valid in :year that is not removed (`alias` is the table's name in the query). */
export const VALID = (alias: string) =>
  `${alias}.deleted_at IS NULL AND ${alias}.valid_from <= :year AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :year)`;

/**
 * The kinds the grid, the counts and the transitions cover: those asked for that are rated, and
 * without a filter the TCCSĐ. Upper committees (province, district, Khối) are never rows to rate
 * and never counted, whatever is asked.
 */
export function ratedKinds(asked: readonly UnitKind[] | undefined): UnitKind[] {
  if (!asked || asked.length === 0) return [...RATED_KINDS];
  return asked.filter((k) => RATEABLE_KINDS.includes(k));
}

/**
 * The set as SQL over `unit_versions v` valid in :year: a `WITH` prefix (the subtree, when a
 * scope is asked) and the conditions, with their parameters. `scopeUnits` lists the set; a
 * report counts over it in SQL (reports/scope-register.ts), so both mean the same units.
 */
export function scopeSql(
  year: number,
  filter: ScopeFilter,
): { prefix: string; where: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { year };
  const conditions = [VALID('v')];
  let prefix = '';
  if (filter.scopeId) {
    params.scope = filter.scopeId;
    prefix = `WITH RECURSIVE sub(id) AS (
      SELECT :scope UNION
      SELECT v.unit_id FROM unit_versions v JOIN sub ON v.parent_id = sub.id WHERE ${VALID('v')}) `;
    conditions.push('v.unit_id IN (SELECT id FROM sub)', 'v.unit_id <> :scope');
  }
  if (filter.unitIds) {
    params.ids = JSON.stringify(filter.unitIds);
    conditions.push('v.unit_id IN (SELECT value FROM json_each(:ids))');
  }
  if (filter.kinds) {
    params.kinds = JSON.stringify(filter.kinds);
    conditions.push('v.kind IN (SELECT value FROM json_each(:kinds))');
  }
  return { prefix, where: conditions.join(' AND '), params };
}

/** The units of the set as they stood in `year`, in no particular order; `kinds: []` = none. */
export function scopeUnits(db: Db, year: number, filter: ScopeFilter): ScopeUnit[] {
  if (filter.scopeId) loadUnit(db, filter.scopeId);
  const { prefix, where, params } = scopeSql(year, filter);
  return stmt<[Record<string, string | number>], ScopeUnit>(
    db,
    `${prefix}SELECT v.unit_id, v.name, v.code, v.kind, v.sector, v.parent_id FROM unit_versions v
     WHERE ${where}`,
  ).all(params);
}

/** Some committees' names of year N and their names' stored sort keys (units/sort-key.ts). */
export interface CommitteeNames {
  names: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, string | null>;
}

/**
 * The names of year N of some committees (the same rows as namesInYear, the last one kept) with
 * their stored sort keys, for the report's groups and the carry-over list's committees
 * (sorted-by-keys.ts). They read the register alone: kept while it is unchanged
 * (db/register-memo.ts), so the nation's ~440 are read once per change of the register.
 */
export function committeeNames(db: Db, year: number, ids: Iterable<string | null>): CommitteeNames {
  const distinct = [...new Set(ids)].filter((id): id is string => id !== null);
  if (distinct.length === 0) return { names: new Map(), keys: new Map() };
  const list = JSON.stringify(distinct);
  return keptWhileRegisterUnchanged(db, `committee-names:${year}:${list}`, () => {
    const rows = stmt<
      [{ year: number; ids: string }],
      { unit_id: string; name: string; sort_key: string | null }
    >(
      db,
      `SELECT unit_id, name, sort_key FROM unit_versions WHERE deleted_at IS NULL
         AND valid_from <= :year AND (valid_to IS NULL OR valid_to >= :year)
         AND unit_id IN (SELECT value FROM json_each(:ids))`,
    ).all({ year, ids: list });
    const names = new Map<string, string>();
    const keys = new Map<string, string | null>();
    for (const r of rows) {
      names.set(r.unit_id, r.name);
      keys.set(r.unit_id, r.sort_key);
    }
    return { names, keys };
  });
}

/** Names in `year` of some units (parents, groups), looked up once per distinct id. */
export function namesInYear(
  db: Db,
  year: number,
  ids: Iterable<string | null>,
): Map<string, string> {
  const distinct = [...new Set(ids)].filter((id): id is string => id !== null);
  if (distinct.length === 0) return new Map();
  const rows = stmt<[{ year: number; ids: string }], { unit_id: string; name: string }>(
    db,
    `SELECT unit_id, name FROM unit_versions WHERE deleted_at IS NULL
       AND valid_from <= :year AND (valid_to IS NULL OR valid_to >= :year)
       AND unit_id IN (SELECT value FROM json_each(:ids))`,
  ).all({ year, ids: JSON.stringify(distinct) });
  return new Map(rows.map((r) => [r.unit_id, r.name]));
}
