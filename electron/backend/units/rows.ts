// Row shapes as SQLite returns them, and their mapping to contract types.
import type { LineageEvent, UnitRow, UnitVersion } from '../../../shared/contract';
import type { LineageEventType, UnitKind, UnitSector } from '../../../shared/domain/units';

export interface UnitRecord {
  id: string;
  /** The earliest year (MIN_YEAR) when the founding year is not known. */
  founded_year: number;
  /** 1 when the founding year is not known ("có từ trước"). */
  founded_unknown: number;
  founded_on: string | null;
  ended_year: number | null;
  official_order: number | null;
  deleted_at: string | null;
}

export interface VersionRecord {
  seq: number;
  id: string;
  unit_id: string;
  valid_from: number;
  valid_to: number | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parent_id: string | null;
}

export interface ListRecord extends VersionRecord {
  founded_year: number;
  founded_unknown: number;
  ended_year: number | null;
  official_order: number | null;
  parent_name: string | null;
}

export interface EventRecord {
  id: string;
  type: LineageEventType;
  year: number;
  event_date: string | null;
  basis: string | null;
  note: string | null;
  related_unit_id: string | null;
}

/** The fields a version carries; what rename, move and the other operations change. */
export interface VersionFields {
  name: string;
  code: string | null;
  kind: UnitKind;
  sector: UnitSector | null;
  parentId: string | null;
}

export function fieldsOf(v: VersionRecord): VersionFields {
  return { name: v.name, code: v.code, kind: v.kind, sector: v.sector, parentId: v.parent_id };
}

export function toUnitRow(r: ListRecord): UnitRow {
  return {
    id: r.unit_id,
    versionId: r.id,
    name: r.name,
    code: r.code,
    kind: r.kind,
    sector: r.sector,
    parentId: r.parent_id,
    parentName: r.parent_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    foundedYear: r.founded_unknown ? null : r.founded_year,
    endedYear: r.ended_year,
    officialOrder: r.official_order,
  };
}

export function toUnitVersion(v: VersionRecord, parentName: string | null): UnitVersion {
  return {
    id: v.id,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    ...fieldsOf(v),
    parentName,
  };
}

export function toLineageEvent(e: EventRecord, relatedUnitName: string | null): LineageEvent {
  return {
    id: e.id,
    type: e.type,
    year: e.year,
    eventDate: e.event_date,
    basis: e.basis,
    note: e.note,
    relatedUnitId: e.related_unit_id,
    relatedUnitName,
  };
}
