// The year's entry grid (ratings.grid): every rated unit of the set with what the grid shows of
// its rating that year and the year before, in display order. Read whole (the CLI, the reports'
// tests) or a page at a time by key, as the register is (units/register.ts): the screen shows
// the first page at once and reads the rest in the background.
//
// The first page sorts the set's members and takes its rows BEFORE joining the two years'
// ratings, so it reads a page of ratings, not the set's; its total and quota groups are counted
// from the summaries kept by the writes, not from every row of the set (issue 10, item 3). A
// later page takes its rows from the sorted walk kept until the data changes (db/memo.ts).
import type { GridRating, ParsedInput, RatingGrid } from '../../../shared/contract';
import { scaleForYear } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { PagePosition } from '../units/cursor';
import { decodeCursor, encodeCursor } from '../units/cursor';
import { memoized } from '../db/memo';
import type { MembersSql } from './members';
import { MAX_DEPTH, allOver, membersOf } from './members';
import type { MemberRow } from './queries';
import { DISPLAY_ORDER, MEMBER_COLUMNS, MEMBERS_WITH_ORDERS, ORDERS, RATING_OF } from './queries';
import { quotaFor, quotaGroups, quotaGroupsFromTallies } from './quota';
import { scaleOrThrow } from './rules';
import { VALID, ratedKinds } from './scope';
import { NATION_WALK, SUBTREE_WALK, hasParent } from './tallies';
import type { TwoYearRatingColumns } from './store';

/** Rows a page holds when the caller gave a cursor but no size. */
export const DEFAULT_GRID_PAGE_SIZE = 300;

/** What the grid shows of a rating: the columns of GridRating, prefixed, so two years fit one row. */
const GRID_RATING = (alias: 'c' | 'p') =>
  `${alias}.scale_id AS ${alias}_scale, ${alias}.level_code AS ${alias}_level,
   ${alias}.not_rated_reason AS ${alias}_reason, ${alias}.exemplary AS ${alias}_exemplary`;

interface GridRecord extends MemberRow, TwoYearRatingColumns {}

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

/** The display order over a page's own columns (the page is re-sorted after its ratings). */
const PAGE_ORDER = 'ORDER BY m.official_order IS NULL, m.official_order, m.sort_key, m.unit_id';

/**
 * The first page of a scope's grid. The same members as members.ts's walk (each path down the
 * scope's subtree, the scope excluded, of the kinds asked), walked in the tree index alone: each
 * member carries only its version's rowid and its parent's (the version it was reached by). The
 * page is sorted on the version rows' sort keys, and only its rows are read whole, named with
 * their parent's version, and joined to their ratings. Carrying every member's name, code and
 * sector through the walk and the sort, as members.ts does for the whole grid, cost the first
 * page ~15 % more CPU (10.7 → 9.1 ms at 55k, docs/performance.md).
 */
const SCOPE_FIRST_PAGE = `WITH RECURSIVE
  sub(unit_id, seq, parent_seq, kind, branch, depth) AS (
    SELECT :scope, NULL, NULL, NULL, 1, 0
    UNION ALL
    SELECT v.unit_id, v.seq, sub.seq, v.kind,
      EXISTS (SELECT 1 FROM version_spans s WHERE s.parent_id = v.unit_id AND s.n <> 0
        AND s.valid_from <= :year AND s.valid_to >= :year),
      sub.depth + 1
    FROM sub JOIN unit_versions v INDEXED BY unit_versions_tree ON v.parent_id = sub.unit_id
    WHERE sub.branch AND ${VALID('v')} AND sub.depth < ${MAX_DEPTH}),
  members AS (
    SELECT seq, parent_seq FROM sub
    WHERE depth > 0 AND kind IN (SELECT value FROM json_each(:kinds)))
  ${ORDERS}, page AS MATERIALIZED (
    SELECT m.seq, m.parent_seq, o.official_order, v.sort_key, v.unit_id
    FROM members m CROSS JOIN unit_versions v ON v.seq = m.seq
    LEFT JOIN orders o ON o.id = v.unit_id
    ORDER BY o.official_order IS NULL, o.official_order, v.sort_key, v.unit_id LIMIT :limit)
SELECT v.unit_id, v.name, v.code, v.kind, v.sector, v.parent_id,
  CASE WHEN page.parent_seq IS NULL
    THEN (SELECT n.name FROM unit_versions n WHERE n.unit_id = :scope AND ${VALID('n')} LIMIT 1)
    ELSE pv.name END AS parent_name,
  page.official_order, page.sort_key, ${GRID_RATING('c')}, ${GRID_RATING('p')}
FROM page CROSS JOIN unit_versions v ON v.seq = page.seq
LEFT JOIN unit_versions pv ON pv.seq = page.parent_seq
LEFT JOIN ratings c ON c.unit_id = v.unit_id AND c.year = :year AND c.deleted_at IS NULL
LEFT JOIN ratings p ON p.unit_id = v.unit_id AND p.year = :previous AND p.deleted_at IS NULL
ORDER BY page.official_order IS NULL, page.official_order, page.sort_key, page.unit_id`;

/** Sorted walks kept until the data changes: the set on screen and the one before it. */
const KEPT_WALKS = 2;

/**
 * One page of the grid. The first page walks the set's members, sorts them and takes its rows
 * (LIMIT) in SQL, and only then joins those rows to their two years' ratings; it carries the
 * set's size and quota groups, counted from the tallies. A later page takes its rows from the
 * sorted walk kept until the data changes (db/memo.ts): without it each page walked and sorted
 * the whole set again (a nation's 55 pages: 10 s of CPU).
 */
function gridPage(db: Db, input: ParsedInput<'ratings.grid'>): RatingGrid {
  const scale = scaleOrThrow(input.year);
  const size = input.pageSize ?? DEFAULT_GRID_PAGE_SIZE;
  const from = input.after === undefined ? null : gridPosition(input.after);
  const kinds = ratedKinds(input.kinds);
  const members = membersOf(db, input.year, { ...input, kinds });
  const limits = { previous: input.year - 1, limit: size + 1 };
  const rows = from
    ? laterPage(db, input, kinds, members, from, size)
    : input.scopeId
      ? stmt<[Record<string, string | number>], PageRecord>(db, SCOPE_FIRST_PAGE).all({
          year: input.year,
          scope: input.scopeId,
          kinds: JSON.stringify(kinds),
          ...limits,
        })
      : allOver<PageRecord>(
          db,
          members,
          `${ORDERS}, page AS MATERIALIZED (
             SELECT ${MEMBER_COLUMNS}, m.sort_key FROM ${MEMBERS_WITH_ORDERS}
             ${DISPLAY_ORDER} LIMIT :limit)
           SELECT m.*, ${GRID_RATING('c')}, ${GRID_RATING('p')}
           FROM page m ${RATING_OF('c', 'year')} ${RATING_OF('p', 'previous')} ${PAGE_ORDER}`,
          limits,
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

/** A member in display order, with the sort key its cursor holds. */
type WalkRecord = MemberRow & { sort_key: string };

/** The columns of GridRecord that come from the ratings. */
type RatingColumns = Omit<GridRecord, keyof MemberRow>;

/**
 * Up to `size + 1` rows after `from`: the set's members walked and sorted once per version of
 * the data (kept by memo.ts, shared: read-only here), the page's rows found by binary search on
 * the display order, then their two years' ratings looked up by (year, unit).
 */
function laterPage(
  db: Db,
  input: ParsedInput<'ratings.grid'>,
  kinds: readonly UnitKind[],
  members: MembersSql,
  from: PagePosition,
  size: number,
): PageRecord[] {
  const key = `ratings.grid|${input.year}|${input.scopeId ?? ''}|${kinds.join(',')}`;
  const walk = memoized(db, key, KEPT_WALKS, () =>
    allOver<WalkRecord>(
      db,
      members,
      `${ORDERS}SELECT ${MEMBER_COLUMNS}, m.sort_key FROM ${MEMBERS_WITH_ORDERS} ${DISPLAY_ORDER}`,
    ),
  );
  const start = firstAfter(walk, from);
  const taken = walk.slice(start, start + size + 1);
  if (taken.length === 0) return [];
  const ratings = stmt<[Record<string, string | number>], RatingColumns & { unit_id: string }>(
    db,
    `SELECT m.value AS unit_id, ${GRID_RATING('c')}, ${GRID_RATING('p')}
     FROM json_each(:ids) m
     LEFT JOIN ratings c ON c.unit_id = m.value AND c.year = :year AND c.deleted_at IS NULL
     LEFT JOIN ratings p ON p.unit_id = m.value AND p.year = :previous AND p.deleted_at IS NULL`,
  ).all({
    ids: JSON.stringify(taken.map((r) => r.unit_id)),
    year: input.year,
    previous: input.year - 1,
  });
  const byUnit = new Map(ratings.map(({ unit_id, ...r }) => [unit_id, r]));
  return taken.map((member) => {
    const found = byUnit.get(member.unit_id);
    return { ...member, ...(found ?? NO_RATINGS) };
  });
}

const NO_RATINGS: RatingColumns = {
  c_scale: null,
  c_level: null,
  c_reason: null,
  c_exemplary: null,
  p_scale: null,
  p_level: null,
  p_reason: null,
  p_exemplary: null,
};

/**
 * The display order as SQLite sorts it (official order first, none last, then the sort key and
 * the id, both compared as UTF-8 bytes by the BINARY collation), of a member against a cursor.
 */
function compareToPosition(row: WalkRecord, at: PagePosition): number {
  const rowNull = row.official_order === null ? 1 : 0;
  const atNull = at.order === null ? 1 : 0;
  if (rowNull !== atNull) return rowNull - atNull;
  const byOrder = (row.official_order ?? 0) - (at.order ?? 0);
  if (byOrder !== 0) return byOrder;
  const byKey = Buffer.compare(Buffer.from(row.sort_key), Buffer.from(at.key));
  if (byKey !== 0) return byKey;
  return Buffer.compare(Buffer.from(row.unit_id), Buffer.from(at.id));
}

/** The index of the first member after `at` in the sorted walk (its length when none is). */
function firstAfter(walk: readonly WalkRecord[], at: PagePosition): number {
  let low = 0;
  let high = walk.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const row = walk[mid];
    if (row !== undefined && compareToPosition(row, at) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
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
