// The set of units a rating query covers: a subtree as of a year, a list of ids, or everything,
// optionally narrowed to some kinds. Built as SQL so national-size sets never loop in JavaScript.
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { loadUnit } from '../units/queries';

export interface ScopeFilter {
  scopeId?: string | undefined;
  unitIds?: string[] | undefined;
  kinds?: UnitKind[] | undefined;
}

export interface ScopeSql {
  /** A WITH clause defining `scope(unit_id, name, code, kind, parent_id, official_order)` for :year. */
  with: string;
  params: Record<string, string | number>;
}

const VALID = (alias: string) =>
  `${alias}.deleted_at IS NULL AND ${alias}.valid_from <= :year AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :year)`;

export function scopeSql(db: Db, year: number, filter: ScopeFilter): ScopeSql {
  const params: Record<string, string | number> = { year };
  const conditions = [VALID('v')];
  let recursive = '';
  if (filter.scopeId) {
    loadUnit(db, filter.scopeId);
    params.scope = filter.scopeId;
    recursive = `sub(id) AS (
      SELECT :scope UNION
      SELECT v.unit_id FROM unit_versions v JOIN sub ON v.parent_id = sub.id WHERE ${VALID('v')}), `;
    conditions.push('v.unit_id IN (SELECT id FROM sub)', 'v.unit_id <> :scope');
  }
  if (filter.unitIds) {
    params.ids = JSON.stringify(filter.unitIds);
    conditions.push('v.unit_id IN (SELECT value FROM json_each(:ids))');
  }
  if (filter.kinds && filter.kinds.length > 0) {
    params.kinds = JSON.stringify(filter.kinds);
    conditions.push('v.kind IN (SELECT value FROM json_each(:kinds))');
  }
  return {
    with: `WITH RECURSIVE ${recursive}scope AS (
      SELECT v.unit_id, v.name, v.code, v.kind, v.parent_id, u.official_order FROM unit_versions v
      JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
      WHERE ${conditions.join(' AND ')})`,
    params,
  };
}
