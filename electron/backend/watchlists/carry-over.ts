// "Lập danh sách năm sau": next year's list continuing this one, pre-filled with the members
// that did not improve or changed slowly (shared/domain/watchlists.ts `carryReason`).
import type {
  CarriedMember,
  CarryOverResult,
  ParsedInput,
  WatchlistMember,
} from '../../../shared/contract';
import { CHANGE_LABELS } from '../../../shared/domain/scales';
import type { CarryReason, WatchReason } from '../../../shared/domain/watchlists';
import {
  CARRY_REASON_LABELS,
  MEMBER_STATUS_LABELS,
  carryReason,
} from '../../../shared/domain/watchlists';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import { membersOf } from './operations';
import { getWatchlist } from './queries';
import { lastYearOf, reasonsOf } from './rows';
import type { MemberRecord, WatchlistRecord } from './rows';
import { assertIssuer, assertUnitListable, loadWatchlist, targetLevelCode } from './rules';
import { insertRow, updateRow } from './store';
import { unitTracker } from './tracking';

/** The new list's title: the old one with its year moved on, or the year added. */
function nextTitle(list: WatchlistRecord, year: number): string {
  const last = String(lastYearOf(list));
  return list.title.includes(last)
    ? list.title.replaceAll(last, String(year))
    : `${list.title} (năm ${year})`;
}

/** Why a member is not carried, in the words of the list. */
function notCarriedWhy(member: WatchlistMember): string {
  if (member.status === 'left' || member.status === 'stopped') {
    return MEMBER_STATUS_LABELS[member.status];
  }
  const last = member.results.at(-1);
  if (last?.change) return CHANGE_LABELS[last.change];
  return 'Mức xếp loại được nâng lên';
}

/** A target level of the old year kept only when the new year's scale has it. */
function keptTarget(level: string | null, year: number): string | null {
  if (!level) return null;
  try {
    return targetLevelCode(year, level) ?? null;
  } catch {
    return null;
  }
}

export function carryOver(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.carryOver'>,
  today: string,
): CarryOverResult {
  const carried: CarriedMember[] = [];
  const notCarried: CarryOverResult['notCarried'] = [];
  const newId = writeTransaction(db, () => {
    const list = loadWatchlist(db, input.id);
    const last = lastYearOf(list);
    const year = input.year ?? last + 1;
    if (year <= last) {
      throw new AppError(
        'INVALID_INPUT',
        `Danh sách năm sau phải từ năm ${last + 1} trở đi (danh sách này theo dõi đến năm ${last}).`,
      );
    }
    // Carrying twice would list the same units again; the first list is edited instead.
    const existing = stmt<[string, number], { title: string }>(
      db,
      'SELECT title FROM watchlists WHERE previous_id = ? AND year = ? AND deleted_at IS NULL',
    ).get(list.id, year);
    if (existing) {
      throw new AppError(
        'INVALID_INPUT',
        `Đã có danh sách năm ${year} tiếp nối danh sách này: "${existing.title}".`,
      );
    }
    assertIssuer(db, list.issuer_id, year);
    const old = getWatchlist(db, list.id, today);
    const id = insertRow(db, actor, 'watchlists', {
      title: input.title ?? nextTitle(list, year),
      number: input.number ?? null,
      decided_on: input.decidedOn ?? null,
      issuer_id: list.issuer_id,
      year,
      to_year: null,
      purpose: list.purpose,
      note: null,
      extends_id: null,
      previous_id: list.id,
    });
    const records = new Map(membersOf(db, list.id).map((m) => [m.id, m]));
    const tracker = unitTracker(db);
    const taken = new Set<string>();
    let position = 0;
    for (const member of old.members) {
      const record = records.get(member.id);
      const last = member.results.at(-1);
      const reason =
        record && last
          ? carryReason({ status: member.status, change: last.change, comparison: last.vsBaseline })
          : null;
      if (!record || !reason) {
        notCarried.push({
          memberId: member.id,
          unitName: member.unitName,
          why: notCarriedWhy(member),
        });
        continue;
      }
      const unitId = tracker.trackedAt(member.unitId, year);
      const refusal = unitId
        ? listableProblem(db, unitId, year, taken)
        : (member.lineage?.note ?? 'Tổ chức không còn hoạt động.');
      if (!unitId || refusal) {
        notCarried.push({ memberId: member.id, unitName: member.unitName, why: refusal ?? '' });
        continue;
      }
      taken.add(unitId);
      const memberId = insertRow(db, actor, 'watchlist_members', {
        watchlist_id: id,
        unit_id: unitId,
        position: ++position,
        group_name: record.group_name,
        reasons: JSON.stringify(carriedReasons(record)),
        reason_other: record.reason_other,
        responsible: record.responsible,
        working_group: record.working_group,
        target_level: keptTarget(record.target_level, year),
        status: 'active',
        note: unitId === member.unitId ? null : (member.lineage?.note ?? null),
        carried_from_id: member.id,
      });
      updateRow(db, actor, 'watchlist_members', record.id, record, {
        status: 'carried_over',
        status_date: input.decidedOn ?? today,
        status_reason: CARRY_REASON_LABELS[reason],
      });
      carried.push(carriedMember(member, memberId, unitId, reason, tracker.nameAt(unitId, year)));
    }
    return id;
  });
  return { watchlist: getWatchlist(db, newId, today), carried, notCarried };
}

function carriedMember(
  member: WatchlistMember,
  memberId: string,
  unitId: string,
  reason: CarryReason,
  unitName: string,
): CarriedMember {
  return {
    fromMemberId: member.id,
    memberId,
    unitId,
    unitName,
    reason,
    followedFromUnitId: unitId === member.unitId ? null : member.unitId,
  };
}

/** "Chuyển biến chậm năm trước" first, then the reasons it was listed for. */
function carriedReasons(record: MemberRecord): WatchReason[] {
  return ['slow_change', ...reasonsOf(record).filter((r) => r !== 'slow_change')];
}

/** Why the unit cannot go on next year's list (gone, no longer a TCCSĐ, already carried). */
function listableProblem(db: Db, unitId: string, year: number, taken: Set<string>): string | null {
  try {
    const name = assertUnitListable(db, unitId, year);
    return taken.has(unitId) ? `"${name}" đã có trong danh sách năm ${year}.` : null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}
