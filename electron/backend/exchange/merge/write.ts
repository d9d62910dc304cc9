// The row writes of an import, each audited and booked for undo. A changed row: the row as it was
// and the revision it was left at go to `exchange_batch_changes`, its audit row to the audit log.
// An inserted row: its id, revision and values go to the batch's insert book (inserts.ts), which is
// its audit and its undo at once.
//
// Every write sets `rev` and `synced_rev` itself, which the migration-6 trigger recognises and
// leaves alone. When a write leaves both exactly as they were (values taken on a conflict whose
// revisions agree), the trigger would still bump `rev`; it is put back at once.
import type { ExchangeEntity } from '../../../../shared/methods/exchange';
import { newId } from '../../../../shared/domain/ids';
import { auditUpdate } from '../../audit';
import { recordChange } from '../../changes';
import type { Actor } from '../../context';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { ExchangeRecord, SqlValue } from '../format/records';
import { EXCHANGE_TABLES, rowFromRecord } from '../format/records';
import type { LocalRevision, Revisions } from './classify';
import type { LocalRecord } from './identity';
import type { InsertBook } from './inserts';

export interface BatchWriter {
  db: Db;
  actor: Actor;
  batchId: string;
  inserts: InsertBook;
}

/** Columns that are bookkeeping, not values a person entered: never audited. */
const NOT_AUDITED = new Set([
  'seq',
  'id',
  'rev',
  'updated_at',
  'changed_by_installation',
  'name_folded',
  'code_folded',
  'sort_key',
  'synced_rev',
  'created_at',
]);

export function audited(row: Readonly<Record<string, SqlValue>>): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  for (const [column, value] of Object.entries(row)) {
    if (!NOT_AUDITED.has(column)) values[column] = value;
  }
  return values;
}

function tableOf(entity: ExchangeEntity): string {
  return EXCHANGE_TABLES[entity].table;
}

/** The whole row as stored (every column, rev and synced_rev included), as JSON for undo. */
export function rowJson(db: Db, entity: ExchangeEntity, id: string): string | null {
  const row = stmt<[string], Record<string, unknown>>(
    db,
    `SELECT * FROM ${tableOf(entity)} WHERE id = ?`,
  ).get(id);
  return row ? JSON.stringify(row) : null;
}

/**
 * Only the revision columns, as JSON for undo: all a write of the revisions alone changes (undo
 * restores the columns a before-row names; restore.ts). Taken from the record as just looked up
 * in this transaction, not read again.
 */
function revisionsJson(local: LocalRecord): string {
  return JSON.stringify({ rev: local.revision.rev, synced_rev: local.revision.syncedRev });
}

function book(
  w: BatchWriter,
  entity: ExchangeEntity,
  id: string,
  before: string | null,
  afterRev: number,
): void {
  // A before-row of NULL means "inserted" to undo (rows booked before migration 7): never here.
  if (before === null) throw new Error(`exchange: the ${entity} ${id} to book is gone`);
  const inserted = stmt(
    w.db,
    `INSERT INTO exchange_batch_changes(batch_id, entity, record_id, before, after_rev)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT(batch_id, entity, record_id) DO NOTHING`,
  ).run(w.batchId, entity, id, before, afterRev);
  if (inserted.changes > 0) return;
  // A record written twice by one batch (two incoming records that both turned out to be it):
  // undo must restore it as it was before the first write, with the last revision checked. The
  // first before-row may name only the revision columns (setRevisions), the later one every
  // column: the columns the first names keep its values, the others come from the later one,
  // which the first write left as they were.
  const first = stmt<[string, string, string], { before: string | null }>(
    w.db,
    'SELECT before FROM exchange_batch_changes WHERE batch_id = ? AND entity = ? AND record_id = ?',
  ).get(w.batchId, entity, id);
  const merged =
    first?.before === null || first?.before === undefined
      ? first?.before
      : JSON.stringify({ ...parseObject(before), ...parseObject(first.before) });
  stmt(
    w.db,
    `UPDATE exchange_batch_changes SET before = ?, after_rev = ?
     WHERE batch_id = ? AND entity = ? AND record_id = ?`,
  ).run(merged ?? null, afterRev, w.batchId, entity, id);
}

function parseObject(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Puts `rev` back when an update left rev and synced_rev as they were (the trigger then bumped
 * it): setting it to another value than the bumped one does not fire the trigger again.
 */
export function keepRevision(
  db: Db,
  entity: ExchangeEntity,
  id: string,
  old: LocalRevision,
  now: Revisions | LocalRevision,
): void {
  if (old.rev === now.rev && old.syncedRev === now.syncedRev) {
    stmt(db, `UPDATE ${tableOf(entity)} SET rev = ? WHERE id = ?`).run(now.rev, id);
  }
}

/**
 * The columns a record of this kind writes, in a fixed order: the statements are built once per
 * kind, never per record (a national file inserts half a million ratings).
 */
const columnsByEntity = new Map<ExchangeEntity, string[]>();

function columnsOf(record: ExchangeRecord, row: Readonly<Record<string, SqlValue>>): string[] {
  let columns = columnsByEntity.get(record.t);
  if (!columns) {
    columns = Object.keys(row);
    columnsByEntity.set(record.t, columns);
  }
  return columns;
}

/** The audited ones among a kind's columns, in the same order (see `audited`). */
const auditedByEntity = new Map<ExchangeEntity, string[]>();

function auditedColumnsOf(entity: ExchangeEntity, columns: readonly string[]): string[] {
  let fields = auditedByEntity.get(entity);
  if (!fields) {
    fields = columns.filter((c) => !NOT_AUDITED.has(c));
    auditedByEntity.set(entity, fields);
  }
  return fields;
}

const insertSql = new Map<ExchangeEntity, string>();
const updateSql = new Map<ExchangeEntity, string>();

/**
 * A record new here, with the revision it arrived at, booked in the batch's insert book (its
 * audit and its undo at once: a national file inserts half a million ratings). A rating,
 * matched by unit and year alone, may bring an id a row here already has (another unit's or
 * year's): it is then inserted under a new id. Returns the id written.
 */
export function insertRecord(w: BatchWriter, record: ExchangeRecord, revisions: Revisions): string {
  const row: Record<string, SqlValue> = {
    ...rowFromRecord(record),
    rev: revisions.rev,
    synced_rev: revisions.syncedRev,
    created_at: record.at,
  };
  const columns = columnsOf(record, row);
  let sql = insertSql.get(record.t);
  if (!sql) {
    // Only a clash of ids is let through (answered below); every other constraint still fails.
    sql = `INSERT INTO ${tableOf(record.t)}(${columns.join(', ')})
     VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT(id) DO NOTHING`;
    insertSql.set(record.t, sql);
  }
  const insert = stmt(w.db, sql);
  if (insert.run(...columns.map((c) => row[c] ?? null)).changes === 0) {
    if (record.t !== 'rating') {
      throw new Error(`exchange: a new ${record.t} whose id ${record.id} is taken`);
    }
    row.id = newId();
    insert.run(...columns.map((c) => row[c] ?? null));
  }
  const id = String(row.id);
  const fields = auditedColumnsOf(record.t, columns);
  w.inserts.add(
    record.t,
    id,
    revisions.rev,
    fields,
    fields.map((c) => row[c] ?? null),
  );
  // What the audit log would have announced (data.changed): the record, and its unit.
  const entity = EXCHANGE_TABLES[record.t].audit;
  recordChange(w.db, entity, id);
  if (typeof row.unit_id === 'string') recordChange(w.db, entity, row.unit_id);
  return id;
}

/** The incoming values over the local record (same id), audited field by field. */
export function overwriteRecord(
  w: BatchWriter,
  local: LocalRecord,
  record: ExchangeRecord,
  revisions: Revisions,
): void {
  const before = rowJson(w.db, record.t, local.record.id);
  const row: Record<string, SqlValue> = {
    ...rowFromRecord({ ...record, id: local.record.id }),
    rev: revisions.rev,
    synced_rev: revisions.syncedRev,
  };
  let sql = updateSql.get(record.t);
  const columns = Object.keys(row).filter((c) => c !== 'id');
  if (!sql) {
    sql = `UPDATE ${tableOf(record.t)} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;
    updateSql.set(record.t, sql);
  }
  stmt(w.db, sql).run(...columns.map((c) => row[c] ?? null), local.record.id);
  keepRevision(w.db, record.t, local.record.id, local.revision, revisions);
  auditUpdate(
    w.db,
    w.actor,
    EXCHANGE_TABLES[record.t].audit,
    local.record.id,
    audited(rowFromRecord(local.record)),
    audited(row),
  );
  book(w, record.t, local.record.id, before, revisions.rev);
}

/** Only the revision bookkeeping (an identical copy, or the local record kept on a conflict). */
export function setRevisions(w: BatchWriter, local: LocalRecord, revisions: Revisions): void {
  const entity = local.record.t;
  const before = revisionsJson(local);
  stmt(w.db, `UPDATE ${tableOf(entity)} SET rev = ?, synced_rev = ? WHERE id = ?`).run(
    revisions.rev,
    revisions.syncedRev,
    local.record.id,
  );
  keepRevision(w.db, entity, local.record.id, local.revision, revisions);
  book(w, entity, local.record.id, before, revisions.rev);
}

/**
 * The local record kept on a conflict: its revision moves above both sides, audited, so the
 * decision is in the trail and the record goes out in the next "since the last export" file.
 */
export function keepLocalRecord(w: BatchWriter, local: LocalRecord, revisions: Revisions): void {
  setRevisions(w, local, revisions);
  auditUpdate(
    w.db,
    w.actor,
    EXCHANGE_TABLES[local.record.t].audit,
    local.record.id,
    { rev: local.revision.rev },
    { rev: revisions.rev },
  );
}
