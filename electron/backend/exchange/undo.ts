// exchange.undo: puts back what one imported batch changed, in one transaction, while nothing
// changed those records since (every record still at the revision the batch left: undo-check.ts).
// Changed rows get their before-rows back exactly, inserted rows are removed, the aliases the
// batch confirmed are removed, and the batch is marked undone (its file may be imported again).
// The rows it inserted are removed as its insert book lists them and audited as one row, the
// batch's (undone_at): the book says what they were, and the undo check ensures they were still
// exactly that.
import type { ExchangeBatch, ParsedInput } from '../../../shared/contract';
import type { ExchangeEntity } from '../../../shared/methods/exchange';
import { EXCHANGE_ENTITIES } from '../../../shared/methods/exchange';
import { AppError } from '../../../shared/errors';
import type { Actor, BackendContext } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import { writingInBulk } from '../ratings/tallies';
import { auditUpdate } from '../audit';
import { recordChange } from '../changes';
import { actorOf } from '../meta';
import { EXCHANGE_TABLES as EXCHANGE_RECORD_TABLES } from './format/records';
import { phaseProgress } from '../progress';
import { EXCHANGE_ORIGIN } from './apply';
import { readBatch } from './batches';
import { BATCH_AUDIT_ENTITY } from './merge/batches';
import { countInserted, insertedIdChunks } from './merge/inserts';
import { removeRow, restoreRow } from './merge/restore';
import { EXCHANGE_JOB } from './preview';
import { checkUndo } from './undo-check';

/** Changes read at a time: a national batch is walked by its key, never loaded whole. */
const PAGE = 500;

interface ChangeRow {
  record_id: string;
  before: string | null;
}

function notFound(): AppError {
  return new AppError(
    'NOT_FOUND',
    'Không tìm thấy lần nhập này (có thể dữ liệu đã được thay bằng một tệp khác).',
  );
}

/** A record this batch added now has records of this installation attached (a rating of it…). */
const STILL_REFERENCED =
  'Không hoàn tác được: ở máy này đã có dữ liệu mới gắn với bản ghi do lần nhập này thêm vào ' +
  '(ví dụ kết quả xếp loại hoặc biện pháp của một tổ chức mới nhận). Chưa có gì thay đổi; hãy ' +
  'xóa dữ liệu đó trước nếu vẫn muốn hoàn tác.';

function isForeignKeyFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function undoEntity(
  db: Db,
  actor: Actor,
  batchId: string,
  entity: ExchangeEntity,
  progress: (records: number) => void,
): void {
  const page = stmt<[string, string, string, number], ChangeRow>(
    db,
    `SELECT record_id, before FROM exchange_batch_changes
     WHERE batch_id = ? AND entity = ? AND record_id > ? ORDER BY record_id LIMIT ?`,
  );
  let after = '';
  for (;;) {
    const rows = page.all(batchId, entity, after, PAGE);
    for (const row of rows) {
      if (row.before === null) removeRow(db, actor, entity, row.record_id);
      else restoreRow(db, actor, entity, row.record_id, row.before);
      progress(1);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = last.record_id;
  }
  const { table, audit } = EXCHANGE_RECORD_TABLES[entity];
  const remove = stmt<[string]>(
    db,
    `DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (const ids of insertedIdChunks(db, batchId, entity)) {
    remove.run(JSON.stringify(ids));
    recordChange(db, audit);
    progress(ids.length);
  }
}

export function undoBatch(ctx: BackendContext, input: ParsedInput<'exchange.undo'>): ExchangeBatch {
  const { db } = ctx;
  if (!readBatch(db, input.batchId)) throw notFound();
  const actor: Actor = { ...actorOf(ctx), origin: EXCHANGE_ORIGIN };
  try {
    writeTransaction(db, () => {
      // Checked under the write lock, so nothing slips in between the check and the undo.
      const batch = readBatch(db, input.batchId);
      if (!batch) throw notFound();
      const check = checkUndo(db, { id: batch.id, undoneAt: batch.undoneAt });
      if (!check.canUndo) throw new AppError('UNDO_BLOCKED', check.reason ?? STILL_REFERENCED);
      const total =
        (stmt<[string], { n: number }>(
          db,
          'SELECT count(*) AS n FROM exchange_batch_changes WHERE batch_id = ?',
        ).get(batch.id)?.n ?? 0) + countInserted(db, batch.id);
      const report = phaseProgress(ctx.emit, EXCHANGE_JOB, 'write', total);
      let done = 0;
      report(0);
      // Rows are removed children first; references among rows of one kind are checked at
      // commit, when every row the batch added is gone.
      db.pragma('defer_foreign_keys = ON');
      stmt(db, 'DELETE FROM exchange_unit_aliases WHERE batch_id = ?').run(batch.id);
      writingInBulk(db, total, () => {
        for (const entity of [...EXCHANGE_ENTITIES].reverse()) {
          undoEntity(db, actor, batch.id, entity, (records) => report((done += records)));
        }
      });
      stmt(db, 'UPDATE exchange_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(
        actor.at,
        actor.operator,
        batch.id,
      );
      auditUpdate(
        db,
        actor,
        BATCH_AUDIT_ENTITY,
        batch.id,
        { undone_at: null },
        { undone_at: actor.at },
      );
      report(total);
    });
  } catch (error) {
    if (isForeignKeyFailure(error)) throw new AppError('UNDO_BLOCKED', STILL_REFERENCED);
    throw error;
  }
  const undone = readBatch(db, input.batchId);
  if (!undone) throw notFound();
  return undone;
}
