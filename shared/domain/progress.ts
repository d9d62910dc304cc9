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

export interface QuotaWarning {
  level: string;
  count: number;
  limit: number;
  message: string;
}

/** Quota warnings (never blocks) for the counts per level of one year. */
export function quotaWarnings(
  scale: RatingScale,
  counts: Readonly<Record<string, number>>,
): QuotaWarning[] {
  const warnings: QuotaWarning[] = [];
  for (const quota of scale.quotas) {
    const count = counts[quota.level] ?? 0;
    const base = counts[quota.ofLevel] ?? 0;
    const limit = Math.floor(base * quota.maxRatio);
    if (count > limit) {
      warnings.push({
        level: quota.level,
        count,
        limit,
        message:
          `${count} tổ chức xếp loại ${quota.level}, vượt quá ${Math.round(quota.maxRatio * 100)}% ` +
          `số tổ chức xếp loại ${quota.ofLevel} (${base}; tối đa ${limit}). Đây chỉ là cảnh báo.`,
      });
    }
  }
  return warnings;
}

/** A score outside its level's band on a scored scale: a warning text, or null. */
export function scoreWarning(
  scale: RatingScale,
  levelCode: string | null,
  score: number | null,
): string | null {
  if (!scale.scored || score === null || levelCode === null) return null;
  const level = levelOf(scale, levelCode);
  if (!level || level.scoreMin === undefined || level.scoreMax === undefined) return null;
  if (score >= level.scoreMin && score < level.scoreMax) return null;
  const upper = level.scoreMax > 100 ? '100' : `dưới ${level.scoreMax}`;
  return `Điểm ${score} không nằm trong khung của mức ${level.abbreviation} (từ ${level.scoreMin} đến ${upper}).`;
}
