// ratings.transitions as it was before the pairs kept by the writes (migration 18):
// electron/backend/ratings/transitions.ts at 0b1d3da, every question counted live over the
// members' walk joined to both years' ratings. Kept only so that tests compare the summary's
// answers with it, figure for figure, also on damaged data. Not used by the app.
import type { ParsedInput, TransitionReport, TrendCounts } from '../../shared/contract';
import type { Trend } from '../../shared/domain/progress';
import { compareRatings } from '../../shared/domain/progress';
import { scaleForYear, sameFamily, tierOf } from '../../shared/domain/scales';
import { compareVietnamese } from '../../shared/domain/text';
import type { Db } from '../../electron/backend/db/open';
import { allOver, membersOf } from '../../electron/backend/ratings/members';
import { namesInYear, ratedKinds } from '../../electron/backend/ratings/scope';

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
export function liveTransitions(db: Db, input: TransitionsInput): TransitionReport {
  const { fromYear, toYear } = input;
  const crosswalk = input.crosswalk ?? false;
  // The light walk reads the tree index only; the groups are named once each afterwards.
  const members = membersOfInput(db, input);
  const pairs = allOver<PairCount>(
    db,
    members,
    `SELECT m.parent_id, ${PAIR_COLUMNS}, count(*) AS n FROM members m ${BOTH_YEARS('m')}
     GROUP BY m.parent_id, a_scale, a_level, a_found, b_scale, b_level, b_found`,
    { fromYear },
  );
  const trend = trendOf(input, crosswalk);
  const names = namesInYear(
    db,
    toYear,
    pairs.map((p) => p.parent_id),
  );
  const matrix = new Map<string, { from: string | null; to: string | null; count: number }>();
  const totals = emptyCounts();
  const groups = new Map<
    string | null,
    TrendCounts & { groupId: string | null; groupName: string | null }
  >();
  for (const pair of pairs) {
    const t = trend(pair);
    const key = `${pair.a_level}→${pair.b_level}`;
    const cell = matrix.get(key) ?? { from: pair.a_level, to: pair.b_level, count: 0 };
    cell.count += pair.n;
    matrix.set(key, cell);
    totals[t] += pair.n;
    totals.total += pair.n;
    let group = groups.get(pair.parent_id);
    if (!group) {
      const groupName = pair.parent_id === null ? null : (names.get(pair.parent_id) ?? null);
      group = { groupId: pair.parent_id, groupName, ...emptyCounts() };
      groups.set(pair.parent_id, group);
    }
    group[t] += pair.n;
    group.total += pair.n;
  }
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
    groups: [...groups.values()].sort(
      (x, y) =>
        compareVietnamese(x.groupName ?? '', y.groupName ?? '') ||
        compareCodes(x.groupId, y.groupId),
    ),
  };
}

/** null first, then by code units: a plain, stable order for ties. */
function compareCodes(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}
