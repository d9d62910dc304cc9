// The level distribution over the years (the stacked bars) and where the rating scale breaks.
import type { DistributionYear } from '../../../shared/contract';
import { FIRST_RATING_YEAR, scaleForYear } from '../../../shared/domain/scales';
import type { Emit } from '../context';
import { phaseProgress } from '../progress';
import type { RatingFact, ScopeData, YearTally } from './scope-units';

/** fromYear … year, never before the first rating year. */
export function distributionYears(fromYear: number, year: number): number[] {
  const years: number[] = [];
  for (let y = Math.max(fromYear, FIRST_RATING_YEAR); y <= year; y++) years.push(y);
  return years;
}

/**
 * The chart's years without the leading ones where nothing of the scope was recorded (a default
 * start of year − 4 in a register kept since last year would otherwise open on empty years, each
 * with its own "chưa có kết quả" note). The compared year and year N always stay.
 */
export function withoutLeadingEmpty(
  chart: readonly DistributionYear[],
  keepFrom: number,
): DistributionYear[] {
  const firstRecorded = chart.find((d) => d.total > d.missing)?.year ?? keepFrom;
  const start = Math.min(firstRecorded, keepFrom);
  return chart.filter((d) => d.year >= start);
}

/** One tally per unit, for scopes read unit by unit (a watchlist's members). */
export function tallyFacts(facts: readonly (RatingFact | null)[]): YearTally[] {
  return facts.map((fact) => ({
    levelCode: fact?.levelCode ?? null,
    exemplary: fact?.exemplary ?? false,
    recorded: fact !== null,
    count: 1,
  }));
}

export function countYear(year: number, tallies: readonly YearTally[]): DistributionYear {
  const scale = scaleForYear(year);
  const result: DistributionYear = {
    year,
    scaleId: scale?.id ?? null,
    total: 0,
    levels: Object.fromEntries((scale?.levels ?? []).map((l) => [l.code, 0])),
    exemplary: 0,
    notRated: 0,
    missing: 0,
  };
  for (const t of tallies) {
    result.total += t.count;
    if (!t.recorded) result.missing += t.count;
    else if (!t.levelCode) result.notRated += t.count;
    else {
      result.levels[t.levelCode] = (result.levels[t.levelCode] ?? 0) + t.count;
      if (t.exemplary) result.exemplary += t.count;
    }
  }
  return result;
}

/** Each year's counts over the units of the scope existing that year. */
export function distribution(
  data: ScopeData,
  years: readonly number[],
  emit: Emit,
): DistributionYear[] {
  const progress = phaseProgress(emit, 'report', 'distribution', years.length);
  progress(0);
  // All the years at once: a subtree is walked once for the whole chart, not once per year.
  const tallies = data.talliesOfYears(years);
  return years.map((year, i) => {
    const counted = countYear(year, tallies.get(year) ?? []);
    progress(i + 1);
    return counted;
  });
}

/**
 * Years where the scale breaks from the year before: a new family of levels (2018: HTXSNV …
 * KHTNV instead of TSVM … yếu kém) or a new way of rating them (2025: the 100-point frame).
 * A new regulation keeping the same levels the same way (2023) is no break.
 */
export function scaleBreaks(years: readonly number[]): number[] {
  return years.slice(1).filter((year) => {
    const before = scaleForYear(year - 1);
    const after = scaleForYear(year);
    if (!before || !after) return before !== after;
    return before.family !== after.family || before.scored !== after.scored;
  });
}
