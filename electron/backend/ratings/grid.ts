// The year's entry grid (ratings.grid): every rated unit of the set with what the grid shows of
// its rating that year and the year before, in display order. Read whole (the CLI, the reports'
// tests) or a page at a time by key, as the register is (units/register.ts): the screen shows
// the first page at once and reads the rest in the background.
//
// A page sorts the set's members and takes its rows BEFORE joining the two years' ratings, so a
// page reads a page of ratings, not the set's; the first page's quota groups are counted from
// the rating tallies per committee, not from every rating of the set (issue 10, item 3).
import type { GridRating, ParsedInput, RatingGrid } from '../../../shared/contract';
import type { NotRatedReason } from '../../../shared/domain/scales';
import { scaleForYear } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { PagePosition } from '../units/cursor';
import { decodeCursor, encodeCursor } from '../units/cursor';
import { allOver, membersOf } from './members';
import type { MemberRow } from './queries';
import { DISPLAY_ORDER, MEMBER_COLUMNS, MEMBERS_WITH_ORDERS, ORDERS, RATING_OF } from './queries';
import { quotaFor, quotaGroups, quotaGroupsFromTallies } from './quota';
import { scaleOrThrow } from './rules';
import { ratedKinds } from './scope';
import { NATION_WALK, SUBTREE_WALK, hasParent } from './tallies';

/** Rows a page holds when the caller gave a cursor but no size. */
export const DEFAULT_GRID_PAGE_SIZE = 300;

/** What the grid shows of a rating: the columns of GridRating, prefixed, so two years fit one row. */
const GRID_RATING = (alias: 'c' | 'p') =>
  `${alias}.scale_id AS ${alias}_scale, ${alias}.level_code AS ${alias}_level,
   ${alias}.not_rated_reason AS ${alias}_reason, ${alias}.exemplary AS ${alias}_exemplary`;

interface GridRecord extends MemberRow {
  c_scale: string | null;
  c_level: string | null;
  c_reason: NotRatedReason | null;
  c_exemplary: number | null;
  p_scale: string | null;
  p_level: string | null;
  p_reason: NotRatedReason | null;
  p_exemplary: number | null;
}

/** A page's row: a grid row with its sort key (the cursor's). */
interface PageRecord extends GridRecord {
  sort_key: string;
}

/** The rating under `alias` in a grid row, or null when the join found none (scale_id is NOT NULL). */
function gridRating(row: GridRecord, alias: 'c' | 'p'): GridRating | null {
  const scaleId = alias === 'c' ? row.c_scale : row.p_scale;
  if (scaleId === null) return null;
  return alias === 'c'
    ? {
        scaleId,
        levelCode: row.c_level,
        notRatedReason: row.c_reason,
        exemplary: row.c_exemplary === 1,
      }
    : {
        scaleId,
        levelCode: row.p_level,
        notRatedReason: row.p_reason,
        exemplary: row.p_exemplary === 1,
      };
}

const toGridRow = (r: GridRecord) => ({
  unitId: r.unit_id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  parentName: r.parent_name,
  current: gridRating(r, 'c'),
  previous: gridRating(r, 'p'),
});

export function ratingGrid(db: Db, input: ParsedInput<'ratings.grid'>): RatingGrid {
  if (input.pageSize !== undefined || input.after !== undefined) return gridPage(db, input);
  const scale = scaleOrThrow(input.year);
  const members = membersOf(db, input.year, { ...input, kinds: ratedKinds(input.kinds) });
  const rows = allOver<GridRecord>(
    db,
    members,
    `${ORDERS}SELECT ${MEMBER_COLUMNS}, ${GRID_RATING('c')}, ${GRID_RATING('p')}
     FROM ${MEMBERS_WITH_ORDERS}
     ${RATING_OF('c', 'year')} ${RATING_OF('p', 'previous')} ${DISPLAY_ORDER}`,
    { previous: input.year - 1 },
  );
  const quota = quotaFor(db, scale);
  return {
    year: input.year,
    scaleId: scale.id,
    previousScaleId: scaleForYear(input.year - 1)?.id ?? null,
    quota,
    quotaGroups: quota ? quotaGroups(db, scale, input.year, rows) : [],
    rows: rows.map(toGridRow),
  };
}

/** The grid's cursor: the register's (units/cursor.ts), whose order has no rank of a search. */
function gridPosition(after: string): PagePosition {
  const position = decodeCursor(after);
  if (position.rank !== 0) {
    throw new AppError(
      'INVALID_INPUT',
      'Vị trí trang không hợp lệ (có thể danh sách đã được mở lại). Hãy tải lại danh sách từ đầu.',
    );
  }
  return position;
}

/**
 * After the cursor in display order (official order first, NULLs last, then the sort key and the
 * id). The official order is compared as 0 when missing: rows without one are all after it.
 */
const AFTER = `WHERE (o.official_order IS NULL, coalesce(o.official_order, 0), m.sort_key, m.unit_id)
  > (:afterNull, :afterOrder, :afterKey, :afterId)`;

/** The display order over a page's own columns (the page is re-sorted after its ratings). */
const PAGE_ORDER = 'ORDER BY m.official_order IS NULL, m.official_order, m.sort_key, m.unit_id';

/**
 * One page of the grid. The set's members are walked and sorted (a few thousand for a
 * province), the page taken (LIMIT) and only then its rows joined to their two years' ratings.
 * The first page carries the set's size and quota groups, counted from the tallies.
 */
function gridPage(db: Db, input: ParsedInput<'ratings.grid'>): RatingGrid {
  const scale = scaleOrThrow(input.year);
  const size = input.pageSize ?? DEFAULT_GRID_PAGE_SIZE;
  const from = input.after === undefined ? null : gridPosition(input.after);
  const kinds = ratedKinds(input.kinds);
  const members = membersOf(db, input.year, { ...input, kinds });
  const params: Record<string, string | number> = { previous: input.year - 1, limit: size + 1 };
  if (from) {
    params.afterNull = from.order === null ? 1 : 0;
    params.afterOrder = from.order ?? 0;
    params.afterKey = from.key;
    params.afterId = from.id;
  }
  const rows = allOver<PageRecord>(
    db,
    members,
    `${ORDERS}, page AS MATERIALIZED (
       SELECT ${MEMBER_COLUMNS}, m.sort_key
       FROM ${MEMBERS_WITH_ORDERS} ${from ? AFTER : ''}
       ${DISPLAY_ORDER} LIMIT :limit)
     SELECT m.*, ${GRID_RATING('c')}, ${GRID_RATING('p')}
     FROM page m ${RATING_OF('c', 'year')} ${RATING_OF('p', 'previous')} ${PAGE_ORDER}`,
    params,
  );
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  const next =
    rows.length > size && last
      ? encodeCursor({ rank: 0, order: last.official_order, key: last.sort_key, id: last.unit_id })
      : null;
  const quota = quotaFor(db, scale);
  const grid: RatingGrid = {
    year: input.year,
    scaleId: scale.id,
    previousScaleId: scaleForYear(input.year - 1)?.id ?? null,
    quota,
    quotaGroups: [],
    rows: page.map(toGridRow),
    next,
  };
  // The whole set's figures, once: a later page leaves them to the first.
  if (!from) {
    const set = setCommittees(db, input, kinds);
    grid.total = set.total;
    if (quota) grid.quotaGroups = quotaGroupsFromTallies(db, scale, input.year, set.pairs);
  }
  return grid;
}

/**
 * The set's size and its (parent, kind) pairs, the committees that decide its units, from
 * version_spans over the committees of the scope (the walks of tallies.ts), not from the set's
 * rows: the same units as the members' walk (ratings.counts reads its total and quota groups so
 * too). Counting the members instead (count(*) OVER the sorted walk) cost the first page ~4 ms
 * of a province's 15 at national size.
 */
function setCommittees(
  db: Db,
  input: ParsedInput<'ratings.grid'>,
  kinds: readonly UnitKind[],
): { total: number; pairs: { parent_id: string | null; kind: UnitKind }[] } {
  const params: Record<string, string | number> = {
    year: input.year,
    kinds: JSON.stringify(kinds),
  };
  let prefix = '';
  let spans = 'version_spans s';
  if (input.scopeId) {
    params.scope = input.scopeId;
    prefix = hasParent(db, input.scopeId, input.year) ? SUBTREE_WALK : NATION_WALK;
    spans = 'walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id';
  }
  const rows = stmt<[Record<string, string | number>], PairRecord>(
    db,
    `${prefix}SELECT s.parent_id, s.kind, sum(s.n) AS n FROM ${spans}
     WHERE s.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0
       AND s.kind IN (SELECT value FROM json_each(:kinds))
     GROUP BY s.parent_id, s.kind`,
  ).all(params);
  return {
    total: rows.reduce((sum, r) => sum + r.n, 0),
    pairs: rows
      .filter((r) => r.n !== 0)
      .map((r) => ({ parent_id: r.parent_id === '' ? null : r.parent_id, kind: r.kind })),
  };
}

interface PairRecord {
  parent_id: string;
  kind: UnitKind;
  n: number;
}
