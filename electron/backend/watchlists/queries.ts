// Reads of watchlists: the lists of a year, one list with its members, a unit's places on lists.
// Members and figures are derived on each read (evaluate.ts), never stored.
import type {
  MeasureCounts,
  UnitWatchEntry,
  Watchlist,
  WatchlistDetail,
  WatchlistMember,
} from '../../../shared/contract';
import { compareVietnamese } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import type { ListFacts } from './evaluate';
import { evaluateMember, inListOrder, summarize } from './evaluate';
import type { MemberRecord, WatchlistRecord } from './rows';
import { MEMBER_COLUMNS, WATCHLIST_COLUMNS } from './rows';
import { loadWatchlist } from './rules';
import type { UnitTracker } from './tracking';
import { unitTracker } from './tracking';

/** The lists covering a year; the index on (year, to_year) serves it. */
export const LISTS_OF_YEAR = `SELECT ${WATCHLIST_COLUMNS} FROM watchlists
  WHERE deleted_at IS NULL AND year <= :year AND coalesce(to_year, year) >= :year`;

export const MEMBERS_OF_LIST = `SELECT ${MEMBER_COLUMNS} FROM watchlist_members
  WHERE watchlist_id = ? AND deleted_at IS NULL ORDER BY position`;

/** Measures per member of a list, with those open past their due date (today bound). */
export const MEASURE_COUNTS_OF_LIST = `SELECT m.member_id, count(*) AS total,
    sum(m.status = 'done') AS done, sum(m.done_on IS NULL AND m.due_on < :today) AS overdue
  FROM watchlist_members w JOIN measures m ON m.member_id = w.id AND m.deleted_at IS NULL
  WHERE w.watchlist_id = :list AND w.deleted_at IS NULL
  GROUP BY m.member_id`;

const REMARKS_OF_LIST = `SELECT r.member_id, r.year, r.remark
  FROM watchlist_members w JOIN watchlist_results r ON r.member_id = w.id AND r.deleted_at IS NULL
  WHERE w.watchlist_id = ? AND w.deleted_at IS NULL`;

function gatherFacts(db: Db, listId: string, today: string, tracker: UnitTracker): ListFacts {
  const counts = stmt<
    [{ list: string; today: string }],
    { member_id: string; total: number; done: number; overdue: number }
  >(db, MEASURE_COUNTS_OF_LIST).all({ list: listId, today });
  const remarks = new Map<string, Map<number, string | null>>();
  for (const r of stmt<[string], { member_id: string; year: number; remark: string | null }>(
    db,
    REMARKS_OF_LIST,
  ).all(listId)) {
    const byYear = remarks.get(r.member_id) ?? new Map<number, string | null>();
    byYear.set(r.year, r.remark);
    remarks.set(r.member_id, byYear);
  }
  return {
    tracker,
    measures: new Map(
      counts.map((c) => [c.member_id, { total: c.total, done: c.done, overdue: c.overdue }]),
    ),
    remarks,
  };
}

function titleOf(db: Db, id: string | null): string | null {
  if (!id) return null;
  return (
    stmt<[string], { title: string }>(
      db,
      'SELECT title FROM watchlists WHERE id = ? AND deleted_at IS NULL',
    ).get(id)?.title ?? null
  );
}

function sumMeasures(members: WatchlistMember[]): MeasureCounts {
  const total: MeasureCounts = { total: 0, done: 0, overdue: 0 };
  for (const m of members) {
    total.total += m.measures.total;
    total.done += m.measures.done;
    total.overdue += m.measures.overdue;
  }
  return total;
}

/** One list with its members in "Biểu 01" order. */
function readList(
  db: Db,
  list: WatchlistRecord,
  today: string,
  tracker: UnitTracker,
): { summary: Watchlist; members: WatchlistMember[] } {
  const facts = gatherFacts(db, list.id, today, tracker);
  const records = stmt<[string], MemberRecord>(db, MEMBERS_OF_LIST).all(list.id);
  const members = inListOrder(records.map((m) => evaluateMember(m, list, facts)));
  const summary: Watchlist = {
    id: list.id,
    title: list.title,
    number: list.number,
    decidedOn: list.decided_on,
    issuerId: list.issuer_id,
    issuerName: tracker.nameAt(list.issuer_id, list.year),
    year: list.year,
    toYear: list.to_year,
    purpose: list.purpose,
    note: list.note,
    extendsId: list.extends_id,
    extendsTitle: titleOf(db, list.extends_id),
    previousId: list.previous_id,
    previousTitle: titleOf(db, list.previous_id),
    memberCount: members.length,
    activeCount: members.filter((m) => m.status === 'active').length,
    improved: members.filter((m) => m.current.vsBaseline.trend === 'up').length,
    measures: sumMeasures(members),
    updatedAt: list.updated_at,
  };
  return { summary, members };
}

function byYearThenTitle(a: Watchlist, b: Watchlist): number {
  return (
    b.year - a.year ||
    (a.decidedOn ?? '9999').localeCompare(b.decidedOn ?? '9999') ||
    compareVietnamese(a.title, b.title)
  );
}

/** The lists covering a year (every list without one), each with its members. */
export function readLists(
  db: Db,
  year: number | undefined,
  today: string,
  tracker: UnitTracker,
): { summary: Watchlist; members: WatchlistMember[] }[] {
  const records =
    year === undefined
      ? stmt<[], WatchlistRecord>(
          db,
          `SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE deleted_at IS NULL`,
        ).all()
      : stmt<[{ year: number }], WatchlistRecord>(db, LISTS_OF_YEAR).all({ year });
  return records
    .map((r) => readList(db, r, today, tracker))
    .sort((a, b) => byYearThenTitle(a.summary, b.summary));
}

export function listWatchlists(db: Db, year: number | undefined, today: string): Watchlist[] {
  return readLists(db, year, today, unitTracker(db)).map((l) => l.summary);
}

export function getWatchlist(db: Db, id: string, today: string): WatchlistDetail {
  const list = loadWatchlist(db, id);
  const tracker = unitTracker(db);
  const { summary, members } = readList(db, list, today, tracker);
  const extendedBy = stmt<[string], WatchlistRecord>(
    db,
    `SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE extends_id = ? AND deleted_at IS NULL`,
  )
    .all(id)
    .map((l) => ({
      id: l.id,
      title: l.title,
      issuerName: tracker.nameAt(l.issuer_id, l.year),
      year: l.year,
    }));
  const continuedBy = stmt<[string], WatchlistRecord>(
    db,
    `SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE previous_id = ? AND deleted_at IS NULL`,
  )
    .all(id)
    .map((l) => ({ id: l.id, title: l.title, year: l.year }));
  return { ...summary, members, summaries: summarize(list, members), extendedBy, continuedBy };
}

/** One member as its list shows it (its STT depends on the others). */
export function getMember(db: Db, memberId: string, today: string): WatchlistMember {
  const listId = stmt<[string], { watchlist_id: string }>(
    db,
    'SELECT watchlist_id FROM watchlist_members WHERE id = ?',
  ).get(memberId)?.watchlist_id;
  const member = listId
    ? getWatchlist(db, listId, today).members.find((m) => m.id === memberId)
    : undefined;
  if (!member) throw new AppError('NOT_FOUND', 'Không tìm thấy tổ chức này trong danh sách.');
  return member;
}

/** The lists a unit is (or was) on, oldest first. */
export function unitWatchEntries(db: Db, unitId: string): UnitWatchEntry[] {
  loadUnit(db, unitId);
  return stmt<
    [string],
    {
      watchlist_id: string;
      title: string;
      number: string | null;
      year: number;
      to_year: number | null;
      member_id: string;
      status: UnitWatchEntry['status'];
    }
  >(
    db,
    `SELECT w.id AS watchlist_id, w.title, w.number, w.year, w.to_year, m.id AS member_id, m.status
     FROM watchlist_members m JOIN watchlists w ON w.id = m.watchlist_id AND w.deleted_at IS NULL
     WHERE m.unit_id = ? AND m.deleted_at IS NULL
     ORDER BY w.year, w.decided_on`,
  )
    .all(unitId)
    .map((r) => ({
      watchlistId: r.watchlist_id,
      title: r.title,
      number: r.number,
      year: r.year,
      toYear: r.to_year,
      memberId: r.member_id,
      status: r.status,
    }));
}
