// ratings.transitions of a whole register read from the pairs kept by the writes (migration 18,
// rating_transitions): the nation's year N - 1 → N reads its ~460 committees' counted pairs
// (~7,400 rows) instead of joining 55,000 units to their ratings of two years (p95 313 ms).
//
// Used when the pair is consecutive (the only pairs kept) and no list of units is given: for the
// whole register, a unit with no parent in the later year (the nation, or the root of a
// province's own installation: its committees read by NATION_WALK), and a unit under another (a
// province, a district: its own subtree's committees by SUBTREE_WALK, so a province's figures do
// not grow with the nation around it; counted live they cost a walk of its ~2,750 units and two
// rating lookups each, 1.3x more on a nation of 55,000 units than on one of 5,500). Any other
// question is counted live (transitions.ts). Both answer the same for any scope:
// test/backend/rating-transitions.test.ts compares them.
//
// summaryGroups hands each group over as one row: its pairs numbered by transition-sides.ts and
// joined into one string by SQLite, the groups read in the order of the table's key (the walked
// committees searched in id order), so the GROUP BY sorts nothing. Reading the ~7,400 rows one by
// one as objects with six strings cost more than SQLite's reading itself. A pair with a rating no
// scale knows has no number, and a committee the walk reaches twice (damaged data) is read once by
// the IN: then summaryPairs reads the rows as stored, one per (group, kind, pair) and path, and
// transitions.ts sums them as it sums the live count's rows.
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { LISTED_WALK, NATION_WALK, SUBTREE_WALK, hasParent } from './tallies';
import { PAIR_OF_RANKED, UNKNOWN_PAIR, rankedPairSql } from './transition-sides';

/** One group's count of one pair of ratings, as transitions.ts counts them live. */
export interface PairCount {
  parent_id: string | null;
  a_scale: string | null;
  a_level: string | null;
  a_found: number;
  b_scale: string | null;
  b_level: string | null;
  b_found: number;
  n: number;
}

export interface SummaryQuestion {
  fromYear: number;
  toYear: number;
  scopeId?: string | undefined;
  unitIds?: string[] | undefined;
  /** The rated kinds, already worked out (ratedKinds). */
  kinds: readonly UnitKind[];
  /**
   * The committees the scope's walk in `toYear` reached, as walkedCommittees lists them, when
   * the caller walked it already for its other statements (the same rows; the walk not run again).
   */
  walked?: string | undefined;
}

/** A kept row (versions 0), or a group's count of versions valid in the year (versions 1). */
interface Row {
  versions: 0 | 1;
  parent_id: string;
  from_state: number;
  from_scale: string;
  from_level: string;
  to_state: number;
  to_scale: string;
  to_level: string;
  n: number;
}

const KINDS = 'kind IN (SELECT value FROM json_each(:kinds))';

/**
 * The table's own key (a WITHOUT ROWID table's primary key is this index), not migration 23's
 * index of pair numbers: these rows are read when a pair has no number, which that index lists
 * first, and transitions.ts and the report count them in the order read, as they always were.
 */
const BY_KEY = 'INDEXED BY sqlite_autoindex_rating_transitions_1';

/**
 * The scope's kept rows of the year and its versions valid in the year by group; from the
 * walked committees to their rows (CROSS JOIN keeps that order), or every row unscoped.
 */
const rowsSql = (walk: string | null) => {
  const [prefix, kept, spans] = walk
    ? [
        walk,
        `walked w CROSS JOIN rating_transitions t ${BY_KEY} ON t.year = :year AND t.parent_id = w.unit_id`,
        'walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id',
      ]
    : ['', `rating_transitions t ${BY_KEY}`, 'version_spans s'];
  return `${prefix}SELECT 0 AS versions, t.parent_id, t.from_state, t.from_scale, t.from_level,
      t.to_state, t.to_scale, t.to_level, t.n
    FROM ${kept} WHERE t.year = :year AND t.${KINDS}
    UNION ALL
    SELECT 1, s.parent_id, 0, '', '', 0, '', '', s.n FROM ${spans}
    WHERE s.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0 AND s.${KINDS}`;
};

const groupOf = (parentId: string) => (parentId === '' ? null : parentId);

/** The walk and parameters of a question the summary answers, or null (see the head). */
function summaryRead(db: Db, question: SummaryQuestion) {
  const { fromYear, toYear, scopeId, unitIds, kinds } = question;
  if (fromYear !== toYear - 1 || unitIds) return null;
  const params: Record<string, string | number> = { year: toYear, kinds: JSON.stringify(kinds) };
  if (!scopeId) return { walk: null, params };
  if (question.walked !== undefined)
    return { walk: LISTED_WALK, params: { ...params, walked: question.walked } };
  const walk = hasParent(db, scopeId, toYear) ? SUBTREE_WALK : NATION_WALK;
  params.scope = scopeId;
  return { walk, params };
}

/** A pair with a side transition-sides.ts does not know. */
const UNKNOWN = UNKNOWN_PAIR;

/**
 * The row counting the committees the walk reached more than once (damaged data: a unit with
 * two parents or a loop). The live count lists their units once per path; `IN (walked)` reads
 * their pairs once, so then the rows are read as stored (summaryPairs), once per path.
 */
const WALKED_TWICE = 2;

/**
 * Per group, its kept pairs as "code:n" joined by commas and their sum (versions 0), or one of its
 * spans' count of versions valid in the year (versions 1, pairs NULL); for a walk, the count of
 * committees it reached twice (WALKED_TWICE). The kept rows are searched
 * by (year, parent, kind) for each walked committee in id order, or read in the key's order for
 * the whole register: both in parent order, so the GROUP BY needs no sort (EXPLAIN-tested). They
 * are read from migration 23's index, which holds each row's ranked pair number (rankedPairSql,
 * the same expression): covering, no CASE worked out per row, and each group's pairs in the
 * order of the table's key as before it.
 */
const groupsSql = (walk: string | null) => {
  const code = rankedPairSql('t');
  const [prefix, inScope, spans, twice] = walk
    ? [
        walk,
        'AND t.parent_id IN (SELECT unit_id FROM walked)',
        'walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id',
        `UNION ALL SELECT ${WALKED_TWICE}, '', count(*) - count(DISTINCT unit_id), NULL FROM walked`,
      ]
    : ['', '', 'version_spans s', ''];
  return `${prefix}SELECT 0 AS versions, t.parent_id, sum(t.n) AS n,
      group_concat(${code} || ':' || t.n) AS pairs
    FROM rating_transitions t WHERE t.year = :year AND t.${KINDS} ${inScope}
    GROUP BY t.parent_id
    UNION ALL
    SELECT 1, s.parent_id, s.n, NULL FROM ${spans}
    WHERE s.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0 AND s.${KINDS}
    ${twice}`;
};

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const COMMA = 44;
const MINUS = 45;

/**
 * A group's "code:n,code:n" as whole numbers, alternating; null when a code is UNKNOWN. Read
 * character by character: splitting the nation's ~7,400 entries into strings and converting
 * each cost more than the rest of the groups' handling. The text is SQLite's, of integers only.
 */
export function parsePairs(list: string): number[] | null {
  const pairs: number[] = [];
  let value = 0;
  let sign = 1;
  let digits = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : COMMA;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      value = value * 10 + (c - DIGIT_0);
      digits++;
    } else if (c === MINUS && digits === 0 && sign === 1) {
      sign = -1;
    } else if (digits > 0 && (c === COLON) === (pairs.length % 2 === 0)) {
      // A code before its colon, a count before its comma (or the end).
      const number = sign * value;
      if (c === COLON && number === UNKNOWN) return null;
      pairs.push(number);
      value = 0;
      sign = 1;
      digits = 0;
    } else {
      throw new Error(`unreadable pairs: ${list}`);
    }
  }
  return pairs;
}

/** One group's pairs: pair numbers (transition-sides.ts pairCode) and counts, alternating. */
export interface CodedGroup {
  groupId: string | null;
  pairs: number[];
}

/**
 * The groups' pairs from the summary by pair number, or null when the question is not one it
 * answers (summaryPairs), a kept pair has a rating no scale knows or the walk reached a committee
 * twice (then summaryPairs reads them as stored). A group's units with no rating in either year are its pair 0 (no rating → no rating).
 */
export function summaryGroups(db: Db, question: SummaryQuestion): CodedGroup[] | null {
  const read = summaryRead(db, question);
  if (!read) return null;
  const rows = stmt<[Record<string, string | number>], [0 | 1 | 2, string, number, string | null]>(
    db,
    groupsSql(read.walk),
  )
    .raw()
    .all(read.params);
  const groups = new Map<string, CodedGroup>();
  const unrated = new Map<string, number>();
  for (const [versions, parentId, n, list] of rows) {
    if (versions === WALKED_TWICE) {
      if (n !== 0) return null;
      continue;
    }
    unrated.set(parentId, (unrated.get(parentId) ?? 0) + (versions ? n : -n));
    if (list === null) continue;
    const pairs = parsePairs(list);
    if (pairs === null) return null;
    // SQLite numbers them ranked (the index's order, rankedPairSql): back to pair numbers.
    for (let i = 0; i < pairs.length; i += 2) {
      const code = PAIR_OF_RANKED[pairs[i] ?? -1];
      if (code === undefined) throw new Error(`pair ${pairs[i]} has no number`);
      pairs[i] = code;
    }
    groups.set(parentId, { groupId: groupOf(parentId), pairs });
  }
  for (const [parentId, n] of unrated) {
    if (n === 0) continue;
    const group = groups.get(parentId) ?? { groupId: groupOf(parentId), pairs: [] };
    group.pairs.push(0, n);
    groups.set(parentId, group);
  }
  return [...groups.values()];
}

/**
 * The groups' pairs from the summary, or null when the question is not one it answers (see the
 * head of this file). A group's units with no rating in either year are not kept: they are its
 * versions valid in the year (version_spans) minus its kept pairs, each version having exactly
 * one pair (a unit has at most one rating row a year). The caller has checked the scope exists.
 */
export function summaryPairs(db: Db, question: SummaryQuestion): PairCount[] | null {
  const read = summaryRead(db, question);
  if (!read) return null;
  const rows = stmt<[Record<string, string | number>], Row>(db, rowsSql(read.walk)).all(
    read.params,
  );
  const pairs: PairCount[] = [];
  const unrated = new Map<string, number>();
  for (const row of rows) {
    unrated.set(row.parent_id, (unrated.get(row.parent_id) ?? 0) + (row.versions ? row.n : -row.n));
    if (row.versions) continue;
    pairs.push({
      parent_id: groupOf(row.parent_id),
      a_found: row.from_state === 0 ? 0 : 1,
      a_scale: row.from_state === 0 ? null : row.from_scale,
      a_level: row.from_state === 1 ? row.from_level : null,
      b_found: row.to_state === 0 ? 0 : 1,
      b_scale: row.to_state === 0 ? null : row.to_scale,
      b_level: row.to_state === 1 ? row.to_level : null,
      n: row.n,
    });
  }
  for (const [parentId, n] of unrated) {
    if (n === 0) continue;
    pairs.push({
      parent_id: groupOf(parentId),
      a_found: 0,
      a_scale: null,
      a_level: null,
      b_found: 0,
      b_scale: null,
      b_level: null,
      n,
    });
  }
  return pairs;
}
