// reports.progress: the figures, the charts' data and the sentences of a progress report over a
// committee's subtree or a watchlist, year N against a compared year. Writes nothing. The scope
// is resolved once (scope-register.ts, scope-watchlist.ts); every other part reads that result.
import type {
  CarryOverUnit,
  ParsedInput,
  ProgressReport,
  ReportUnit,
} from '../../../shared/contract';
import { yearsCrossScale } from '../../../shared/domain/progress';
import { FIRST_RATING_YEAR, scaleForYear } from '../../../shared/domain/scales';
import type { NamedCase } from '../../../shared/domain/summary';
import { namedCaseText } from '../../../shared/domain/summary';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { memoized } from '../db/memo';
import { phaseProgress } from '../progress';
import type { RatingScale } from '../../../shared/domain/scales';
import { scaleOrThrow } from '../ratings/rules';
import { carryOver } from './carry-over';
import { distribution, distributionYears, scaleBreaks, withoutLeadingEmpty } from './distribution';
import { countGroup, reportUnit } from './figures';
import { groupUnits } from './grouping';
import { namedCaseOf } from './named-cases';
import { reportNotes } from './notes';
import { carryOverList } from './carry-over-units';
import { registerFigures } from './register-figures';
import { registerScope } from './scope-register';
import type { ReportQuery, ScopeData, ScopedUnit } from './scope-units';
import { watchlistScope } from './scope-watchlist';
import { TRAJECTORY_LIMIT, trajectories } from './trajectories';
import { transitionsOf } from './transitions';

export type ProgressQuery = Omit<ParsedInput<'reports.export'>, 'format' | 'document'>;

/**
 * What the screen may ask besides: fewer units listed per group (the files list them all), and
 * the answer without its carry-over list (asked apart: reportCarryOver).
 */
export type ProgressInput = ProgressQuery &
  Pick<ParsedInput<'reports.progress'>, 'unitsPerGroup' | 'carryOver'>;

/** Named cases the summary tells ("Điển hình như …"); `namedCases` lists them all. */
const CASES_IN_SUMMARY = 10;

/** Defaults applied and the years checked against each other (the schema checks each alone). */
export function settleQuery(input: ProgressQuery): ReportQuery {
  const { year } = input;
  const compareYear = input.compareYear === undefined ? year - 1 : input.compareYear;
  if (compareYear !== null && compareYear >= year) {
    throw new AppError(
      'INVALID_INPUT',
      `Năm so sánh (${compareYear}) phải trước năm báo cáo (${year}).`,
    );
  }
  const fromYear = input.fromYear ?? Math.max(year - 4, FIRST_RATING_YEAR);
  if (fromYear > year) {
    throw new AppError(
      'INVALID_INPUT',
      `Năm bắt đầu của biểu đồ (${fromYear}) không được sau năm báo cáo (${year}).`,
    );
  }
  const groupBy =
    input.groupBy ?? (input.scope.type === 'watchlist' ? 'watchlist_group' : 'parent');
  if (groupBy === 'watchlist_group' && input.scope.type !== 'watchlist') {
    throw new AppError(
      'INVALID_INPUT',
      'Chỉ nhóm theo "Nhóm trong danh sách" khi báo cáo một danh sách diện củng cố; ' +
        'với một cấp ủy, hãy nhóm theo cấp ủy cấp trên, cấp ủy lựa chọn hoặc loại hình.',
    );
  }
  return {
    year,
    compareYear,
    fromYear,
    groupBy,
    style: input.summaryStyle ?? 'counts',
    namedCases: input.namedCases ?? false,
  };
}

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

/** A province's report, the nation's, another: kept until the next write (db/memo.ts). */
const KEPT_REGISTER_REPORTS = 3;

/**
 * The report. A register scope reads every unit of a subtree over the chart's years (a province:
 * thousands, the nation: 55,000), so its answer is kept until the data changes; a watchlist's
 * few members are read each time.
 */
export function progressReport(ctx: BackendContext, input: ProgressInput): ProgressReport {
  const q = settleQuery(input);
  if (input.scope.type !== 'register') return buildReport(ctx, input, q);
  // Everything the answer depends on: the settled query, the scope, whether the chart's start
  // was chosen (a default start drops leading empty years) and how many units are listed.
  const key = `progress:${JSON.stringify([
    input.scope,
    q,
    input.fromYear === undefined,
    input.unitsPerGroup ?? null,
    input.carryOver ?? true,
  ])}`;
  return memoized(ctx.db, key, KEPT_REGISTER_REPORTS, () => buildReport(ctx, input, q));
}

/**
 * The carry-over list of the screen's report (reports.progress with no unit listed), asked apart
 * so the screen's first answer after a write does not wait for it: the nation's ~2,700 units at
 * the lowest level read one by one with their names. For year N against N - 1 by committee (the
 * screen's default) only the units the list may name are read, with their groups' order
 * (carry-over-units.ts); otherwise counted as that report counts it (the same `counted`), without the
 * chart, trajectories and sentences. A register scope's list is kept until the data changes, as
 * the report is.
 */
export function reportCarryOver(ctx: BackendContext, input: ProgressQuery): CarryOverUnit[] {
  const q = settleQuery(input);
  const build = () => {
    const scale = scaleOrThrow(q.year);
    // Year N against N - 1 by committee: only the named units and their groups' order are read.
    const named =
      input.scope.type === 'register' && q.groupBy === 'parent'
        ? carryOverList(ctx.db, input.scope.unitId, q)
        : null;
    return named ?? carryOver(counted(ctx, { ...input, unitsPerGroup: 0 }, q, scale).ordered, q);
  };
  if (input.scope.type !== 'register') return build();
  const key = `carry-over:${JSON.stringify([input.scope, q])}`;
  return memoized(ctx.db, key, KEPT_REGISTER_REPORTS, build);
}

/** The figures, groups and units in the groups' order of a report, however they were counted. */
interface Counted {
  data: ScopeData;
  groups: ProgressReport['groups'];
  totals: ProgressReport['totals'];
  transitions: ProgressReport['transitions'];
  /** Some unit counted in year N has a rating of the compared year. */
  anyCompared: boolean;
  /** Every unit the report may name, in the groups' order (units gone by year N last). */
  ordered: ScopeData;
}

/**
 * Each unit of the scope read with its facts, then counted into its group: a watchlist, another
 * grouping, and the files and the CLI, which list every unit.
 */
function countByUnit(
  ctx: BackendContext,
  input: ProgressInput,
  q: ReportQuery,
  scale: RatingScale,
): Counted {
  const data = resolveScope(ctx, input, q);
  const specs = groupUnits(data, q.groupBy);
  // Rows are built for the units listed only, each once, shared between its group and the totals.
  const rows = new Map<ScopedUnit, ReportUnit>();
  const rowOf = (unit: ScopedUnit): ReportUnit => {
    const kept = rows.get(unit);
    if (kept) return kept;
    const row = reportUnit(unit);
    rows.set(unit, row);
    return row;
  };
  const listed = input.unitsPerGroup ?? Number.POSITIVE_INFINITY;
  return {
    data,
    groups: specs.map((spec) => countGroup(spec, scale, q, rowOf, listed)),
    totals: countGroup(
      { key: 'total', name: 'Tổng số', description: data.totalDescription, units: data.units },
      scale,
      q,
      rowOf,
      listed,
    ),
    transitions: transitionsOf(data.units, q.compareYear),
    anyCompared: data.units.some((u) => u.exists && u.compared),
    // Trajectories and carry-over follow the groups' order, units gone by year N last.
    ordered: {
      ...data,
      units: [...specs.flatMap((s) => s.units), ...data.units.filter((u) => !u.exists)],
    },
  };
}

/**
 * The screen's call on a committee's subtree (no unit listed, grouped by the committee directly
 * above, the default): counted by SQLite, only the units worth naming read one by one
 * (register-figures.ts). Everything else goes unit by unit.
 */
function counted(
  ctx: BackendContext,
  input: ProgressInput,
  q: ReportQuery,
  scale: RatingScale,
): Counted {
  if (input.scope.type !== 'register' || input.unitsPerGroup !== 0 || q.groupBy !== 'parent') {
    return countByUnit(ctx, input, q, scale);
  }
  // Without the carry-over list, the units at the lowest level need not be read one by one.
  const figures = registerFigures(ctx.db, input.scope.unitId, q, scale, {
    lowest: input.carryOver !== false,
  });
  return { ...figures, ordered: figures.data };
}

function buildReport(ctx: BackendContext, input: ProgressInput, q: ReportQuery): ProgressReport {
  const scale = scaleOrThrow(q.year);
  const figures = phaseProgress(ctx.emit, 'report', 'figures', 1);
  figures(0);
  const { data, groups, totals, transitions, anyCompared, ordered } = counted(ctx, input, q, scale);
  // In the groups' order, as the tables list the units.
  const cases = q.namedCases
    ? ordered.units.flatMap((unit) => {
        const c = namedCaseOf(unit);
        return c ? [{ unitId: unit.id, namedCase: c }] : [];
      })
    : [];
  figures(1);
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
    transitions,
    trajectories: watched.items,
    scaleBreaks: scaleBreaks(years),
    notes: reportNotes({
      year: q.year,
      compareYear: q.compareYear,
      crossesScale,
      totals,
      anyCompared,
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
    carryOver: input.carryOver === false ? [] : carryOver(ordered, q),
  };
}
