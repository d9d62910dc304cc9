// The cap on the best level (DOMAIN.md §3; QĐ 366 Điều 11): among like units decided by the same
// committee, HTXSNV at most a share of those rated HTTNV. Counted per deciding committee (the
// unit's parent that year) and kind of unit, never over whatever a screen happens to show, and
// always a warning, never a block.
import type { QuotaBase, QuotaRule, RatingScale } from './scales';
import type { UnitKind } from './units';
import { UNIT_KIND_LABELS } from './units';

/** What the user chose for one scale (stored in the data file); absent = the scale's default. */
export interface QuotaSetting {
  enabled: boolean;
  base: QuotaBase;
}

/** A quota that applies: the scale's rule with the chosen base. */
export interface AppliedQuota {
  level: string;
  ofLevel: string;
  base: QuotaBase;
  percent: number;
  outstandingPercent: number | null;
}

/** The levels of the units one committee rated, for one kind of unit. */
export interface QuotaGroup {
  /** The deciding committee (the units' parent that year); null for units with no parent. */
  committeeId: string | null;
  committeeName: string | null;
  kind: UnitKind;
  /** Level code → number of units. */
  counts: Record<string, number>;
}

export interface QuotaWarning {
  committeeId: string | null;
  committeeName: string | null;
  kind: UnitKind;
  level: string;
  count: number;
  /** The count the limit is a share of (HTTNV, or HTTNV and above). */
  base: number;
  limit: number;
  /** The limit for outstanding cases, when the rule allows one. */
  outstandingLimit: number | null;
  /** Over the outstanding limit too (or over the only limit there is). */
  severe: boolean;
  message: string;
}

export const QUOTA_BASE_LABELS: Record<QuotaBase, string> = {
  level: 'số xếp loại HTTNV',
  level_and_above: 'số xếp loại HTTNV trở lên',
};

export function defaultQuotaSetting(rule: QuotaRule): QuotaSetting {
  return { enabled: rule.enabledByDefault, base: rule.defaultBase };
}

/** The quota that applies to a scale under a setting (null: no rule, or switched off). */
export function appliedQuota(
  scale: RatingScale,
  setting: QuotaSetting | null,
): AppliedQuota | null {
  const rule = scale.quota;
  if (!rule) return null;
  const chosen = setting ?? defaultQuotaSetting(rule);
  if (!chosen.enabled) return null;
  return {
    level: rule.level,
    ofLevel: rule.ofLevel,
    base: chosen.base,
    percent: rule.percent,
    outstandingPercent: rule.outstandingPercent,
  };
}

/** The count a group's limit is a share of. "Trở lên" adds every level above the base level. */
function baseCount(quota: AppliedQuota, scale: RatingScale, counts: Record<string, number>) {
  const ofTier = scale.levels.find((l) => l.code === quota.ofLevel)?.tier;
  if (quota.base === 'level' || ofTier === undefined) return counts[quota.ofLevel] ?? 0;
  return scale.levels
    .filter((l) => l.tier <= ofTier)
    .reduce((sum, l) => sum + (counts[l.code] ?? 0), 0);
}

/** Whole units: "at most 20% of 12" is 2. Integer arithmetic, so 20% of 15 is exactly 3. */
const share = (base: number, percent: number) => Math.floor((base * percent) / 100);

function who(group: QuotaGroup): string {
  const kind = UNIT_KIND_LABELS[group.kind].toLocaleLowerCase('vi');
  return `${group.committeeName ?? 'Tổ chức không có cấp trên'}, các ${kind}`;
}

/** Warnings for the groups over the quota, in the order of the groups. */
export function quotaWarnings(
  quota: AppliedQuota | null,
  scale: RatingScale,
  groups: readonly QuotaGroup[],
): QuotaWarning[] {
  if (!quota) return [];
  const warnings: QuotaWarning[] = [];
  for (const group of groups) {
    const count = group.counts[quota.level] ?? 0;
    const base = baseCount(quota, scale, group.counts);
    const limit = share(base, quota.percent);
    if (count <= limit) continue;
    const outstandingLimit =
      quota.outstandingPercent === null ? null : share(base, quota.outstandingPercent);
    const severe = outstandingLimit === null || count > outstandingLimit;
    const of = QUOTA_BASE_LABELS[quota.base];
    const head = `${who(group)}: ${count} tổ chức xếp loại ${quota.level}`;
    const message =
      outstandingLimit === null
        ? `${head}, vượt quá ${quota.percent}% ${of} (${base}; tối đa ${limit}).`
        : severe
          ? `${head}, vượt quá ${quota.outstandingPercent}% ${of} (${base}; tối đa ${outstandingLimit} ` +
            `kể cả khi có thành tích nổi bật).`
          : `${head}, vượt quá ${quota.percent}% ${of} (${base}; tối đa ${limit}). ` +
            `Chỉ được đến ${quota.outstandingPercent}% (tối đa ${outstandingLimit}) nếu có thành tích nổi bật.`;
    warnings.push({
      committeeId: group.committeeId,
      committeeName: group.committeeName,
      kind: group.kind,
      level: quota.level,
      count,
      base,
      limit,
      outstandingLimit,
      severe,
      message: `${message} Đây chỉ là cảnh báo.`,
    });
  }
  return warnings;
}
