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
// The rows are read as stored, one per (group, kind, pair), and summed by transitions.ts as it
// sums the live count's rows: a GROUP BY here would sort them first, which cost more (~4x) than
// the reading itself.
import type { UnitKind } from '../../../shared/domain/units';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { NATION_WALK, SUBTREE_WALK, hasParent } from './tallies';

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
 * The scope's kept rows of the year and its versions valid in the year by group; from the
 * walked committees to their rows (CROSS JOIN keeps that order), or every row unscoped.
 */
const rowsSql = (walk: string | null) => {
  const [prefix, kept, spans] = walk
    ? [
        walk,
        'walked w CROSS JOIN rating_transitions t ON t.year = :year AND t.parent_id = w.unit_id',
        'walked w CROSS JOIN version_spans s ON s.parent_id = w.unit_id',
      ]
    : ['', 'rating_transitions t', 'version_spans s'];
  return `${prefix}SELECT 0 AS versions, t.parent_id, t.from_state, t.from_scale, t.from_level,
      t.to_state, t.to_scale, t.to_level, t.n
    FROM ${kept} WHERE t.year = :year AND t.${KINDS}
    UNION ALL
    SELECT 1, s.parent_id, 0, '', '', 0, '', '', s.n FROM ${spans}
    WHERE s.valid_from <= :year AND s.valid_to >= :year AND s.n <> 0 AND s.${KINDS}`;
};

const groupOf = (parentId: string) => (parentId === '' ? null : parentId);

/**
 * The groups' pairs from the summary, or null when the question is not one it answers (see the
 * head of this file). A group's units with no rating in either year are not kept: they are its
 * versions valid in the year (version_spans) minus its kept pairs, each version having exactly
 * one pair (a unit has at most one rating row a year). The caller has checked the scope exists.
 */
export function summaryPairs(db: Db, question: SummaryQuestion): PairCount[] | null {
  const { fromYear, toYear, scopeId, unitIds, kinds } = question;
  if (fromYear !== toYear - 1 || unitIds) return null;
  const walk = !scopeId ? null : hasParent(db, scopeId, toYear) ? SUBTREE_WALK : NATION_WALK;
  const params: Record<string, string | number> = { year: toYear, kinds: JSON.stringify(kinds) };
  if (scopeId) params.scope = scopeId;
  const rows = stmt<[Record<string, string | number>], Row>(db, rowsSql(walk)).all(params);
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
