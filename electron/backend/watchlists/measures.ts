// Measures taken for a member: reads with "quá hạn" derived from the clock, and the writes
// (add, change, complete, remove), each one transaction with every field audited.
import type { Measure, ParsedInput } from '../../../shared/contract';
import { isOverdue } from '../../../shared/domain/watchlists';
import { formatDateVi } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import type { MeasureRecord } from './rows';
import { MEASURE_COLUMNS, textArray } from './rows';
import { assertNotAfterToday, loadMeasure, loadMember } from './rules';
import { insertRow, tombstoneRow, updateRow } from './store';

function toMeasure(
  r: MeasureRecord,
  member: { watchlistId: string; unitId: string },
  today: string,
): Measure {
  const dueOn = r.due_on;
  return {
    id: r.id,
    memberId: r.member_id,
    watchlistId: member.watchlistId,
    unitId: member.unitId,
    kind: r.kind,
    title: r.title,
    responsible: r.responsible,
    startOn: r.start_on,
    dueOn,
    doneOn: r.done_on,
    status: r.status,
    overdue: isOverdue({ status: r.status, dueOn }, today),
    resultNote: r.result_note,
    documents: textArray(r.documents),
    updatedAt: r.updated_at,
  };
}

/** A member's measures in time order: by start (or due) date, undated last, then as added. */
export function listMeasures(db: Db, memberId: string, today: string): Measure[] {
  const { member } = loadMember(db, memberId);
  const owner = { watchlistId: member.watchlist_id, unitId: member.unit_id };
  return stmt<[string], MeasureRecord>(
    db,
    `SELECT ${MEASURE_COLUMNS} FROM measures WHERE member_id = ? AND deleted_at IS NULL
     ORDER BY coalesce(start_on, due_on) IS NULL, coalesce(start_on, due_on), created_at, rowid`,
  )
    .all(memberId)
    .map((r) => toMeasure(r, owner, today));
}

function readMeasure(db: Db, id: string, today: string): Measure {
  const measure = loadMeasure(db, id);
  const { member } = loadMember(db, measure.member_id);
  return toMeasure(measure, { watchlistId: member.watchlist_id, unitId: member.unit_id }, today);
}

function assertDueAfterStart(startOn: string | null, dueOn: string | null): void {
  if (startOn && dueOn && dueOn < startOn) {
    throw new AppError(
      'INVALID_INPUT',
      `Hạn hoàn thành (${formatDateVi(dueOn)}) không được trước ngày bắt đầu (${formatDateVi(startOn)}).`,
    );
  }
}

function assertDoneAfterStart(startOn: string | null, doneOn: string): void {
  if (startOn && doneOn < startOn) {
    throw new AppError(
      'INVALID_INPUT',
      `Ngày hoàn thành (${formatDateVi(doneOn)}) không được trước ngày bắt đầu (${formatDateVi(startOn)}).`,
    );
  }
}

export function addMeasure(
  db: Db,
  actor: Actor,
  input: ParsedInput<'measures.add'>,
  today: string,
): Measure {
  const id = writeTransaction(db, () => {
    loadMember(db, input.memberId);
    const startOn = input.startOn ?? null;
    const dueOn = input.dueOn ?? null;
    assertDueAfterStart(startOn, dueOn);
    return insertRow(db, actor, 'measures', {
      member_id: input.memberId,
      kind: input.kind,
      title: input.title,
      responsible: input.responsible ?? null,
      start_on: startOn,
      due_on: dueOn,
      done_on: null,
      status: input.status ?? 'planned',
      result_note: input.resultNote ?? null,
      documents: JSON.stringify(input.documents ?? []),
    });
  });
  return readMeasure(db, id, today);
}

export function updateMeasure(
  db: Db,
  actor: Actor,
  input: ParsedInput<'measures.update'>,
  today: string,
): Measure {
  writeTransaction(db, () => {
    const measure = loadMeasure(db, input.id);
    const startOn = input.startOn === undefined ? measure.start_on : input.startOn;
    const dueOn = input.dueOn === undefined ? measure.due_on : input.dueOn;
    assertDueAfterStart(startOn, dueOn);
    if (measure.done_on && input.status === undefined)
      assertDoneAfterStart(startOn, measure.done_on);
    updateRow(db, actor, 'measures', measure.id, measure, {
      kind: input.kind,
      title: input.title,
      responsible: input.responsible,
      start_on: input.startOn,
      due_on: input.dueOn,
      // Planned or in progress reopens a done measure: its done date goes with it.
      status: input.status,
      done_on: input.status === undefined ? undefined : null,
      result_note: input.resultNote,
      documents: input.documents === undefined ? undefined : JSON.stringify(input.documents),
    });
  });
  return readMeasure(db, input.id, today);
}

export function completeMeasure(
  db: Db,
  actor: Actor,
  input: ParsedInput<'measures.complete'>,
  today: string,
): Measure {
  writeTransaction(db, () => {
    const measure = loadMeasure(db, input.id);
    assertNotAfterToday(input.doneOn, today, 'Ngày hoàn thành');
    assertDoneAfterStart(measure.start_on, input.doneOn);
    updateRow(db, actor, 'measures', measure.id, measure, {
      status: 'done',
      done_on: input.doneOn,
      result_note: input.resultNote,
    });
  });
  return readMeasure(db, input.id, today);
}

export function removeMeasure(
  db: Db,
  actor: Actor,
  input: ParsedInput<'measures.remove'>,
): { id: string } {
  writeTransaction(db, () => {
    loadMeasure(db, input.id);
    tombstoneRow(db, actor, 'measures', input.id);
  });
  return { id: input.id };
}
