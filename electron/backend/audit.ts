// The audit log: one row per changed record, written inside the same transaction as the change.
//
// Two shapes of row live in `audit_log` (no column changed between them, so old files need no
// migration):
// - Since issue 10, every row: `field` = '*' (WHOLE_RECORD), `old_value` and `new_value` JSON
//   objects of the record's changed fields only, old → new, each field's value as stored (number,
//   string, boolean or null). A new record: old_value NULL, new_value its non-empty fields. A
//   record removed for good (an import undone): old_value its last non-empty fields, new_value
//   NULL. A change: both objects with the same keys, the fields whose value differs.
// - Before: one row per changed field, `field` the column's name, `old_value`/`new_value` the
//   value as text (NULL for none). Exchange imports already wrote the whole-record shape for new
//   and removed records.
// A reader tells them apart by `field`: '*' → JSON objects, anything else → one field as text.
// `auditValues` reads either shape back as per-field old → new values.
//
// Since issue 11 every row also says how the write came (`channel`), the imported file's SHA-256,
// the unit the record belongs to, and links into the hash chain (audit/chain.ts): this writer,
// the only one, reads the chain's head and writes the row's seq, previous hash and own hash (a
// bulk write, audit/bulk.ts, reads the head once and keeps it here).
// The table is append-only (triggers of migration 14).
import { bulkChainAdvance, bulkChainHead } from './audit/bulk';
import { BOOKED_ENTITY, bookHash, chainHead, chainedHash, chainedValues } from './audit/chain';
import { recordChange } from './changes';
import type { Actor } from './context';
import type { Db } from './db/open';
import { stmt } from './db/statements';

type Value = string | number | boolean | null | undefined;
type Record_ = Record<string, Value>;
type Stored = string | number | boolean | null;

/** The field of an audit row that records a record's changed fields at once (see above). */
export const WHOLE_RECORD = '*';

const INSERT = `INSERT INTO audit_log(seq, entity, entity_id, field, old_value, new_value, at,
    operator, installation, origin, channel, file_sha256, unit_id, book_hash, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** How the old per-field shape compared values: as text, so 1 and '1' are the same value. */
function text(value: Value): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

function write(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  oldJson: string | null,
  newJson: string | null,
  changedUnit: Value,
  ownerUnit: string | null,
) {
  recordChange(db, entity, id);
  // A record that belongs to a unit (a version, an event, a rating) also refreshes that unit.
  if (typeof changedUnit === 'string') recordChange(db, entity, changedUnit);
  // Inside a bulk write (audit/bulk.ts) the head is the row this writer wrote last.
  const head = bulkChainHead(db) ?? chainHead(db);
  const row = {
    seq: head.seq + 1,
    entity,
    entity_id: id,
    field: WHOLE_RECORD,
    old_value: oldJson,
    new_value: newJson,
    at: actor.at,
    operator: actor.operator,
    installation: actor.installationId,
    origin: actor.origin,
    channel: actor.channel,
    file_sha256: actor.fileSha256 ?? null,
    unit_id: entity === 'unit' ? id : ownerUnit,
    // An exchange batch's row is written once its insert book is complete: it seals the book.
    book_hash: entity === BOOKED_ENTITY && oldJson === null ? bookHash(db, id) : null,
  };
  // The row's values made once, for its hash and for the INSERT.
  const values = chainedValues(row);
  const hash = chainedHash(values, head.hash);
  // Positional: binding by name costs a third more per row of a national import.
  stmt(db, INSERT).run(...values, head.hash, hash);
  bulkChainAdvance(db, row.seq, head.hash, hash);
}

/** The tables of records that belong to a unit, by audit entity (the screen's unit filter). */
const OWNED: Readonly<Record<string, string>> = {
  unit_version: 'unit_versions',
  lineage_event: 'lineage_events',
  rating: 'ratings',
  watchlist_member: 'watchlist_members',
};

/**
 * The unit a record belongs to: named by its values, else read from its row (a change passes
 * only the fields it changes). Null for records of no unit.
 */
function unitOf(db: Db, entity: string, id: string, ...values: Record_[]): string | null {
  for (const v of values) if (typeof v.unit_id === 'string') return v.unit_id;
  const table = OWNED[entity];
  if (!table) return null;
  const row = stmt<[string], { unit_id: string }>(
    db,
    `SELECT unit_id FROM ${table} WHERE id = ?`,
  ).get(id);
  return row?.unit_id ?? null;
}

function present(values: Record_): Record<string, Stored> {
  const kept: Record<string, Stored> = {};
  // for…in visits the plain object's own keys in Object.entries' order, without its pairs.
  for (const field in values) {
    const value = values[field];
    if (value !== null && value !== undefined) kept[field] = value;
  }
  return kept;
}

/** A new record: one row, the JSON of its non-empty fields as the new value. */
export function auditInsert(db: Db, actor: Actor, entity: string, id: string, values: Record_) {
  write(
    db,
    actor,
    entity,
    id,
    null,
    JSON.stringify(present(values)),
    values.unit_id,
    unitOf(db, entity, id, values),
  );
}

/**
 * A changed record: one row of the fields whose value differs (compared as text, as before),
 * their old values and their new ones; nothing when no field changed. Fields left undefined in
 * `after` are not part of the change.
 */
export function auditUpdate(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  before: Record_,
  after: Record_,
) {
  const oldValues: Record<string, Stored> = {};
  const newValues: Record<string, Stored> = {};
  let changed = false;
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before[field] ?? null;
    if (text(old) === text(value)) continue;
    oldValues[field] = old;
    newValues[field] = value;
    changed = true;
  }
  if (!changed) return;
  const unitId = typeof newValues.unit_id === 'string' ? newValues.unit_id : undefined;
  const json = [JSON.stringify(oldValues), JSON.stringify(newValues)] as const;
  write(db, actor, entity, id, ...json, unitId, unitOf(db, entity, id, after, before));
}

/**
 * A new record as one row. Kept for the exchange's bulk writes, which used it when other writes
 * still wrote a row per field; now the same row as `auditInsert`.
 */
export function auditRecordInsert(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  values: Record_,
) {
  auditInsert(db, actor, entity, id, values);
}

/** A record removed for good (an import undone), as one row: its last values → nothing. */
export function auditRecordRemoval(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  values: Record_,
) {
  const json = JSON.stringify(present(values));
  write(db, actor, entity, id, json, null, values.unit_id, unitOf(db, entity, id, values));
}

/** One field of an audit row, old → new (null: no value). */
export interface AuditFieldChange {
  field: string;
  old: Stored;
  new: Stored;
}

function parsed(json: string | null): Record<string, Stored> {
  if (json === null) return {};
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' ? (value as Record<string, Stored>) : {};
}

/**
 * The per-field changes an audit row records, whichever its shape (see the top of this file):
 * for the change log screen, which shows old and new values field by field. Values of the old
 * per-field shape come back as the text they were stored as.
 */
export function auditValues(row: {
  field: string;
  old_value: string | null;
  new_value: string | null;
}): AuditFieldChange[] {
  if (row.field !== WHOLE_RECORD) {
    return [{ field: row.field, old: row.old_value, new: row.new_value }];
  }
  const oldValues = parsed(row.old_value);
  const newValues = parsed(row.new_value);
  const fields = [...new Set([...Object.keys(oldValues), ...Object.keys(newValues)])];
  return fields.map((field) => ({
    field,
    old: oldValues[field] ?? null,
    new: newValues[field] ?? null,
  }));
}
