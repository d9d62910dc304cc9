// The user's writes on lists and their members, each one transaction, every field audited.
import type { ParsedInput, WatchlistDetail, WatchlistMember } from '../../../shared/contract';
import type { WatchReason } from '../../../shared/domain/watchlists';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { writeTransaction } from '../db/write';
import { mergeRatingValues } from '../ratings/merge';
import { assertUnitInYear, levelOrThrow, scaleOrThrow } from '../ratings/rules';
import { findRating, upsertRating } from '../ratings/store';
import { getMember, getWatchlist } from './queries';
import type { MemberRecord, WatchlistRecord } from './rows';
import { MEMBER_COLUMNS, lastYearOf, reasonsOf } from './rows';
import {
  assertExtends,
  assertIssuer,
  assertNotListed,
  assertUnitListable,
  loadMember,
  loadWatchlist,
  targetLevelCode,
} from './rules';
import { insertRow, tombstoneRow, updateRow } from './store';
import { unitTracker } from './tracking';

export function createWatchlist(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.create'>,
  today: string,
): WatchlistDetail {
  const id = writeTransaction(db, () => {
    assertIssuer(db, input.issuerId, input.year);
    if (input.extendsId) assertExtends(db, null, input.extendsId);
    return insertRow(db, actor, 'watchlists', {
      title: input.title,
      number: input.number ?? null,
      decided_on: input.decidedOn ?? null,
      issuer_id: input.issuerId,
      year: input.year,
      to_year: input.toYear ?? null,
      purpose: input.purpose ?? null,
      note: input.note ?? null,
      extends_id: input.extendsId ?? null,
      previous_id: null,
    });
  });
  return getWatchlist(db, id, today);
}

export function membersOf(db: Db, listId: string): MemberRecord[] {
  return stmt<[string], MemberRecord>(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM watchlist_members
     WHERE watchlist_id = ? AND deleted_at IS NULL ORDER BY position`,
  ).all(listId);
}

/** A change of year must keep every member listable then, with a target level of that year. */
function assertMembersFit(db: Db, list: WatchlistRecord, year: number): void {
  for (const member of membersOf(db, list.id)) {
    assertUnitListable(db, member.unit_id, year);
    if (member.target_level) targetLevelCode(year, member.target_level);
  }
}

export function updateWatchlist(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.update'>,
  today: string,
): WatchlistDetail {
  writeTransaction(db, () => {
    const list = loadWatchlist(db, input.id);
    const year = input.year ?? list.year;
    const toYear = input.toYear === undefined ? list.to_year : input.toYear;
    if (toYear !== null && toYear < year) {
      throw new AppError(
        'INVALID_INPUT',
        `Năm kết thúc (${toYear}) phải bằng hoặc sau năm bắt đầu của danh sách (${year}).`,
      );
    }
    const issuerId = input.issuerId ?? list.issuer_id;
    if (issuerId !== list.issuer_id || year !== list.year) assertIssuer(db, issuerId, year);
    if (input.extendsId) assertExtends(db, list.id, input.extendsId);
    if (year !== list.year) assertMembersFit(db, list, year);
    updateRow(db, actor, 'watchlists', list.id, list, {
      title: input.title,
      number: input.number,
      decided_on: input.decidedOn,
      issuer_id: issuerId,
      year,
      to_year: toYear,
      purpose: input.purpose,
      note: input.note,
      extends_id: input.extendsId,
    });
  });
  return getWatchlist(db, input.id, today);
}

/** Tombstones a member with its measures and remarks. */
function removeMemberRows(db: Db, actor: Actor, memberId: string): void {
  for (const table of ['measures', 'watchlist_results'] as const) {
    const ids = stmt<[string], { id: string }>(
      db,
      `SELECT id FROM ${table} WHERE member_id = ? AND deleted_at IS NULL`,
    ).all(memberId);
    for (const { id } of ids) tombstoneRow(db, actor, table, id);
  }
  tombstoneRow(db, actor, 'watchlist_members', memberId);
}

export function removeWatchlist(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.remove'>,
): { id: string } {
  writeTransaction(db, () => {
    const list = loadWatchlist(db, input.id);
    const linked = stmt<[string, string], { title: string; extends_id: string | null }>(
      db,
      `SELECT title, extends_id FROM watchlists
       WHERE (extends_id = ? OR previous_id = ?) AND deleted_at IS NULL LIMIT 1`,
    ).get(list.id, list.id);
    if (linked) {
      const how = linked.extends_id === list.id ? 'mở rộng' : 'tiếp nối';
      throw new AppError(
        'HAS_CHILDREN',
        `Không thể xóa: danh sách "${linked.title}" ${how} danh sách này; ` +
          'hãy xóa hoặc bỏ liên kết danh sách đó trước.',
      );
    }
    for (const member of membersOf(db, list.id)) removeMemberRows(db, actor, member.id);
    tombstoneRow(db, actor, 'watchlists', list.id);
  });
  return { id: input.id };
}

/** "Khác" among the reasons needs its text. */
function assertOtherExplained(reasons: readonly WatchReason[], other: string | null): void {
  if (reasons.includes('other') && !other) {
    throw new AppError('INVALID_INPUT', 'Lý do "Khác" cần ghi rõ nội dung.');
  }
}

export function addMember(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.addMember'>,
  today: string,
): WatchlistMember {
  const id = writeTransaction(db, () => {
    const list = loadWatchlist(db, input.watchlistId);
    const name = assertUnitListable(db, input.unitId, list.year);
    assertNotListed(db, list.id, input.unitId, name);
    const reasons = input.reasons ?? [];
    assertOtherExplained(reasons, input.reasonOther ?? null);
    const last = stmt<[string], { last: number | null }>(
      db,
      'SELECT max(position) AS last FROM watchlist_members WHERE watchlist_id = ?',
    ).get(list.id);
    return insertRow(db, actor, 'watchlist_members', {
      watchlist_id: list.id,
      unit_id: input.unitId,
      position: (last?.last ?? 0) + 1,
      group_name: input.group ?? null,
      reasons: JSON.stringify(reasons),
      reason_other: input.reasonOther ?? null,
      responsible: input.responsible ?? null,
      working_group: input.workingGroup ?? null,
      target_level: targetLevelCode(list.year, input.targetLevel) ?? null,
      status: 'active',
      note: input.note ?? null,
    });
  });
  return getMember(db, id, today);
}

export function updateMember(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.updateMember'>,
  today: string,
): WatchlistMember {
  writeTransaction(db, () => {
    const { member, list } = loadMember(db, input.id);
    const reasons = input.reasons ?? reasonsOf(member);
    const other = input.reasonOther === undefined ? member.reason_other : input.reasonOther;
    assertOtherExplained(reasons, other);
    updateRow(db, actor, 'watchlist_members', member.id, member, {
      group_name: input.group,
      reasons: input.reasons === undefined ? undefined : JSON.stringify(input.reasons),
      reason_other: input.reasonOther,
      responsible: input.responsible,
      working_group: input.workingGroup,
      target_level: targetLevelCode(list.year, input.targetLevel),
      note: input.note,
    });
  });
  return getMember(db, input.id, today);
}

export function removeMember(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.removeMember'>,
): { id: string } {
  writeTransaction(db, () => {
    loadMember(db, input.id);
    removeMemberRows(db, actor, input.id);
  });
  return { id: input.id };
}

export function setMemberStatus(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.setMemberStatus'>,
  today: string,
): WatchlistMember {
  writeTransaction(db, () => {
    const { member } = loadMember(db, input.id);
    const active = input.status === 'active';
    updateRow(db, actor, 'watchlist_members', member.id, member, {
      status: input.status,
      status_date: active ? null : (input.date ?? null),
      status_reason: active ? null : (input.reason ?? null),
    });
  });
  return getMember(db, input.id, today);
}

/** The list's remark on a member in a year: one row per member and year, revived if removed. */
function writeRemark(db: Db, actor: Actor, memberId: string, year: number, remark: string | null) {
  const existing = stmt<
    [string, number],
    { id: string; remark: string | null; deleted_at: string | null }
  >(
    db,
    'SELECT id, remark, deleted_at FROM watchlist_results WHERE member_id = ? AND year = ?',
  ).get(memberId, year);
  if (!existing) {
    if (remark !== null) {
      insertRow(db, actor, 'watchlist_results', { member_id: memberId, year, remark });
    }
    return;
  }
  updateRow(db, actor, 'watchlist_results', existing.id, existing, {
    remark,
    deleted_at: null,
  });
}

/**
 * A member's result in a year of its list. Level, change and rank go to the rating of the unit
 * followed that year (the ratings' one merge rule); the remark stays with the list.
 */
export function setResult(
  db: Db,
  actor: Actor,
  input: ParsedInput<'watchlists.setResult'>,
  today: string,
): WatchlistMember {
  writeTransaction(db, () => {
    const { member, list } = loadMember(db, input.memberId);
    const last = lastYearOf(list);
    if (input.year < list.year || input.year > last) {
      const years = last === list.year ? `năm ${list.year}` : `các năm ${list.year}–${last}`;
      throw new AppError(
        'INVALID_INPUT',
        `Năm ${input.year} nằm ngoài danh sách; danh sách này theo dõi ${years}.`,
      );
    }
    const tracker = unitTracker(db);
    const unitId = tracker.trackedAt(member.unit_id, input.year);
    if (!unitId) {
      const lineage = tracker.lineage(member.unit_id, input.year);
      throw new AppError(
        'UNIT_NOT_IN_YEAR',
        lineage?.note ??
          `"${tracker.nameAt(member.unit_id, input.year)}" không có trong năm ${input.year}.`,
      );
    }
    const touchesRating =
      input.levelCode !== undefined || input.change !== undefined || input.rank !== undefined;
    if (touchesRating) {
      const scale = scaleOrThrow(input.year);
      const name = assertUnitInYear(db, unitId, input.year);
      const level = input.levelCode ? levelOrThrow(scale, input.year, input.levelCode, name) : null;
      const stored = findRating(db, unitId, input.year);
      if (!level && (!stored || stored.deleted_at !== null)) {
        throw new AppError(
          'NO_RATING',
          `Chưa có kết quả xếp loại năm ${input.year} của "${name}"; ` +
            'hãy ghi mức xếp loại trước (hoặc cùng lúc với mức độ chuyển biến).',
        );
      }
      const values = mergeRatingValues(db, scale, input.year, unitId, {
        ...(level
          ? { levelCode: level.level.code, exemplary: level.exemplary ? true : undefined }
          : {}),
        change: input.change,
        rank: input.rank,
      });
      if (values) upsertRating(db, actor, unitId, input.year, values);
    }
    if (input.remark !== undefined) writeRemark(db, actor, member.id, input.year, input.remark);
  });
  return getMember(db, input.memberId, today);
}
