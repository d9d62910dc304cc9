// What the Báo cáo screen asks for: the state of its controls and the contract input built from
// it. Kept apart from the controls so the rules (defaults, which groupings a scope offers) are
// one place the screen, the controls and the export share.
import type { MethodInput } from '../../../shared/contract';
import type { ReportGrouping, SummaryStyle } from '../../../shared/methods/reports';
import { REPORT_GROUPINGS } from '../../../shared/methods/reports';

/** A committee's subtree (unitId null: the whole register) or a watchlist not chosen yet (null). */
export type ScopeChoice =
  | { type: 'register'; unitId: string | null; unitName: string | null }
  | { type: 'watchlist'; watchlistId: string | null; withExtending: boolean };

/** 'previous' follows the report's year (N − 1); null compares with no year. */
export type CompareChoice = 'previous' | number | null;

export interface ReportQuery {
  scope: ScopeChoice;
  compare: CompareChoice;
  /** Null: the scope's own default (a watchlist's groups, the parent committee otherwise). */
  groupBy: ReportGrouping | null;
  summaryStyle: SummaryStyle;
  namedCases: boolean;
}

export const DEFAULT_QUERY: ReportQuery = {
  scope: { type: 'register', unitId: null, unitName: null },
  compare: 'previous',
  groupBy: null,
  summaryStyle: 'counts',
  namedCases: false,
};

/** The groupings a scope offers: a watchlist's own groups only for a watchlist. */
export function groupingsFor(scope: ScopeChoice): ReportGrouping[] {
  return REPORT_GROUPINGS.filter((g) => g !== 'watchlist_group' || scope.type === 'watchlist');
}

/** The grouping the report uses: the one chosen when the scope offers it, else the default. */
export function effectiveGrouping(query: ReportQuery): ReportGrouping {
  if (query.groupBy && groupingsFor(query.scope).includes(query.groupBy)) return query.groupBy;
  return query.scope.type === 'watchlist' ? 'watchlist_group' : 'parent';
}

export function compareYearOf(compare: CompareChoice, year: number): number | null {
  return compare === 'previous' ? year - 1 : compare;
}

/**
 * The report's question (reports.progress's input, and reports.carryOver's: the same), or null
 * while a watchlist scope has no list chosen.
 */
export function progressInput(
  query: ReportQuery,
  year: number,
): MethodInput<'reports.carryOver'> | null {
  const { scope } = query;
  let scopeInput: MethodInput<'reports.progress'>['scope'];
  if (scope.type === 'register') scopeInput = { type: 'register', unitId: scope.unitId };
  else if (scope.watchlistId === null) return null;
  else {
    scopeInput = {
      type: 'watchlist',
      watchlistId: scope.watchlistId,
      withExtending: scope.withExtending,
    };
  }
  return {
    year,
    compareYear: compareYearOf(query.compare, year),
    scope: scopeInput,
    groupBy: effectiveGrouping(query),
    summaryStyle: query.summaryStyle,
    namedCases: query.namedCases,
  };
}
