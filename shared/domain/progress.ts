// Comparing a unit's ratings between two years (DOMAIN.md §3, §5). Tiers are derived, never stored.
import type { RatingScale } from './scales';
import { levelOf, sameFamily, scaleById, scaleForYear } from './scales';

export type Trend = 'up' | 'same' | 'down' | 'not_comparable';
export type NotComparableReason = 'missing' | 'not_rated' | 'scale_change' | 'unknown_level';

export interface RatingPoint {
  year: number;
  scaleId: string;
  levelCode: string | null;
}

export interface Comparison {
  trend: Trend;
  /** The two years lie on different scales (e.g. 2017 → 2018). */
  crossesScale: boolean;
  reason: NotComparableReason | null;
}

export const TREND_LABELS: Record<Trend, string> = {
  up: 'Nâng lên',
  same: 'Giữ nguyên',
  down: 'Giảm',
  not_comparable: 'Không so sánh được',
};

/**
 * Moved up / unchanged / moved down between two ratings. Across a scale change the result is
 * "not comparable" unless the caller asks for the tier crosswalk explicitly, and then it is
 * marked as crossing a scale change so reports can label it.
 */
export function compareRatings(
  from: RatingPoint | null,
  to: RatingPoint | null,
  options: { crosswalk?: boolean } = {},
): Comparison {
  if (!from || !to) return { trend: 'not_comparable', crossesScale: false, reason: 'missing' };
  const crossesScale = !sameFamily(from.scaleId, to.scaleId);
  if (from.levelCode === null || to.levelCode === null) {
    return { trend: 'not_comparable', crossesScale, reason: 'not_rated' };
  }
  if (crossesScale && !options.crosswalk) {
    return { trend: 'not_comparable', crossesScale, reason: 'scale_change' };
  }
  const a = tier(from);
  const b = tier(to);
  if (a === null || b === null)
    return { trend: 'not_comparable', crossesScale, reason: 'unknown_level' };
  const trend = b < a ? 'up' : b > a ? 'down' : 'same';
  return { trend, crossesScale, reason: null };
}

function tier(point: RatingPoint): number | null {
  const scale = scaleById(point.scaleId);
  return scale ? (levelOf(scale, point.levelCode)?.tier ?? null) : null;
}

/** Whether comparing two years crosses a change of rating scale family (e.g. 2017 → 2018). */
export function yearsCrossScale(fromYear: number, toYear: number): boolean {
  return !sameFamily(scaleForYear(fromYear)?.id, scaleForYear(toYear)?.id);
}

/**
 * A score below its level's minimum on a scored scale: a warning text, or null. The score is
 * necessary, not sufficient (QĐ 366 Điều 11): HTXSNV also needs every task done, KHTNV also
 * follows from listed cases at any score, so a score above the band is never a warning.
 */
export function scoreWarning(
  scale: RatingScale,
  levelCode: string | null,
  score: number | null,
): string | null {
  if (!scale.scored || score === null || levelCode === null) return null;
  const level = levelOf(scale, levelCode);
  if (!level || level.scoreMin === undefined || score >= level.scoreMin) return null;
  return (
    `Điểm ${formatScore(score)} chưa đạt khung điểm của mức ${level.abbreviation} ` +
    `(từ ${formatScore(level.scoreMin)} điểm trở lên)`
  );
}

/** A score as Vietnamese write it: 89,5. */
function formatScore(score: number): string {
  return String(score).replace('.', ',');
}

/** Years in a row of "tiêu biểu" that lead to higher commendations (bằng khen, cờ). */
export const EXEMPLARY_STREAK_YEARS = 5;

export interface ExemplaryStreak {
  from: number;
  to: number;
  years: number;
  /** At least EXEMPLARY_STREAK_YEARS years in a row. */
  reachedFive: boolean;
}

/**
 * The unit's current run of exemplary years: the consecutive years flagged "tiêu biểu" ending
 * with its latest recorded rating (null when that one is not exemplary). "Tiêu biểu" exists in
 * every period (DOMAIN.md §3), so the run carries across scale changes (2017 → 2018, 2024 →
 * 2025); a year with no rating, or rated without the flag, ends it.
 */
export function exemplaryStreak(
  ratings: readonly { year: number; exemplary: boolean }[],
): ExemplaryStreak | null {
  const byYear = [...ratings].sort((a, b) => a.year - b.year);
  const last = byYear.at(-1);
  if (!last?.exemplary) return null;
  let from = last.year;
  for (const r of byYear.slice(0, -1).reverse()) {
    if (r.year !== from - 1 || !r.exemplary) break;
    from = r.year;
  }
  const years = last.year - from + 1;
  return { from, to: last.year, years, reachedFive: years >= EXEMPLARY_STREAK_YEARS };
}
