// The chart's years of a committee's subtree (the stacked bars: each year's units counted by
// result) from the rating tallies the writes keep, in one walk of the committees for all the
// years instead of one walk per year (ratings/tallies.ts scopeTallies, which this equals year by
// year). Each walked row carries the years its path stands in as a bit mask (bit i: the i-th
// year): a child's version keeps of its parent's years those it is valid in, so a committee
// renamed or moved within the span is a row per version, each for its own years, and every path of a year's
// walk is a row with that year's bit, once per path as the per-year walk counts it (damaged data,
// a unit under two parents, included).
//
// The per-year walk steps only into children that have children that year (version_spans). Here
// a child is entered when it has children in any year of the span: a committee without children
// in year Y may then stand in year Y's rows, and adds nothing to them (no tally and no span of
// year Y has it as parent, and no child of it is valid in Y to walk further). The leaves (a
// province's ~2,700 units) are each probed once in version_spans, not once a year; the nation's
// committees are read from version_spans once for the span (NATION_SPAN_WALK).
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { TallyRecord } from '../ratings/tallies';
import { hasParent } from '../ratings/tallies';

/** How deep a scope is walked at most: as ratings/tallies.ts (members.ts) walks it. */
const MAX_DEPTH = 64;

/** The bits of the years a version valid from `from` to `to` (null: open) covers in the span. */
const versionBits = (from: string, to: string) => `((1 << (min(coalesce(${to}, :last), :last)
  - :first + 1)) - (1 << (max(${from}, :first) - :first)))`;

/** The span's years, each with its bit. */
const YEARS = `years AS MATERIALIZED (SELECT :first + value AS year, value AS bit
    FROM json_each(:bitsOfYears)) `;

/**
 * The scope's committees over the years :first … :last, each with the bits of the years its path
 * stands in: the scope itself in every year, then down the tree index.
 */
export const SUBTREE_SPAN_WALK = `WITH RECURSIVE
  sub(unit_id, bits, depth) AS (
    SELECT :scope, (1 << (:last - :first + 1)) - 1, 0
    UNION ALL
    SELECT v.unit_id, sub.bits & ${versionBits('v.valid_from', 'v.valid_to')}, sub.depth + 1
    FROM sub
    JOIN unit_versions v INDEXED BY unit_versions_tree ON v.parent_id = sub.unit_id
    WHERE v.deleted_at IS NULL AND v.valid_from <= :last
      AND (v.valid_to IS NULL OR v.valid_to >= :first) AND sub.depth < ${MAX_DEPTH - 1}
      AND sub.bits & ${versionBits('v.valid_from', 'v.valid_to')} <> 0
      AND EXISTS (SELECT 1 FROM version_spans c WHERE c.parent_id = v.unit_id AND c.n <> 0
        AND c.valid_from <= :last AND c.valid_to >= :first)),
  walked AS MATERIALIZED (SELECT unit_id, bits FROM sub),
  ${YEARS}`;

/**
 * The same for a top unit (the nation), as NATION_WALK finds its committees: the units with
 * children in any year of the span from version_spans (~460), each one's versions of the span
 * giving the edges between them with their years; down the tree the nation's 54,000 leaves
 * would each be probed.
 */
export const NATION_SPAN_WALK = `WITH RECURSIVE
  parents AS MATERIALIZED (
    SELECT DISTINCT parent_id AS id FROM version_spans
    WHERE parent_id <> '' AND n <> 0 AND valid_from <= :last AND valid_to >= :first),
  edges AS MATERIALIZED (
    SELECT v.parent_id, v.unit_id, ${versionBits('v.valid_from', 'v.valid_to')} AS bits
    FROM parents p
    JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = p.id
    WHERE v.parent_id IS NOT NULL AND v.deleted_at IS NULL AND v.valid_from <= :last
      AND (v.valid_to IS NULL OR v.valid_to >= :first)),
  sub(unit_id, bits, depth) AS (
    SELECT :scope, (1 << (:last - :first + 1)) - 1, 0
    UNION ALL
    SELECT e.unit_id, sub.bits & e.bits, sub.depth + 1 FROM sub
    JOIN edges e ON e.parent_id = sub.unit_id
    WHERE sub.bits & e.bits <> 0 AND sub.depth < ${MAX_DEPTH - 1}),
  walked AS MATERIALIZED (SELECT unit_id, bits FROM sub),
  ${YEARS}`;

const KINDS = 'kind IN (SELECT value FROM json_each(:kinds))';

/**
 * Each year's tallies (rated = 1) and units (rated = 0), rows of a year in the order
 * scopeTallies gives them (by scale, level, reason, exemplary). NOT INDEXED keeps the tallies'
 * own key (year, parent): for the nation's walk SQLite built an automatic index over the whole
 * table instead (35 ms against 11 ms for five years). The units: each walked committee's spans
 * searched once for the span of years, then spread over the years they cover (searched once a
 * year, the nation's five years cost ~0.9 ms more; the same rows summed).
 */
export const chartTalliesSql = (
  walk: string,
) => `${walk}SELECT 1 AS rated, y.year, t.scale_id, t.level_code,
    t.not_rated_reason, t.exemplary, sum(t.n) AS n
  FROM walked w CROSS JOIN years y ON (w.bits >> y.bit) & 1 = 1
  CROSS JOIN rating_tallies t NOT INDEXED ON t.year = y.year AND t.parent_id = w.unit_id
  WHERE t.${KINDS}
  GROUP BY y.year, t.scale_id, t.level_code, t.not_rated_reason, t.exemplary
  HAVING sum(t.n) <> 0
  UNION ALL
  SELECT 0, y.year, '', '', '', 0, sum(s.n)
  FROM walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id
  CROSS JOIN years y ON (w.bits >> y.bit) & 1 = 1 AND s.valid_from <= y.year
    AND s.valid_to >= y.year
  WHERE s.valid_from <= :last AND s.valid_to >= :first AND s.n <> 0 AND s.${KINDS}
  GROUP BY y.year
  ORDER BY 2, 1 DESC, 3, 4, 5, 6`;

/** At most this many years in one mask (SQLite's integers are 64-bit). */
const MAX_YEARS = 62;

export interface YearTallies {
  rated: TallyRecord[];
  units: number;
}

/**
 * The tallies of each of the consecutive `years` over the units of `kinds` below `scopeId` (a
 * committee; the caller checks it exists), as scopeTallies gives them one year at a time; null
 * when the years are not consecutive (the caller then counts year by year). Five years on the
 * national file: a province ~1.6 ms instead of ~8 ms, the nation ~11 ms instead of ~17 ms.
 */
export function chartTallies(
  db: Db,
  years: readonly number[],
  scopeId: string,
  kinds: readonly UnitKind[],
): Map<number, YearTallies> | null {
  const first = years[0];
  if (first === undefined || years.length > MAX_YEARS) return null;
  if (years.some((y, i) => y !== first + i)) return null;
  const last = first + years.length - 1;
  // As scopeTallies chooses its walk (by the last year: both walks give the same rows).
  const walk = hasParent(db, scopeId, last) ? SUBTREE_SPAN_WALK : NATION_SPAN_WALK;
  const rows = stmt<
    [Record<string, string | number>],
    TallyRecord & { rated: 0 | 1; year: number }
  >(db, chartTalliesSql(walk)).all({
    scope: scopeId,
    first,
    last,
    bitsOfYears: JSON.stringify(years.map((_, i) => i)),
    kinds: JSON.stringify(kinds),
  });
  const result = new Map<number, YearTallies>(years.map((y) => [y, { rated: [], units: 0 }]));
  for (const { rated, year, ...tally } of rows) {
    const entry = result.get(year);
    if (!entry) continue;
    if (rated === 1) entry.rated.push(tally);
    else entry.units = tally.n;
  }
  return result;
}
