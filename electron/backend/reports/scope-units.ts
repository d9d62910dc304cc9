// What a progress report covers, whatever its scope: the units listed with the facts every part
// of the report reads (year N's rating, the compared rating, the comparison, where the unit
// belongs). `scope-register.ts` and `scope-watchlist.ts` build it; the other modules only read it.
import type { ProgressReport } from '../../../shared/contract';
import type { NotRatedReason, QualitativeChange, Rank } from '../../../shared/domain/scales';
import { tierOf } from '../../../shared/domain/scales';
import type { UnitKind, UnitSector } from '../../../shared/domain/units';
import type { MemberStatus, WatchComparison, WatchPoint } from '../../../shared/domain/watchlists';
import type { ReportGrouping, SummaryStyle } from '../../../shared/methods/reports';
import type { RatingRecord } from '../ratings/store';

/** A rating as a report reads it, from the ratings table (either read path). */
export interface RatingFact {
  year: number;
  scaleId: string;
  levelCode: string | null;
  notRatedReason: NotRatedReason | null;
  exemplary: boolean;
  rank: Rank | null;
  change: QualitativeChange | null;
}

/** Units of one year with the same result: a level and its flag, not rated, or nothing recorded. */
export interface YearTally {
  levelCode: string | null;
  exemplary: boolean;
  /** A rating is recorded (with no level: not rated); false: no result yet. */
  recorded: boolean;
  count: number;
}

/** The list (and its issuing committee) that put a unit under consolidation. */
export interface Selector {
  listId: string;
  issuerId: string;
  issuerName: string;
}

export interface ScopedUnit {
  id: string;
  code: string | null;
  /** As of year N; a watchlist member's unit as of its list's year. */
  name: string;
  /** The committee directly above in year N. */
  parentId: string | null;
  parentName: string | null;
  sector: UnitSector | null;
  /** Null when the unit is on no list covering year N (register scope only). */
  selector: Selector | null;
  /** A watchlist member's group as the list shows it ("các đảng bộ huyện"); null otherwise. */
  watchGroup: string | null;
  /** A member's status on its list; null for a unit on no list. */
  status: MemberStatus | null;
  /** Counted in year N: the unit (or the unit it was merged into) exists that year. */
  exists: boolean;
  /** Year N's rating (of the unit followed after a merge); null when none is recorded. */
  current: RatingFact | null;
  compared: RatingFact | null;
  /** Null when the report compares with no year. */
  comparison: WatchComparison | null;
}

/** The report's settled input: defaults applied and checked. */
export interface ReportQuery {
  year: number;
  compareYear: number | null;
  fromYear: number;
  groupBy: ReportGrouping;
  style: SummaryStyle;
  namedCases: boolean;
}

/** A scope resolved: its units and how to read its other years. */
export interface ScopeData {
  type: 'register' | 'watchlist';
  scope: ProgressReport['scope'];
  watchlist: ProgressReport['watchlist'];
  /** What the totals' sentence counts: "TCCSĐ thuộc diện củng cố theo Nghị quyết 33-NQ/TU". */
  totalDescription: string;
  /** Units in display order (a watchlist: the "Biểu 01" order). */
  units: ScopedUnit[];
  /** The watchlist groups in the list's own order (a watchlist scope; empty otherwise). */
  watchGroupOrder: string[];
  /** The issuer that selected the list reported on (a watchlist scope), shown first. */
  mainIssuerId: string | null;
  /** Facts worth telling that only the scope knows (a member followed after a merge). */
  notes: string[];
  /** The scope's units existing in each year, counted by their result that year (the chart). */
  talliesOfYears(years: readonly number[]): Map<number, YearTally[]>;
  /** The ratings of some units over some years (trajectories), by unit id, oldest first. */
  histories(units: readonly ScopedUnit[], years: readonly number[]): Map<string, RatingFact[]>;
}

/** A rating fact as the comparison rules take it. */
export function watchPoint(fact: RatingFact | null, kind: UnitKind | null): WatchPoint | null {
  return fact ? { year: fact.year, scaleId: fact.scaleId, levelCode: fact.levelCode, kind } : null;
}

export function tierOfFact(fact: RatingFact | null): number | null {
  return fact ? tierOf(fact.scaleId, fact.levelCode) : null;
}

export function fromRecord(r: RatingRecord): RatingFact {
  return {
    year: r.year,
    scaleId: r.scale_id,
    levelCode: r.level_code,
    notRatedReason: r.not_rated_reason,
    exemplary: r.exemplary === 1,
    rank: r.rank,
    change: r.change,
  };
}
