// A report over the register: the TCCSĐ of a committee's subtree as they stood in year N (or of
// the whole register), read as sets through the ratings' own queries, so a national register is
// a handful of statements, never one per unit.
import type { Rating } from '../../../shared/contract';
import { RATED_KINDS } from '../../../shared/domain/scales';
import type { UnitKind } from '../../../shared/domain/units';
import type { MemberStatus } from '../../../shared/domain/watchlists';
import { compareWatchYears } from '../../../shared/domain/watchlists';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';
import type { LevelRecord } from '../ratings/queries';
import { displayUnits, levelsOfYear, ratingsOfYear } from '../ratings/queries';
import { namesInYear, scopeUnits } from '../ratings/scope';
import type { RatingRecord } from '../ratings/store';
import { RATING_COLUMNS } from '../ratings/store';
import { loadUnit, nameAt, versionAt } from '../units/queries';
import { registerTotalDescription, WHOLE_REGISTER_TITLE } from './descriptions';
import type { RatingFact, ReportQuery, ScopeData, ScopedUnit, Selector } from './scope-units';
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

interface Membership {
  selector: Selector;
  status: MemberStatus;
}

function fromRating(r: Rating): RatingFact {
  return {
    year: r.year,
    scaleId: r.scaleId,
    levelCode: r.levelCode,
    notRatedReason: r.notRatedReason,
    exemplary: r.exemplary,
    rank: r.rank,
    change: r.change,
  };
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
function membershipsOfYear(db: Db, year: number): Map<string, Membership> {
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

export function registerScope(db: Db, committeeId: string | null, q: ReportQuery): ScopeData {
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
  const rows = displayUnits(db, q.year, { scopeId, kinds });
  const ids = rows.map((r) => r.unit_id);
  const current = ratingsOfYear(db, q.year, ids);
  const compareYear = q.compareYear;
  const compared =
    compareYear === null ? new Map<string, Rating>() : ratingsOfYear(db, compareYear, ids);
  // A unit's kind in the compared year: a village cell that became a TCCSĐ in 2025 does not
  // compare like for like with its rating as a subordinate cell (DOMAIN.md §4).
  const kindsThen =
    compareYear === null
      ? new Map<string, UnitKind>()
      : new Map(scopeUnits(db, compareYear, { unitIds: ids }).map((u) => [u.unit_id, u.kind]));
  const memberships = membershipsOfYear(db, q.year);
  const units: ScopedUnit[] = rows.map((row) => {
    const now = current.get(row.unit_id);
    const then = compared.get(row.unit_id);
    const currentFact = now ? fromRating(now) : null;
    const comparedFact = then ? fromRating(then) : null;
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
              watchPoint(comparedFact, kindsThen.get(row.unit_id) ?? null),
              watchPoint(currentFact, row.kind),
            ),
    };
  });
  return {
    type: 'register',
    scope: {
      type: 'register',
      id: committeeId,
      title: committeeName ?? WHOLE_REGISTER_TITLE,
    },
    watchlist: null,
    totalDescription: registerTotalDescription(committeeName),
    units,
    watchGroupOrder: [],
    mainIssuerId: null,
    notes,
    ratingsOfYear(year) {
      const inYear =
        year === q.year ? ids : scopeUnits(db, year, { scopeId, kinds }).map((u) => u.unit_id);
      const levels = levelsOfYear(db, year, inYear);
      return inYear.map((id) => {
        const r = levels.get(id);
        return r ? fromLevel(year, r) : null;
      });
    },
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
