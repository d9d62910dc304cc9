// The register's lists as the code computed them before issue 10 (units/queries.ts listUnits at
// commit 8f0c6b0): every row of the year read, then sorted in JavaScript with the Vietnamese
// collator. Kept to prove that the paged, index-ordered lists return exactly the same rows in the
// same order. One deliberate difference is applied here too: names the collator finds equal
// ("Hòa" and "Hoà") were left in SQLite's reading order, which nothing fixed; the new order puts
// them by the unit's id, so the reference reads the rows in that order before its stable sort.
import type { Db } from '../../electron/backend/db/open';
import type { ListRecord } from '../../electron/backend/units/rows';
import { toUnitRow } from '../../electron/backend/units/rows';
import { VALID_IN_YEAR } from '../../electron/backend/units/queries';
import { searchQuery } from '../../electron/backend/units/register';
import type { UnitRow } from '../../shared/contract';
import { compareVietnamese, foldForSearch } from '../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../shared/domain/units';
import { compareUnits } from '../../shared/domain/units';

export interface ReferenceFilter {
  year: number;
  search?: string;
  kind?: UnitKind;
  sector?: UnitSector;
  parentId?: string;
  descendants?: boolean;
}

const LIST_COLUMNS = `v.seq, v.id, v.unit_id, v.valid_from, v.valid_to, v.name, v.code, v.kind, v.sector,
  v.parent_id, u.founded_year, u.founded_unknown, u.ended_year, u.official_order, pv.name AS parent_name`;

const LIST_FROM = `FROM unit_versions v
  JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
    AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
  WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR}`;

/** The whole list of a filter, as the old units.list without a limit returned it. */
export function referenceList(db: Db, filter: ReferenceFilter): UnitRow[] {
  const exact = filter.search ? foldForSearch(filter.search) : '';
  const params: Record<string, string | number> = { year: filter.year };
  const rank = exact ? 'coalesce(v.code_folded = :exact, 0) * 2 + (v.name_folded = :exact)' : '0';
  if (exact) params.exact = exact;
  let sql = `SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank ${LIST_FROM}`;
  const match = filter.search ? searchQuery(filter.search) : null;
  if (match) {
    sql += ' AND v.seq IN (SELECT rowid FROM unit_search WHERE unit_search MATCH :match)';
    params.match = match;
  }
  if (filter.kind) {
    sql += ' AND v.kind = :kind';
    params.kind = filter.kind;
  }
  if (filter.sector) {
    sql += ' AND v.sector = :sector';
    params.sector = filter.sector;
  }
  if (filter.parentId) {
    params.parent = filter.parentId;
    if (filter.descendants) {
      sql =
        `WITH RECURSIVE sub(id) AS (
          SELECT :parent UNION
          SELECT v.unit_id FROM unit_versions v JOIN sub ON v.parent_id = sub.id
          WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR}) ` +
        sql +
        ' AND v.unit_id IN (SELECT id FROM sub) AND v.unit_id <> :parent';
    } else {
      sql += ' AND v.parent_id = :parent';
    }
  }
  const records = db.prepare(sql).all(params) as (ListRecord & { exact_rank: number })[];
  records.sort((a, b) => (a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0));
  return records
    .map((r) => ({ row: toUnitRow(r), rank: r.exact_rank }))
    .sort((a, b) => b.rank - a.rank || compareUnits(a.row, b.row, compareVietnamese))
    .map((r) => r.row);
}

/** The old tree: every row of the year, parents found among them (UnitTree.buildTree). */
export function referenceTree(db: Db, year: number) {
  const rows = referenceList(db, { year });
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string, UnitRow[]>();
  const roots: UnitRow[] = [];
  for (const row of rows) {
    if (row.parentId && ids.has(row.parentId)) {
      const list = children.get(row.parentId) ?? [];
      list.push(row);
      children.set(row.parentId, list);
    } else {
      roots.push(row);
    }
  }
  return { roots, children };
}
