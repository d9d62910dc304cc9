// The audit log: one row per changed field, written inside the same transaction as the change.
import { recordChange } from './changes';
import type { Actor } from './context';
import type { Db } from './db/open';
import { stmt } from './db/statements';

type Value = string | number | boolean | null | undefined;
type Record_ = Record<string, Value>;

const INSERT = `INSERT INTO audit_log(entity, entity_id, field, old_value, new_value, at, operator, installation, origin)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function text(value: Value): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

function write(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  field: string,
  oldV: Value,
  newV: Value,
) {
  recordChange(db, entity, id);
  if (field === 'unit_id' && typeof newV === 'string') recordChange(db, entity, newV);
  stmt(db, INSERT).run(
    entity,
    id,
    field,
    text(oldV),
    text(newV),
    actor.at,
    actor.operator,
    actor.installationId,
    actor.origin,
  );
}

/** A new record: every non-empty field, old value null. */
export function auditInsert(db: Db, actor: Actor, entity: string, id: string, values: Record_) {
  for (const [field, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) write(db, actor, entity, id, field, null, value);
  }
}

/** A changed record: only the fields whose value differs. */
export function auditUpdate(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  before: Record_,
  after: Record_,
) {
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before[field] ?? null;
    if (text(old) !== text(value)) write(db, actor, entity, id, field, old, value);
  }
}

/** The field of an audit row that records a whole record at once (see auditRecordInsert). */
export const WHOLE_RECORD = '*';

function present(values: Record_): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) kept[field] = value;
  }
  return kept;
}

/** A whole record as one row (field `*`): its values as JSON on one side, nothing on the other. */
function auditWholeRecord(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  values: Record_,
  change: 'insert' | 'removal',
) {
  if (typeof values.unit_id === 'string') recordChange(db, entity, values.unit_id);
  const json = JSON.stringify(present(values));
  if (change === 'insert') write(db, actor, entity, id, WHOLE_RECORD, null, json);
  else write(db, actor, entity, id, WHOLE_RECORD, json, null);
}

/**
 * A new record as one row: field `*`, the new value the JSON of its non-empty fields. For bulk
 * writes (an exchange file inserts up to half a million ratings), where a row per field would
 * multiply the audit log several times over; every value is still there.
 */
export function auditRecordInsert(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  values: Record_,
) {
  auditWholeRecord(db, actor, entity, id, values, 'insert');
}

/** A record removed for good (an import undone), as one row: its last values → nothing. */
export function auditRecordRemoval(
  db: Db,
  actor: Actor,
  entity: string,
  id: string,
  values: Record_,
) {
  auditWholeRecord(db, actor, entity, id, values, 'removal');
}
