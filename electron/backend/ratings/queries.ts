// Reads of ratings: one unit's history, lists, counts per level (the entry grid is in grid.ts,
// the transitions in transitions.ts). The grid, the list and the counts join their ratings to the
// set in SQL (members.ts), so a province reads only its own units; `levelsOfYear` and
// `ratingsOfYear` serve callers that already hold a list of ids (the reports).
import type {
  LevelCounts,
  ParsedInput,
  Rating,
  RatingHistory,
  RatingListRow,
} from '../../../shared/contract';
import { exemplaryStreak } from '../../../shared/domain/progress';
import { quotaWarnings } from '../../../shared/domain/quota';
import type { NotRatedReason } from '../../../shared/domain/scales';
import { tierOf } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import { quotaFor, quotaGroups } from './quota';
import { allOver, membersOf } from './members';
import { scaleOrThrow } from './rules';
import type { ScopeFilter, ScopeUnit } from './scope';
import { ratedKinds } from './scope';
import { scopeTallies } from './tallies';
import type { RatingRecord } from './store';
import { RATING_COLUMNS, toRating } from './store';

/**
 * Below this many units a year's ratings are looked up unit by unit; above it the whole year is
 * read once from the covering index ratings_by_year and matched in memory, which is several
 * times faster than 55,000 separate lookups.
 */
const LOOKUP_LIMIT = 2000;

export interface LevelRecord {
  unit_id: string;
  scale_id: string;
  level_code: string | null;
  not_rated_reason: NotRatedReason | null;
  exemplary: number;
}

const LEVEL_COLUMNS = 'unit_id, scale_id, level_code, not_rated_reason, exemplary';

/** Reads rows of one year's ratings for a set of units, choosing the cheaper plan by size. */
function ofYear<R extends { unit_id: string }>(
  db: Db,
  columns: string,
  year: number,
  unitIds: string[],
): Map<string, R> {
  const rows =
    unitIds.length <= LOOKUP_LIMIT
      ? stmt<[number, string], R>(
          db,
          `SELECT ${columns} FROM ratings WHERE year = ? AND deleted_at IS NULL
           AND unit_id IN (SELECT value FROM json_each(?))`,
        ).all(year, JSON.stringify(unitIds))
      : stmt<[number], R>(
          db,
          `SELECT ${columns} FROM ratings WHERE year = ? AND deleted_at IS NULL`,
        ).all(year);
  return new Map(rows.map((r) => [r.unit_id, r]));
}

export function levelsOfYear(db: Db, year: number, unitIds: string[]): Map<string, LevelRecord> {
  return ofYear<LevelRecord>(db, LEVEL_COLUMNS, year, unitIds);
}

export function ratingsOfYear(db: Db, year: number, unitIds: string[]): Map<string, Rating> {
  const records = ofYear<RatingRecord>(db, RATING_COLUMNS, year, unitIds);
  return new Map([...records].map(([id, r]) => [id, toRating(r)]));
}

export interface DisplayUnit extends ScopeUnit {
  parent_name: string | null;
}

/** A member of the set with its parent's name and the official order of its unit. */
export interface MemberRow extends DisplayUnit {
  official_order: number | null;
}

/**
 * The few units with an official order (a removed unit has none), from their own index
 * (migration 7) into a table SQLite probes in memory: joining every member to `units` cost a
 * lookup per member for a column almost all of them leave empty.
 */
export const ORDERS = `, orders AS MATERIALIZED (SELECT id, official_order FROM units
  WHERE official_order IS NOT NULL AND deleted_at IS NULL) `;

/** The members' columns with the official order of their unit. */
export const MEMBER_COLUMNS = `m.unit_id, m.name, m.code, m.kind, m.sector, m.parent_id, m.parent_name,
  o.official_order`;

/** The members joined to their official order (read after `ORDERS`). */
export const MEMBERS_WITH_ORDERS = 'members m LEFT JOIN orders o ON o.id = m.unit_id';

/**
 * Display order (compareUnits): an official order first, then the name's stored Vietnamese sort
 * key, which orders as compareVietnamese does (shared/domain/sort-key.ts), then the id, so that
 * equal names keep one order. Sorted by SQLite: the collator over a province's 3,000 names cost
 * more than reading them.
 */
export const DISPLAY_ORDER =
  'ORDER BY o.official_order IS NULL, o.official_order, m.sort_key, m.unit_id';

/** The set's units with their parents' names, sorted for display (official order, then Vietnamese). */
export function displayUnits(db: Db, year: number, filter: ScopeFilter): DisplayUnit[] {
  const members = membersOf(db, year, filter);
  const rows = allOver<MemberRow>(
    db,
    members,
    `${ORDERS}SELECT ${MEMBER_COLUMNS} FROM ${MEMBERS_WITH_ORDERS} ${DISPLAY_ORDER}`,
  );
  return rows.map(({ official_order: _, ...unit }) => unit);
}

/** A live rating of the member in the year bound to `yearParam`, looked up by (unit, year). */
export const RATING_OF = (alias: string, yearParam: string) =>
  `LEFT JOIN ratings ${alias} ON ${alias}.unit_id = m.unit_id AND ${alias}.year = :${yearParam}
     AND ${alias}.deleted_at IS NULL`;

export function ratingHistory(db: Db, unitId: string): RatingHistory {
  loadUnit(db, unitId);
  const records = stmt<[string], RatingRecord>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE unit_id = ? AND deleted_at IS NULL ORDER BY year`,
  ).all(unitId);
  const ratings = records.map(toRating);
  return { unitId, ratings, exemplaryStreak: exemplaryStreak(ratings) };
}

type ListRecord = MemberRow &
  Pick<LevelRecord, 'scale_id' | 'level_code' | 'not_rated_reason' | 'exemplary'>;

/** Recorded ratings of the set, of any kind (no filter = every kind that has one). */
export function listRatings(db: Db, input: ParsedInput<'ratings.list'>) {
  const kinds = input.kinds && input.kinds.length > 0 ? input.kinds : undefined;
  const members = membersOf(db, input.year, { ...input, kinds });
  const rows = allOver<ListRecord>(
    db,
    members,
    // Each member's rating searched by (year, unit): CROSS JOIN keeps the members outside. With a
    // plain JOIN SQLite read the whole year's ratings of the nation (52,000 index entries) to keep
    // a province's 2,750, so the list grew with the nation around the province.
    `${ORDERS}SELECT ${MEMBER_COLUMNS}, r.scale_id, r.level_code, r.not_rated_reason, r.exemplary
     FROM members m
     CROSS JOIN ratings r ON r.unit_id = m.unit_id AND r.year = :year AND r.deleted_at IS NULL
     LEFT JOIN orders o ON o.id = m.unit_id
     ${DISPLAY_ORDER}`,
  );
  const list: RatingListRow[] = rows.map((r) => ({
    unitId: r.unit_id,
    code: r.code,
    name: r.name,
    year: input.year,
    levelCode: r.level_code,
    tier: tierOf(r.scale_id, r.level_code),
    exemplary: r.exemplary === 1,
    notRatedReason: r.not_rated_reason,
  }));
  return { year: input.year, rows: list };
}

interface CountRecord {
  level_code: string | null;
  /** '' from the tallies, which key a missing reason so. */
  not_rated_reason: NotRatedReason | '' | null;
  exemplary: number | null;
  n: number;
}

type CommitteeOf = { parent_id: string | null; kind: UnitKind };

/**
 * The set's ratings grouped by level, reason and flag (units without one: level and reason
 * null), and on demand the (parent, kind) pairs of its units. A scope or the whole register is
 * read from the rating tallies (tallies.ts); a list of ids is counted over those units by one
 * grouped statement.
 */
function countedSet(
  db: Db,
  input: ParsedInput<'ratings.counts'>,
  kinds: UnitKind[],
): { records: CountRecord[]; groups: () => CommitteeOf[] } {
  if (input.unitIds) {
    const members = membersOf(db, input.year, { ...input, kinds }, { light: true });
    const records = allOver<CountRecord>(
      db,
      members,
      `SELECT r.level_code, r.not_rated_reason, r.exemplary, count(*) AS n
       FROM members m ${RATING_OF('r', 'year')}
       GROUP BY r.level_code, r.not_rated_reason, r.exemplary`,
    );
    const groups = () =>
      allOver<CommitteeOf>(db, members, 'SELECT DISTINCT parent_id, kind FROM members');
    return { records, groups };
  }
  if (input.scopeId) loadUnit(db, input.scopeId);
  const tallies = scopeTallies(db, input.year, input.scopeId ?? null, kinds);
  const rated = tallies.rated.reduce((sum, r) => sum + r.n, 0);
  const missing = { level_code: null, not_rated_reason: null, exemplary: null };
  return {
    records: [...tallies.rated, { ...missing, n: tallies.units - rated }],
    groups: tallies.groups,
  };
}

/**
 * Counts per level in one year over the rated units of a set (the TCCSĐ unless other kinds are
 * asked for), with the quota warnings of the committees that decide them.
 */
export function levelCounts(db: Db, input: ParsedInput<'ratings.counts'>): LevelCounts {
  const scale = scaleOrThrow(input.year);
  const { records, groups } = countedSet(db, input, ratedKinds(input.kinds));
  const result: LevelCounts = {
    year: input.year,
    scaleId: scale.id,
    total: 0,
    counts: Object.fromEntries(scale.levels.map((l) => [l.code, 0])),
    exemplary: 0,
    notRated: {},
    missing: 0,
    warnings: [],
  };
  for (const r of records) {
    result.total += r.n;
    if (r.level_code) {
      result.counts[r.level_code] = (result.counts[r.level_code] ?? 0) + r.n;
      if (r.exemplary === 1) result.exemplary += r.n;
    } else if (r.not_rated_reason) {
      result.notRated[r.not_rated_reason] = (result.notRated[r.not_rated_reason] ?? 0) + r.n;
    } else {
      result.missing += r.n;
    }
  }
  // Per deciding committee over all its like units, not over this set: a set holding part of a
  // committee's units must not hide (or invent) that committee's excess.
  const quota = quotaFor(db, scale);
  result.warnings = quota
    ? quotaWarnings(quota, scale, quotaGroups(db, scale, input.year, groups()))
    : [];
  return result;
}
