// reports.progress as it was before the screen asked for no units (issue 10): every unit's row
// built and listed in its group and the totals. Tests compare its answer with the new one: the
// figures must be the same, the units listed the first ones of the old lists.
import type { ProgressReport, ReportUnit } from '../../shared/contract';
import type { ProgressQuery } from '../../electron/backend/reports/progress';
import { settleQuery } from '../../electron/backend/reports/progress';
import { yearsCrossScale } from '../../shared/domain/progress';
import { scaleForYear } from '../../shared/domain/scales';
import type { NamedCase } from '../../shared/domain/summary';
import { namedCaseText } from '../../shared/domain/summary';
import type { BackendContext } from '../../electron/backend/context';
import { phaseProgress } from '../../electron/backend/progress';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import { carryOver } from '../../electron/backend/reports/carry-over';
import {
  distribution,
  distributionYears,
  scaleBreaks,
  withoutLeadingEmpty,
} from '../../electron/backend/reports/distribution';
import { countGroup, reportUnit } from '../../electron/backend/reports/figures';
import { groupUnits } from '../../electron/backend/reports/grouping';
import { namedCaseOf } from '../../electron/backend/reports/named-cases';
import { reportNotes } from '../../electron/backend/reports/notes';
import { registerScope } from '../../electron/backend/reports/scope-register';
import type {
  ReportQuery,
  ScopeData,
  ScopedUnit,
} from '../../electron/backend/reports/scope-units';
import { watchlistScope } from '../../electron/backend/reports/scope-watchlist';
import { TRAJECTORY_LIMIT, trajectories } from '../../electron/backend/reports/trajectories';
import { transitionsOf } from '../../electron/backend/reports/transitions';

/** Named cases the summary tells ("Điển hình như …"); `namedCases` lists them all. */
const CASES_IN_SUMMARY = 10;

function resolveScope(ctx: BackendContext, input: ProgressQuery, q: ReportQuery): ScopeData {
  return input.scope.type === 'register'
    ? registerScope(ctx.db, input.scope.unitId, q)
    : watchlistScope(ctx.db, input.scope.watchlistId, input.scope.withExtending ?? false, q);
}

/**
 * The overall text, one paragraph per line: the totals' sentence, then each group's (one group
 * alone: its own only, not the same figures twice), then the named cases. The cases stay out of
 * the groups' sentences, so a document that sets them in a paragraph of their own (as
 * shared/domain/report-document.ts does) does not tell them twice.
 */
function overallSummary(
  groups: ProgressReport['groups'],
  totals: ProgressReport['totals'],
  cases: readonly NamedCase[],
): string {
  const paragraphs =
    groups.length === 1 && groups[0]
      ? [groups[0].summary]
      : [totals.summary, ...groups.map((g) => g.summary)];
  const told = cases.slice(0, CASES_IN_SUMMARY);
  if (told.length > 0) paragraphs.push(`Điển hình như ${told.map(namedCaseText).join('; ')}.`);
  return paragraphs.join('\n');
}

/** The old answer, computed afresh (never kept). */
export function referenceProgressReport(ctx: BackendContext, input: ProgressQuery): ProgressReport {
  return buildReport(ctx, input, settleQuery(input));
}

function buildReport(ctx: BackendContext, input: ProgressQuery, q: ReportQuery): ProgressReport {
  const scale = scaleOrThrow(q.year);
  const figures = phaseProgress(ctx.emit, 'report', 'figures', 1);
  figures(0);
  const data = resolveScope(ctx, input, q);
  const specs = groupUnits(data, q.groupBy);
  const rows = new Map(data.units.map((unit) => [unit, reportUnit(unit)]));
  const rowOf = (unit: ScopedUnit): ReportUnit => rows.get(unit) ?? reportUnit(unit);
  const groups = specs.map((spec) => countGroup(spec, scale, q, rowOf));
  const totals = countGroup(
    { key: 'total', name: 'Tổng số', description: data.totalDescription, units: data.units },
    scale,
    q,
    rowOf,
  );
  // In the groups' order, as the tables list the units.
  const cases = q.namedCases
    ? specs.flatMap((spec) =>
        spec.units.flatMap((unit) => {
          const c = namedCaseOf(unit);
          return c ? [{ unitId: unit.id, namedCase: c }] : [];
        }),
      )
    : [];
  figures(1);
  // Trajectories and carry-over follow the groups' order, units gone by year N last.
  const ordered: ScopeData = {
    ...data,
    units: [...specs.flatMap((s) => s.units), ...data.units.filter((u) => !u.exists)],
  };
  const allYears = distributionYears(q.fromYear, q.year);
  const fullChart = distribution(data, allYears, ctx.emit);
  // A start the user chose is kept as chosen; the default one skips years with nothing recorded.
  const chart =
    input.fromYear === undefined
      ? withoutLeadingEmpty(fullChart, q.compareYear ?? q.year)
      : fullChart;
  const years = chart.map((d) => d.year);
  const watched = trajectories(ordered, q.groupBy, years);
  const compareScaleId = q.compareYear === null ? null : (scaleForYear(q.compareYear)?.id ?? null);
  const crossesScale = q.compareYear !== null && yearsCrossScale(q.compareYear, q.year);
  return {
    year: q.year,
    compareYear: q.compareYear,
    scaleId: scale.id,
    compareScaleId,
    crossesScale,
    groupBy: q.groupBy,
    scope: data.scope,
    watchlist: data.watchlist,
    groups,
    totals,
    distribution: chart,
    transitions: transitionsOf(data.units, q.compareYear),
    trajectories: watched.items,
    scaleBreaks: scaleBreaks(years),
    notes: reportNotes({
      year: q.year,
      compareYear: q.compareYear,
      crossesScale,
      totals,
      anyCompared: data.units.some((u) => u.exists && u.compared),
      distribution: chart,
      scopeNotes: data.notes,
      trajectoriesCappedFrom: watched.cappedFrom,
      trajectoryLimit: TRAJECTORY_LIMIT,
    }),
    summary: overallSummary(
      groups,
      totals,
      cases.map((c) => c.namedCase),
    ),
    namedCases: cases.map((c) => ({ unitId: c.unitId, text: namedCaseText(c.namedCase) })),
    carryOver: carryOver(ordered, q),
  };
}
