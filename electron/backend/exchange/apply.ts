// exchange.apply: writes a previewed plan in one transaction, one batch per file, or refuses:
// BAD_FILE when a file had errors (nothing of such a file is applied, so nothing is), PLAN_STALE
// when anything was written since the preview, CONFLICTS_UNDECIDED while a conflict or a "same
// unit?" has no decision (the plan is kept, so the user can decide and apply again). A file
// imported before changes nothing and gets no batch; if every file was, nothing is written.
import type { ApplyResult, ExchangeBatch, ParsedInput } from '../../../shared/contract';
import { withSchemaYear } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { Actor, BackendContext } from '../context';
import { clockYear } from '../context';
import { withoutMemoryMap } from '../db/bulk';
import { writeTransaction } from '../db/write';
import { writingInBulk } from '../ratings/tallies';
import { actorOf } from '../meta';
import { phaseProgress } from '../progress';
import { assertUnchanged } from '../ratings/import/plans';
import { readBatch } from './batches';
import { parseRecordLine } from './format/records';
import { decideChoices } from './merge/choices';
import type { Choices } from './merge/choices';
import { applyFile } from './merge/apply-file';
import type { FileCounts } from './merge/apply-file';
import { finishBatch, insertAlias, insertBatch } from './merge/batches';
import { UnitIds } from './merge/identity';
import { InsertBook } from './merge/inserts';
import type { ExchangePlan, PlannedFile } from './merge/plan';
import { dropPlan, getPlan } from './merge/plan';
import { EXCHANGE_JOB } from './preview';

/** The audit origin of every change an exchange import or undo makes. */
export const EXCHANGE_ORIGIN = 'import:exchange';

function refuseBrokenFiles(plan: ExchangePlan): void {
  const broken = plan.files.filter((f) => f.hasErrors);
  if (broken.length === 0) return;
  throw new AppError(
    'BAD_FILE',
    `Không nhập: ${broken.map((f) => `tệp "${f.fileName}"`).join(', ')} có lỗi (xem danh sách ` +
      'lỗi trong bản xem trước); không có gì được ghi. Hãy bỏ tệp có lỗi ra hoặc xin lại tệp ' +
      'đúng, rồi xem trước lại.',
  );
}

/**
 * A record of the files names another the receiver will not have once the plan is written (the
 * check runs at commit, defer_foreign_keys): the transaction rolled back, nothing written. The
 * preview checks every reference against the files and this data file; what is left is a file
 * that carries the record named only as removed, which this installation does not keep.
 */
const DANGLING_REFERENCE =
  'Không nhập: trong tệp có bản ghi gắn với một bản ghi mà chính tệp ghi là đã xóa và máy này ' +
  'chưa từng có (tệp không nhất quán); không có gì được ghi. Hãy xin lại tệp từ nơi gửi.';

function isForeignKeyFailure(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function total(counts: FileCounts[]): FileCounts {
  return counts.reduce(
    (sum, c) => ({
      inserted: sum.inserted + c.inserted,
      updated: sum.updated + c.updated,
      keptLocal: sum.keptLocal + c.keptLocal,
      identical: sum.identical + c.identical,
      synced: sum.synced + c.synced,
    }),
    { inserted: 0, updated: 0, keptLocal: 0, identical: 0, synced: 0 },
  );
}

function resultMessage(applied: number, counts: FileCounts, repeated: PlannedFile[]): string {
  const parts: string[] = [];
  if (applied > 0) {
    const written = counts.inserted + counts.updated + counts.keptLocal;
    parts.push(
      written === 0
        ? `Đã nhập ${applied} tệp: dữ liệu trong tệp giống hệt dữ liệu đang có, không có gì thay đổi.`
        : `Đã nhập ${applied} tệp: ${counts.inserted} bản ghi mới, ${counts.updated} bản ghi ` +
            `cập nhật, ${counts.keptLocal} xung đột giữ dữ liệu đang có, ${counts.identical} bản ` +
            'ghi giống hệt.',
    );
  }
  if (repeated.length > 0) {
    const names = repeated.map((f) => `"${f.fileName}"`).join(', ');
    parts.push(
      repeated.length === 1
        ? `Tệp ${names} đã được nhập trước đây: không nhập lại, không có gì thay đổi.`
        : `Các tệp ${names} đã được nhập trước đây: không nhập lại, không có gì thay đổi.`,
    );
  }
  return parts.join(' ');
}

function applyPlan(
  ctx: BackendContext,
  actor: Actor,
  plan: ExchangePlan,
  choices: Choices,
  files: PlannedFile[],
): { batches: ExchangeBatch[]; counts: FileCounts } {
  const year = clockYear(ctx);
  const parse = (text: string) => withSchemaYear(year, () => parseRecordLine(text));
  const lines = files.reduce((sum, f) => sum + f.decisions.length, 0);
  const progress = phaseProgress(ctx.emit, EXCHANGE_JOB, 'write', lines);
  let done = 0;
  progress(0);
  return writeTransaction(ctx.db, () => {
    // Checked under the write lock: nothing can slip in between this check and the writes.
    assertUnchanged(ctx.db, plan.version);
    // References between records of one kind (a list extending a later one) and the order of
    // undo are checked when the transaction commits, not record by record.
    ctx.db.pragma('defer_foreign_keys = ON');
    const units = new UnitIds(ctx.db, choices.same);
    const batchIds: string[] = [];
    const counts: FileCounts[] = [];
    for (const file of files) {
      const { header, source, direction } = file;
      if (!header || !source || !direction) continue;
      const batchId = insertBatch(ctx.db, actor, {
        fileName: file.fileName,
        sha256: file.sha256,
        header,
        direction,
      });
      for (const [remoteId, localId] of choices.same) {
        if (plan.sameUnitFile.get(remoteId) === file.fileIndex) {
          insertAlias(ctx.db, batchId, remoteId, localId, actor.at);
        }
      }
      const inserts = new InsertBook(ctx.db, batchId);
      const fileCounts = writingInBulk(ctx.db, file.decisions.length, () => {
        const written = applyFile(
          { db: ctx.db, actor, batchId, inserts },
          {
            file,
            units,
            choices,
            parse,
            progress: () => progress(++done),
            newAsPlanned: choices.same.size === plan.sameUnits.size,
          },
        );
        inserts.flush();
        return written;
      });
      finishBatch(ctx.db, actor, batchId, {
        inserted: fileCounts.inserted,
        updated: fileCounts.updated,
        keptLocal: fileCounts.keptLocal,
        identical: fileCounts.identical,
      });
      batchIds.push(batchId);
      counts.push(fileCounts);
    }
    progress(lines);
    // Just written in this transaction, so undoable: no check over every change it booked.
    const fresh = { canUndo: true, changedSince: 0, reason: null };
    const batches = batchIds.flatMap((id) => readBatch(ctx.db, id, fresh) ?? []);
    return { batches, counts: total(counts) };
  });
}

export function applyExchange(
  ctx: BackendContext,
  input: ParsedInput<'exchange.apply'>,
): ApplyResult {
  const plan = getPlan(ctx.db, input.planId);
  try {
    refuseBrokenFiles(plan);
  } catch (error) {
    dropPlan(ctx.db, plan);
    throw error;
  }
  // Refusals the user answers by deciding: the plan stays, to be applied with the decisions.
  const choices = decideChoices(plan, input);
  const files = plan.files.filter((f) => !f.alreadyImported);
  const repeated = plan.files.filter((f) => f.alreadyImported);
  try {
    if (files.length === 0) {
      return { batches: [], unchanged: true, message: resultMessage(0, total([]), repeated) };
    }
    const actor: Actor = { ...actorOf(ctx), origin: EXCHANGE_ORIGIN };
    // A national file writes most of the data file: without the memory map (db/bulk.ts).
    const { batches, counts } = withoutMemoryMap(ctx.db, () => {
      try {
        return applyPlan(ctx, actor, plan, choices, files);
      } catch (error) {
        if (isForeignKeyFailure(error)) throw new AppError('BAD_FILE', DANGLING_REFERENCE);
        throw error;
      }
    });
    const written = counts.inserted + counts.updated + counts.keptLocal + counts.synced;
    return {
      batches,
      unchanged: written === 0,
      message: resultMessage(batches.length, counts, repeated),
    };
  } finally {
    dropPlan(ctx.db, plan);
  }
}
