// exchange.ledger: the consolidation ledger of the Trao đổi dữ liệu screen — per sending
// installation its last file and state, every imported batch newest first with whether it can
// still be undone, who has not reported for the chosen year, and this installation's exports.
import type {
  ExchangeBatch,
  ExchangeLedger,
  LedgerSender,
  ParsedInput,
  SenderState,
} from '../../../shared/contract';
import { compareVietnamese } from '../../../shared/domain/text';
import type { BackendContext } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { getMeta } from '../meta';
import { batchFromRow, batchRowsNewestFirst } from './batches';
import { ledgerMemo } from './ledger-memo';
import { notReported } from './not-reported';
import type { UndoCheck } from './undo-check';
import { checkUndo } from './undo-check';

export function exchangeLedger(
  ctx: BackendContext,
  input: ParsedInput<'exchange.ledger'>,
): ExchangeLedger {
  const { db } = ctx;
  const batches = batchRowsNewestFirst(db).map((row) => {
    const batch = { id: row.id, undoneAt: row.undone_at };
    const undo = rememberUndo(db, `${batch.id}:${batch.undoneAt ?? ''}`, () =>
      checkUndo(db, batch),
    );
    return batchFromRow(db, row, undo);
  });
  const own = getMeta(db, 'own_unit_id');
  return {
    year: input.year,
    senders: senders(batches, input.year),
    batches,
    notReported: rememberNotReported(db, `${own}:${input.year}`, () =>
      notReported(db, own, input.year),
    ),
    exports: exportsNewestFirst(db),
  };
}

// Both cost a pass over many records at national size; the screen asks again on every tab,
// year and refresh, so they are kept while no row of the data file changes (ledger-memo.ts).
const rememberUndo = ledgerMemo<UndoCheck>();
const rememberNotReported = ledgerMemo<ExchangeLedger['notReported']>();

/**
 * One row per installation that sent at least one file still in force (an undone file was, for
 * the ledger, never received). Its "last file" is the highest sequence it sent, so a late copy
 * of an older file does not hide the newer one; senders are listed by name.
 */
export function senders(batches: ExchangeBatch[], year: number): LedgerSender[] {
  const bySender = new Map<string, ExchangeBatch[]>();
  for (const batch of batches) {
    if (batch.undoneAt !== null) continue;
    const list = bySender.get(batch.senderInstallationId) ?? [];
    list.push(batch);
    bySender.set(batch.senderInstallationId, list);
  }
  const rows: LedgerSender[] = [];
  for (const [installationId, list] of bySender) {
    const last = list.reduce((a, b) =>
      b.sequence > a.sequence || (b.sequence === a.sequence && b.importedAt > a.importedAt) ? b : a,
    );
    const missingYears = yearsMissing(list, year);
    rows.push({
      installationId,
      unitId: last.senderUnitId,
      unitName: last.senderUnitName,
      lastFileName: last.fileName,
      lastSequence: last.sequence,
      lastCreatedAt: last.fileCreatedAt,
      lastImportedAt: last.importedAt,
      years: last.years,
      counts: last.counts,
      state: stateOf(last, missingYears),
      missingYears,
      batches: list.length,
    });
  }
  return rows.sort(
    (a, b) =>
      compareVietnamese(a.unitName, b.unitName) || a.installationId.localeCompare(b.installationId),
  );
}

/**
 * The years from the first one the sender's files covered up to the chosen year that none of
 * its files covered; a file of all years (no range) covers every year. A sender whose files all
 * start after the chosen year misses just that year.
 */
export function yearsMissing(batches: ExchangeBatch[], year: number): number[] {
  if (batches.some((b) => b.years === null)) return [];
  const ranges = batches.flatMap((b) => (b.years ? [b.years] : []));
  const first = Math.min(year, ...ranges.map((r) => r.from));
  const missing: number[] = [];
  for (let y = first; y <= year; y++) {
    if (!ranges.some((r) => r.from <= y && y <= r.to)) missing.push(y);
  }
  return missing;
}

/** Years missing weigh most (the province is waiting); then conflicts the last file left local. */
function stateOf(last: ExchangeBatch, missingYears: number[]): SenderState {
  if (missingYears.length > 0) return 'years_missing';
  if (last.counts.keptLocal > 0) return 'conflicts_kept';
  return 'received';
}

interface ExportRow {
  sequence: number;
  at: string;
  file_name: string;
  since_last: number;
  counts: string;
}

function exportsNewestFirst(db: Db): ExchangeLedger['exports'] {
  return stmt<[], ExportRow>(
    db,
    'SELECT sequence, at, file_name, since_last, counts FROM exchange_exports ORDER BY sequence DESC',
  )
    .all()
    .map((row) => ({
      sequence: row.sequence,
      at: row.at,
      fileName: row.file_name,
      sinceLast: row.since_last !== 0,
      counts: numbersOf(row.counts),
    }));
}

/** The stored counts object, keeping only its numeric entries. */
function numbersOf(json: string): Record<string, number> {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'number' && Number.isFinite(value)) counts[key] = value;
  }
  return counts;
}
