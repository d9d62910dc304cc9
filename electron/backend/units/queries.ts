// Reads of the unit register: as of a year, one unit with its history, search.
import type { UnitDetail, UnitList } from '../../../shared/contract';
import { compareVietnamese, foldForSearch } from '../../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import { compareUnits } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { EventRecord, ListRecord, UnitRecord, VersionRecord } from './rows';
import { toLineageEvent, toUnitRow, toUnitVersion } from './rows';

/** SQL condition: version `v` is valid in the year bound as :year. */
export const VALID_IN_YEAR =
  'v.valid_from <= :year AND (v.valid_to IS NULL OR v.valid_to >= :year)';

const LIST_COLUMNS = `v.seq, v.id, v.unit_id, v.valid_from, v.valid_to, v.name, v.code, v.kind, v.sector,
  v.parent_id, u.founded_year, u.founded_unknown, u.ended_year, u.official_order, pv.name AS parent_name`;

const LIST_FROM = `FROM unit_versions v
  JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
  LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
    AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
  WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR}`;

export interface UnitFilter {
  year: number;
  search?: string | undefined;
  kind?: UnitKind | undefined;
  sector?: UnitSector | undefined;
  parentId?: string | undefined;
  descendants?: boolean | undefined;
  limit?: number | undefined;
}

/** Turns what a user typed into an FTS5 query of word prefixes: "dong y" → "dong"* "y"*. */
export function searchQuery(text: string): string | null {
  const words = foldForSearch(text).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** A listed row and how exactly it matches what was typed (2 = its code, 1 = its name). */
type RankedRecord = ListRecord & { exact_rank: number };

export function listUnits(db: Db, filter: UnitFilter): UnitList {
  // What the user typed in full, as a code or a name: such a unit is the one they mean.
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
  if (filter.limit !== undefined) {
    // SQLite has no Vietnamese collation: the folded name picks which rows make the cut and the
    // collation below orders them. Without a search the cut walks the name index and stops at
    // the limit (a national register is not sorted to show 30 rows on a picker's focus).
    sql += exact
      ? ' ORDER BY exact_rank DESC, u.official_order IS NULL, u.official_order, v.name_folded'
      : ' ORDER BY v.name_folded';
    sql += ' LIMIT :limit';
    params.limit = filter.limit;
  }
  const records = stmt<[Record<string, string | number>], RankedRecord>(db, sql).all(params);
  const rows = records
    .map((r) => ({ row: toUnitRow(r), rank: r.exact_rank }))
    .sort((a, b) => b.rank - a.rank || compareUnits(a.row, b.row, compareVietnamese))
    .map((r) => r.row);
  return { year: filter.year, rows };
}

export function loadUnit(db: Db, id: string): UnitRecord {
  const unit = stmt<[string], UnitRecord>(
    db,
    `SELECT id, founded_year, founded_unknown, founded_on, ended_year, official_order, deleted_at
     FROM units WHERE id = ?`,
  ).get(id);
  if (!unit || unit.deleted_at) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy tổ chức đảng này (có thể đã bị xóa).');
  }
  return unit;
}

export function versionsOf(db: Db, unitId: string): VersionRecord[] {
  return stmt<[string], VersionRecord>(
    db,
    `SELECT seq, id, unit_id, valid_from, valid_to, name, code, kind, sector, parent_id
     FROM unit_versions WHERE unit_id = ? AND deleted_at IS NULL ORDER BY valid_from`,
  ).all(unitId);
}

export function versionAt(db: Db, unitId: string, year: number): VersionRecord | undefined {
  return stmt<[{ unit: string; year: number }], VersionRecord>(
    db,
    `SELECT seq, id, unit_id, valid_from, valid_to, name, code, kind, sector, parent_id
     FROM unit_versions v WHERE unit_id = :unit AND deleted_at IS NULL AND ${VALID_IN_YEAR}`,
  ).get({ unit: unitId, year });
}

/** The unit's name in a year, or its latest name when it did not exist then. */
export function nameAt(db: Db, unitId: string, year: number | null): string | null {
  const versions = versionsOf(db, unitId);
  if (versions.length === 0) return null;
  const atYear =
    year === null
      ? undefined
      : versions.find((v) => v.valid_from <= year && (v.valid_to === null || v.valid_to >= year));
  return (atYear ?? versions[versions.length - 1]!).name;
}

export function getUnit(db: Db, id: string, year?: number): UnitDetail {
  const unit = loadUnit(db, id);
  const versions = versionsOf(db, id);
  const latest = versions[versions.length - 1];
  if (!latest) throw new AppError('NOT_FOUND', 'Tổ chức đảng này không có thông tin nào.');
  const current =
    (year === undefined
      ? undefined
      : versions.find((v) => v.valid_from <= year && (v.valid_to ?? Infinity) >= year)) ?? latest;
  const events = stmt<[string], EventRecord>(
    db,
    `SELECT id, type, year, event_date, basis, note, related_unit_id FROM lineage_events
     WHERE unit_id = ? AND deleted_at IS NULL ORDER BY year, coalesce(event_date, ''), created_at, rowid`,
  ).all(id);
  const parentName = (v: VersionRecord) =>
    v.parent_id ? nameAt(db, v.parent_id, v.valid_from) : null;
  return {
    id,
    foundedYear: unit.founded_unknown ? null : unit.founded_year,
    endedYear: unit.ended_year,
    current: toUnitRow({
      ...current,
      founded_year: unit.founded_year,
      founded_unknown: unit.founded_unknown,
      ended_year: unit.ended_year,
      official_order: unit.official_order,
      parent_name: parentName(current),
    }),
    versions: versions.map((v) => toUnitVersion(v, parentName(v))),
    events: events.map((e) =>
      toLineageEvent(e, e.related_unit_id ? nameAt(db, e.related_unit_id, e.year) : null),
    ),
  };
}

/** Units whose version in `year` (or any later year) names `unitId` as parent. */
export function childrenContinuingAfter(db: Db, unitId: string, year: number): VersionRecord[] {
  return stmt<[{ unit: string; year: number }], VersionRecord>(
    db,
    `SELECT v.seq, v.id, v.unit_id, v.valid_from, v.valid_to, v.name, v.code, v.kind, v.sector, v.parent_id
     FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.parent_id = :unit AND v.deleted_at IS NULL AND (v.valid_to IS NULL OR v.valid_to > :year)`,
  ).all({ unit: unitId, year });
}

/** Finds a unit by id or by official code valid in `year` (the CLI's CODE|ID arguments). */
export function resolveUnitRef(db: Db, ref: string, year: number): string {
  const byId = stmt<[string], { id: string }>(
    db,
    'SELECT id FROM units WHERE id = ? AND deleted_at IS NULL',
  ).get(ref);
  if (byId) return byId.id;
  const byCode = stmt<[{ code: string; year: number }], { unit_id: string }>(
    db,
    `SELECT v.unit_id FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.code_folded = :code AND v.deleted_at IS NULL
     ORDER BY (${VALID_IN_YEAR}) DESC, v.valid_from DESC LIMIT 1`,
  ).get({ code: foldForSearch(ref), year });
  if (byCode) return byCode.unit_id;
  throw new AppError('NOT_FOUND', `Không tìm thấy tổ chức có mã hoặc định danh "${ref}".`);
}
