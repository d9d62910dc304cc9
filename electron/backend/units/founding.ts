// Correcting when a unit was founded, including to or from "not known" (có từ trước). The first
// version's start moves with it; nothing else recorded about the unit may fall outside its life.
import { LINEAGE_EVENT_LABELS } from '../../../shared/domain/units';
import { MIN_YEAR } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit, versionsOf } from './queries';
import type { EventRecord, UnitRecord, VersionRecord } from './rows';
import { assertCodeFree, assertNameFree, assertParentUsable } from './rules';
import {
  firstYearOf,
  insertEvent,
  setFounding,
  tombstoneEvent,
  updateEventDate,
  updateVersion,
} from './store';

const refuse = (message: string): never => {
  throw new AppError('INVALID_INPUT', message);
};

/**
 * Sets the founding year of a unit (null: not known). Runs inside the caller's transaction.
 * A later year is refused while anything (a change, a rating, a subordinate unit) is recorded
 * for the years it would cut off; an earlier one must fit the parent, the code and the name.
 */
export function correctFounding(
  db: Db,
  actor: Actor,
  unitId: string,
  year: number | null,
  allowDuplicateName: boolean | undefined,
): void {
  const unit = loadUnit(db, unitId);
  if ((unit.founded_unknown ? null : unit.founded_year) === year) return;
  const first = versionsOf(db, unitId)[0];
  if (!first) throw new AppError('NOT_FOUND', 'Tổ chức đảng này không có thông tin nào.');
  const from = firstYearOf({ year, on: null });
  if (from > first.valid_from) assertNothingBefore(db, unit, first, from);
  if (from < first.valid_from) {
    if (first.parent_id)
      assertParentUsable(db, first.parent_id, from, first.valid_to, year === null);
    assertCodeFree(db, first.code, from, first.valid_to, unitId);
    assertNameFree(db, {
      name: first.name,
      parentId: first.parent_id,
      from,
      until: first.valid_from - 1,
      except: [unitId],
      allow: allowDuplicateName,
    });
  }
  if (from !== first.valid_from) updateVersion(db, actor, first, { validFrom: from });
  // A founding date of another year cannot be right any more; the audit log keeps the old one.
  const on =
    unit.founded_on && year !== null && yearOf(unit.founded_on) === year ? unit.founded_on : null;
  setFounding(db, actor, unit, { year, on });
  recordFoundingEvent(db, actor, unitId, year);
}

/** The years before `from` must hold nothing about the unit once it starts in `from`. */
function assertNothingBefore(db: Db, unit: UnitRecord, first: VersionRecord, from: number): void {
  const name = first.name;
  if (unit.ended_year !== null && from > unit.ended_year) {
    refuse(`Năm thành lập ${from} sau năm kết thúc hoạt động (${unit.ended_year}) của "${name}".`);
  }
  if (first.valid_to !== null && from > first.valid_to) {
    refuse(
      `"${name}" đã có thông tin thay đổi từ năm ${first.valid_to + 1}, nên năm thành lập ` +
        `không thể sau năm ${first.valid_to}.`,
    );
  }
  const event = eventsOf(db, unit.id).find((e) => e.type !== 'founded' && e.year < from);
  if (event) {
    refuse(
      `"${name}" có sự kiện "${LINEAGE_EVENT_LABELS[event.type].toLowerCase()}" năm ${event.year}, ` +
        `nên năm thành lập không thể sau năm ${event.year}.`,
    );
  }
  const rating = stmt<[string, number], { year: number }>(
    db,
    `SELECT year FROM ratings WHERE unit_id = ? AND deleted_at IS NULL AND year < ?
     ORDER BY year LIMIT 1`,
  ).get(unit.id, from);
  if (rating) {
    refuse(
      `"${name}" đã có kết quả xếp loại năm ${rating.year}, nên năm thành lập không thể sau năm ` +
        `${rating.year}. Hãy xóa kết quả đó trước nếu nó ghi nhầm.`,
    );
  }
  const child = stmt<[string, number], { name: string; valid_from: number }>(
    db,
    `SELECT v.name, v.valid_from FROM unit_versions v
     JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.parent_id = ? AND v.deleted_at IS NULL AND v.valid_from < ?
     ORDER BY v.valid_from LIMIT 1`,
  ).get(unit.id, from);
  if (child) {
    refuse(
      child.valid_from <= MIN_YEAR
        ? `"${child.name}" có từ trước và trực thuộc "${name}", nên "${name}" cũng phải có ` +
            'từ trước (không rõ năm thành lập).'
        : `"${child.name}" trực thuộc "${name}" từ năm ${child.valid_from}, nên năm thành lập ` +
            `của "${name}" không thể sau năm ${child.valid_from}.`,
    );
  }
}

/**
 * Keeps the "founded" event in step: moved to the corrected year, removed when the year is not
 * known, added when it becomes known (unless the unit began by a split, which is its own event).
 */
function recordFoundingEvent(db: Db, actor: Actor, unitId: string, year: number | null): void {
  const events = eventsOf(db, unitId);
  const founded = events.find((e) => e.type === 'founded');
  if (year === null) {
    if (founded) tombstoneEvent(db, actor, founded);
  } else if (founded) {
    const date =
      founded.event_date && yearOf(founded.event_date) === year ? founded.event_date : null;
    updateEventDate(db, actor, founded, year, date);
  } else if (!events.some((e) => e.type === 'split_from')) {
    insertEvent(db, actor, { unitId, type: 'founded', year });
  }
}

function eventsOf(db: Db, unitId: string): EventRecord[] {
  return stmt<[string], EventRecord>(
    db,
    `SELECT id, type, year, event_date, basis, note, related_unit_id FROM lineage_events
     WHERE unit_id = ? AND deleted_at IS NULL ORDER BY year`,
  ).all(unitId);
}

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
