// Reads of ratings: the entry grid, one unit's history, lists, counts per level, transitions.
// The grid, the list, the counts and the transitions join their ratings to the set in SQL
// (members.ts), so a province reads only its own units; `levelsOfYear` and `ratingsOfYear`
// serve callers that already hold a list of ids (the reports).
import type {
  LevelCounts,
  ParsedInput,
  Rating,
  RatingGrid,
  RatingHistory,
  RatingListRow,
  TransitionReport,
  TrendCounts,
  UnitTrend,
} from '../../../shared/contract';
import type { Trend } from '../../../shared/domain/progress';
import { compareRatings, exemplaryStreak } from '../../../shared/domain/progress';
import { quotaWarnings } from '../../../shared/domain/quota';
import type { NotRatedReason } from '../../../shared/domain/scales';
import { scaleForYear, tierOf, sameFamily } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import { quotaFor, quotaGroups } from './quota';
import type { MembersSql } from './members';
import { allOver, membersOf } from './members';
import { scaleOrThrow } from './rules';
import type { ScopeFilter, ScopeUnit } from './scope';
import { ratedKinds } from './scope';
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
interface MemberRow extends DisplayUnit {
  official_order: number | null;
}

/**
 * The few units with an official order (a removed unit has none), from their own index
 * (migration 7) into a table SQLite probes in memory: joining every member to `units` cost a
 * lookup per member for a column almost all of them leave empty.
 */
const ORDERS = `, orders AS MATERIALIZED (SELECT id, official_order FROM units
  WHERE official_order IS NOT NULL AND deleted_at IS NULL) `;

/** The members' columns with the official order of their unit. */
const MEMBER_COLUMNS = `m.unit_id, m.name, m.code, m.kind, m.sector, m.parent_id, m.parent_name,
  o.official_order`;

/** The members joined to their official order (read after `ORDERS`). */
const MEMBERS_WITH_ORDERS = 'members m LEFT JOIN orders o ON o.id = m.unit_id';

/**
 * Display order (compareUnits): an official order first, then the name's stored Vietnamese sort
 * key, which orders as compareVietnamese does (shared/domain/sort-key.ts), then the id, so that
 * equal names keep one order. Sorted by SQLite: the collator over a province's 3,000 names cost
 * more than reading them.
 */
const DISPLAY_ORDER = 'ORDER BY o.official_order IS NULL, o.official_order, m.sort_key, m.unit_id';

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

/** A rating's columns prefixed, so two years of ratings fit one row. */
const prefixed = (alias: string) =>
  RATING_COLUMN_NAMES.map((c) => `${alias}.${c} AS ${alias}_${c}`).join(', ');

const RATING_COLUMN_NAMES = RATING_COLUMNS.split(',').map((c) => c.trim());

const PREFIXED_NAMES = {
  c: RATING_COLUMN_NAMES.map((c) => [c, `c_${c}`] as const),
  p: RATING_COLUMN_NAMES.map((c) => [c, `p_${c}`] as const),
};

/** The rating under `alias` in a joined row, or null when the join found none. */
function ratingIn(row: Record<string, unknown>, alias: 'c' | 'p'): Rating | null {
  if (row[`${alias}_id`] === null) return null;
  const record: Record<string, unknown> = {};
  for (const [column, name] of PREFIXED_NAMES[alias]) record[column] = row[name];
  return toRating(record as unknown as RatingRecord);
}

/** A live rating of the member in the year bound to `yearParam`, looked up by (unit, year). */
const RATING_OF = (alias: string, yearParam: string) =>
  `LEFT JOIN ratings ${alias} ON ${alias}.unit_id = m.unit_id AND ${alias}.year = :${yearParam}
     AND ${alias}.deleted_at IS NULL`;

export function ratingGrid(db: Db, input: ParsedInput<'ratings.grid'>): RatingGrid {
  const scale = scaleOrThrow(input.year);
  const members = membersOf(db, input.year, { ...input, kinds: ratedKinds(input.kinds) });
  const rows = stmt<[Record<string, string | number>], MemberRow & Record<string, unknown>>(
    db,
    `${members.with}${ORDERS}SELECT ${MEMBER_COLUMNS}, ${prefixed('c')}, ${prefixed('p')}
     FROM ${MEMBERS_WITH_ORDERS}
     ${RATING_OF('c', 'year')} ${RATING_OF('p', 'previous')} ${DISPLAY_ORDER}`,
  ).all({ ...members.params, previous: input.year - 1 });
  const quota = quotaFor(db, scale);
  return {
    year: input.year,
    scaleId: scale.id,
    previousScaleId: scaleForYear(input.year - 1)?.id ?? null,
    quota,
    quotaGroups: quota ? quotaGroups(db, scale, input.year, rows) : [],
    rows: rows.map((r) => ({
      unitId: r.unit_id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      parentName: r.parent_name,
      current: ratingIn(r, 'c'),
      previous: ratingIn(r, 'p'),
    })),
  };
}

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
    `${ORDERS}SELECT ${MEMBER_COLUMNS}, r.scale_id, r.level_code, r.not_rated_reason, r.exemplary
     FROM ${MEMBERS_WITH_ORDERS}
     JOIN ratings r ON r.unit_id = m.unit_id AND r.year = :year AND r.deleted_at IS NULL
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
  not_rated_reason: NotRatedReason | null;
  exemplary: number | null;
  n: number;
}

/**
 * Counts per level in one year over the rated units of a set (the TCCSĐ unless other kinds are
 * asked for), with the quota warnings of the committees that decide them. Counted by SQLite
 * (one grouped statement), not unit by unit.
 */
export function levelCounts(db: Db, input: ParsedInput<'ratings.counts'>): LevelCounts {
  const scale = scaleOrThrow(input.year);
  const members = membersOf(
    db,
    input.year,
    { ...input, kinds: ratedKinds(input.kinds) },
    { light: true },
  );
  const records = allOver<CountRecord>(
    db,
    members,
    `SELECT r.level_code, r.not_rated_reason, r.exemplary, count(*) AS n
     FROM members m ${RATING_OF('r', 'year')}
     GROUP BY r.level_code, r.not_rated_reason, r.exemplary`,
  );
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
    ? quotaWarnings(
        quota,
        scale,
        quotaGroups(
          db,
          scale,
          input.year,
          allOver<{ parent_id: string | null; kind: UnitKind }>(
            db,
            members,
            'SELECT DISTINCT parent_id, kind FROM members',
          ),
        ),
      )
    : [];
  return result;
}

const emptyCounts = (): TrendCounts => ({ up: 0, same: 0, down: 0, not_comparable: 0, total: 0 });

interface TransitionRecord {
  unit_id: string;
  name: string;
  parent_id: string | null;
  parent_name: string | null;
  a_scale: string | null;
  a_level: string | null;
  a_found: number;
  b_scale: string | null;
  b_level: string | null;
  b_found: number;
}

/**
 * The rows of the transitions over the whole register: both years read whole, once each, and
 * matched in memory. Looking up 55,000 units' ratings one by one, twice, took longer than
 * reading the two years (the old plan for a set this wide, kept for it).
 */
function wholeRegisterTransitions(
  db: Db,
  members: MembersSql,
  fromYear: number,
  toYear: number,
): TransitionRecord[] {
  const units = allOver<Pick<TransitionRecord, 'unit_id' | 'name' | 'parent_id' | 'parent_name'>>(
    db,
    members,
    'SELECT m.unit_id, m.name, m.parent_id, m.parent_name FROM members m',
  );
  const ids = units.map((u) => u.unit_id);
  const before = levelsOfYear(db, fromYear, ids);
  const after = levelsOfYear(db, toYear, ids);
  return units.map((u) => {
    const a = before.get(u.unit_id);
    const b = after.get(u.unit_id);
    return {
      ...u,
      a_scale: a?.scale_id ?? null,
      a_level: a?.level_code ?? null,
      a_found: a ? 1 : 0,
      b_scale: b?.scale_id ?? null,
      b_level: b?.level_code ?? null,
      b_found: b ? 1 : 0,
    };
  });
}

/**
 * Year M → year N over the rated units valid in N (the TCCSĐ unless other kinds are asked for): the transition matrix of levels, and moved up /
 * unchanged / moved down / not comparable per unit, per parent group and in total. Both years'
 * levels come in the statement that walks the set; a trend is worked out once per pair of
 * levels, not once per unit.
 */
export function transitions(db: Db, input: ParsedInput<'ratings.transitions'>): TransitionReport {
  const { fromYear, toYear } = input;
  const crosswalk = input.crosswalk ?? false;
  const members = membersOf(db, toYear, { ...input, kinds: ratedKinds(input.kinds) });
  const records =
    input.scopeId || input.unitIds
      ? stmt<[Record<string, string | number>], TransitionRecord>(
          db,
          `${members.with}SELECT m.unit_id, m.name, m.parent_id, m.parent_name,
             a.scale_id AS a_scale, a.level_code AS a_level, a.unit_id IS NOT NULL AS a_found,
             b.scale_id AS b_scale, b.level_code AS b_level, b.unit_id IS NOT NULL AS b_found
           FROM members m ${RATING_OF('a', 'fromYear')} ${RATING_OF('b', 'year')}`,
        ).all({ ...members.params, fromYear })
      : wholeRegisterTransitions(db, members, fromYear, toYear);
  const fromScaleId = scaleForYear(fromYear)?.id ?? null;
  const toScaleId = scaleForYear(toYear)?.id ?? null;
  const matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  const trends = new Map<string, Trend>();
  const totals = emptyCounts();
  const groups = new Map<
    string | null,
    TrendCounts & { groupId: string | null; groupName: string | null }
  >();
  const units: UnitTrend[] = [];
  for (const row of records) {
    const pair = `${row.a_found}\u0000${row.a_scale}\u0000${row.a_level}\u0000${row.b_found}\u0000${row.b_scale}\u0000${row.b_level}`;
    let trend = trends.get(pair);
    if (trend === undefined) {
      trend = compareRatings(
        row.a_found ? { year: fromYear, scaleId: row.a_scale ?? '', levelCode: row.a_level } : null,
        row.b_found ? { year: toYear, scaleId: row.b_scale ?? '', levelCode: row.b_level } : null,
        { crosswalk },
      ).trend;
      trends.set(pair, trend);
    }
    const from = row.a_level;
    const to = row.b_level;
    const key = `${from}→${to}`;
    const cell = matrix.get(key) ?? { from, to, count: 0 };
    cell.count++;
    matrix.set(key, cell);
    totals[trend]++;
    totals.total++;
    let group = groups.get(row.parent_id);
    if (!group) {
      group = { groupId: row.parent_id, groupName: row.parent_name, ...emptyCounts() };
      groups.set(row.parent_id, group);
    }
    group[trend]++;
    group.total++;
    units.push({ unitId: row.unit_id, name: row.name, groupId: row.parent_id, from, to, trend });
  }
  const order = (code: string | null, scaleId: string | null) =>
    scaleId ? (tierOf(scaleId, code) ?? 9) : 9;
  return {
    fromYear,
    toYear,
    fromScaleId,
    toScaleId,
    crossesScale: !sameFamily(fromScaleId, toScaleId),
    crosswalk,
    matrix: [...matrix.values()].sort(
      (x, y) =>
        order(x.from, fromScaleId) - order(y.from, fromScaleId) ||
        order(x.to, toScaleId) - order(y.to, toScaleId),
    ),
    totals,
    groups: [...groups.values()].sort((x, y) =>
      compareVietnamese(x.groupName ?? '', y.groupName ?? ''),
    ),
    units,
  };
}
