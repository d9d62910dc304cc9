// A register report's figures as the Báo cáo screen asks for them (no unit listed, grouped by
// the committee directly above): counted by SQLite over the subtree's light walk, which reads the
// tree index only, with each unit's two ratings probed in the ratings' covering year index. One
// row per committee and combination of facts (a few thousand for the nation) instead of a named,
// sorted object per unit (55,000). The units a report names one by one — those on a list (the
// trajectories, carry-over), those at the lowest level (carry-over) and, when asked, the big
// steps (named cases) — come out of the same statement as rows of their own, and only they are
// then read with their names. The answer equals the per-unit path's (scope-register.ts) for
// that call (test: reports-units-listed.test.ts, register-figures.test.ts).
import type { ProgressReport, ReportGroup } from '../../../shared/contract';
import type { RatingScale } from '../../../shared/domain/scales';
import { SCALES, tierOf } from '../../../shared/domain/scales';
import { compareVietnamese } from '../../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import type { WatchComparison } from '../../../shared/domain/watchlists';
import { compareWatchYears } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import { allOver, membersOf } from '../ratings/members';
import { namesInYear } from '../ratings/scope';
import type { CountedUnit, GroupCount } from './figures';
import { finishGroup } from './figures';
import type { Book, Cell, Pick } from './register-book';
import { countRow, fact, groupOf, newBook } from './register-book';
import type { Compare } from './register-summary';
import { summaryBook, summaryPicks } from './register-summary';
import { sortedByKeys } from './sorted-by-keys';
import type { Membership, Remarks } from './scope-register';
import { kindChanges, membershipsOfYear, registerScopeWith, remarksOfYear } from './scope-register';
import type { RatingFact, ReportQuery, ScopeData, ScopedUnit } from './scope-units';
import { watchPoint } from './scope-units';
import type { TwoYearRatingColumns } from '../ratings/store';

/** The codes of every level of tier `tier` in any scale. */
function levelsOfTier(tier: number): string[] {
  return [
    ...new Set(SCALES.flatMap((s) => s.levels.filter((l) => l.tier === tier).map((l) => l.code))),
  ];
}

const LOWEST = JSON.stringify(levelsOfTier(4));
const THIRD = JSON.stringify(levelsOfTier(3));
const FIRST = JSON.stringify(levelsOfTier(1));

const IS = (alias: 'c' | 'p', set: string) =>
  `${alias}.level_code IN (SELECT value FROM json_each(:${set}))`;

/**
 * The subtree's units counted by (committee, kind now and then, both years' ratings); a unit
 * the report may name — on a list (:watched), at the lowest level in year N, or (:named) at the
 * lowest or third level in the compared year — is a row of its own (`pick`). The levels are
 * matched by code alone, so a few more units may be picked than named (each part of the report
 * checks its own rule, by tier); never fewer. Kinds then (`withKindsThen`) are the few units
 * whose kind changed between the years (kindChanges); without any, nothing is joined.
 */
export const figuresSelect = (withKindsThen: boolean) => `${
  withKindsThen
    ? `, kinds_then AS MATERIALIZED (
    SELECT key AS unit_id, value AS kind FROM json_each(:kindsThen))`
    : ''
}
  SELECT m.parent_id, m.kind, ${withKindsThen ? 'kt.kind' : 'NULL'} AS kind_then,
    c.scale_id AS c_scale, c.level_code AS c_level, c.not_rated_reason AS c_reason,
    c.exemplary AS c_exemplary,
    p.scale_id AS p_scale, p.level_code AS p_level, p.not_rated_reason AS p_reason,
    p.exemplary AS p_exemplary,
    CASE WHEN ${IS('c', 'lowest')} OR m.unit_id IN (SELECT value FROM json_each(:watched))
      OR (:named AND (${IS('p', 'lowest')} OR (${IS('p', 'third')} AND ${IS('c', 'first')})))
    THEN m.unit_id END AS pick,
    count(*) AS n
  FROM members m
  LEFT JOIN ratings c INDEXED BY ratings_by_year
    ON c.year = :year AND c.unit_id = m.unit_id AND c.deleted_at IS NULL
  LEFT JOIN ratings p INDEXED BY ratings_by_year
    ON p.year = :compareYear AND p.unit_id = m.unit_id AND p.deleted_at IS NULL
  ${withKindsThen ? 'LEFT JOIN kinds_then kt ON kt.unit_id = m.unit_id' : ''}
  GROUP BY m.parent_id, m.kind, kind_then, c_scale, c_level, c_reason, c_exemplary,
    p_scale, p_level, p_reason, p_exemplary, pick`;

interface FigureRow extends TwoYearRatingColumns {
  parent_id: string | null;
  kind: UnitKind;
  kind_then: UnitKind | null;
  pick: string | null;
  n: number;
}

const ORDERS = `WITH orders AS MATERIALIZED (SELECT id, official_order FROM units
  WHERE official_order IS NOT NULL AND deleted_at IS NULL) `;
const VALID = `v.deleted_at IS NULL AND v.valid_from <= :year
  AND (v.valid_to IS NULL OR v.valid_to >= :year) AND v.kind IN (SELECT value FROM json_each(:kinds))`;

/** The picked units' versions of year N in display order (official order, sort key, id). */
export const PICKED_UNITS = `${ORDERS}SELECT v.unit_id, v.name, v.code, v.kind, v.sector, v.parent_id
  FROM json_each(:ids) j
  CROSS JOIN unit_versions v INDEXED BY unit_versions_by_unit ON v.unit_id = j.value
  LEFT JOIN orders o ON o.id = v.unit_id
  WHERE ${VALID}
  ORDER BY o.official_order IS NULL, o.official_order, v.sort_key, v.unit_id`;

/** A committee's first unit of year N in display order: ties between groups of equal names. */
export const FIRST_CHILD = `${ORDERS}SELECT o.official_order, v.sort_key, v.unit_id
  FROM unit_versions v INDEXED BY unit_versions_by_parent
  LEFT JOIN orders o ON o.id = v.unit_id
  WHERE v.parent_id = :parent AND ${VALID}
  ORDER BY o.official_order IS NULL, o.official_order, v.sort_key, v.unit_id LIMIT 1`;

/** A named unit's version of year N: what its row in the report shows. */
export interface PickedRecord {
  unit_id: string;
  name: string;
  code: string | null;
  sector: UnitSector | null;
  parent_id: string | null;
}

export interface DisplayKey {
  official_order: number | null;
  sort_key: string;
  unit_id: string;
}

/** The display order of two units (compareUnits, as the walk's ORDER BY sorts them). */
export function compareKeys(a: DisplayKey | undefined, b: DisplayKey | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  if ((a.official_order === null) !== (b.official_order === null)) {
    return a.official_order === null ? 1 : -1;
  }
  if (
    a.official_order !== null &&
    b.official_order !== null &&
    a.official_order !== b.official_order
  ) {
    return a.official_order - b.official_order;
  }
  if (a.sort_key !== b.sort_key) return a.sort_key < b.sort_key ? -1 : 1;
  return a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0;
}

/**
 * The first unit of year N (display order) under each of `parents`: what puts committees of one
 * name in order.
 */
export function firstChildren(
  db: Db,
  year: number,
  kinds: UnitKind[],
  parents: Iterable<string>,
): Map<string, DisplayKey | undefined> {
  const first = new Map<string, DisplayKey | undefined>();
  const params = { year, kinds: JSON.stringify(kinds) };
  const read = stmt<[Record<string, string | number>], DisplayKey>(db, FIRST_CHILD);
  for (const parent of parents) first.set(parent, read.get({ ...params, parent }));
  return first;
}

export interface RegisterFigures {
  /** The scope with the picked units only, in the groups' order, then display order. */
  data: ScopeData;
  groups: ReportGroup[];
  totals: ReportGroup;
  transitions: ProgressReport['transitions'];
  /** Some unit counted in year N has a rating of the compared year. */
  anyCompared: boolean;
}

/** After the four tiers: a level no scale knows, then no level at all (as transitions.ts). */
const UNKNOWN_TIER = 9;
const NO_LEVEL = 10;

function cellTier(scaleId: string | null, code: string | null): number {
  if (code === null || scaleId === null) return NO_LEVEL;
  return tierOf(scaleId, code) ?? UNKNOWN_TIER;
}

/** What the statement's rows add up to, before the scope's own description is known. */
interface Counted {
  groups: GroupCount[];
  totals: GroupCount;
  cells: Cell[];
  anyCompared: boolean;
  units: ScopedUnit[];
}

/**
 * What the answer must name: `lowest` false leaves the units at the lowest level out of the
 * named ones when the summaries count the figures (the screen asks for the carry-over list, which
 * alone names them, apart); named cases name some of them, so a walk still reads them.
 */
export interface FiguresOptions {
  lowest: boolean;
}

export function registerFigures(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
  scale: RatingScale,
  options: FiguresOptions = { lowest: true },
): RegisterFigures {
  // The scope's header (its title, notes, chart) is read as the per-unit path reads it; its
  // units are the picked ones, counted on the way.
  const holder: { counted?: Counted } = {};
  const data = registerScopeWith(db, committeeId, q, (kinds) => {
    holder.counted = countScope(db, committeeId, q, scale, kinds, options);
    return holder.counted.units;
  });
  const done = holder.counted;
  if (!done) throw new Error('the scope was not counted');
  const { groups, totals, cells, anyCompared } = done;
  totals.group.description = data.totalDescription;
  return {
    data,
    groups: groups.map((g) => finishGroup(g, scale, q)),
    totals: finishGroup(totals, scale, q),
    // No compared year, no table (as transitionsOf).
    transitions: (q.compareYear === null ? [] : cells)
      .sort(
        (a, b) =>
          cellTier(a.fromScale, a.from) - cellTier(b.fromScale, b.from) ||
          cellTier(a.toScale, a.to) - cellTier(b.toScale, b.to),
      )
      .map(({ from, to, count }) => ({ from, to, count })),
    anyCompared,
  };
}

/**
 * The groups in display order: by Vietnamese name, the units without a committee last; groups
 * of equal names in the order of their first unit, as the per-unit path meets them.
 */
function orderGroups(
  db: Db,
  year: number,
  kinds: UnitKind[],
  groups: Map<string | null, GroupCount>,
  /** The committees' names' stored sort keys, when read with the names (summaryBook). */
  keys?: ReadonlyMap<string, string | null>,
): [string | null, GroupCount][] {
  const entries = [...groups.entries()];
  const named = entries.filter(([id]) => id !== null);
  const byName = (a: [string | null, GroupCount], b: [string | null, GroupCount]) =>
    compareVietnamese(a[1].group.name, b[1].group.name);
  const tied = new Set<string>();
  const sorted =
    (keys &&
      sortedByKeys(
        named,
        ([id]) => (id === null ? undefined : keys.get(id)),
        ([, g]) => g.group.name,
      )) ??
    named.sort(byName);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a && b && byName(a, b) === 0) {
      if (a[0] !== null) tied.add(a[0]);
      if (b[0] !== null) tied.add(b[0]);
    }
  }
  if (tied.size > 0) {
    const first = firstChildren(db, year, kinds, tied);
    sorted.sort(
      (a, b) =>
        byName(a, b) ||
        compareKeys(
          a[0] === null ? undefined : first.get(a[0]),
          b[0] === null ? undefined : first.get(b[0]),
        ),
    );
  }
  return [...sorted, ...entries.filter(([id]) => id === null)];
}

/** Two years' facts compared as the report compares them, each distinct question worked out once. */
export function comparisonsOnce(): (
  compared: RatingFact | null,
  kindThen: UnitKind | null,
  current: RatingFact | null,
  kind: UnitKind | null,
) => WatchComparison {
  const comparisons = new Map<string, WatchComparison>();
  return (compared, kindThen, current, kind) => {
    const from = watchPoint(compared, kindThen);
    const to = watchPoint(current, kind);
    // What a comparison depends on (the years do not change a trend, only scales, levels, kinds).
    const key = `${from?.scaleId}|${from?.levelCode}|${from?.kind}|${to?.scaleId}|${to?.levelCode}|${to?.kind}`;
    let known = comparisons.get(key);
    if (!known) {
      known = compareWatchYears(from, to);
      comparisons.set(key, known);
    }
    return known;
  };
}

/** The walk's comparison: none without a compared year. */
function comparer(compareYear: number | null): Compare {
  const compare = comparisonsOnce();
  return (compared, kindThen, current, kind) =>
    compareYear === null ? null : compare(compared, kindThen, current, kind);
}

/**
 * The register scope with only the units its carry-over list may name (on a list, at the lowest
 * level), in the groups' order, when the summaries answer the question (year N against N - 1, no
 * named cases): read as registerFigures reads them, without counting the figures, since only the
 * order of their own groups matters. Null otherwise (the caller then counts the whole report).
 */
export function carryOverScope(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
  scale: RatingScale,
): ScopeData | null {
  if (q.compareYear === null || q.compareYear !== q.year - 1 || q.namedCases) return null;
  return registerScopeWith(db, committeeId, q, (kinds) => {
    const memberships = membershipsOfYear(db, q.year);
    const read = summaryPicks(db, {
      committeeId,
      q,
      scale,
      kinds,
      watched: [...memberships.keys()],
      lowest: LOWEST,
      kindsThen: q.compareYear === null ? new Map() : kindChanges(db, q.compareYear, q.year),
      compare: comparer(q.compareYear),
    });
    if (!read) throw new Error('the summaries answer year N against N - 1');
    // The groups of the named units, in the report's order (a subset keeps its relative order).
    const groups = newBook(scale);
    for (const p of read.picks) groupOf(groups, p.parentId, read.names, scale);
    const ordered = orderGroups(db, q.year, kinds, groups.groups);
    const rank = new Map(ordered.map(([id], i) => [id, i]));
    return namedUnits(db, q, kinds, read.picks, memberships, read.names).sort(
      (a, b) => (rank.get(a.parentId) ?? 0) - (rank.get(b.parentId) ?? 0),
    );
  });
}

function countScope(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
  scale: RatingScale,
  kinds: UnitKind[],
  options: FiguresOptions,
): Counted {
  const memberships = membershipsOfYear(db, q.year);
  const compareYear = q.compareYear;
  const kindsThen =
    compareYear === null ? new Map<string, UnitKind>() : kindChanges(db, compareYear, q.year);
  const compare = comparer(compareYear);
  const watched = [...memberships.keys()];
  const { book, names, keys } = summaryBook(db, {
    committeeId,
    q,
    scale,
    kinds,
    watched,
    lowest: options.lowest ? LOWEST : null,
    kindsThen,
    compare,
  }) ?? {
    ...walkBook(db, { committeeId, q, scale, kinds, watched, kindsThen, compare }),
    keys: undefined,
  };
  const ordered = orderGroups(db, q.year, kinds, book.groups, keys);
  const rank = new Map(ordered.map(([id], i) => [id, i]));
  return {
    groups: ordered.map(([, g]) => g),
    totals: book.totals,
    cells: [...book.cells.values()],
    anyCompared: book.anyCompared,
    units: namedUnits(db, q, kinds, book.picks, memberships, names).sort(
      (a, b) => (rank.get(a.parentId) ?? 0) - (rank.get(b.parentId) ?? 0),
    ),
  };
}

/** The book of the scope counted over its walk (figuresSelect). */
function walkBook(
  db: Db,
  input: {
    committeeId: string | null;
    q: ReportQuery;
    scale: RatingScale;
    kinds: UnitKind[];
    watched: string[];
    kindsThen: Map<string, UnitKind>;
    compare: Compare;
  },
): { book: Book; names: ReadonlyMap<string, string> } {
  const { committeeId, q, scale, kinds, kindsThen, compare } = input;
  const compareYear = q.compareYear;
  const members = membersOf(
    db,
    q.year,
    { scopeId: committeeId ?? undefined, kinds },
    { light: true },
  );
  const rows = allOver<FigureRow>(db, members, figuresSelect(kindsThen.size > 0), {
    compareYear: compareYear ?? -1,
    ...(kindsThen.size > 0 ? { kindsThen: JSON.stringify(Object.fromEntries(kindsThen)) } : {}),
    watched: JSON.stringify(input.watched),
    lowest: LOWEST,
    third: THIRD,
    first: FIRST,
    named: q.namedCases ? 1 : 0,
  });
  const names = namesInYear(
    db,
    q.year,
    rows.map((r) => r.parent_id),
  );
  const book = newBook(scale);
  for (const row of rows) {
    const current = fact(q.year, row.c_scale, row.c_level, row.c_reason, row.c_exemplary);
    const compared =
      compareYear === null
        ? null
        : fact(compareYear, row.p_scale, row.p_level, row.p_reason, row.p_exemplary);
    const unit = {
      current,
      compared,
      comparison: compare(compared, row.kind_then ?? row.kind, current, row.kind),
    };
    countRow(book, groupOf(book, row.parent_id, names, scale), unit, scale, row.n);
    if (row.pick !== null) {
      for (let i = 0; i < row.n; i++) {
        book.picks.push({ unitId: row.pick, parentId: row.parent_id, ...unit });
      }
    }
  }
  return { book, names };
}

/** The picked units with their names and remarks, in display order (official order, name, id). */
function namedUnits(
  db: Db,
  q: ReportQuery,
  kinds: UnitKind[],
  picks: Pick[],
  memberships: ReturnType<typeof membershipsOfYear>,
  names: ReadonlyMap<string, string>,
): ScopedUnit[] {
  if (picks.length === 0) return [];
  const ids = [...new Set(picks.map((p) => p.unitId))];
  // Read with their names already (the summaries' way), in display order; else read now, each
  // version of year N matched to the picks made under its committee.
  const pairs: [PickedRecord, Pick][] = picks.every((p) => p.shown)
    ? picks.flatMap((p): [PickedRecord, Pick][] =>
        p.shown ? [[{ unit_id: p.unitId, parent_id: p.parentId, ...p.shown }, p]] : [],
      )
    : matchRecords(db, q, kinds, ids, picks);
  const remarks = listedRemarks(
    db,
    q,
    ids.filter((id) => memberships.has(id)),
  );
  return pairs.map(([r, p]) => namedUnit(r, memberships.get(r.unit_id), names, p, remarks));
}

/** Both years' remarks (rank, mức độ chuyển biến) of the units on a list. */
export interface ListedRemarks {
  now: Map<string, Remarks>;
  then: Map<string, Remarks>;
}

export function listedRemarks(
  db: Db,
  q: { year: number; compareYear: number | null },
  listed: string[],
): ListedRemarks {
  return {
    now: remarksOfYear(db, q.year, listed),
    then: q.compareYear === null ? new Map() : remarksOfYear(db, q.compareYear, listed),
  };
}

/**
 * A unit the report names: its version of year N, its list (undefined: on none), its committee's
 * name, and both years' facts, a listed unit's with that year's remarks.
 */
export function namedUnit(
  r: PickedRecord,
  membership: Membership | undefined,
  names: ReadonlyMap<string, string>,
  facts: CountedUnit,
  remarks: ListedRemarks,
): ScopedUnit {
  const withRemarks = (f: RatingFact | null, of: Remarks | undefined): RatingFact | null =>
    f && of ? { ...f, rank: of.rank, change: of.change } : f;
  return {
    id: r.unit_id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    parentName: r.parent_id === null ? null : (names.get(r.parent_id) ?? null),
    sector: r.sector,
    selector: membership?.selector ?? null,
    watchGroup: null,
    status: membership?.status ?? null,
    exists: true,
    current: withRemarks(facts.current, remarks.now.get(r.unit_id)),
    compared: withRemarks(facts.compared, remarks.then.get(r.unit_id)),
    comparison: facts.comparison,
  };
}

/** The picked units' versions of year N in display order, each matched to its picks. */
function matchRecords(
  db: Db,
  q: ReportQuery,
  kinds: UnitKind[],
  ids: string[],
  picks: Pick[],
): [PickedRecord, Pick][] {
  const records = stmt<[Record<string, string | number>], PickedRecord>(db, PICKED_UNITS).all({
    ids: JSON.stringify(ids),
    year: q.year,
    kinds: JSON.stringify(kinds),
  });
  const byUnit = new Map<string, Pick[]>();
  for (const p of picks) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  return records.flatMap((r) =>
    (byUnit.get(r.unit_id) ?? [])
      .filter((p) => p.parentId === r.parent_id)
      .map((p): [PickedRecord, Pick] => [r, p]),
  );
}
