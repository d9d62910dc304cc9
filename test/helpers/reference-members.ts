// The walk of a scope's units (electron/backend/ratings/members.ts) as it was before its leaves
// were no longer searched for children (a unit is entered only when version_spans says it has
// children that year): the new walk must give exactly these rows, damaged data included.
import { MAX_DEPTH } from '../../electron/backend/ratings/members';
import type { MembersSql } from '../../electron/backend/ratings/members';
import type { ScopeFilter } from '../../electron/backend/ratings/scope';
import { VALID } from '../../electron/backend/ratings/scope';

const NAME_IN_YEAR = (unitIdSql: string) =>
  `(SELECT n.name FROM unit_versions n WHERE n.unit_id = ${unitIdSql} AND ${VALID('n')} LIMIT 1)`;

/** The old walk: the same set, each leaf searched for children in the tree index. */
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
    const sub = `sub(${carried.join(', ')}, depth) AS (
      SELECT ${seed}, 0
      UNION ALL
      SELECT ${step}, sub.depth + 1
      FROM sub JOIN unit_versions v ON v.parent_id = sub.unit_id
      WHERE ${VALID('v')} AND sub.depth < ${MAX_DEPTH})`;
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
