// Rating scales as data (DOMAIN.md §3). A future regulation is a new entry in SCALES, not code.
// Details marked (unverified) in DOMAIN.md stay data here so they can be corrected in one place.
import { foldForSearch } from './text';

export type Tier = 1 | 2 | 3 | 4;

export interface RatingLevel {
  /** Stable code stored with each rating, unique within its scale. */
  code: string;
  name: string;
  abbreviation: string;
  /** 1 = best … 4 = worst; the crosswalk between scales. */
  tier: Tier;
  /** Score band [min, max) on scored scales; a score outside it is a warning, never a block. */
  scoreMin?: number;
  scoreMax?: number;
}

export interface Quota {
  level: string;
  ofLevel: string;
  maxRatio: number;
  note: string;
}

export interface RatingScale {
  id: string;
  fromYear: number;
  /** Last year the scale applies to; null = still in force. */
  toYear: number | null;
  name: string;
  basis: string;
  /**
   * Scales of one family have the same levels meaning the same thing, so their ratings compare
   * directly (2018–2022, 2023–2024 and 2025– share HTXSNV…KHTNV). Crossing families (2017 → 2018)
   * is a scale change that reports must label.
   */
  family: string;
  levels: readonly RatingLevel[];
  /** The level that may carry the "tiêu biểu" (exemplary) flag, if any. */
  exemplaryLevel: string | null;
  /** Whether an optional 0–100 score is recorded. */
  scored: boolean;
  quotas: readonly Quota[];
}

const FOUR_LEVELS: readonly RatingLevel[] = [
  { code: 'HTXSNV', name: 'Hoàn thành xuất sắc nhiệm vụ', abbreviation: 'HTXSNV', tier: 1 },
  { code: 'HTTNV', name: 'Hoàn thành tốt nhiệm vụ', abbreviation: 'HTTNV', tier: 2 },
  { code: 'HTNV', name: 'Hoàn thành nhiệm vụ', abbreviation: 'HTNV', tier: 3 },
  { code: 'KHTNV', name: 'Không hoàn thành nhiệm vụ', abbreviation: 'KHTNV', tier: 4 },
];

const HTXSNV_QUOTA: Quota = {
  level: 'HTXSNV',
  ofLevel: 'HTTNV',
  maxRatio: 0.2,
  note: 'Số HTXSNV không vượt quá 20% số được xếp loại HTTNV',
};

export const SCALES: readonly RatingScale[] = [
  {
    id: 'hd20-2008',
    fromYear: 2008,
    toYear: 2017,
    name: 'Thang xếp loại 2008–2017',
    basis: 'HD 20-HD/BTCTW (2008); HD 27-HD/BTCTW (2014)',
    family: 'tsvm',
    levels: [
      { code: 'TSVM', name: 'Trong sạch, vững mạnh', abbreviation: 'TSVM', tier: 1 },
      { code: 'HTTNV', name: 'Hoàn thành tốt nhiệm vụ', abbreviation: 'HTTNV', tier: 2 },
      { code: 'HTNV', name: 'Hoàn thành nhiệm vụ', abbreviation: 'HTNV', tier: 3 },
      { code: 'YK', name: 'Yếu kém', abbreviation: 'YK', tier: 4 },
    ],
    exemplaryLevel: 'TSVM',
    scored: false,
    quotas: [],
  },
  {
    id: 'qd132-2018',
    fromYear: 2018,
    toYear: 2022,
    name: 'Thang xếp loại 2018–2022',
    basis: 'QĐ 132-QĐ/TW (2018); HD 16, HD 21-HD/BTCTW (2019)',
    family: 'htxsnv',
    levels: FOUR_LEVELS,
    exemplaryLevel: null,
    scored: false,
    quotas: [HTXSNV_QUOTA],
  },
  {
    id: 'qd124-2023',
    fromYear: 2023,
    toYear: 2024,
    name: 'Thang xếp loại 2023–2024',
    basis: 'QĐ 124-QĐ/TW (04/10/2023); HD 25-HD/BTCTW',
    family: 'htxsnv',
    levels: FOUR_LEVELS,
    exemplaryLevel: null,
    scored: false,
    quotas: [HTXSNV_QUOTA],
  },
  {
    id: 'qd366-2025',
    fromYear: 2025,
    toYear: null,
    name: 'Thang xếp loại từ 2025 (khung 100 điểm)',
    basis: 'QĐ 366-QĐ/TW (30/8/2025); HD 43-HD/BTCTW',
    family: 'htxsnv',
    levels: [
      { ...FOUR_LEVELS[0]!, scoreMin: 90, scoreMax: 101 },
      { ...FOUR_LEVELS[1]!, scoreMin: 70, scoreMax: 90 },
      { ...FOUR_LEVELS[2]!, scoreMin: 50, scoreMax: 70 },
      { ...FOUR_LEVELS[3]!, scoreMin: 0, scoreMax: 50 },
    ],
    exemplaryLevel: null,
    scored: true,
    quotas: [HTXSNV_QUOTA],
  },
];

/** Ratings are accepted from this year to next year (ratings are made at year end). */
export const FIRST_RATING_YEAR = 2000;

export function scaleForYear(
  year: number,
  scales: readonly RatingScale[] = SCALES,
): RatingScale | null {
  return scales.find((s) => s.fromYear <= year && (s.toYear === null || year <= s.toYear)) ?? null;
}

export function scaleById(id: string, scales: readonly RatingScale[] = SCALES): RatingScale | null {
  return scales.find((s) => s.id === id) ?? null;
}

export function levelOf(scale: RatingScale, code: string | null | undefined): RatingLevel | null {
  return scale.levels.find((l) => l.code === code) ?? null;
}

export function tierOf(scaleId: string, levelCode: string | null | undefined): Tier | null {
  const scale = scaleById(scaleId);
  return scale ? (levelOf(scale, levelCode)?.tier ?? null) : null;
}

/** Whether ratings of the two scales compare directly (same family of levels). */
export function sameFamily(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = a ? scaleById(a) : null;
  const y = b ? scaleById(b) : null;
  return !!x && !!y && x.family === y.family;
}

export function levelNames(scale: RatingScale): string {
  return scale.levels.map((l) => l.abbreviation).join(', ');
}

/** Why a unit has no level in a year. */
export const NOT_RATED_REASONS = ['new', 'dissolved', 'exempt', 'other'] as const;
export type NotRatedReason = (typeof NOT_RATED_REASONS)[number];
export const NOT_RATED_LABELS: Record<NotRatedReason, string> = {
  new: 'Mới thành lập',
  dissolved: 'Giải thể trong năm',
  exempt: 'Không xếp loại',
  other: 'Lý do khác',
};

/** Rank within a level, as reports note it ("tốp cuối"). */
export const RANKS = ['top', 'bottom'] as const;
export type Rank = (typeof RANKS)[number];
export const RANK_LABELS: Record<Rank, string> = { top: 'Tốp đầu', bottom: 'Tốp cuối' };

/** The qualitative change reports record for a watched unit. */
export const CHANGES = ['clear', 'some', 'slow', 'none'] as const;
export type QualitativeChange = (typeof CHANGES)[number];
export const CHANGE_LABELS: Record<QualitativeChange, string> = {
  clear: 'Chuyển biến tích cực, rõ nét',
  some: 'Có chuyển biến',
  slow: 'Chuyển biến chậm',
  none: 'Chưa chuyển biến',
};

export const RATED_BY = ['self', 'upper'] as const;
export type RatedBy = (typeof RATED_BY)[number];
export const RATED_BY_LABELS: Record<RatedBy, string> = {
  self: 'Tự đánh giá',
  upper: 'Cấp trên quyết định',
};

export interface ParsedLevel {
  level: RatingLevel;
  exemplary: boolean;
}

/**
 * Reads a level as people write it: the abbreviation or the full name, any case, with or
 * without diacritics ("httnv", "Hoàn thành tốt nhiệm vụ", "TSVM tiêu biểu").
 */
export function parseLevel(scale: RatingScale, text: string): ParsedLevel | null {
  let key = foldForSearch(text);
  let exemplary = false;
  if (scale.exemplaryLevel && / tieu bieu$/.test(key)) {
    key = key.replace(/ tieu bieu$/, '');
    exemplary = true;
  }
  const level = scale.levels.find(
    (l) =>
      foldForSearch(l.abbreviation) === key ||
      foldForSearch(l.name) === key ||
      foldForSearch(l.code) === key,
  );
  if (!level || (exemplary && level.code !== scale.exemplaryLevel)) return null;
  return { level, exemplary };
}

/** Levels whose abbreviation starts with what was typed (grid entry by first letters). */
export function levelsByPrefix(scale: RatingScale, typed: string): RatingLevel[] {
  const key = foldForSearch(typed).replace(/ /g, '');
  if (!key) return [];
  return scale.levels.filter((l) => foldForSearch(l.abbreviation).startsWith(key));
}
