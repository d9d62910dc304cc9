// A register report's figures for year N against N - 1 read from the summaries the writes keep
// (no unit walked, no rating looked up): year N's results per committee from the rating tallies
// (migration 12, ratings/tallies.ts), the pairs of ratings N - 1 → N per committee from the
// rating transitions (migration 18, ratings/transition-summary.ts: by pair number, one row per
// committee), the units of each committee from both. The nation's ~460 committees' rows instead
// of its 55,000 units and their two ratings. Read apart, by their ids: the units the report
// names (on a list, or at the lowest level in year N: the year's ratings at that level, from the
// covering year index; not when the carry-over list is asked apart) and the few units whose kind
// changed between the years (a pair the summary counts as like for like). Only for a
// consecutive pair without named cases; anything else is counted by walking. summaryPicks reads
// the named units alone, for the carry-over list asked apart.
import type { NotRatedReason, RatingScale } from '../../../shared/domain/scales';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import type { WatchComparison } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { committeeNames, namesInYear } from '../ratings/scope';
import {
  LISTED_WALK,
  NATION_WALK,
  SUBTREE_WALK,
  hasParent,
  walkedCommittees,
} from '../ratings/tallies';
import { SIDES } from '../ratings/transition-sides';
import type { SummaryQuestion } from '../ratings/transition-summary';
import { summaryGroups, summaryPairs } from '../ratings/transition-summary';
import type { Book, Cell, Pick } from './register-book';
import { countCell, countTrend, fact, groupOf, newBook } from './register-book';
import type { GroupCount } from './figures';
import { countUnits } from './figures';
import type { RatingFact, ReportQuery } from './scope-units';
import type { TwoYearRatingColumns } from '../ratings/store';

/** Compares two years' facts of a unit of kind `kind` (then `kindThen`), as the walk does. */
export type Compare = (
  compared: RatingFact | null,
  kindThen: UnitKind | null,
  current: RatingFact | null,
  kind: UnitKind | null,
) => WatchComparison | null;

const KINDS = 'kind IN (SELECT value FROM json_each(:kinds))';

/**
 * Year N's results per committee of the scope (every committee for the whole register), one row
 * per kept tally (a committee's kinds apart) in the order searched. Counting them is additive, so
 * the rows are counted as they come: a GROUP BY summing the kinds sorted the nation's ~1,700 rows
 * in a temporary B-tree (~0.8 ms of ~1.9) to sum almost nothing. A tally is a count, never below
 * 0; one fallen to 0 is kept by the triggers (migration 12) and left out here, as the HAVING of
 * the sum left it out.
 */
export const talliesSql = (walk: string | null) => `${walk ?? ''}SELECT t.parent_id, t.scale_id,
    t.level_code, t.not_rated_reason, t.exemplary, t.n
  FROM ${walk ? 'walked w CROSS JOIN rating_tallies t ON t.year = :year AND t.parent_id = w.unit_id' : 'rating_tallies t'}
  WHERE t.year = :year AND t.${KINDS} AND t.n <> 0`;

/** Units with an official order (few), probed in memory. */
const ORDERS = `orders AS MATERIALIZED (SELECT id, official_order FROM units
  WHERE official_order IS NOT NULL AND deleted_at IS NULL)`;

const PICKED = `(SELECT value FROM json_each(:watched) UNION SELECT value FROM json_each(:changed))`;

/**
 * Units of the scope read one by one, with their names and both years' ratings, in display
 * order (official order, sort key, id): year N's ratings at the lowest level (:lowest, by code),
 * the units on a list (:watched) and those whose kind changed (:changed). Once per path from the
 * scope to the unit's committee, as the walk meets them. Under a committee with a parent (a
 * province, a district: `children`) they are found among its committees' children, so a province
 * does not read the nation's year; for the nation or the whole register, among the year's
 * ratings at that level (the covering year index), which is as much reading and stops sooner.
 * Without the lowest level (`lowest` false: the screen's call, whose carry-over list is asked
 * apart) only the listed and changed units are looked up, by their ids, whatever the scope.
 */
export const unitsReadApartSql = (walk: string | null, children: boolean, lowest = true) => `${
  walk ? `${walk}, ${ORDERS} ` : `WITH ${ORDERS} `
}SELECT v.unit_id, v.parent_id, v.kind, v.name, v.code, v.sector,
    c.scale_id AS c_scale, c.level_code AS c_level, c.not_rated_reason AS c_reason,
    c.exemplary AS c_exemplary,
    p.scale_id AS p_scale, p.level_code AS p_level, p.not_rated_reason AS p_reason,
    p.exemplary AS p_exemplary
  FROM ${
    walk && children && lowest
      ? 'walked w CROSS JOIN unit_versions v INDEXED BY unit_versions_tree ON v.parent_id = w.unit_id'
      : `(${
          lowest
            ? `SELECT r.unit_id FROM ratings r INDEXED BY ratings_by_year
      WHERE r.year = :year AND r.deleted_at IS NULL
        AND r.level_code IN (SELECT value FROM json_each(:lowest))
    UNION `
            : ''
        }SELECT value AS unit_id FROM ${PICKED}) k
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = k.unit_id
  ${walk ? 'CROSS JOIN walked w ON w.unit_id = v.parent_id' : ''}`
  }
  LEFT JOIN ratings c INDEXED BY ratings_by_year
    ON c.year = :year AND c.unit_id = v.unit_id AND c.deleted_at IS NULL
  LEFT JOIN ratings p INDEXED BY ratings_by_year
    ON p.year = :compareYear AND p.unit_id = v.unit_id AND p.deleted_at IS NULL
  LEFT JOIN orders o ON o.id = v.unit_id
  WHERE v.deleted_at IS NULL AND v.valid_from <= :year
    AND (v.valid_to IS NULL OR v.valid_to >= :year) AND v.${KINDS}${
      walk && children && lowest
        ? `
    AND (c.level_code IN (SELECT value FROM json_each(:lowest)) OR v.unit_id IN ${PICKED})`
        : ''
    }
  ORDER BY o.official_order IS NULL, o.official_order, v.sort_key, v.unit_id`;

/** One year's side of a pair as the summary keeps it: found, then its scale and level. */
interface PairSide {
  found: boolean;
  scale: string | null;
  level: string | null;
}

interface PairFacts {
  compared: RatingFact | null;
  current: RatingFact | null;
  comparison: WatchComparison | null;
  /** The transition table's cell the pair counts into, once it has been counted once. */
  cell: Cell | null;
}

/** A side of SIDES (transition-sides.ts) as summaryPairs hands it over. */
const CODED_SIDES: readonly PairSide[] = SIDES.map((side) => ({
  found: side.state !== 0,
  scale: side.state === 0 ? null : side.scale,
  level: side.state === 1 ? side.level : null,
}));

/**
 * One committee's count of one pair of sides; `key` names the pair of sides (its pair number, or
 * the sides as JSON when read as stored).
 */
type EachPair = (
  parentId: string | null,
  key: number | string,
  a: PairSide,
  b: PairSide,
  n: number,
) => void;

/**
 * The pairs N - 1 → N of each committee, handed to `each` one by one in the order read: by pair
 * number (summaryGroups: each group's pairs in one row, no object of six strings per kept row,
 * and none built here either: the ~7,400 pairs of the nation are walked twice), or as stored when
 * a number is missing (summaryPairs: a rating no scale knows, a committee walked twice); null
 * when the summary does not answer the question. Both give the same counts per group and pair of
 * sides.
 */
function pairsOf(db: Db, question: SummaryQuestion): ((each: EachPair) => void) | null {
  const coded = summaryGroups(db, question);
  if (coded) {
    return (each) => {
      for (const group of coded) {
        const { groupId, pairs } = group;
        for (let i = 0; i + 1 < pairs.length; i += 2) {
          const code = pairs[i] ?? 0;
          const a = CODED_SIDES[Math.floor(code / SIDES.length)];
          const b = CODED_SIDES[code % SIDES.length];
          if (!a || !b) throw new Error(`pair ${code} has no sides`);
          each(groupId, code, a, b, pairs[i + 1] ?? 0);
        }
      }
    };
  }
  const stored = summaryPairs(db, question);
  if (!stored) return null;
  const rows = stored.map((p) => {
    const a = { found: p.a_found === 1, scale: p.a_scale, level: p.a_level };
    const b = { found: p.b_found === 1, scale: p.b_scale, level: p.b_level };
    return { parentId: p.parent_id, key: JSON.stringify([a, b]), a, b, n: p.n };
  });
  return (each) => {
    for (const p of rows) each(p.parentId, p.key, p.a, p.b, p.n);
  };
}

interface TallyRow {
  parent_id: string;
  scale_id: string;
  level_code: string;
  not_rated_reason: NotRatedReason | '';
  exemplary: number;
  n: number;
}

interface ApartRow extends TwoYearRatingColumns {
  unit_id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  code: string | null;
  sector: UnitSector | null;
}

export interface SummaryInput {
  committeeId: string | null;
  q: ReportQuery;
  scale: RatingScale;
  kinds: UnitKind[];
  /**
   * The units on a list covering year N, the lowest levels' codes (null: the lowest level not
   * named, the carry-over list being asked apart), the kinds changed.
   */
  watched: string[];
  lowest: string | null;
  kindsThen: Map<string, UnitKind>;
  compare: Compare;
}

/** Whether the summaries answer the question: year N against N - 1, no named cases. */
function answered(q: ReportQuery): q is ReportQuery & { compareYear: number } {
  return q.compareYear !== null && q.compareYear === q.year - 1 && !q.namedCases;
}

/**
 * The walk of the scope's committees in year N (none: the whole register) and its parameters;
 * `children` when it walks down a subtree (SUBTREE_WALK: its units read apart are found among its
 * committees' children). `listed`: walked once here and handed to the statements as a list
 * (walked, LISTED_WALK), for a caller with several statements over the same walk.
 */
function scopeWalk(
  db: Db,
  committeeId: string | null,
  year: number,
  kinds: UnitKind[],
  listed = false,
) {
  const params: Record<string, string | number> = { year, kinds: JSON.stringify(kinds) };
  if (committeeId === null) return { walk: null, children: false, params, walked: undefined };
  if (listed) {
    const { walked, subtree } = walkedCommittees(db, committeeId, year);
    return { walk: LISTED_WALK, children: subtree, params: { ...params, walked }, walked };
  }
  const children = hasParent(db, committeeId, year);
  params.scope = committeeId;
  return { walk: children ? SUBTREE_WALK : NATION_WALK, children, params, walked: undefined };
}

/**
 * The units the report names, read as summaryBook reads them (readApart) and nothing counted:
 * the carry-over list asked apart needs only them and their committees' names. Null when
 * summaryBook would not answer the question.
 */
export function summaryPicks(
  db: Db,
  input: SummaryInput,
): { picks: Pick[]; names: ReadonlyMap<string, string> } | null {
  const { committeeId, q, scale, kinds } = input;
  if (!answered(q)) return null;
  const { walk, children, params } = scopeWalk(db, committeeId, q.year, kinds);
  // The kind changes' trends readApart corrects are counted into a book thrown away.
  const scratch = newBook(scale);
  readApart(db, input, { walk, children, params }, scratch, new Map());
  const names = namesInYear(
    db,
    q.year,
    scratch.picks.map((p) => p.parentId),
  );
  return { picks: scratch.picks, names };
}

/** The book of the scope from the summaries, or null when they do not answer the question. */
export function summaryBook(
  db: Db,
  input: SummaryInput,
): {
  book: Book;
  names: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, string | null>;
} | null {
  const { committeeId, q, scale, kinds, compare } = input;
  if (!answered(q)) return null;
  const compareYear = q.compareYear;
  // The tallies, the pairs and the listed units read the scope's walk: walked once, handed over
  // as a list. The units at the lowest level (the one call's carry-over list) walk it again:
  // joined to a list, SQLite scanned it for each of them (no automatic index on json_each).
  const listed = scopeWalk(db, committeeId, q.year, kinds, true);
  const { walk, params, walked } = listed;
  const question = {
    fromYear: compareYear,
    toYear: q.year,
    scopeId: committeeId ?? undefined,
    kinds,
    walked,
  };
  const pairs = pairsOf(db, question);
  if (!pairs) return null;
  const tallies = stmt<[Record<string, string | number>], TallyRow>(db, talliesSql(walk)).all(
    params,
  );
  // Each committee's units (in the order its pairs come: the order the names were asked in).
  const units = new Map<string | null, number>();
  pairs((parentId, _key, _a, _b, n) => units.set(parentId, (units.get(parentId) ?? 0) + n));
  const { names, keys } = committeeNames(db, q.year, units.keys());
  const book = newBook(scale);
  // Year N's results; a committee's units with none are missing.
  const recorded = new Map<string | null, number>();
  for (const t of tallies) {
    const parentId = t.parent_id === '' ? null : t.parent_id;
    const current = fact(
      q.year,
      t.scale_id,
      t.level_code === '' ? null : t.level_code,
      t.not_rated_reason === '' ? null : t.not_rated_reason,
      t.exemplary,
    );
    const unit = { current, compared: null, comparison: null };
    const group = groupOf(book, parentId, names, scale);
    countUnits(group, unit, scale, t.n);
    countUnits(book.totals, unit, scale, t.n);
    recorded.set(parentId, (recorded.get(parentId) ?? 0) + t.n);
  }
  for (const [parentId, n] of units) {
    const missing = n - (recorded.get(parentId) ?? 0);
    if (missing === 0) continue;
    const unit = { current: null, compared: null, comparison: null };
    const group = groupOf(book, parentId, names, scale);
    countUnits(group, unit, scale, missing);
    countUnits(book.totals, unit, scale, missing);
  }
  // The pairs: each rated unit's trend (as like for like: no kind is kept), and the table.
  // A pair's facts and trend depend on its two sides only: worked out once per pair of sides.
  // Its table cell too: found by its levels' key string once, then added to (a cell, once made,
  // stays the same object: countCell's string key is not built ~7,400 times). A committee's pairs come together: its group is looked up once.
  const sides = new Map<number | string, PairFacts>();
  let lastParent: string | null | undefined;
  let lastGroup: GroupCount | undefined;
  pairs((parentId, key, a, b, n) => {
    let known = sides.get(key);
    if (!known) {
      const compared = a.found ? fact(compareYear, a.scale, a.level, null, 0) : null;
      const current = b.found ? fact(q.year, b.scale, b.level, null, 0) : null;
      known = { compared, current, comparison: compare(compared, null, current, null), cell: null };
      sides.set(key, known);
    }
    const { compared, current, comparison } = known;
    if (known.cell) {
      // countCell's work for a cell it has made: the count, and a compared side seen.
      known.cell.count += n;
      if (compared) book.anyCompared = true;
    } else {
      known.cell = countCell(book, compared, current, n);
    }
    if (current?.levelCode) {
      if (lastGroup === undefined || lastParent !== parentId) {
        lastGroup = groupOf(book, parentId, names, scale);
        lastParent = parentId;
      }
      countTrend(book, lastGroup, comparison, compared?.levelCode ?? null, n);
    }
  });
  readApart(
    db,
    input,
    input.lowest === null ? listed : scopeWalk(db, committeeId, q.year, kinds),
    book,
    names,
  );
  return { book, names, keys };
}

/**
 * The units read by id kept as a join to the walk keeps them: once per path the walk reached
 * their committee by (none when it never did), in the order read.
 */
function oncePerPath(rows: readonly ApartRow[], walked: string): ApartRow[] {
  const paths = new Map<string, number>();
  for (const id of JSON.parse(walked) as string[]) paths.set(id, (paths.get(id) ?? 0) + 1);
  const kept: ApartRow[] = [];
  for (const row of rows) {
    const n = row.parent_id === null ? 0 : (paths.get(row.parent_id) ?? 0);
    for (let i = 0; i < n; i++) kept.push(row);
  }
  return kept;
}

/**
 * The units named one by one (picks), and the kind changes: a unit whose kind changed between
 * the years was counted above as like for like; its trend is taken back and counted as the walk
 * counts it, from its kind in each year.
 */
function readApart(
  db: Db,
  input: SummaryInput,
  scope: {
    walk: string | null;
    children: boolean;
    params: Record<string, string | number>;
    walked?: string | undefined;
  },
  book: Book,
  names: ReadonlyMap<string, string>,
): void {
  const { q, scale, watched, lowest, kindsThen, compare } = input;
  const { walk, children, params, walked } = scope;
  const compareYear = q.compareYear ?? -1;
  // Only the listed and changed units, by id, with the walk at hand: read without it and kept
  // once per path to their committee in JS (joined to the list, SQLite scanned it for each unit).
  const byId = lowest === null && walked !== undefined;
  const sql = unitsReadApartSql(byId ? null : walk, children, lowest !== null);
  const read = stmt<[Record<string, string | number>], ApartRow>(db, sql).all({
    ...(byId ? { year: params.year ?? q.year, kinds: params.kinds ?? '[]' } : params),
    compareYear,
    ...(lowest === null ? {} : { lowest }),
    watched: JSON.stringify(watched),
    changed: JSON.stringify([...kindsThen.keys()]),
  });
  const rows = byId ? oncePerPath(read, walked) : read;
  const watchedSet = new Set(watched);
  const lowestCodes = new Set(lowest === null ? [] : (JSON.parse(lowest) as string[]));
  for (const r of rows) {
    const current = fact(q.year, r.c_scale, r.c_level, r.c_reason, r.c_exemplary);
    const compared = fact(compareYear, r.p_scale, r.p_level, r.p_reason, r.p_exemplary);
    const kindThen = kindsThen.get(r.unit_id) ?? null;
    const comparison = compare(compared, kindThen ?? r.kind, current, r.kind);
    if (kindThen !== null && current?.levelCode) {
      const group = groupOf(book, r.parent_id, names, scale);
      const level = compared?.levelCode ?? null;
      countTrend(book, group, compare(compared, null, current, null), level, -1);
      countTrend(book, group, comparison, level, 1);
    }
    if (watchedSet.has(r.unit_id) || (r.c_level !== null && lowestCodes.has(r.c_level))) {
      book.picks.push({
        unitId: r.unit_id,
        parentId: r.parent_id,
        current,
        compared,
        comparison,
        shown: { name: r.name, code: r.code, sector: r.sector },
      });
    }
  }
}
