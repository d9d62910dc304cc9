// Consolidation of weak units ("diện củng cố", DOMAIN.md §1, §5): the choices a list, a member
// and a measure offer, as data with their Vietnamese labels, and the pure rules every side shares
// (comparison across a kind change, overdue, which members a carry-over keeps).
import type { Comparison, NotComparableReason, RatingPoint, Trend } from './progress';
import { compareRatings } from './progress';
import { CHANGES, CHANGE_LABELS } from './scales';
import type { QualitativeChange } from './scales';
import { foldForSearch } from './text';
import type { UnitKind } from './units';
import { BASE_UNIT_KINDS } from './units';

/** Why a unit is put under consolidation (several may apply; "other" carries a text). */
export const WATCH_REASONS = [
  'weak_rating',
  'disunity',
  'violations',
  'poor_meetings',
  'no_admissions',
  'slow_change',
  'other',
] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];
export const WATCH_REASON_LABELS: Record<WatchReason, string> = {
  weak_rating: 'Xếp loại yếu kém, không hoàn thành nhiệm vụ',
  disunity: 'Mất đoàn kết nội bộ',
  violations: 'Cán bộ, đảng viên vi phạm',
  poor_meetings: 'Sinh hoạt không đều, chất lượng thấp',
  no_admissions: 'Nhiều năm không kết nạp đảng viên',
  slow_change: 'Chuyển biến chậm năm trước',
  other: 'Khác',
};

/** What is done for a unit under consolidation (DOMAIN.md §5, "typical measures"). */
export const MEASURE_KINDS = [
  'assign_member',
  'resolution',
  'committee',
  'replace_cadre',
  'inspection',
  'meetings',
  'themed_meeting',
  'admission',
  'economy',
  'review',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  assign_member: 'Phân công đồng chí phụ trách',
  resolution: 'Ban hành nghị quyết, kế hoạch, quy chế',
  committee: 'Kiện toàn cấp ủy',
  replace_cadre: 'Thay thế, điều động cán bộ',
  inspection: 'Kiểm tra, giám sát',
  meetings: 'Nâng cao chất lượng sinh hoạt chi bộ',
  themed_meeting: 'Sinh hoạt chuyên đề',
  admission: 'Kết nạp đảng viên',
  economy: 'Hỗ trợ phát triển kinh tế',
  review: 'Sơ kết, tổng kết',
  other: 'Khác',
};

/** Where a measure stands. "Quá hạn" is not a status: it is derived from the due date and today. */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  planned: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
};
export const OVERDUE_LABEL = 'Quá hạn';

/** Where a member of a list stands; every status but "active" is set with its date. */
export const MEMBER_STATUSES = ['active', 'left', 'carried_over', 'stopped'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: 'Đang củng cố',
  left: 'Đã ra khỏi diện yếu kém',
  carried_over: 'Chuyển sang năm sau',
  stopped: 'Ngừng theo dõi',
};

/**
 * "Mức độ chuyển biến" of a watched unit in a year. It is the rating's own qualitative change
 * (shared/domain/scales.ts `CHANGES`), recorded once with the year's rating, never twice.
 */
export const CHANGE_LEVELS = CHANGES;
export type ChangeLevel = QualitativeChange;
export const CHANGE_LEVEL_LABELS: Record<ChangeLevel, string> = CHANGE_LABELS;

/** Why two years of a watched unit do not compare. */
export type WatchNotComparableReason = NotComparableReason | 'kind_change';
export const NOT_COMPARABLE_LABELS: Record<WatchNotComparableReason, string> = {
  missing: 'Chưa có kết quả xếp loại',
  not_rated: 'Không xếp loại',
  scale_change: 'Khác thang xếp loại (từ năm 2018)',
  unknown_level: 'Mức xếp loại không xác định',
  kind_change: 'Thay đổi loại tổ chức (từ năm 2025)',
};

export interface WatchComparison {
  trend: Trend;
  /** The two years lie on different rating scales (2017 → 2018). */
  crossesScale: boolean;
  /**
   * The unit was a TCCSĐ in one year and not in the other (from 2025 a commune committee is a
   * committee above the grassroots, DOMAIN.md §4): not like for like, labelled, never a drop.
   */
  crossesKindChange: boolean;
  reason: WatchNotComparableReason | null;
}

/** A rating with the unit's kind that year (null when the unit's kind is not known then). */
export type WatchPoint = RatingPoint & { kind: UnitKind | null };

/** Up / same / down between two years of a watched unit, by the ratings' rule plus its kind. */
export function compareWatchYears(from: WatchPoint | null, to: WatchPoint | null): WatchComparison {
  const base: Comparison = compareRatings(from, to);
  const crossesKindChange =
    !!from?.kind &&
    !!to?.kind &&
    BASE_UNIT_KINDS.includes(from.kind) !== BASE_UNIT_KINDS.includes(to.kind);
  if (crossesKindChange && base.reason !== 'missing' && base.reason !== 'not_rated') {
    return {
      trend: 'not_comparable',
      crossesScale: base.crossesScale,
      crossesKindChange,
      reason: 'kind_change',
    };
  }
  return { ...base, crossesKindChange };
}

/** Today as ISO yyyy-mm-dd in the machine's own time zone (the backend passes its clock). */
export function isoDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A measure not done whose due date has passed (the due day itself is not late yet). */
export function isOverdue(
  measure: { status: MeasureStatus; dueOn: string | null },
  today: string,
): boolean {
  return measure.status !== 'done' && measure.dueOn !== null && measure.dueOn < today;
}

/** Why a carry-over keeps a member for next year's list. */
export const CARRY_REASONS = ['slow_change', 'not_improved', 'not_rated'] as const;
export type CarryReason = (typeof CARRY_REASONS)[number];
export const CARRY_REASON_LABELS: Record<CarryReason, string> = {
  slow_change: 'Chuyển biến chậm hoặc chưa chuyển biến',
  not_improved: 'Mức xếp loại không được nâng lên',
  not_rated: 'Chưa có kết quả xếp loại để so sánh',
};

/**
 * Whether a member stays under watch next year, and why (DOMAIN.md §1: "the 2017 units whose
 * change was slow stay under watch"). The recorded "mức độ chuyển biến" is the committee's own
 * judgement and decides first: Hòa Sơn kept HTTNV in 2017 but changed clearly, so it leaves.
 * Without it the level decides: moved up leaves, anything else stays. Members that already left
 * the list or are no longer followed are never carried. Null = not carried.
 */
export function carryReason(member: {
  status: MemberStatus;
  change: ChangeLevel | null;
  comparison: WatchComparison;
}): CarryReason | null {
  if (member.status === 'left' || member.status === 'stopped') return null;
  if (member.change === 'slow' || member.change === 'none') return 'slow_change';
  if (member.change === 'clear' || member.change === 'some') return null;
  const { trend, reason } = member.comparison;
  if (trend === 'up') return null;
  if (trend === 'same' || trend === 'down') return 'not_improved';
  return reason === 'missing' || reason === 'not_rated' ? 'not_rated' : 'not_improved';
}

// Document numbers (DOMAIN.md §2): party texts "33-NQ/TU", "18-KL/TW"; state texts
// "1672/NQ-UBTVQH15". A light check of the shape, never a parser: a number, then at least one
// "/" among letter-and-digit groups joined by "-" or "/".
const DOCUMENT_NUMBER = /^\d{1,6}[a-z]?(?:[-/][\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)+$/u;

/** A document number as stored: spaces around "-" and "/" dropped, letters in capitals. */
export function normalizeDocumentNumber(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(/\s*([-/])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .toLocaleUpperCase('vi');
}

/** Null when the number looks like a document number, else the Vietnamese message to show. */
export function documentNumberProblem(normalized: string): string | null {
  if (DOCUMENT_NUMBER.test(normalized) && normalized.includes('/')) return null;
  return (
    `Số, ký hiệu văn bản "${normalized}" không đúng dạng; ` +
    'ví dụ 33-NQ/TU (văn bản của Đảng) hoặc 1672/NQ-UBTVQH15 (văn bản nhà nước).'
  );
}

/**
 * A choice typed as its Vietnamese label (with or without diacritics, any case), as its
 * identifier, or as the start or whole words of only one label: the CLI's --reason and --kind.
 * Null when nothing, or more than one choice, matches.
 */
export function choiceByLabel<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  typed: string,
): T | null {
  const key = foldForSearch(typed);
  if (!key) return null;
  const exact = values.find((v) => v === typed.trim() || foldForSearch(labels[v]) === key);
  if (exact) return exact;
  // Typed as the start of a label, or as whole words inside one ("yeu kem", "kiem tra"); "sinh
  // hoat" is in two kinds, so it names neither.
  const matching = values.filter((v) => {
    const label = foldForSearch(labels[v]);
    return label.startsWith(key) || ` ${label} `.includes(` ${key} `);
  });
  return matching.length === 1 ? (matching[0] ?? null) : null;
}
