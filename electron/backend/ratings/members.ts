// The units a rating query covers, as one SQL common table expression `members` that the grid,
// the list, the counts and the transitions join their ratings to. A scope is walked down from
// its unit through the index on (parent_id, valid_from), carrying each unit's name and its
// parent's name as it goes: a province's query reads that province's units and their ratings,
// never the rest of the nation (before, a set over 2,000 units read the whole year twice).
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { loadUnit } from '../units/queries';
import type { ScopeFilter } from './scope';
import { VALID } from './scope';

const NAME_IN_YEAR = (unitIdSql: string) =>
  `(SELECT n.name FROM unit_versions n WHERE n.unit_id = ${unitIdSql} AND ${VALID('n')} LIMIT 1)`;

/** Whether the unit has a live child version valid in :year, from the tallies' version_spans. */
const HAS_CHILDREN = (unitIdSql: string) =>
  `EXISTS (SELECT 1 FROM version_spans s WHERE s.parent_id = ${unitIdSql} AND s.n <> 0
     AND s.valid_from <= :year AND s.valid_to >= :year)`;

export interface MembersSql {
  /**
   * `WITH RECURSIVE …, members(…) AS (…) `: unit_id, kind, parent_id, and unless `light`, name,
   * code, sector, sort_key (the name's Vietnamese sort key, migration 7) and parent_name.
   */
  with: string;
  params: Record<string, string | number>;
}

/**
 * How deep a scope is walked at most. The register has five levels; the bound only makes a loop
 * of parents in damaged data end (UNION ALL does not stop on a unit seen before, and UNION, which
 * would, has to keep every row seen in a temporary index: three times slower).
 */
export const MAX_DEPTH = 64;

/**
 * The set as SQL: units with a version valid in `year`, under `scopeId` (its subtree as of the
 * year, the unit itself excluded) or anywhere, narrowed to `unitIds` and `kinds` when given.
 * The same units as `scopeSql` (scope.ts) selects; `kinds: []` = none. `light` carries only the
 * columns the counts need, so the walk reads nothing but the index unit_versions_tree.
 */
export function membersSql(
  year: number,
  filter: ScopeFilter,
  options: { light?: boolean } = {},
): MembersSql {
  const params: Record<string, string | number> = { year };
  const narrow: string[] = [];
  if (filter.unitIds) {
    params.ids = JSON.stringify(filter.unitIds);
    narrow.push('unit_id IN (SELECT value FROM json_each(:ids))');
  }
  if (filter.kinds) {
    params.kinds = JSON.stringify(filter.kinds);
    narrow.push('kind IN (SELECT value FROM json_each(:kinds))');
  }
  const columns = options.light
    ? ['unit_id', 'kind', 'parent_id']
    : ['unit_id', 'name', 'code', 'kind', 'sector', 'parent_id', 'sort_key'];
  if (filter.scopeId) {
    params.scope = filter.scopeId;
    const seed = options.light
      ? ':scope, NULL, NULL'
      : `:scope, ${NAME_IN_YEAR(':scope')}, NULL, NULL, NULL, NULL, NULL, NULL`;
    const step = columns.map((c) => `v.${c}`).join(', ') + (options.light ? '' : ', sub.name');
    const carried = [...columns, ...(options.light ? [] : ['parent_name'])];
    // `branch`: whether the unit has children that year (version_spans, kept exact by the
    // triggers), so the ~2,700 leaves of a province are not each searched for children in the
    // tree index: those searches land on pages spread over the whole nation's index.
    const sub = `sub(${carried.join(', ')}, branch, depth) AS (
      SELECT ${seed}, 1, 0
      UNION ALL
      SELECT ${step}, ${HAS_CHILDREN('v.unit_id')}, sub.depth + 1
      FROM sub JOIN unit_versions v ON v.parent_id = sub.unit_id
      WHERE sub.branch AND ${VALID('v')} AND sub.depth < ${MAX_DEPTH})`;
    const where = ['depth > 0', ...narrow].join(' AND ');
    return {
      with: `WITH RECURSIVE ${sub}, members AS (
        SELECT ${carried.join(', ')} FROM sub WHERE ${where}) `,
      params,
    };
  }
  const where = [VALID('v'), ...narrow.map((c) => `v.${c}`)].join(' AND ');
  const picked = `SELECT ${columns.map((c) => `v.${c}`).join(', ')} FROM unit_versions v WHERE ${where}`;
  if (options.light) return { with: `WITH members AS (${picked}) `, params };
  // The parents' names looked up once per parent (a few hundred), not once per member: the set
  // is kept once (MATERIALIZED) and its distinct parents named from the unit's index.
  return {
    with: `WITH picked AS MATERIALIZED (${picked}),
      parents AS MATERIALIZED (
        SELECT n.unit_id, n.name FROM unit_versions n
        WHERE n.unit_id IN (SELECT parent_id FROM picked) AND ${VALID('n')}),
      members AS (
        SELECT p.*, (SELECT name FROM parents WHERE parents.unit_id = p.parent_id LIMIT 1) AS parent_name
        FROM picked p) `,
    params,
  };
}

/** Checks the scope unit exists (NOT_FOUND otherwise), then builds the set's SQL. */
export function membersOf(
  db: Db,
  year: number,
  filter: ScopeFilter,
  options: { light?: boolean } = {},
): MembersSql {
  if (filter.scopeId) loadUnit(db, filter.scopeId);
  return membersSql(year, filter, options);
}

/** Runs `select` (which reads `members`) over the set. */
export function allOver<R>(
  db: Db,
  members: MembersSql,
  select: string,
  params: Record<string, string | number> = {},
): R[] {
  return stmt<[Record<string, string | number>], R>(db, `${members.with}${select}`).all({
    ...members.params,
    ...params,
  });
}
