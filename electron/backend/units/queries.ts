// Reads of one unit: its versions, its history, by id or code. Lists of the register: register.ts.
import type { UnitDetail } from '../../../shared/contract';
import { foldForSearch } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { EventRecord, UnitRecord, VersionRecord } from './rows';
import { toLineageEvent, toUnitRow, toUnitVersion } from './rows';

/** SQL condition: version `v` is valid in the year bound as :year. */
export const VALID_IN_YEAR =
  'v.valid_from <= :year AND (v.valid_to IS NULL OR v.valid_to >= :year)';

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
