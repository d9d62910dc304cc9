// The chart's years of a top unit (the nation) from the register's totals (migration 21:
// rating_tallies and version_spans summed over every committee, kept by triggers), when each
// year's register is one clean tree below it. chart-tallies.ts sums the tallies of the
// committees its walk reaches, once per path; the totals sum every committee's once. The two are
// equal exactly when, in each year, the walk reaches every unit that has children that year
// (version_spans) and each once: no orphan committee, no loop, no district under two provinces,
// no committee past the walk's depth. A committee the walk reaches without children that year
// adds nothing to either sum (a tally or a span of a year is some child's of that year), and a
// top unit's own rating (parent '') is in neither. Proving it costs the walk (~460 committees for
// the span, ~2.5 ms nationally) instead of reading their ~9,000 tallies (~11 ms); when a year is
// not clean the caller counts by walking as before.
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { keptWhileRegisterUnchanged } from '../db/register-memo';
import { stmt } from '../db/statements';
import type { YearTallies } from './chart-tallies';
import type { TallyRecord } from '../ratings/tallies';
import { hasParent } from '../ratings/tallies';

/** At most this many years in one mask, as chart-tallies.ts (SQLite's integers are 64-bit). */
const MAX_YEARS = 62;

/** How deep the chart's walk goes at most (chart-tallies.ts, as the members' walk). */
const MAX_DEPTH = 64;

/**
 * The edges NATION_SPAN_WALK follows, as it reads them: the live versions of the span of every
 * unit with a child in the span (version_spans), each with its parent and years.
 */
export const EDGES_SQL = `WITH parents AS MATERIALIZED (
    SELECT DISTINCT parent_id AS id FROM version_spans
    WHERE parent_id <> '' AND n <> 0 AND valid_from <= :last AND valid_to >= :first)
  SELECT v.unit_id, v.parent_id, v.valid_from, coalesce(v.valid_to, :last) AS valid_to
  FROM parents p CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = p.id
  WHERE v.parent_id IS NOT NULL AND v.deleted_at IS NULL AND v.valid_from <= :last
    AND (v.valid_to IS NULL OR v.valid_to >= :first)`;

/** The register's committees of the span: each unit with a live child, and in which years. */
export const COMMITTEES_SQL = `SELECT DISTINCT parent_id, valid_from, valid_to FROM version_spans
  WHERE parent_id <> '' AND n <> 0 AND valid_from <= :last AND valid_to >= :first`;

interface Span {
  valid_from: number;
  valid_to: number;
}

/**
 * Whether the walk of `year` from `scopeId` over `edges` (NATION_SPAN_WALK's, that year: down
 * each edge valid in the year, at most MAX_DEPTH deep) reaches each of `committees` once.
 */
function reachesEachOnce(
  scopeId: string,
  year: number,
  edges: readonly (Span & { unit_id: string; parent_id: string })[],
  committees: ReadonlySet<string>,
): boolean {
  const children = new Map<string, string[]>();
  for (const e of edges) {
    if (e.valid_from > year || e.valid_to < year) continue;
    const list = children.get(e.parent_id);
    if (list) list.push(e.unit_id);
    else children.set(e.parent_id, [e.unit_id]);
  }
  const reached = new Set<string>();
  let level = [scopeId];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const id of level) {
      if (committees.has(id)) {
        if (reached.has(id)) return false;
        reached.add(id);
      }
      if (depth < MAX_DEPTH - 1) next.push(...(children.get(id) ?? []));
    }
    level = next;
  }
  return reached.size === committees.size;
}

const KINDS = 'kind IN (SELECT value FROM json_each(:kinds))';

/** Each year's totals (rated = 1) and units (rated = 0), in chartTalliesSql's order. */
export const TOTALS_SQL = `WITH years AS MATERIALIZED (SELECT value AS year FROM json_each(:years))
  SELECT 1 AS rated, y.year, t.scale_id, t.level_code, t.not_rated_reason, t.exemplary,
    sum(t.n) AS n
  FROM years y CROSS JOIN rating_year_totals t ON t.year = y.year
  WHERE t.${KINDS}
  GROUP BY y.year, t.scale_id, t.level_code, t.not_rated_reason, t.exemplary
  HAVING sum(t.n) <> 0
  UNION ALL
  SELECT 0, y.year, '', '', '', 0, sum(s.n)
  FROM years y CROSS JOIN span_totals s ON s.valid_from <= y.year AND s.valid_to >= y.year
  WHERE s.${KINDS}
  GROUP BY y.year
  ORDER BY 2, 1 DESC, 3, 4, 5, 6`;

/**
 * Whether every year of the consecutive `first` … `last` is one clean tree below `scopeId` (a
 * unit with no parent in `last`, walked as NATION_SPAN_WALK walks it): in each year, the walk's
 * paths reach every committee of the year (a unit with a live child that year) and each once. A
 * unit the walk reaches that has no child that year is not counted: it adds nothing, and nothing
 * is below it. The walk is followed here over the edges it reads (a few hundred rows), stopping
 * at the first committee met twice: in SQL, the recursive walk and its automatic index cost
 * ~2.5 ms nationally, and asked in one statement with the counts SQLite built the edges by
 * scanning every version of the register (~50 ms).
 */
export function cleanTreeBelow(db: Db, scopeId: string, first: number, last: number): boolean {
  // It reads the register alone: kept while the register is unchanged (db/register-memo.ts).
  return keptWhileRegisterUnchanged(db, `clean-tree:${scopeId}:${first}:${last}`, () =>
    provedClean(db, scopeId, first, last),
  );
}

function provedClean(db: Db, scopeId: string, first: number, last: number): boolean {
  const committees = Array.from({ length: last - first + 1 }, () => new Set<string>());
  const spans = stmt<[{ first: number; last: number }], Span & { parent_id: string }>(
    db,
    COMMITTEES_SQL,
  ).all({ first, last });
  for (const s of spans) {
    const from = Math.max(s.valid_from, first);
    const to = Math.min(s.valid_to, last);
    for (let year = from; year <= to; year++) committees[year - first]?.add(s.parent_id);
  }
  const edges = stmt<
    [{ first: number; last: number }],
    Span & { unit_id: string; parent_id: string }
  >(db, EDGES_SQL).all({ first, last });
  return committees.every((ofYear, i) => reachesEachOnce(scopeId, first + i, edges, ofYear));
}

/**
 * The chart's tallies of the consecutive `years` below `scopeId` from the totals, or null when
 * they do not answer: the years not consecutive, the scope under a parent in the last year (a
 * province: its own subtree is walked, chart-tallies.ts), or a year not one clean tree below it.
 */
export function totalsOfYears(
  db: Db,
  years: readonly number[],
  scopeId: string,
  kinds: readonly UnitKind[],
): Map<number, YearTallies> | null {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined || years.length > MAX_YEARS) return null;
  if (years.some((y, i) => y !== first + i) || hasParent(db, scopeId, last)) return null;
  if (!cleanTreeBelow(db, scopeId, first, last)) return null;
  const rows = stmt<[Record<string, string>], TallyRecord & { rated: 0 | 1; year: number }>(
    db,
    TOTALS_SQL,
  ).all({ years: JSON.stringify(years), kinds: JSON.stringify(kinds) });
  const result = new Map<number, YearTallies>(years.map((y) => [y, { rated: [], units: 0 }]));
  for (const { rated, year, ...tally } of rows) {
    const entry = result.get(year);
    if (!entry) continue;
    if (rated === 1) entry.rated.push(tally);
    else entry.units = tally.n;
  }
  return result;
}
