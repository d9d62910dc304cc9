// The imported batches as the contract shows them (`ExchangeBatch`), read from
// `exchange_batches` with the undo answer of `undo-check.ts`: one reader for apply's result,
// undo's result and the ledger, so the three never disagree.
import type { ExchangeBatch, ExchangeDirection } from '../../../shared/contract';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { UndoCheck } from './undo-check';
import { checkUndo } from './undo-check';

/** A row of `exchange_batches`. `counts` is JSON of `ExchangeBatch['counts']`. */
export interface BatchRow {
  id: string;
  sha256: string;
  file_name: string;
  sender_installation: string;
  sender_unit_id: string | null;
  sender_unit_name: string;
  sequence: number;
  direction: ExchangeDirection;
  from_year: number | null;
  to_year: number | null;
  file_created_at: string;
  imported_at: string;
  operator: string;
  counts: string;
  undone_at: string | null;
}

const COLUMNS = `id, sha256, file_name, sender_installation, sender_unit_id, sender_unit_name,
  sequence, direction, from_year, to_year, file_created_at, imported_at, operator, counts, undone_at`;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The stored counts, with any missing figure as 0 (the column defaults to '{}'). */
export function batchCounts(json: string): ExchangeBatch['counts'] {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  return {
    inserted: count(parsed['inserted']),
    updated: count(parsed['updated']),
    keptLocal: count(parsed['keptLocal']),
    identical: count(parsed['identical']),
  };
}

/**
 * `known`: the undo answer when the caller knows it already (a batch apply just wrote is undoable:
 * nothing can have changed it inside the same transaction), sparing a check over its every change.
 */
export function batchFromRow(db: Db, row: BatchRow, known?: UndoCheck): ExchangeBatch {
  const undo = known ?? checkUndo(db, { id: row.id, undoneAt: row.undone_at });
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    senderInstallationId: row.sender_installation,
    senderUnitId: row.sender_unit_id,
    senderUnitName: row.sender_unit_name,
    sequence: row.sequence,
    direction: row.direction,
    years:
      row.from_year !== null && row.to_year !== null
        ? { from: row.from_year, to: row.to_year }
        : null,
    fileCreatedAt: row.file_created_at,
    importedAt: row.imported_at,
    operator: row.operator,
    counts: batchCounts(row.counts),
    undoneAt: row.undone_at,
    canUndo: undo.canUndo,
    undoBlockedReason: undo.reason,
  };
}

/** One batch by id, or null (`known`: see batchFromRow). */
export function readBatch(db: Db, id: string, known?: UndoCheck): ExchangeBatch | null {
  const row = stmt<[string], BatchRow>(
    db,
    `SELECT ${COLUMNS} FROM exchange_batches WHERE id = ?`,
  ).get(id);
  return row ? batchFromRow(db, row, known) : null;
}

/** Every batch row, newest import first (rowid breaks ties within one apply: file order). */
export function batchRowsNewestFirst(db: Db): BatchRow[] {
  return stmt<[], BatchRow>(
    db,
    `SELECT ${COLUMNS} FROM exchange_batches ORDER BY imported_at DESC, rowid DESC`,
  ).all();
}
