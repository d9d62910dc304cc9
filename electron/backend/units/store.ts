// Low-level writes of units, versions and lineage events, each with its audit rows.
// Callers check the rules and hold the transaction.
import { newId } from '../../../shared/domain/ids';
import { foldForSearch } from '../../../shared/domain/text';
import type { LineageEventType } from '../../../shared/domain/units';
import { auditInsert, auditUpdate } from '../audit';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { UnitRecord, VersionFields, VersionRecord } from './rows';
import { fieldsOf } from './rows';

export function insertUnit(
  db: Db,
  actor: Actor,
  foundedYear: number,
  foundedOn: string | null,
): string {
  const id = newId();
  const now = actor.at;
  stmt(
    db,
    `INSERT INTO units(id, founded_year, founded_on, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, foundedYear, foundedOn, now, now, actor.installationId);
  auditInsert(db, actor, 'unit', id, { founded_year: foundedYear, founded_on: foundedOn });
  return id;
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
    `INSERT INTO unit_versions(id, unit_id, valid_from, valid_to, name, name_folded, code, code_folded,
       kind, sector, parent_id, created_at, updated_at, changed_by_installation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    unitId,
    from,
    to,
    f.name,
    foldForSearch(f.name),
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

/** Changes a version in place (a correction, or a new end year). */
export function updateVersion(
  db: Db,
  actor: Actor,
  v: VersionRecord,
  changes: Partial<VersionFields> & { validTo?: number | null },
): void {
  const f = { ...fieldsOf(v), ...changes };
  const validTo = changes.validTo === undefined ? v.valid_to : changes.validTo;
  stmt(
    db,
    `UPDATE unit_versions SET valid_to = ?, name = ?, name_folded = ?, code = ?, code_folded = ?,
       kind = ?, sector = ?, parent_id = ?, updated_at = ?, changed_by_installation = ?
     WHERE id = ?`,
  ).run(
    validTo,
    f.name,
    foldForSearch(f.name),
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
      valid_to: v.valid_to,
      name: v.name,
      code: v.code,
      kind: v.kind,
      sector: v.sector,
      parent_id: v.parent_id,
    },
    {
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
