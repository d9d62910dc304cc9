// The rating queries as they were before issue 10 (electron/backend/ratings/queries.ts at
// dbbe2f3): kept only so that tests can compare the new queries' answers with these, row for
// row and figure for figure, on generated data. Not used by the app.
import type {
  GridRating,
  LevelCounts,
  ParsedInput,
  Rating,
  RatingGrid,
  RatingGridRow,
  RatingHistory,
  RatingListRow,
  TransitionReport,
  TransitionUnits,
  TrendCounts,
  UnitTrend,
} from '../../shared/contract';
import { compareRatings, exemplaryStreak } from '../../shared/domain/progress';
import { quotaWarnings } from '../../shared/domain/quota';
import type { NotRatedReason } from '../../shared/domain/scales';
import { scaleForYear, tierOf, sameFamily } from '../../shared/domain/scales';
import { compareVietnamese } from '../../shared/domain/text';
import { compareUnits } from '../../shared/domain/units';
import type { Db } from '../../electron/backend/db/open';
import { stmt } from '../../electron/backend/db/statements';
import { loadUnit } from '../../electron/backend/units/queries';
import { quotaFor, quotaGroups } from '../../electron/backend/ratings/quota';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import type { ScopeFilter, ScopeUnit } from '../../electron/backend/ratings/scope';
import { namesInYear, ratedKinds, scopeUnits } from '../../electron/backend/ratings/scope';
import type { RatingRecord } from '../../electron/backend/ratings/store';
import { RATING_COLUMNS, toRating } from '../../electron/backend/ratings/store';

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

/** The set's units with their parents' names, sorted for display (official order, then Vietnamese). */
export function displayUnits(db: Db, year: number, filter: ScopeFilter): DisplayUnit[] {
  const units = scopeUnits(db, year, filter);
  const parents = namesInYear(
    db,
    year,
    units.map((u) => u.parent_id),
  );
  const orders = new Map(
    stmt<[], { id: string; official_order: number }>(
      db,
      'SELECT id, official_order FROM units WHERE official_order IS NOT NULL AND deleted_at IS NULL',
    )
      .all()
      .map((r) => [r.id, r.official_order]),
  );
  return units
    .map((u) => ({ ...u, parent_name: u.parent_id ? (parents.get(u.parent_id) ?? null) : null }))
    .sort((a, b) =>
      compareUnits(
        { name: a.name, officialOrder: orders.get(a.unit_id) ?? null },
        { name: b.name, officialOrder: orders.get(b.unit_id) ?? null },
        compareVietnamese,
      ),
    );
}

/** The old grid: two full Ratings a row. */
export type ReferenceGrid = Omit<RatingGrid, 'rows'> & {
  rows: (Omit<RatingGridRow, 'current' | 'previous'> & {
    current: Rating | null;
    previous: Rating | null;
  })[];
};

export function ratingGrid(db: Db, input: ParsedInput<'ratings.grid'>): ReferenceGrid {
  const scale = scaleOrThrow(input.year);
  const rows = displayUnits(db, input.year, { ...input, kinds: ratedKinds(input.kinds) });
  const ids = rows.map((r) => r.unit_id);
  const current = ratingsOfYear(db, input.year, ids);
  const previous = ratingsOfYear(db, input.year - 1, ids);
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
      current: current.get(r.unit_id) ?? null,
      previous: previous.get(r.unit_id) ?? null,
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

/** Recorded ratings of the set, of any kind (no filter = every kind that has one). */
export function listRatings(db: Db, input: ParsedInput<'ratings.list'>) {
  const kinds = input.kinds && input.kinds.length > 0 ? input.kinds : undefined;
  const rows = displayUnits(db, input.year, { ...input, kinds });
  const ratings = ratingsOfYear(
    db,
    input.year,
    rows.map((r) => r.unit_id),
  );
  const list: RatingListRow[] = [];
  for (const r of rows) {
    const rating = ratings.get(r.unit_id);
    if (!rating) continue;
    list.push({
      unitId: r.unit_id,
      code: r.code,
      name: r.name,
      year: input.year,
      levelCode: rating.levelCode,
      tier: rating.tier,
      exemplary: rating.exemplary,
      notRatedReason: rating.notRatedReason,
    });
  }
  return { year: input.year, rows: list };
}

/**
 * Counts per level in one year over the rated units of a set (the TCCSĐ unless other kinds are
 * asked for), with the quota warnings of the committees that decide them.
 */
export function levelCounts(db: Db, input: ParsedInput<'ratings.counts'>): LevelCounts {
  const scale = scaleOrThrow(input.year);
  const units = scopeUnits(db, input.year, { ...input, kinds: ratedKinds(input.kinds) });
  const levels = levelsOfYear(
    db,
    input.year,
    units.map((u) => u.unit_id),
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
  for (const unit of units) {
    const r = levels.get(unit.unit_id);
    result.total++;
    if (r?.level_code) {
      result.counts[r.level_code] = (result.counts[r.level_code] ?? 0) + 1;
      if (r.exemplary === 1) result.exemplary++;
    } else if (r?.not_rated_reason) {
      result.notRated[r.not_rated_reason] = (result.notRated[r.not_rated_reason] ?? 0) + 1;
    } else {
      result.missing++;
    }
  }
  // Per deciding committee over all its like units, not over this set: a set holding part of a
  // committee's units must not hide (or invent) that committee's excess.
  const quota = quotaFor(db, scale);
  result.warnings = quota
    ? quotaWarnings(quota, scale, quotaGroups(db, scale, input.year, units))
    : [];
  return result;
}

const emptyCounts = (): TrendCounts => ({ up: 0, same: 0, down: 0, not_comparable: 0, total: 0 });

/**
 * Year M → year N over the rated units valid in N (the TCCSĐ unless other kinds are asked for): the transition matrix of levels, and moved up /
 * unchanged / moved down / not comparable per unit, per parent group and in total.
 */
/** The old answer: the report with every unit of the set in it. */
export type ReferenceTransitions = TransitionReport & { units: UnitTrend[] };

export function transitions(
  db: Db,
  input: ParsedInput<'ratings.transitions'>,
): ReferenceTransitions {
  const { fromYear, toYear } = input;
  const crosswalk = input.crosswalk ?? false;
  const members = scopeUnits(db, toYear, { ...input, kinds: ratedKinds(input.kinds) });
  const ids = members.map((u) => u.unit_id);
  const before = levelsOfYear(db, fromYear, ids);
  const after = levelsOfYear(db, toYear, ids);
  const point = (year: number, r: LevelRecord | undefined) =>
    r ? { year, scaleId: r.scale_id, levelCode: r.level_code } : null;
  const fromScaleId = scaleForYear(fromYear)?.id ?? null;
  const toScaleId = scaleForYear(toYear)?.id ?? null;
  const matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  const totals = emptyCounts();
  const groups = new Map<
    string | null,
    TrendCounts & { groupId: string | null; groupName: string | null }
  >();
  const units: UnitTrend[] = [];
  for (const row of members) {
    const a = before.get(row.unit_id);
    const b = after.get(row.unit_id);
    const { trend } = compareRatings(point(fromYear, a), point(toYear, b), { crosswalk });
    const from = a?.level_code ?? null;
    const to = b?.level_code ?? null;
    const key = `${from}→${to}`;
    const cell = matrix.get(key) ?? { from, to, count: 0 };
    cell.count++;
    matrix.set(key, cell);
    totals[trend]++;
    totals.total++;
    const group = groups.get(row.parent_id) ?? {
      groupId: row.parent_id,
      groupName: null,
      ...emptyCounts(),
    };
    group[trend]++;
    group.total++;
    groups.set(row.parent_id, group);
    units.push({ unitId: row.unit_id, name: row.name, groupId: row.parent_id, from, to, trend });
  }
  const groupNames = namesInYear(db, toYear, groups.keys());
  for (const group of groups.values()) {
    group.groupName = group.groupId ? (groupNames.get(group.groupId) ?? null) : null;
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

// How the old answers map onto the leaner shapes of today's contract: what the new code must
// answer, derived from the old code's answer and nothing else.

/** The grid's row keeps of a saved rating what the grid shows (GridRating). */
const gridRatingOf = (r: Rating | null): GridRating | null =>
  r
    ? {
        scaleId: r.scaleId,
        levelCode: r.levelCode,
        notRatedReason: r.notRatedReason,
        exemplary: r.exemplary,
      }
    : null;

/** The old grid with its rows' ratings as GridRating. */
export function leanGrid(grid: ReferenceGrid): RatingGrid {
  return {
    ...grid,
    rows: grid.rows.map((row) => ({
      ...row,
      current: gridRatingOf(row.current),
      previous: gridRatingOf(row.previous),
    })),
  };
}

/** null first, then by code units (the tie order of the new transitions). */
function compareCodes(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

/**
 * The old report without its units, its cells and groups sorted again by the old order and then
 * the new tie order: cells of the same tiers (a level no scale knows, no level) and groups of the
 * same name were left by the old code in the order the set was walked; the new code orders them
 * by their codes and ids.
 */
export function reportOf(old: ReferenceTransitions): TransitionReport {
  const { units: _, ...report } = old;
  const order = (code: string | null, scaleId: string | null) =>
    scaleId ? (tierOf(scaleId, code) ?? 9) : 9;
  return {
    ...report,
    matrix: [...old.matrix].sort(
      (x, y) =>
        order(x.from, old.fromScaleId) - order(y.from, old.fromScaleId) ||
        order(x.to, old.toScaleId) - order(y.to, old.toScaleId) ||
        compareCodes(x.from, y.from) ||
        compareCodes(x.to, y.to),
    ),
    groups: [...old.groups].sort(
      (x, y) =>
        compareVietnamese(x.groupName ?? '', y.groupName ?? '') ||
        compareCodes(x.groupId, y.groupId),
    ),
  };
}

/** The old report's units of one group, by id (the old order of a set was never defined). */
export function groupUnitsOf(old: ReferenceTransitions, groupId: string | null): TransitionUnits {
  return {
    fromYear: old.fromYear,
    toYear: old.toYear,
    groupId,
    units: byUnitId(old.units.filter((u) => u.groupId === groupId)),
  };
}

/** Units sorted by id, to compare sets whose order differs. */
export const byUnitId = (units: UnitTrend[]) =>
  [...units].sort((x, y) => compareCodes(x.unitId, y.unitId));
