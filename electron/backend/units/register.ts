// The register as of a year: the whole list (the CLI, reports, watchlists), the first rows of a
// search (pickers), a page of the list (the register screen), one level of the tree. All ordered
// in SQL by the stored sort key (migration 7), so nothing sorts 55,000 names with a collator.
//
// The order of every list: exact matches of what was typed first (its code, then its name), then
// units with an official order by that order, then the others by the sort key of their name,
// then the unit's id (names equal for the collator, such as "Hòa" and "Hoà", by id).
import type { UnitChildren, UnitList, UnitTreeRow } from '../../../shared/contract';
import { foldForSearch } from '../../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { PagePosition } from './cursor';
import { decodeCursor, encodeCursor } from './cursor';
import type { ListRecord } from './rows';
import { VALID_IN_YEAR } from './queries';
import { toUnitRow } from './rows';
import { BLOCK_ORDER, blockWalkFrom, blockWalkWhere, searchBits } from './search-blocks';

const LIST_COLUMNS = `v.seq, v.id, v.unit_id, v.valid_from, v.valid_to, v.name, v.code, v.kind, v.sector,
  v.parent_id, u.founded_year, u.founded_unknown, u.ended_year, u.official_order, pv.name AS parent_name,
  v.sort_key`;

/**
 * `v` and what every row needs. `walk`: the register read in its order from the sort-key index;
 * `ordered`: read from the few units with an official order; otherwise SQLite's choice.
 */
type Read = 'walk' | 'walk-kind' | 'walk-sector' | 'ordered';

const WALK_INDEX: Record<Exclude<Read, 'ordered'>, string> = {
  walk: 'unit_versions_register',
  'walk-kind': 'unit_versions_register_by_kind',
  'walk-sector': 'unit_versions_register_by_sector',
};

function fromClause(read?: Read): string {
  const units =
    read === 'ordered'
      ? `units u INDEXED BY units_by_official_order
  CROSS JOIN unit_versions v ON v.unit_id = u.id`
      : `unit_versions v${read ? ` INDEXED BY ${WALK_INDEX[read]}` : ''}
  JOIN units u ON u.id = v.unit_id`;
  return `FROM ${units} AND u.deleted_at IS NULL
  LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
    AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
  WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR}`;
}

export interface UnitFilter {
  year: number;
  search?: string | undefined;
  kind?: UnitKind | undefined;
  sector?: UnitSector | undefined;
  parentId?: string | undefined;
  descendants?: boolean | undefined;
  limit?: number | undefined;
}

export interface PageRequest {
  pageSize?: number | undefined;
  after?: string | undefined;
}

/** Rows a page holds when the caller gave a cursor but no size. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Below this many matches a search is sorted as a set; at or above it the register is walked in
 * its order and each row is checked against the matches (the first page of "d" stops early).
 */
const SMALL_MATCH_SET = 2000;

/** How deep a subtree is walked at most: the register has five levels (see ratings/members.ts). */
const MAX_DEPTH = 64;

/**
 * How many entries of the register's index a search's page first looks through before it counts
 * the matches to choose its plan: a common prefix ("Chi bộ") fills a page within the first few
 * entries, and counting its full-text matches would cost more than the page (the index merges
 * every word beginning with each prefix before it can count one match).
 */
const PROBE_WINDOW = 600;

/** Turns what a user typed into an FTS5 query of word prefixes: "dong y" → "dong"* "y"*. */
export function searchQuery(text: string): string | null {
  const words = foldForSearch(text).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

type Params = Record<string, string | number>;
type SortedRecord = ListRecord & { sort_key: string; exact_rank: number };

/** A filter as SQL: a WITH prefix (a subtree), conditions on `v`, and their parameters. */
interface FilterSql {
  prefix: string;
  where: string;
  params: Params;
  /** What was typed, folded, when the filter has a search: its exact matches come first. */
  exact: string;
  /** Whether the rows are a small set better sorted than walked in order (a subtree, a rare word). */
  narrow: boolean;
  /**
   * A search whose plan is not chosen yet: its words are tested on the register index's entries
   * (`where`), and its rows are first looked for among the index's first PROBE_WINDOW entries.
   */
  probe: boolean;
  /**
   * The initials a wide search's words begin with (search-blocks.ts), when its words are tested
   * on the register's entries (`where`); null otherwise.
   */
  bits: number | null;
}

/**
 * `choose`: whether a search counts its matches now to choose between the full-text index and
 * the walk (the whole list, the total on a first page); otherwise a plain search (no kind, sector
 * or parent) is left to the page's probe.
 */
function filterSql(db: Db, filter: UnitFilter, choose = true): FilterSql {
  const params: Params = { year: filter.year };
  let prefix = '';
  let where = '';
  let narrow = false;
  let bits: number | null = null;
  const exact = filter.search ? foldForSearch(filter.search) : '';
  const match = filter.search ? searchQuery(filter.search) : null;
  const probe = !!match && !choose && !filter.kind && !filter.sector && !filter.parentId;
  if (match) {
    narrow = !probe && countMatches(db, match) < SMALL_MATCH_SET;
    if (narrow) {
      where += ' AND v.seq IN (SELECT rowid FROM unit_search WHERE unit_search MATCH :match)';
      params.match = match;
    } else {
      // Very many matches ("d"): the register is walked in its order and each row tested here,
      // as the full-text index would (every word begins a word of the folded name or code),
      // so a page stops after its rows instead of first reading every match.
      const words = foldForSearch(filter.search ?? '')
        .split(' ')
        .filter(Boolean);
      bits = searchBits(words);
      words.forEach((word, i) => {
        where += ` AND instr(' ' || v.name_folded || ' ' || coalesce(v.code_folded, ''), :word${i}) > 0`;
        params[`word${i}`] = ` ${word}`;
      });
    }
  }
  if (exact) params.exact = exact;
  if (filter.kind) {
    where += ' AND v.kind = :kind';
    params.kind = filter.kind;
  }
  if (filter.sector) {
    where += ' AND v.sector = :sector';
    params.sector = filter.sector;
  }
  if (filter.parentId) {
    params.parent = filter.parentId;
    narrow = true;
    if (filter.descendants && isSoleRoot(db, filter.parentId, filter.year)) {
      // Everything under the only unit at the top is the whole register but it: walked in
      // order, not gathered by a walk down the tree and sorted (55,000 rows for a nation).
      narrow = false;
      where += ' AND v.unit_id <> :parent';
    } else if (filter.descendants) {
      // The walk down the tree carries the version it reached (a unit's versions do not overlap,
      // so that is the unit's one version in the year), read later by its rowid rather than
      // looked up again by unit. UNION ALL with a depth bound, as in ratings/members.ts: UNION
      // would keep every row seen in a temporary index, and a loop of parents in damaged data
      // still ends; a unit reached twice is one row, as `IN` reads a set.
      prefix = `WITH RECURSIVE sub(id, seq, depth) AS (
          SELECT :parent, NULL, 0 UNION ALL
          SELECT v.unit_id, v.seq, sub.depth + 1 FROM unit_versions v JOIN sub ON v.parent_id = sub.id
          WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} AND sub.depth < ${MAX_DEPTH}) `;
      where += ' AND v.seq IN (SELECT seq FROM sub WHERE depth > 0) AND v.unit_id <> :parent';
    } else {
      where += ' AND v.parent_id = :parent';
    }
  }
  return { prefix, where, params, exact, narrow, probe, bits };
}

/**
 * Whether `unitId` is the only unit at the top of the tree in `year`: the only one without a
 * parent, and no unit whose parent is missing that year (every other unit is then below it).
 */
function isSoleRoot(db: Db, unitId: string, year: number): boolean {
  const tops = stmt<[{ year: number }], { unit_id: string }>(
    db,
    `SELECT v.unit_id FROM unit_versions v JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
     WHERE v.parent_id IS NULL AND v.deleted_at IS NULL AND ${VALID_IN_YEAR} LIMIT 2`,
  ).all({ year });
  if (tops.length !== 1 || tops[0]?.unit_id !== unitId) return false;
  const orphan = stmt<[{ year: number }], { id: string }>(
    db,
    `${MISSING_PARENTS} SELECT id FROM missing LIMIT 1`,
  ).get({ year });
  return orphan === undefined;
}

/** How many versions match a search, counted up to SMALL_MATCH_SET (an index read). */
function countMatches(db: Db, match: string): number {
  const row = stmt<[{ match: string }], { n: number }>(
    db,
    `SELECT count(*) AS n FROM (SELECT rowid FROM unit_search WHERE unit_search MATCH :match
       LIMIT ${SMALL_MATCH_SET})`,
  ).get({ match });
  return row?.n ?? 0;
}

/** 2 when the row's code is what was typed, plus 1 when its name is. */
const RANK = 'coalesce(v.code_folded = :exact, 0) * 2 + (v.name_folded = :exact)';
const ORDER = 'u.official_order IS NULL, u.official_order, v.sort_key, v.unit_id';

/** The whole list, or its first `limit` rows, in the register's order. */
export function listUnits(db: Db, filter: UnitFilter & PageRequest): UnitList {
  if (filter.pageSize !== undefined || filter.after !== undefined) {
    return pageOfUnits(db, filter, true);
  }
  // The first rows of a picker are the first page: read in the register's order from the index,
  // never a sort of every match.
  if (filter.limit !== undefined) {
    const { year, rows } = pageOfUnits(db, { ...filter, pageSize: filter.limit }, false);
    return { year, rows };
  }
  const f = filterSql(db, filter);
  const rank = f.exact ? RANK : '0';
  const sql = `${f.prefix}SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank ${fromClause()}
    ${f.where} ORDER BY exact_rank DESC, ${ORDER}`;
  const records = stmt<[Params], SortedRecord>(db, sql).all(f.params);
  return { year: filter.year, rows: records.map(toUnitRow) };
}

/**
 * The parts of the list in their order, each read by its own query: exact matches, units with an
 * official order, the rest. A page reads from the part its cursor is in and goes on into the
 * next parts until it is full.
 */
type Part = 'exact' | 'ordered' | 'rest';

function partOf(p: PagePosition): Part {
  if (p.rank > 0) return 'exact';
  return p.order === null ? 'rest' : 'ordered';
}

const PART_ORDER: readonly Part[] = ['exact', 'ordered', 'rest'];

/**
 * The parts a list has: exact matches only for a search; units with an official order only when
 * some unit has one (most registers have none: one query saved on every page).
 */
function partsOf(db: Db, search: boolean): Part[] {
  const ordered = stmt<[], { one: number }>(
    db,
    `SELECT 1 AS one FROM units INDEXED BY units_by_official_order
     WHERE official_order IS NOT NULL AND deleted_at IS NULL LIMIT 1`,
  ).get();
  return PART_ORDER.filter((p) => (p === 'exact' ? search : p === 'ordered' ? !!ordered : true));
}

/** The parts a page reads, in order, each with the position to resume after (its first: the cursor's). */
function partsFrom(parts: Part[], from: PagePosition | null): [Part, PagePosition | null][] {
  if (from === null) return parts.map((p) => [p, null]);
  const at = PART_ORDER.indexOf(partOf(from));
  return parts
    .filter((p) => PART_ORDER.indexOf(p) >= at)
    .map((p) => [p, PART_ORDER.indexOf(p) === at ? from : null]);
}

function positionOf(r: SortedRecord): PagePosition {
  return { rank: r.exact_rank, order: r.official_order, key: r.sort_key, id: r.unit_id };
}

/**
 * Conditions and order of one part, resuming after `from` when the cursor is in this part.
 * `anyOrdered`: whether some live unit has an official order (if none, the rest part needs no
 * test of it, and so no read of the unit's row).
 */
function partSql(
  part: Part,
  from: PagePosition | null,
  params: Params,
  anyOrdered = true,
): [string, string] {
  const set = (p: PagePosition) => {
    params.afterNegRank = -p.rank;
    params.afterNull = p.order === null ? 1 : 0;
    params.afterOrder = p.order ?? 0;
    params.afterKey = p.key;
    params.afterId = p.id;
  };
  if (from) set(from);
  switch (part) {
    case 'exact':
      return [
        ' AND (v.code_folded = :exact OR v.name_folded = :exact)' +
          (from
            ? ` AND (-(${RANK}), u.official_order IS NULL, coalesce(u.official_order, 0), v.sort_key,
                  v.unit_id) > (:afterNegRank, :afterNull, :afterOrder, :afterKey, :afterId)`
            : ''),
        `${RANK} DESC, ${ORDER}`,
      ];
    case 'ordered':
      return [
        ' AND u.official_order IS NOT NULL' +
          (from
            ? ' AND (u.official_order, v.sort_key, v.unit_id) > (:afterOrder, :afterKey, :afterId)'
            : ''),
        'u.official_order, v.sort_key, v.unit_id',
      ];
    case 'rest':
      return [
        (anyOrdered ? ' AND u.official_order IS NULL' : '') +
          (from ? ' AND (v.sort_key, v.unit_id) > (:afterKey, :afterId)' : ''),
        'v.sort_key, v.unit_id',
      ];
  }
}

/** Which index walks the register in its order for this filter (its kind's or sector's, if any). */
function walkOf(filter: UnitFilter): Read {
  if (filter.kind) return 'walk-kind';
  if (filter.sector) return 'walk-sector';
  return 'walk';
}

function pageOfUnits(db: Db, filter: UnitFilter & PageRequest, counted: boolean): UnitList {
  const size = filter.pageSize ?? DEFAULT_PAGE_SIZE;
  const from = filter.after === undefined ? null : decodeCursor(filter.after);
  const first = counted && from === null;
  // A first page that gives the total counts the matches anyway: its plan is chosen up front.
  const f = filterSql(db, filter, first);
  const parts = partsOf(db, f.exact !== '');
  const anyOrdered = parts.includes('ordered');
  const rows: SortedRecord[] = [];
  // The total when the page's own read counted it (count(*) OVER the sorted set).
  let windowTotal = false;
  let countedRows = 0;
  for (const [part, resume] of partsFrom(parts, from)) {
    if (rows.length > size) break;
    const limit = size + 1 - rows.length;
    if (part === 'rest' && f.probe && f.bits !== null) {
      const found = probePart(db, f, f.bits, resume, limit);
      // A full page within the window is the walk's first rows; otherwise the plan is chosen as
      // before (full-text matches sorted, or the whole walk) and the part read again.
      rows.push(
        ...(found.length === limit
          ? found
          : readPart(db, filterSql(db, filter), filter, part, resume, limit, false, anyOrdered)
              .rows),
      );
      continue;
    }
    if (part === 'rest' && f.narrow && first && parts.length === 1) windowTotal = true;
    const read = readPart(db, f, filter, part, resume, limit, windowTotal, anyOrdered);
    if (windowTotal) countedRows = read.total;
    rows.push(...read.rows);
  }
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  const next = rows.length > size && last ? encodeCursor(positionOf(last)) : null;
  const list: UnitList = { year: filter.year, rows: page.map(toUnitRow), next };
  if (windowTotal) {
    list.total = countedRows;
  } else if (first) {
    const total = countUnits(db, f);
    if (total !== undefined) list.total = total;
  }
  return list;
}

/** Exact matches that are not an exact match: never in the later parts. */
function notExactOf(f: FilterSql, part: Part): string {
  return f.exact && part !== 'exact'
    ? ' AND v.name_folded <> :exact AND (v.code_folded IS NULL OR v.code_folded <> :exact)'
    : '';
}

/** Up to `limit` rows of one part from `resume` on; `total`: the set's size when `withTotal`. */
function readPart(
  db: Db,
  f: FilterSql,
  filter: UnitFilter,
  part: Part,
  resume: PagePosition | null,
  limit: number,
  withTotal: boolean,
  anyOrdered: boolean,
): { rows: SortedRecord[]; total: number } {
  const params: Params = { ...f.params, limit };
  const [where, order] = partSql(part, resume, params, anyOrdered);
  if (f.bits !== null) params.bits = f.bits;
  const notExact = notExactOf(f, part);
  const read: Read | undefined =
    part === 'ordered' ? 'ordered' : part === 'rest' && !f.narrow ? walkOf(filter) : undefined;
  const rank = f.exact ? RANK : '0';
  let sql: string;
  if (part === 'rest' && f.narrow) {
    // A small set (a subtree, a rare word) is sorted whole: only its keys, then the page's
    // rows are read in full (the parent's name looked up for 100 rows, not 3,000). On the
    // first page of a list that is this part alone, the same read counts it. With no official
    // order anywhere, a removed unit is the only one to leave out: found in the index of removed
    // units (a few) instead of reading every member's unit row.
    const units = anyOrdered
      ? 'JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL WHERE'
      : `WHERE NOT EXISTS (SELECT 1 FROM units r INDEXED BY units_removed
          WHERE r.id = v.unit_id AND r.deleted_at IS NOT NULL) AND`;
    sql = `SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank, page.total_rows
      FROM (${f.prefix}SELECT v.seq AS seq, ${withTotal ? 'count(*) OVER ()' : 'NULL'} AS total_rows
        FROM unit_versions v ${units} v.deleted_at IS NULL AND ${VALID_IN_YEAR} ${f.where}${where}${notExact}
        ORDER BY ${order} LIMIT :limit) page
      JOIN unit_versions v ON v.seq = page.seq
      JOIN units u ON u.id = v.unit_id
      LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
        AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
      ORDER BY ${order}`;
  } else if (read === 'walk' && f.bits !== null) {
    sql = blockWalkSql(f, resume, anyOrdered, 'LIMIT :limit');
  } else {
    sql = `${f.prefix}SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank ${fromClause(read)}
      ${f.where}${where}${notExact} ORDER BY ${order} LIMIT :limit`;
  }
  const found = stmt<[Params], SortedRecord & { total_rows?: number | null }>(db, sql).all(params);
  return { rows: found, total: withTotal ? (found[0]?.total_rows ?? 0) : 0 };
}

/**
 * The rest part of a wide search (no kind or sector) walked through the blocks of initials that
 * can hold its rows (search-blocks.ts), from `resume` on: the plain walk's rows in its order.
 */
function blockWalkSql(
  f: FilterSql,
  resume: PagePosition | null,
  anyOrdered: boolean,
  limit: string,
): string {
  const rank = f.exact ? RANK : '0';
  return `SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank
    FROM ${blockWalkFrom(resume !== null)}
    JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
    LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
      AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
    WHERE ${blockWalkWhere(resume !== null)} AND v.deleted_at IS NULL AND ${VALID_IN_YEAR}
      ${f.where}${anyOrdered ? ' AND u.official_order IS NULL' : ''}${notExactOf(f, 'rest')}
    ORDER BY ${BLOCK_ORDER} ${limit}`;
}

/**
 * The rest part of a plain search read from the register index's first PROBE_WINDOW entries
 * after the cursor, its words tested on the index entries alone (no table read for an entry that
 * does not match). Those entries are the walk's first ones in the same order, so when `limit`
 * rows match among them they are exactly the rows the whole walk would give first.
 */
function probePart(
  db: Db,
  f: FilterSql,
  bits: number,
  resume: PagePosition | null,
  limit: number,
): SortedRecord[] {
  const params: Params = { ...f.params, limit };
  if (resume) {
    params.afterKey = resume.key;
    params.afterId = resume.id;
  }
  params.bits = bits;
  const rank = f.exact ? RANK : '0';
  // The window is the walk's next entries through the blocks that can hold a match. The outer
  // order is the window's own (its columns, not the table's), so SQLite reads the window in order
  // and stops at the page's last row instead of sorting every match in it.
  const sql = `SELECT ${LIST_COLUMNS}, ${rank} AS exact_rank
    FROM (SELECT b.start AS block, b.mask AS block_mask, b.stop AS block_stop, v.seq AS seq, v.sort_key AS sort_key, v.unit_id AS unit_id,
        (v.deleted_at IS NULL AND ${VALID_IN_YEAR}${f.where}${notExactOf(f, 'rest')}) AS hit
      FROM ${blockWalkFrom(resume !== null)} WHERE ${blockWalkWhere(resume !== null)}
      ORDER BY ${BLOCK_ORDER} LIMIT ${PROBE_WINDOW}) w
    CROSS JOIN unit_versions v ON v.seq = w.seq
    JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
    LEFT JOIN unit_versions pv ON pv.unit_id = v.parent_id AND pv.deleted_at IS NULL
      AND pv.valid_from <= :year AND (pv.valid_to IS NULL OR pv.valid_to >= :year)
    WHERE w.hit AND u.official_order IS NULL
    ORDER BY w.block, w.block_mask, w.block_stop, w.sort_key, w.unit_id LIMIT :limit`;
  return stmt<[Params], SortedRecord>(db, sql).all(params);
}

/**
 * How many rows the whole list has; undefined for a search with very many matches, which would
 * take longer to count than the page itself.
 */
function countUnits(db: Db, f: FilterSql): number | undefined {
  const count = (sql: string) => stmt<[Params], { n: number }>(db, sql).get(f.params)?.n ?? 0;
  if (f.narrow) {
    return count(`${f.prefix}SELECT count(*) AS n FROM unit_versions v
      JOIN units u ON u.id = v.unit_id AND u.deleted_at IS NULL
      WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} ${f.where}`);
  }
  if (f.exact) return undefined;
  // The year's live versions from the index alone, less those of removed units (few): looking up
  // each version's unit would take longer than the page itself.
  const live =
    count(`SELECT count(*) AS n FROM unit_versions v INDEXED BY unit_versions_live_by_year
    WHERE v.deleted_at IS NULL AND ${VALID_IN_YEAR} ${f.where}`);
  const removed = count(`SELECT count(*) AS n FROM units u INDEXED BY units_removed
    CROSS JOIN unit_versions v ON v.unit_id = u.id
    WHERE u.deleted_at IS NOT NULL AND v.deleted_at IS NULL AND ${VALID_IN_YEAR} ${f.where}`);
  return live - removed;
}

/** A version of a live unit valid in :year for the unit named by `column`. */
const LIVE_IN_YEAR = (column: string) => `EXISTS (SELECT 1 FROM unit_versions p
    JOIN units pu ON pu.id = p.unit_id AND pu.deleted_at IS NULL
    WHERE p.unit_id = ${column} AND p.deleted_at IS NULL
      AND p.valid_from <= :year AND (p.valid_to IS NULL OR p.valid_to >= :year))`;

/**
 * `missing`: the units someone names as parent that are not in the register in :year, found by
 * stepping through the parent index one distinct value at a time (a few hundred seeks, not a read
 * of every version). Their units are at the top of the tree that year.
 */
const MISSING_PARENTS = `WITH RECURSIVE parents(id) AS (
    SELECT min(parent_id) FROM unit_versions WHERE parent_id IS NOT NULL
    UNION ALL
    SELECT (SELECT min(c.parent_id) FROM unit_versions c WHERE c.parent_id > parents.id)
    FROM parents WHERE parents.id IS NOT NULL),
  missing(id) AS (SELECT parents.id FROM parents
    WHERE parents.id IS NOT NULL AND NOT ${LIVE_IN_YEAR('parents.id')}) `;

/**
 * One level of the tree: the units directly under `parentId`, or the top (units with no parent
 * in the year: none, or one that is not in the register that year), a page at a time, each with
 * how many units it has directly under it.
 */
export function unitChildren(
  db: Db,
  input: { year: number; parentId?: string | undefined } & PageRequest,
): UnitChildren {
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const from = input.after === undefined ? null : decodeCursor(input.after);
  const params: Params = { year: input.year };
  let prefix = '';
  let where: string;
  if (input.parentId === undefined) {
    // The units without a parent, and those whose parent is not in the register this year.
    prefix = MISSING_PARENTS;
    where = ' AND (v.parent_id IS NULL OR v.parent_id IN (SELECT id FROM missing))';
  } else {
    where = ' AND v.parent_id = :parent';
    params.parent = input.parentId;
  }
  const childCount = `(SELECT count(*) FROM unit_versions c
      JOIN units cu ON cu.id = c.unit_id AND cu.deleted_at IS NULL
      WHERE c.parent_id = v.unit_id AND c.deleted_at IS NULL
        AND c.valid_from <= :year AND (c.valid_to IS NULL OR c.valid_to >= :year)) AS child_count`;
  const rows: (SortedRecord & { child_count: number })[] = [];
  for (const [part, resume] of partsFrom(partsOf(db, false), from)) {
    if (rows.length > size) break;
    const p: Params = { ...params, limit: size + 1 - rows.length };
    const [partWhere, order] = partSql(part, resume, p);
    const sql = `${prefix}SELECT ${LIST_COLUMNS}, 0 AS exact_rank, ${childCount} ${fromClause(part === 'ordered' ? 'ordered' : undefined)}
      ${where}${partWhere} ORDER BY ${order} LIMIT :limit`;
    rows.push(...stmt<[Params], SortedRecord & { child_count: number }>(db, sql).all(p));
  }
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return {
    year: input.year,
    rows: page.map((r): UnitTreeRow => ({ ...toUnitRow(r), childCount: r.child_count })),
    next: rows.length > size && last ? encodeCursor(positionOf(last)) : null,
  };
}
