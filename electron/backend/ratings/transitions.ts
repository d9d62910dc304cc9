// Year M → year N over a set of units (ratings.transitions) and the units of one group of it
// (ratings.transitionUnits). The report is counted by SQLite: one row per parent and pair of
// ratings, a few hundred for a province, instead of one object per unit rebuilt in JavaScript;
// the per-unit rows are not part of it (54,500 rows, 9.5 MB for the nation) but asked for one
// group at a time, when the user opens that group.
import type {
  ParsedInput,
  TransitionReport,
  TransitionUnits,
  TrendCounts,
  UnitTrend,
} from '../../../shared/contract';
import type { Trend } from '../../../shared/domain/progress';
import { compareRatings } from '../../../shared/domain/progress';
import { scaleForYear, sameFamily, tierOf } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import { MAX_DEPTH, allOver, membersOf } from './members';
import { VALID, namesInYear, ratedKinds } from './scope';
import type { CodedGroup } from './transition-summary';
import { summaryGroups, summaryPairs } from './transition-summary';
import { SIDES, matrixLevel, pairTrends } from './transition-sides';

/** The live ratings of both years of unit `u`: `a` of :fromYear, `b` of :year (the later year). */
const BOTH_YEARS = (u: string) =>
  ['a', 'b']
    .map(
      (alias) => `LEFT JOIN ratings ${alias} ON ${alias}.unit_id = ${u}.unit_id
      AND ${alias}.year = :${alias === 'a' ? 'fromYear' : 'year'} AND ${alias}.deleted_at IS NULL`,
    )
    .join(' ');

/** What a trend depends on: whether each year has a rating, and its scale and level. */
const PAIR_COLUMNS = `a.scale_id AS a_scale, a.level_code AS a_level, a.unit_id IS NOT NULL AS a_found,
  b.scale_id AS b_scale, b.level_code AS b_level, b.unit_id IS NOT NULL AS b_found`;

interface Pair {
  a_scale: string | null;
  a_level: string | null;
  a_found: number;
  b_scale: string | null;
  b_level: string | null;
  b_found: number;
}

interface PairCount extends Pair {
  parent_id: string | null;
  n: number;
}

interface UnitPair extends Pair {
  unit_id: string;
  name: string;
  parent_id: string | null;
}

type TransitionsInput = ParsedInput<'ratings.transitions'>;

const emptyCounts = (): TrendCounts => ({ up: 0, same: 0, down: 0, not_comparable: 0, total: 0 });

/** The trend of a pair of ratings, worked out once per distinct pair. */
function trendOf(input: TransitionsInput, crosswalk: boolean) {
  const known = new Map<string, Trend>();
  return (row: Pair): Trend => {
    const key = `${row.a_found}\u0000${row.a_scale}\u0000${row.a_level}\u0000${row.b_found}\u0000${row.b_scale}\u0000${row.b_level}`;
    let trend = known.get(key);
    if (trend === undefined) {
      trend = compareRatings(
        row.a_found
          ? { year: input.fromYear, scaleId: row.a_scale ?? '', levelCode: row.a_level }
          : null,
        row.b_found
          ? { year: input.toYear, scaleId: row.b_scale ?? '', levelCode: row.b_level }
          : null,
        { crosswalk },
      ).trend;
      known.set(key, trend);
    }
    return trend;
  };
}

/** The set: the rated units valid in the later year (the TCCSĐ unless other kinds are asked). */
const membersOfInput = (db: Db, input: TransitionsInput) =>
  membersOf(db, input.toYear, { ...input, kinds: ratedKinds(input.kinds) }, { light: true });

/**
 * The transition matrix of levels, and moved up / unchanged / moved down / not comparable per
 * parent group (as of the later year) and in total.
 */
export function transitions(db: Db, input: TransitionsInput): TransitionReport {
  const { fromYear, toYear } = input;
  const crosswalk = input.crosswalk ?? false;
  // The light walk reads the tree index only; the groups are named once each afterwards. A whole
  // register's consecutive years are read from the pairs kept by the writes (the same answer).
  const members = membersOfInput(db, input);
  const question = { ...input, kinds: ratedKinds(input.kinds) };
  const coded = summaryGroups(db, question);
  const sums = coded
    ? sumCoded(coded, pairTrends(fromYear, toYear, crosswalk))
    : sumPairs(
        summaryPairs(db, question) ??
          allOver<PairCount>(
            db,
            members,
            `SELECT m.parent_id, ${PAIR_COLUMNS}, count(*) AS n FROM members m ${BOTH_YEARS('m')}
             GROUP BY m.parent_id, a_scale, a_level, a_found, b_scale, b_level, b_found`,
            { fromYear },
          ),
        trendOf(input, crosswalk),
      );
  const { matrix, totals } = sums;
  const names = namesInYear(db, toYear, [...sums.groups.keys()]);
  const groups = [...sums.groups].map(([groupId, counts]) => ({
    groupId,
    groupName: groupId === null ? null : (names.get(groupId) ?? null),
    ...counts,
  }));
  const fromScaleId = scaleForYear(fromYear)?.id ?? null;
  const toScaleId = scaleForYear(toYear)?.id ?? null;
  const order = (code: string | null, scaleId: string | null) =>
    scaleId ? (tierOf(scaleId, code) ?? 9) : 9;
  return {
    fromYear,
    toYear,
    fromScaleId,
    toScaleId,
    crossesScale: !sameFamily(fromScaleId, toScaleId),
    crosswalk,
    // Cells of the same tiers (a level no scale knows, no level) and groups of the same name
    // follow their codes and ids, so the order never depends on the order SQLite counted in.
    matrix: [...matrix.values()].sort(
      (x, y) =>
        order(x.from, fromScaleId) - order(y.from, fromScaleId) ||
        order(x.to, toScaleId) - order(y.to, toScaleId) ||
        compareCodes(x.from, y.from) ||
        compareCodes(x.to, y.to),
    ),
    totals,
    groups: groups.sort(
      (x, y) =>
        compareVietnamese(x.groupName ?? '', y.groupName ?? '') ||
        compareCodes(x.groupId, y.groupId),
    ),
  };
}

type Cell = { from: string | null; to: string | null; count: number };

/** The matrix's cells by levels, the totals, and each group's counts by trend. */
interface Sums {
  matrix: Map<string, Cell>;
  totals: TrendCounts;
  groups: Map<string | null, TrendCounts>;
}

const emptySums = (): Sums => ({ matrix: new Map(), totals: emptyCounts(), groups: new Map() });

function addToCell(sums: Sums, from: string | null, to: string | null, n: number) {
  const key = `${from}→${to}`;
  const cell = sums.matrix.get(key) ?? { from, to, count: 0 };
  cell.count += n;
  sums.matrix.set(key, cell);
}

function addToGroup(sums: Sums, groupId: string | null, trend: Trend, n: number) {
  sums.totals[trend] += n;
  sums.totals.total += n;
  let group = sums.groups.get(groupId);
  if (!group) {
    group = emptyCounts();
    sums.groups.set(groupId, group);
  }
  group[trend] += n;
  group.total += n;
}

/** Rows of (group, pair) as the live count and summaryPairs give them. */
function sumPairs(pairs: PairCount[], trend: (pair: Pair) => Trend): Sums {
  const sums = emptySums();
  for (const pair of pairs) {
    addToCell(sums, pair.a_level, pair.b_level, pair.n);
    addToGroup(sums, pair.parent_id, trend(pair), pair.n);
  }
  return sums;
}

/**
 * Groups of numbered pairs (summaryGroups): the trend looked up by number, the matrix's cells
 * added up by number and named once per distinct pair at the end.
 */
function sumCoded(groups: CodedGroup[], trends: readonly Trend[]): Sums {
  const sums = emptySums();
  const byPair = new Float64Array(trends.length);
  for (const { groupId, pairs } of groups) {
    for (let i = 0; i < pairs.length; i += 2) {
      const code = pairs[i] ?? 0;
      const n = pairs[i + 1] ?? 0;
      byPair[code] = (byPair[code] ?? 0) + n;
      addToGroup(sums, groupId, trends[code] ?? 'not_comparable', n);
    }
  }
  byPair.forEach((n, code) => {
    if (n === 0) return;
    const from = SIDES[Math.floor(code / SIDES.length)];
    const to = SIDES[code % SIDES.length];
    if (from && to) addToCell(sums, matrixLevel(from), matrixLevel(to), n);
  });
  return sums;
}

/** null first, then by code units: a plain, stable order for ties. */
function compareCodes(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

/**
 * How many times the walk of `scopeId`'s subtree in `year` (members.ts) reaches `groupId` with
 * room for a level below it: the paths up from the group to the scope through versions valid in
 * the year, of at most MAX_DEPTH - 1 steps. One for a group in the subtree (or the scope itself),
 * none for a group outside it; more only where damaged data gives a unit two parents or a loop,
 * and then the walk lists the group's units that many times.
 */
function pathsDown(db: Db, scopeId: string, groupId: string, year: number): number {
  return stmt<[Record<string, string | number>], number>(
    db,
    `WITH RECURSIVE up(unit_id, depth) AS (
       SELECT :group, 0
       UNION ALL
       SELECT v.parent_id, up.depth + 1 FROM up JOIN unit_versions v ON v.unit_id = up.unit_id
       WHERE ${VALID('v')} AND v.parent_id IS NOT NULL AND up.depth < ${MAX_DEPTH - 1})
     SELECT count(*) FROM up WHERE unit_id = :scope`,
  )
    .pluck()
    .get({ group: groupId, scope: scopeId, year }) as number;
}

/**
 * The units of one group of the transitions (those whose parent in the later year is
 * `groupId`; null: the units without a parent), with their levels and trend, in the order of
 * their names (the stored Vietnamese sort key, then the id). The group's children are read from
 * the tree index directly, not by walking the whole scope to keep the few under the group: the
 * same units as the set's walk gives the group (pathsDown), a nation's group in a millisecond.
 */
export function transitionUnits(
  db: Db,
  input: ParsedInput<'ratings.transitionUnits'>,
): TransitionUnits {
  const { fromYear, toYear, groupId, scopeId } = input;
  const crosswalk = input.crosswalk ?? false;
  if (scopeId) loadUnit(db, scopeId);
  const none: TransitionUnits = { fromYear, toYear, groupId, units: [] };
  // Every member of a walked scope has a parent; the walk reaches the group this many times.
  const copies = !scopeId ? 1 : groupId === null ? 0 : pathsDown(db, scopeId, groupId, toYear);
  if (copies === 0) return none;
  const params: Record<string, string | number> = {
    year: toYear,
    fromYear,
    kinds: JSON.stringify(ratedKinds(input.kinds)),
  };
  const conditions = [VALID('v'), 'v.kind IN (SELECT value FROM json_each(:kinds))'];
  if (groupId === null) conditions.push('v.parent_id IS NULL');
  else {
    conditions.push('v.parent_id = :group');
    params.group = groupId;
  }
  if (input.unitIds) {
    conditions.push('v.unit_id IN (SELECT value FROM json_each(:ids))');
    params.ids = JSON.stringify(input.unitIds);
  }
  const rows = stmt<[Record<string, string | number>], UnitPair>(
    db,
    `SELECT v.unit_id, v.name, v.parent_id, ${PAIR_COLUMNS} FROM unit_versions v ${BOTH_YEARS('v')}
     WHERE ${conditions.join(' AND ')} ORDER BY v.sort_key, v.unit_id`,
  ).all(params);
  const trend = trendOf(input, crosswalk);
  const units: UnitTrend[] = rows.map((row) => ({
    unitId: row.unit_id,
    name: row.name,
    groupId: row.parent_id,
    from: row.a_level,
    to: row.b_level,
    trend: trend(row),
  }));
  return {
    ...none,
    units: copies === 1 ? units : Array.from({ length: copies }, () => units).flat(),
  };
}
