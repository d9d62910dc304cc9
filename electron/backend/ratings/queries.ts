// Reads of ratings: the entry grid, one unit's history, lists, counts per level, transitions.
import type {
  LevelCounts,
  ParsedInput,
  Rating,
  RatingGrid,
  RatingListRow,
  TransitionReport,
  TrendCounts,
  UnitTrend,
} from '../../../shared/contract';
import { compareRatings, quotaWarnings } from '../../../shared/domain/progress';
import type { NotRatedReason } from '../../../shared/domain/scales';
import { scaleForYear, tierOf, sameFamily } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import { compareUnits } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import { scaleOrThrow } from './rules';
import type { ScopeFilter } from './scope';
import { scopeSql } from './scope';
import type { RatingRecord } from './store';
import { RATING_COLUMNS, toRating } from './store';

type Params = Record<string, string | number>;

function ratingsOfYear(
  db: Db,
  year: number,
  scope: ReturnType<typeof scopeSql>,
): Map<string, Rating> {
  const records = stmt<[Params], RatingRecord>(
    db,
    `${scope.with} SELECT ${RATING_COLUMNS.replace(/(\w+)/g, 'r.$1')} FROM ratings r
     JOIN scope ON scope.unit_id = r.unit_id WHERE r.year = :ratingYear AND r.deleted_at IS NULL`,
  ).all({ ...scope.params, ratingYear: year });
  return new Map(records.map((r) => [r.unit_id, toRating(r)]));
}

interface ScopeRow {
  unit_id: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  parent_id: string | null;
  parent_name: string | null;
  official_order: number | null;
}

/** The parent's version valid in :year, as `pv`. */
const PARENT_JOIN = `LEFT JOIN unit_versions pv ON pv.unit_id = scope.parent_id AND pv.deleted_at IS NULL
  AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)`;

function scopeRows(
  db: Db,
  year: number,
  filter: ScopeFilter,
): { rows: ScopeRow[]; scope: ReturnType<typeof scopeSql> } {
  const scope = scopeSql(db, year, filter);
  const rows = stmt<[Params], ScopeRow>(
    db,
    `${scope.with} SELECT scope.*, pv.name AS parent_name FROM scope ${PARENT_JOIN}`,
  ).all(scope.params);
  sortUnits(rows);
  return { rows, scope };
}

/** Official order first, then Vietnamese alphabetical order. */
function sortUnits<T extends { name: string; official_order: number | null }>(rows: T[]): T[] {
  return rows.sort((a, b) =>
    compareUnits(
      { name: a.name, officialOrder: a.official_order },
      { name: b.name, officialOrder: b.official_order },
      compareVietnamese,
    ),
  );
}

export function ratingGrid(db: Db, input: ParsedInput<'ratings.grid'>): RatingGrid {
  const scale = scaleOrThrow(input.year);
  const { rows, scope } = scopeRows(db, input.year, input);
  const current = ratingsOfYear(db, input.year, scope);
  const previous = ratingsOfYear(db, input.year - 1, scope);
  return {
    year: input.year,
    scaleId: scale.id,
    previousScaleId: scaleForYear(input.year - 1)?.id ?? null,
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

export function ratingHistory(db: Db, unitId: string): { unitId: string; ratings: Rating[] } {
  loadUnit(db, unitId);
  const records = stmt<[string], RatingRecord>(
    db,
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE unit_id = ? AND deleted_at IS NULL ORDER BY year`,
  ).all(unitId);
  return { unitId, ratings: records.map(toRating) };
}

export function listRatings(db: Db, input: ParsedInput<'ratings.list'>) {
  const { rows, scope } = scopeRows(db, input.year, input);
  const ratings = ratingsOfYear(db, input.year, scope);
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

/** Counts per level in one year over a set of units, with the quota warnings of that scale. */
export function levelCounts(db: Db, input: ParsedInput<'ratings.counts'>): LevelCounts {
  const scale = scaleOrThrow(input.year);
  const scope = scopeSql(db, input.year, input);
  const groups = stmt<
    [Params],
    {
      level_code: string | null;
      not_rated_reason: NotRatedReason | null;
      exemplary: number | null;
      n: number;
    }
  >(
    db,
    `${scope.with} SELECT r.level_code, r.not_rated_reason, r.exemplary, count(*) AS n FROM scope
     LEFT JOIN ratings r ON r.unit_id = scope.unit_id AND r.year = :year AND r.deleted_at IS NULL
     GROUP BY r.level_code, r.not_rated_reason, r.exemplary`,
  ).all(scope.params);
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
  for (const g of groups) {
    result.total += g.n;
    if (g.level_code) {
      result.counts[g.level_code] = (result.counts[g.level_code] ?? 0) + g.n;
      if (g.exemplary === 1) result.exemplary += g.n;
    } else if (g.not_rated_reason) {
      result.notRated[g.not_rated_reason] = (result.notRated[g.not_rated_reason] ?? 0) + g.n;
    } else {
      result.missing += g.n;
    }
  }
  result.warnings = quotaWarnings(scale, result.counts);
  return result;
}

interface TransitionRow {
  unit_id: string;
  name: string;
  parent_id: string | null;
  official_order: number | null;
  parent_name: string | null;
  from_scale: string | null;
  from_level: string | null;
  to_scale: string | null;
  to_level: string | null;
}

const emptyCounts = (): TrendCounts => ({ up: 0, same: 0, down: 0, not_comparable: 0, total: 0 });

/**
 * Year M → year N over the units valid in N: the transition matrix of levels, and moved up /
 * unchanged / moved down / not comparable per unit, per parent group and in total.
 */
export function transitions(db: Db, input: ParsedInput<'ratings.transitions'>): TransitionReport {
  const { fromYear, toYear } = input;
  const crosswalk = input.crosswalk ?? false;
  // One pass over the scope with both years' levels read from the covering index
  // ratings_by_year: national-size sets (≈55,000 units) stay well under a second.
  const scope = scopeSql(db, toYear, input);
  const rows = stmt<[Params], TransitionRow>(
    db,
    `${scope.with} SELECT scope.unit_id, scope.name, scope.parent_id, scope.official_order,
       pv.name AS parent_name,
       a.scale_id AS from_scale, a.level_code AS from_level,
       b.scale_id AS to_scale, b.level_code AS to_level
     FROM scope ${PARENT_JOIN}
     LEFT JOIN ratings a ON a.year = :fromYear AND a.unit_id = scope.unit_id AND a.deleted_at IS NULL
     LEFT JOIN ratings b ON b.year = :toYear AND b.unit_id = scope.unit_id AND b.deleted_at IS NULL`,
  ).all({ ...scope.params, fromYear, toYear });
  sortUnits(rows);
  const point = (year: number, scaleId: string | null, levelCode: string | null) =>
    scaleId === null ? null : { year, scaleId, levelCode };
  const fromScaleId = scaleForYear(fromYear)?.id ?? null;
  const toScaleId = scaleForYear(toYear)?.id ?? null;
  const matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  const totals = emptyCounts();
  const groups = new Map<
    string | null,
    TrendCounts & { groupId: string | null; groupName: string | null }
  >();
  const units: UnitTrend[] = [];
  for (const row of rows) {
    const a = point(fromYear, row.from_scale, row.from_level);
    const b = point(toYear, row.to_scale, row.to_level);
    const { trend } = compareRatings(a, b, { crosswalk });
    const from = row.from_level;
    const to = row.to_level;
    const key = `${from}→${to}`;
    const cell = matrix.get(key) ?? { from, to, count: 0 };
    cell.count++;
    matrix.set(key, cell);
    totals[trend]++;
    totals.total++;
    const group = groups.get(row.parent_id) ?? {
      groupId: row.parent_id,
      groupName: row.parent_name,
      ...emptyCounts(),
    };
    group[trend]++;
    group.total++;
    groups.set(row.parent_id, group);
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
