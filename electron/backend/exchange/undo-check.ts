// Whether an imported batch can still be undone, shared by `exchange.undo` (which refuses with
// UNDO_BLOCKED) and `exchange.ledger` (which shows the same answer before anyone clicks).
//
// A batch records, per record it wrote, the revision it left (`after_rev`). Undo puts the before
// rows back, which is only safe while nobody changed those records since: every later write bumps
// `rev` (the migration-6 trigger, or an import/undo setting it), so "current rev = after_rev" for
// every change of the batch is the whole test. A record that no longer exists (removed by the
// undo of an overlapping batch) counts as changed too.
import type { ExchangeEntity } from '../../../shared/contract';
import { EXCHANGE_ENTITIES } from '../../../shared/methods/exchange';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

/** The table each record kind of the file lives in; `exchange_batch_changes.entity` names the kind. */
export const EXCHANGE_TABLES: Record<ExchangeEntity, string> = {
  unit: 'units',
  unit_version: 'unit_versions',
  lineage_event: 'lineage_events',
  rating: 'ratings',
  watchlist: 'watchlists',
  member: 'watchlist_members',
  measure: 'measures',
  result: 'watchlist_results',
};

export interface UndoCheck {
  canUndo: boolean;
  /** How many records of the batch changed since it was applied (or are gone). */
  changedSince: number;
  /** Vietnamese, for the ledger and UNDO_BLOCKED; null when undo is allowed. */
  reason: string | null;
}

/**
 * One count per kind, summed: each reads the batch's changes of that kind by the primary key
 * prefix (batch_id, entity) and looks the record up in its table by id
 * (`exchange_batch_changes.record_id` is the local row id the batch wrote).
 */
const changedSql = (entity: ExchangeEntity) =>
  `(SELECT count(*) FROM exchange_batch_changes c LEFT JOIN ${EXCHANGE_TABLES[entity]} t ON t.id = c.record_id ` +
  `WHERE c.batch_id = @batchId AND c.entity = '${entity}' AND c.after_rev IS NOT t.rev)`;

/**
 * The same for the records the batch inserted (its insert book, read chunk by chunk by the same
 * key prefix, each record's id and revision at positions 0 and 1). A record the batch also
 * changed after inserting it is counted by its change, which holds the later revision.
 */
const insertedSql = (entity: ExchangeEntity) =>
  `(SELECT count(*) FROM exchange_batch_inserts b, json_each(b.records) e ` +
  `LEFT JOIN ${EXCHANGE_TABLES[entity]} t ON t.id = e.value ->> 0 ` +
  `WHERE b.batch_id = @batchId AND b.entity = '${entity}' AND (e.value ->> 1) IS NOT t.rev ` +
  `AND NOT EXISTS (SELECT 1 FROM exchange_batch_changes c ` +
  `WHERE c.batch_id = @batchId AND c.entity = '${entity}' AND c.record_id = e.value ->> 0))`;

export const CHANGED_SINCE_SQL = `SELECT ${EXCHANGE_ENTITIES.flatMap((entity) => [
  changedSql(entity),
  insertedSql(entity),
]).join(' + ')} AS n`;

/** How many records of the batch were changed since it was applied (0 = undo is safe). */
export function changedSinceBatch(db: Db, batchId: string): number {
  return stmt<[{ batchId: string }], { n: number }>(db, CHANGED_SINCE_SQL).get({ batchId })?.n ?? 0;
}

export function undoBlockedMessage(changedSince: number): string {
  return (
    `Không hoàn tác được: đã có thay đổi sau lần nhập này ở ${changedSince.toLocaleString('vi-VN')} bản ghi ` +
    '(sửa trên máy này hoặc do một tệp nhập sau). Hãy hoàn tác các lần nhập sau trước, nếu cần.'
  );
}

export const ALREADY_UNDONE_MESSAGE = 'Lần nhập này đã được hoàn tác.';

/** The whole answer for one batch: undone already, blocked by later changes, or allowed. */
export function checkUndo(db: Db, batch: { id: string; undoneAt: string | null }): UndoCheck {
  if (batch.undoneAt !== null) {
    return { canUndo: false, changedSince: 0, reason: ALREADY_UNDONE_MESSAGE };
  }
  const changedSince = changedSinceBatch(db, batch.id);
  return changedSince === 0
    ? { canUndo: true, changedSince: 0, reason: null }
    : { canUndo: false, changedSince, reason: undoBlockedMessage(changedSince) };
}
