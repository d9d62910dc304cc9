// Checks before a watchlist write: what exists, which units may be listed, nesting without
// cycles, levels and dates. Each refusal is a Vietnamese sentence naming what is wrong.
import { formatDateVi } from '../../../shared/domain/years';
import { BASE_UNIT_KINDS, UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { RATEABLE_KINDS } from '../../../shared/domain/scales';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { levelOrThrow, scaleOrThrow } from '../ratings/rules';
import { loadUnit, nameAt, versionAt } from '../units/queries';
import type { MeasureRecord, MemberRecord, WatchlistRecord } from './rows';
import { MEASURE_COLUMNS, MEMBER_COLUMNS, WATCHLIST_COLUMNS } from './rows';

export function loadWatchlist(db: Db, id: string): WatchlistRecord {
  const list = stmt<[string], WatchlistRecord>(
    db,
    `SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE id = ?`,
  ).get(id);
  if (!list || list.deleted_at) {
    throw new AppError(
      'NOT_FOUND',
      'Không tìm thấy danh sách diện củng cố này (có thể đã bị xóa).',
    );
  }
  return list;
}

/** A live member of a live list. */
export function loadMember(db: Db, id: string): { member: MemberRecord; list: WatchlistRecord } {
  const member = stmt<[string], MemberRecord>(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM watchlist_members WHERE id = ?`,
  ).get(id);
  if (!member || member.deleted_at) {
    throw new AppError(
      'NOT_FOUND',
      'Không tìm thấy tổ chức này trong danh sách diện củng cố (có thể đã bị xóa khỏi danh sách).',
    );
  }
  return { member, list: loadWatchlist(db, member.watchlist_id) };
}

export function loadMeasure(db: Db, id: string): MeasureRecord {
  const measure = stmt<[string], MeasureRecord>(
    db,
    `SELECT ${MEASURE_COLUMNS} FROM measures WHERE id = ?`,
  ).get(id);
  if (!measure || measure.deleted_at) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy biện pháp này (có thể đã bị xóa).');
  }
  loadMember(db, measure.member_id);
  return measure;
}

/** The issuing committee must be a unit of the register existing in the list's year. */
export function assertIssuer(db: Db, issuerId: string, year: number): void {
  const unit = loadUnit(db, issuerId);
  if (versionAt(db, issuerId, year)) return;
  const name = nameAt(db, issuerId, year) ?? 'Tổ chức';
  const why =
    year < unit.founded_year
      ? `thành lập năm ${unit.founded_year}`
      : `đã kết thúc hoạt động năm ${unit.ended_year ?? '?'}`;
  throw new AppError(
    'UNIT_NOT_IN_YEAR',
    `"${name}" ${why}, nên không thể là cấp ủy ban hành danh sách năm ${year}.`,
  );
}

/**
 * The list `extendsId` adds to must exist, and following what it extends must never come back
 * to `listId` (a list extending itself, directly or through a chain, is refused).
 */
export function assertExtends(db: Db, listId: string | null, extendsId: string): void {
  if (extendsId === listId) {
    throw new AppError('CYCLE', 'Một danh sách không thể mở rộng chính nó.');
  }
  const seen = new Set<string>();
  let current: WatchlistRecord | null = loadWatchlistOr(
    db,
    extendsId,
    'Không tìm thấy danh sách được mở rộng (có thể đã bị xóa).',
  );
  while (current) {
    if (seen.has(current.id)) break;
    seen.add(current.id);
    if (current.extends_id === null) return;
    if (current.extends_id === listId) {
      throw new AppError(
        'CYCLE',
        `Danh sách "${current.title}" đã mở rộng (trực tiếp hoặc qua danh sách khác) danh sách này; ` +
          'hai danh sách không thể mở rộng lẫn nhau.',
      );
    }
    current =
      stmt<[string], WatchlistRecord>(
        db,
        `SELECT ${WATCHLIST_COLUMNS} FROM watchlists WHERE id = ?`,
      ).get(current.extends_id) ?? null;
  }
}

function loadWatchlistOr(db: Db, id: string, message: string): WatchlistRecord {
  try {
    return loadWatchlist(db, id);
  } catch {
    throw new AppError('NOT_FOUND', message);
  }
}

/**
 * A unit may be listed for `year` when it exists that year, was not dissolved that year, and is
 * a TCCSĐ or a unit below one (committees above the grassroots are not consolidated this way).
 * Returns its name that year.
 */
export function assertUnitListable(db: Db, unitId: string, year: number): string {
  const unit = loadUnit(db, unitId);
  const version = versionAt(db, unitId, year);
  const name = version?.name ?? nameAt(db, unitId, year) ?? 'Tổ chức';
  if (!version) {
    if (year < unit.founded_year) {
      throw new AppError(
        'UNIT_NOT_IN_YEAR',
        `"${name}" thành lập năm ${unit.founded_year}, chưa có trong năm ${year}; ` +
          `không thể đưa vào danh sách năm ${year}.`,
      );
    }
    throw new AppError(
      'UNIT_ENDED',
      `"${name}" đã kết thúc hoạt động năm ${unit.ended_year ?? '?'}; ` +
        `không thể đưa vào danh sách năm ${year}.`,
    );
  }
  if (unit.ended_year === year && dissolvedIn(db, unitId, year)) {
    throw new AppError(
      'UNIT_ENDED',
      `"${name}" giải thể năm ${year}; không thể đưa vào danh sách diện củng cố năm ${year}.`,
    );
  }
  if (!RATEABLE_KINDS.includes(version.kind)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${name}" là ${UNIT_KIND_LABELS[version.kind].toLowerCase()}; chỉ đưa ` +
        `${BASE_UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k].toLowerCase()).join(', ')} ` +
        'hoặc tổ chức đảng trực thuộc vào diện củng cố.',
    );
  }
  return name;
}

function dissolvedIn(db: Db, unitId: string, year: number): boolean {
  return !!stmt<[string, number], { one: number }>(
    db,
    `SELECT 1 AS one FROM lineage_events
     WHERE unit_id = ? AND year = ? AND type = 'dissolved' AND deleted_at IS NULL`,
  ).get(unitId, year);
}

/** The same unit may be on a list once. */
export function assertNotListed(db: Db, listId: string, unitId: string, name: string): void {
  const existing = stmt<[string, string], { id: string }>(
    db,
    `SELECT id FROM watchlist_members WHERE watchlist_id = ? AND unit_id = ? AND deleted_at IS NULL`,
  ).get(listId, unitId);
  if (existing) {
    throw new AppError('DUPLICATE_MEMBER', `"${name}" đã có trong danh sách này.`);
  }
}

/** A target level typed as its abbreviation or name, as the code of the list year's scale. */
export function targetLevelCode(
  year: number,
  text: string | null | undefined,
): string | null | undefined {
  if (text === undefined || text === null) return text;
  const parsed = levelOrThrow(scaleOrThrow(year), year, text);
  return parsed.level.code;
}

/** A date that must not lie after today by the backend's clock. */
export function assertNotAfterToday(date: string, today: string, what: string): void {
  if (date > today) {
    throw new AppError(
      'INVALID_INPUT',
      `${what} (${formatDateVi(date)}) không được sau ngày hôm nay (${formatDateVi(today)}).`,
    );
  }
}

/**
 * A unit on a list, or issuing one, is not removed as a mistake: the list would lose what it
 * names. It is taken off the list (or the list removed) first.
 */
export function assertNotInWatchlists(db: Db, unitId: string): void {
  const member = stmt<[string], { title: string }>(
    db,
    `SELECT w.title FROM watchlist_members m
     JOIN watchlists w ON w.id = m.watchlist_id AND w.deleted_at IS NULL
     WHERE m.unit_id = ? AND m.deleted_at IS NULL LIMIT 1`,
  ).get(unitId);
  if (member) {
    throw new AppError(
      'HAS_CHILDREN',
      `Không thể xóa: tổ chức này có trong danh sách diện củng cố "${member.title}"; ` +
        'hãy xóa tổ chức khỏi danh sách trước.',
    );
  }
  const issued = stmt<[string], { title: string }>(
    db,
    'SELECT title FROM watchlists WHERE issuer_id = ? AND deleted_at IS NULL LIMIT 1',
  ).get(unitId);
  if (issued) {
    throw new AppError(
      'HAS_CHILDREN',
      `Không thể xóa: tổ chức này là cấp ủy ban hành danh sách diện củng cố "${issued.title}".`,
    );
  }
}
