// A report over the register: the TCCSĐ of a committee's subtree as they stood in year N (or of
// the whole register), read as sets through the ratings' own queries, so a national register is
// a handful of statements, never one per unit.
import { RATED_KINDS } from '../../../shared/domain/scales';
import type { QualitativeChange, Rank } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import type { MemberStatus } from '../../../shared/domain/watchlists';
import { compareWatchYears } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { LevelRecord } from '../ratings/queries';
import { displayUnits, levelsOfYear } from '../ratings/queries';
import { namesInYear } from '../ratings/scope';
import { scopeTallies } from '../ratings/tallies';
import { chartTallies } from './chart-tallies';
import { totalsOfYears } from './register-totals';
import type { RatingRecord } from '../ratings/store';
import { RATING_COLUMNS } from '../ratings/store';
import { loadUnit, nameAt, versionAt } from '../units/queries';
import { registerTotalDescription, WHOLE_REGISTER_TITLE } from './descriptions';
import type {
  RatingFact,
  ReportQuery,
  ScopeData,
  ScopedUnit,
  Selector,
  YearTally,
} from './scope-units';
import { fromRecord, watchPoint } from './scope-units';

/** Every membership of a list covering the year; base lists first, then earlier decisions. */
const MEMBERSHIPS_OF_YEAR = `SELECT m.unit_id, m.status, w.id AS list_id, w.issuer_id
  FROM watchlists w JOIN watchlist_members m ON m.watchlist_id = w.id AND m.deleted_at IS NULL
  WHERE w.deleted_at IS NULL AND w.year <= :year AND coalesce(w.to_year, w.year) >= :year
  ORDER BY w.extends_id IS NOT NULL, coalesce(w.decided_on, '9999'), w.title, w.id`;

const RATINGS_OF_UNITS = `SELECT ${RATING_COLUMNS} FROM ratings
  WHERE deleted_at IS NULL AND year BETWEEN :from AND :to
    AND unit_id IN (SELECT value FROM json_each(:ids))
  ORDER BY unit_id, year`;

export interface Membership {
  selector: Selector;
  status: MemberStatus;
}

/**
 * Rank and "mức độ chuyển biến" of a year's ratings. A report reads them for the watched units
 * only (named cases tell a member's clear change, carry-over a member's slow one), apart from the
 * levels, which the covering index serves for every unit without touching the table.
 */
const REMARKS_OF_YEAR = `SELECT unit_id, rank, change FROM ratings
  WHERE year = :year AND deleted_at IS NULL AND (rank IS NOT NULL OR change IS NOT NULL)
    AND unit_id IN (SELECT value FROM json_each(:ids))`;

export interface Remarks {
  rank: Rank | null;
  change: QualitativeChange | null;
}

export function remarksOfYear(db: Db, year: number, unitIds: string[]): Map<string, Remarks> {
  if (unitIds.length === 0) return new Map();
  const rows = stmt<[{ year: number; ids: string }], Remarks & { unit_id: string }>(
    db,
    REMARKS_OF_YEAR,
  ).all({ year, ids: JSON.stringify(unitIds) });
  return new Map(rows.map((r) => [r.unit_id, { rank: r.rank, change: r.change }]));
}

/**
 * The levels of some units in a year, each looked up by (year, unit): a province's few thousand
 * units without reading the nation's year. CROSS JOIN keeps the ids first: otherwise SQLite may
 * read the whole year and scan the ids for each rating. The year's index holds every column
 * read (SQLite would take the (unit, year) index and read each rating's row: ~3× slower for a
 * province), and the ids come sorted, so consecutive look-ups fall on the same index pages.
 */
export const LEVELS_OF_UNITS = `SELECT r.unit_id, r.scale_id, r.level_code, r.not_rated_reason,
    r.exemplary
  FROM json_each(:ids) j CROSS JOIN ratings r INDEXED BY ratings_by_year
  WHERE r.year = :year AND r.unit_id = j.value AND r.deleted_at IS NULL`;

/** Above this many units (a large part of the nation), reading the whole year is cheaper. */
const LOOKUP_LIMIT = 15_000;

function levelsOfUnits(db: Db, year: number, unitIds: string[]): Map<string, LevelRecord> {
  if (unitIds.length > LOOKUP_LIMIT) return levelsOfYear(db, year, unitIds);
  const rows = stmt<[{ ids: string; year: number }], LevelRecord>(db, LEVELS_OF_UNITS).all({
    ids: JSON.stringify([...unitIds].sort()),
    year,
  });
  return new Map(rows.map((r) => [r.unit_id, r]));
}

/** Year N's (or the compared year's) ratings of the units, with the watched units' remarks. */
function factsOfYear(
  db: Db,
  year: number,
  unitIds: string[],
  watchedIds: string[],
): Map<string, RatingFact> {
  const levels = levelsOfUnits(db, year, unitIds);
  const remarks = remarksOfYear(db, year, watchedIds);
  const facts = new Map<string, RatingFact>();
  for (const [id, level] of levels) {
    const remark = remarks.get(id);
    facts.set(id, {
      ...fromLevel(year, level),
      rank: remark?.rank ?? null,
      change: remark?.change ?? null,
    });
  }
  return facts;
}

/**
 * Units whose kind in year `then` differs from their kind in year `now`, with the earlier kind.
 * Only a version that began after `then` can differ, so the index on valid_from reads just the
 * few versions of those years, never the whole register.
 */
const KIND_CHANGES = `SELECT w.unit_id, w.kind FROM unit_versions v
  JOIN unit_versions w ON w.unit_id = v.unit_id AND w.deleted_at IS NULL
    AND w.valid_from <= :then AND (w.valid_to IS NULL OR w.valid_to >= :then)
  WHERE v.deleted_at IS NULL AND v.valid_from > :then AND v.valid_from <= :now
    AND (v.valid_to IS NULL OR v.valid_to >= :now) AND w.kind <> v.kind`;

export function kindChanges(db: Db, then: number, now: number): Map<string, UnitKind> {
  const rows = stmt<[{ then: number; now: number }], { unit_id: string; kind: UnitKind }>(
    db,
    KIND_CHANGES,
  ).all({ then, now });
  return new Map(rows.map((r) => [r.unit_id, r.kind]));
}

/**
 * The units of the set existing in each year, counted by their result: read from the rating
 * tallies the writes keep (migration 12, ratings/tallies.ts), walking only the subtree's
 * committees (a nation's ~460, not its 55,000 units and their ratings), once for all the years
 * when they are consecutive (chart-tallies.ts). The units
 * of a year with no rating recorded are the year's units less its counted ratings.
 */
export function talliesOfYears(
  db: Db,
  years: readonly number[],
  filter: { scopeId: string | undefined; kinds: UnitKind[] },
): Map<number, YearTally[]> {
  const result = new Map<number, YearTally[]>();
  // A committee's consecutive years in one walk (chart-tallies.ts); else year by year.
  // A top unit's (the nation's) years from the register's totals when each is one clean tree
  // below it (register-totals.ts); else its committees' tallies, walked.
  const together =
    filter.scopeId === undefined
      ? null
      : (totalsOfYears(db, years, filter.scopeId, filter.kinds) ??
        chartTallies(db, years, filter.scopeId, filter.kinds));
  for (const year of years) {
    const { rated, units } =
      together?.get(year) ?? scopeTallies(db, year, filter.scopeId ?? null, filter.kinds);
    // In the order of their levels, as the walk it replaced grouped them: a level no scale knows
    // then comes in the same place among the chart's keys.
    const byLevel = [...rated].sort((a, b) =>
      a.level_code < b.level_code ? -1 : a.level_code > b.level_code ? 1 : 0,
    );
    const tallies: YearTally[] = byLevel.map((t) => ({
      levelCode: t.level_code === '' ? null : t.level_code,
      exemplary: t.exemplary === 1,
      recorded: true,
      count: t.n,
    }));
    const recorded = rated.reduce((sum, t) => sum + t.n, 0);
    if (units > recorded) {
      tallies.push({ levelCode: null, exemplary: false, recorded: false, count: units - recorded });
    }
    result.set(year, tallies);
  }
  return result;
}

function fromLevel(year: number, r: LevelRecord): RatingFact {
  return {
    year,
    scaleId: r.scale_id,
    levelCode: r.level_code,
    notRatedReason: r.not_rated_reason,
    exemplary: r.exemplary === 1,
    rank: null,
    change: null,
  };
}

/**
 * The list that selected each unit among the lists covering `year`: a province's own list wins
 * over a lower committee's list that adds to it, an earlier decision over a later one.
 */
export function membershipsOfYear(db: Db, year: number): Map<string, Membership> {
  const rows = stmt<
    [{ year: number }],
    { unit_id: string; status: MemberStatus; list_id: string; issuer_id: string }
  >(db, MEMBERSHIPS_OF_YEAR).all({ year });
  const issuers = namesInYear(
    db,
    year,
    rows.map((r) => r.issuer_id),
  );
  const result = new Map<string, Membership>();
  for (const r of rows) {
    if (result.has(r.unit_id)) continue;
    result.set(r.unit_id, {
      status: r.status,
      selector: {
        listId: r.list_id,
        issuerId: r.issuer_id,
        issuerName: issuers.get(r.issuer_id) ?? nameAt(db, r.issuer_id, year) ?? 'Cấp ủy',
      },
    });
  }
  return result;
}

/**
 * A register scope with the units given: its title, notes, description and how it reads its
 * other years (the chart's tallies, the trajectories' histories). The committee must exist.
 */
export function registerScopeWith(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
  units: (kinds: UnitKind[]) => ScopedUnit[],
): ScopeData {
  const notes: string[] = [];
  let committeeName: string | null = null;
  if (committeeId) {
    loadUnit(db, committeeId);
    committeeName = nameAt(db, committeeId, q.year) ?? 'Tổ chức';
    if (!versionAt(db, committeeId, q.year)) {
      notes.push(
        `${committeeName} không có trong năm ${q.year} (chưa thành lập hoặc đã kết thúc hoạt động).`,
      );
    }
  }
  const scopeId = committeeId ?? undefined;
  const kinds: UnitKind[] = [...RATED_KINDS];
  return {
    type: 'register',
    scope: {
      type: 'register',
      id: committeeId,
      title: committeeName ?? WHOLE_REGISTER_TITLE,
    },
    watchlist: null,
    totalDescription: registerTotalDescription(committeeName),
    units: units(kinds),
    watchGroupOrder: [],
    mainIssuerId: null,
    notes,
    talliesOfYears: (years) => talliesOfYears(db, years, { scopeId, kinds }),
    histories(shown, years) {
      const result = new Map<string, RatingFact[]>(shown.map((u) => [u.id, []]));
      if (shown.length === 0 || years.length === 0) return result;
      const records = stmt<[{ from: number; to: number; ids: string }], RatingRecord>(
        db,
        RATINGS_OF_UNITS,
      ).all({
        from: Math.min(...years),
        to: Math.max(...years),
        ids: JSON.stringify(shown.map((u) => u.id)),
      });
      for (const r of records) result.get(r.unit_id)?.push(fromRecord(r));
      return result;
    },
  };
}

/** The register scope with every unit of the subtree and its facts (the files list them all). */
export function registerScope(db: Db, committeeId: string | null, q: ReportQuery): ScopeData {
  return registerScopeWith(db, committeeId, q, (kinds) => scopeUnits(db, committeeId, q, kinds));
}

function scopeUnits(
  db: Db,
  committeeId: string | null,
  q: ReportQuery,
  kinds: UnitKind[],
): ScopedUnit[] {
  const scopeId = committeeId ?? undefined;
  const rows = displayUnits(db, q.year, { scopeId, kinds });
  const ids = rows.map((r) => r.unit_id);
  const memberships = membershipsOfYear(db, q.year);
  const watched = ids.filter((id) => memberships.has(id));
  const current = factsOfYear(db, q.year, ids, watched);
  const compareYear = q.compareYear;
  const compared =
    compareYear === null
      ? new Map<string, RatingFact>()
      : factsOfYear(db, compareYear, ids, watched);
  // A unit's kind in the compared year: a village cell that became a TCCSĐ in 2025 does not
  // compare like for like with its rating as a subordinate cell (DOMAIN.md §4).
  const kindsThen =
    compareYear === null ? new Map<string, UnitKind>() : kindChanges(db, compareYear, q.year);
  return rows.map((row) => {
    const currentFact = current.get(row.unit_id) ?? null;
    const comparedFact = compared.get(row.unit_id) ?? null;
    const membership = memberships.get(row.unit_id);
    return {
      id: row.unit_id,
      code: row.code,
      name: row.name,
      parentId: row.parent_id,
      parentName: row.parent_name,
      sector: row.sector,
      selector: membership?.selector ?? null,
      watchGroup: null,
      status: membership?.status ?? null,
      exists: true,
      current: currentFact,
      compared: comparedFact,
      comparison:
        compareYear === null
          ? null
          : compareWatchYears(
              watchPoint(comparedFact, kindsThen.get(row.unit_id) ?? row.kind),
              watchPoint(currentFact, row.kind),
            ),
    };
  });
}
