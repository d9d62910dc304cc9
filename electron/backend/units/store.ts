// Low-level writes of units, versions and lineage events, each with its audit rows.
// Callers check the rules and hold the transaction.
import { newId } from '../../../shared/domain/ids';
import { unitSortKey } from '../../../shared/domain/sort-key';
import { foldForSearch } from '../../../shared/domain/text';
import type { LineageEventType } from '../../../shared/domain/units';
import { MIN_YEAR } from '../../../shared/domain/years';
import { auditInsert, auditUpdate } from '../audit';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { EventRecord, UnitRecord, VersionFields, VersionRecord } from './rows';
import { fieldsOf } from './rows';

/**
 * When a unit was founded. `year` null: not known ("có từ trước"); the unit is then stored as
 * existing from MIN_YEAR, the earliest year any query can ask about, so every temporal read and
 * check treats it as present in every year before its first recorded change.
 */
export interface Founding {
  year: number | null;
  on: string | null;
}

/** The first year a unit exists in, as stored. */
export function firstYearOf(founding: Founding): number {
  return founding.year ?? MIN_YEAR;
}

export function insertUnit(db: Db, actor: Actor, founding: Founding): string {
  const id = newId();
  const now = actor.at;
  const values = {
    founded_year: firstYearOf(founding),
    founded_unknown: founding.year === null ? 1 : 0,
    founded_on: founding.on,
  };
  stmt(
    db,
    `INSERT INTO units(id, founded_year, founded_unknown, founded_on, created_at, updated_at,
       changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    values.founded_year,
    values.founded_unknown,
    values.founded_on,
    now,
    now,
    actor.installationId,
  );
  // The flag is audited only when set: a known founding year needs no extra line.
  auditInsert(db, actor, 'unit', id, {
    ...values,
    founded_unknown: values.founded_unknown || null,
  });
  return id;
}

/** A corrected founding year and date (the first version's start moves with it: see founding.ts). */
export function setFounding(db: Db, actor: Actor, unit: UnitRecord, founding: Founding): void {
  const values = {
    founded_year: firstYearOf(founding),
    founded_unknown: founding.year === null ? 1 : 0,
    founded_on: founding.on,
  };
  stmt(
    db,
    `UPDATE units SET founded_year = ?, founded_unknown = ?, founded_on = ?, updated_at = ?,
       changed_by_installation = ? WHERE id = ?`,
  ).run(
    values.founded_year,
    values.founded_unknown,
    values.founded_on,
    actor.at,
    actor.installationId,
    unit.id,
  );
  auditUpdate(
    db,
    actor,
    'unit',
    unit.id,
    {
      founded_year: unit.founded_year,
      founded_unknown: unit.founded_unknown,
      founded_on: unit.founded_on,
    },
    values,
  );
}

export function setUnitEnd(db: Db, actor: Actor, unit: UnitRecord, endedYear: number | null): void {
  stmt(
    db,
    'UPDATE units SET ended_year = ?, updated_at = ?, changed_by_installation = ? WHERE id = ?',
  ).run(endedYear, actor.at, actor.installationId, unit.id);
  auditUpdate(
    db,
    actor,
    'unit',
    unit.id,
    { ended_year: unit.ended_year },
    { ended_year: endedYear },
  );
}

export function setOfficialOrder(
  db: Db,
  actor: Actor,
  unit: UnitRecord,
  order: number | null,
): void {
  if (unit.official_order === order) return;
  stmt(
    db,
    'UPDATE units SET official_order = ?, updated_at = ?, changed_by_installation = ? WHERE id = ?',
  ).run(order, actor.at, actor.installationId, unit.id);
  auditUpdate(
    db,
    actor,
    'unit',
    unit.id,
    { official_order: unit.official_order },
    { official_order: order },
  );
}

export function insertVersion(
  db: Db,
  actor: Actor,
  unitId: string,
  from: number,
  to: number | null,
  f: VersionFields,
): string {
  const id = newId();
  const now = actor.at;
  stmt(
    db,
    `INSERT INTO unit_versions(id, unit_id, valid_from, valid_to, name, name_folded, sort_key, code,
       code_folded, kind, sector, parent_id, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    unitId,
    from,
    to,
    f.name,
    foldForSearch(f.name),
    unitSortKey(f.name),
    f.code,
    f.code ? foldForSearch(f.code) : null,
    f.kind,
    f.sector,
    f.parentId,
    now,
    now,
    actor.installationId,
  );
  auditInsert(db, actor, 'unit_version', id, {
    unit_id: unitId,
    valid_from: from,
    valid_to: to,
    name: f.name,
    code: f.code,
    kind: f.kind,
    sector: f.sector,
    parent_id: f.parentId,
  });
  return id;
}

/** Changes a version in place (a correction, a new end year, or a corrected start year). */
export function updateVersion(
  db: Db,
  actor: Actor,
  v: VersionRecord,
  changes: Partial<VersionFields> & { validFrom?: number; validTo?: number | null },
): void {
  const f = { ...fieldsOf(v), ...changes };
  const validFrom = changes.validFrom ?? v.valid_from;
  const validTo = changes.validTo === undefined ? v.valid_to : changes.validTo;
  stmt(
    db,
    `UPDATE unit_versions SET valid_from = ?, valid_to = ?, name = ?, name_folded = ?, sort_key = ?,
       code = ?, code_folded = ?, kind = ?, sector = ?, parent_id = ?, updated_at = ?,
       changed_by_installation = ?
     WHERE id = ?`,
  ).run(
    validFrom,
    validTo,
    f.name,
    foldForSearch(f.name),
    unitSortKey(f.name),
    f.code,
    f.code ? foldForSearch(f.code) : null,
    f.kind,
    f.sector,
    f.parentId,
    actor.at,
    actor.installationId,
    v.id,
  );
  auditUpdate(
    db,
    actor,
    'unit_version',
    v.id,
    {
      valid_from: v.valid_from,
      valid_to: v.valid_to,
      name: v.name,
      code: v.code,
      kind: v.kind,
      sector: v.sector,
      parent_id: v.parent_id,
    },
    {
      valid_from: validFrom,
      valid_to: validTo,
      name: f.name,
      code: f.code,
      kind: f.kind,
      sector: f.sector,
      parent_id: f.parentId,
    },
  );
}

export interface EventInput {
  unitId: string;
  type: LineageEventType;
  year: number;
  eventDate?: string | null | undefined;
  basis?: string | null | undefined;
  note?: string | null | undefined;
  relatedUnitId?: string | null | undefined;
}

export function insertEvent(db: Db, actor: Actor, e: EventInput): string {
  const id = newId();
  const now = actor.at;
  const values = {
    unit_id: e.unitId,
    type: e.type,
    year: e.year,
    event_date: e.eventDate ?? null,
    basis: e.basis ?? null,
    note: e.note ?? null,
    related_unit_id: e.relatedUnitId ?? null,
  };
  stmt(
    db,
    `INSERT INTO lineage_events(id, unit_id, type, year, event_date, basis, note, related_unit_id,
       created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    values.unit_id,
    values.type,
    values.year,
    values.event_date,
    values.basis,
    values.note,
    values.related_unit_id,
    now,
    now,
    actor.installationId,
  );
  auditInsert(db, actor, 'lineage_event', id, values);
  return id;
}

/** A corrected year (and date) of a recorded event, such as the founding. */
export function updateEventDate(
  db: Db,
  actor: Actor,
  e: EventRecord,
  year: number,
  eventDate: string | null,
): void {
  stmt(
    db,
    `UPDATE lineage_events SET year = ?, event_date = ?, updated_at = ?, changed_by_installation = ?
     WHERE id = ?`,
  ).run(year, eventDate, actor.at, actor.installationId, e.id);
  auditUpdate(
    db,
    actor,
    'lineage_event',
    e.id,
    { year: e.year, event_date: e.event_date },
    { year, event_date: eventDate },
  );
}

/** Marks one event deleted (a founding that turned out not to be known). */
export function tombstoneEvent(db: Db, actor: Actor, e: EventRecord): void {
  stmt(
    db,
    `UPDATE lineage_events SET deleted_at = ?, updated_at = ?, changed_by_installation = ?
     WHERE id = ?`,
  ).run(actor.at, actor.at, actor.installationId, e.id);
  auditUpdate(db, actor, 'lineage_event', e.id, { deleted_at: null }, { deleted_at: actor.at });
}

/** Tombstones: the rows stay (so deletions can travel), marked deleted. */
export function tombstoneUnit(db: Db, actor: Actor, unitId: string): void {
  const now = actor.at;
  for (const table of ['units', 'unit_versions', 'lineage_events'] as const) {
    const idColumn = table === 'units' ? 'id' : 'unit_id';
    stmt(
      db,
      `UPDATE ${table} SET deleted_at = ?, updated_at = ?, changed_by_installation = ?
       WHERE ${idColumn} = ? AND deleted_at IS NULL`,
    ).run(now, now, actor.installationId, unitId);
  }
  auditUpdate(db, actor, 'unit', unitId, { deleted_at: null }, { deleted_at: now });
}
