// The books of imports: one `exchange_batches` row per applied file (sender, sequence, counts,
// time, operator), whether a file was imported before, and whether its sequence is lower than
// one already received from the same sender. Reading batches for the contract is ../batches.ts.
import type { ExchangeBatch, ExchangeDirection, ExchangeHeader } from '../../../../shared/contract';
import { newId } from '../../../../shared/domain/ids';
import { auditInsert } from '../../audit';
import type { Actor } from '../../context';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/** Whether a file with these bytes was imported and not undone (applying it changes nothing). */
export function importedBefore(db: Db, sha256: string): boolean {
  return (
    stmt<[string], { id: string }>(
      db,
      'SELECT id FROM exchange_batches WHERE sha256 = ? AND undone_at IS NULL LIMIT 1',
    ).get(sha256) !== undefined
  );
}

/**
 * "Tệp số 3 cũ hơn tệp số 5 đã nhận từ …" when a file of this sender with a higher sequence was
 * imported (and not undone) already; null otherwise.
 */
export function sequenceWarning(db: Db, header: ExchangeHeader): string | null {
  const highest = stmt<[string], { sequence: number | null }>(
    db,
    `SELECT max(sequence) AS sequence FROM exchange_batches
     WHERE sender_installation = ? AND undone_at IS NULL`,
  ).get(header.installationId)?.sequence;
  if (highest === null || highest === undefined || highest <= header.sequence) return null;
  const sender = header.senderUnitName || header.installationName;
  return (
    `Tệp số ${header.sequence} cũ hơn tệp số ${highest} đã nhận từ ${sender}: ` +
    'dữ liệu cũ hơn không ghi đè dữ liệu mới hơn, nhưng hãy kiểm tra lại các xung đột.'
  );
}

export interface NewBatch {
  fileName: string;
  sha256: string;
  header: ExchangeHeader;
  direction: ExchangeDirection;
}

/** The batch row of one applied file; its counts are written by `finishBatch`. */
export function insertBatch(db: Db, actor: Actor, file: NewBatch): string {
  const id = newId();
  const { header } = file;
  stmt(
    db,
    `INSERT INTO exchange_batches(id, sha256, file_name, format_version, sender_installation,
       sender_unit_id, sender_unit_name, sequence, direction, from_year, to_year, file_created_at,
       imported_at, operator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    file.sha256,
    file.fileName,
    header.formatVersion,
    header.installationId,
    header.senderUnitId,
    header.senderUnitName,
    header.sequence,
    file.direction,
    header.years?.from ?? null,
    header.years?.to ?? null,
    header.createdAt,
    actor.at,
    actor.operator,
  );
  return id;
}

/** The audit log's entity of a batch: its import and its undo are rows of the audit log. */
export const BATCH_AUDIT_ENTITY = 'exchange_batch';

/**
 * Writes the batch's counts and its audit row: the import in the audit log's order (an export
 * "since the last one" carries what it inserted, a plan made before it is stale), by whom and
 * when, with the file it came from. The records it inserted are in its insert book
 * (`exchange_batch_inserts`), the records it changed audited one by one.
 */
export function finishBatch(
  db: Db,
  actor: Actor,
  id: string,
  counts: ExchangeBatch['counts'],
): void {
  stmt(db, 'UPDATE exchange_batches SET counts = ? WHERE id = ?').run(JSON.stringify(counts), id);
  const row = stmt<[string], Record<string, string | number | null>>(
    db,
    `SELECT file_name, sha256, sender_installation, sender_unit_name, sequence, direction
     FROM exchange_batches WHERE id = ?`,
  ).get(id);
  // The file's SHA-256 in its own column too, as a ratings import's rows carry it.
  const sha = typeof row?.sha256 === 'string' ? { fileSha256: row.sha256 } : {};
  auditInsert(db, { ...actor, ...sha }, BATCH_AUDIT_ENTITY, id, { ...row, ...counts });
}

/** A unit confirmed the same: files from the other side name it by `remoteId`. */
export function insertAlias(
  db: Db,
  batchId: string,
  remoteId: string,
  localId: string,
  at: string,
): void {
  stmt(
    db,
    `INSERT INTO exchange_unit_aliases(remote_id, local_id, batch_id, created_at)
     VALUES (?, ?, ?, ?)`,
  ).run(remoteId, localId, batchId, at);
}
