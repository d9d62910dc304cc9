// Rating scales as data (DOMAIN.md §3). A future regulation is a new entry in SCALES, not code.
// Details marked (unverified) in DOMAIN.md stay data here so they can be corrected in one place.
import { foldForSearch } from './text';
import type { UnitKind } from './units';
import { BASE_UNIT_KINDS } from './units';

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

/** What a quota's limit is a share of: the base level only, or the base level and every level above it. */
export const QUOTA_BASES = ['level', 'level_and_above'] as const;
export type QuotaBase = (typeof QUOTA_BASES)[number];

/**
 * A cap on the best level among like units decided by the same committee (DOMAIN.md §3). Always
 * a warning, never a block. Whether it applies, and on which base, is a setting of the data file
 * (see electron/backend/ratings/quota.ts); these are the defaults and the fixed percentages.
 */
export interface QuotaRule {
  /** The capped level (HTXSNV). */
  level: string;
  /** The level whose count the cap is a share of (HTTNV). */
  ofLevel: string;
  /** At most this percent of the base … */
  percent: number;
  /** … or up to this percent for outstanding cases; null when the texts give no such allowance. */
  outstandingPercent: number | null;
  enabledByDefault: boolean;
  defaultBase: QuotaBase;
  /** Where the rule comes from, or why it is off by default. */
  basis: string;
}

/** How a scale writes the "tiêu biểu" commendation of its best units. */
export interface ExemplaryTitle {
  /** As reports abbreviate it: "TSVM tiêu biểu", "HTXSNV tiêu biểu". */
  label: string;
  /** Spelled out: "Trong sạch, vững mạnh tiêu biểu". */
  name: string;
  basis: string;
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
  /** The commendation that flag stands for; set exactly when exemplaryLevel is. */
  exemplaryTitle: ExemplaryTitle | null;
  /** Whether an optional 0–100 score is recorded. */
  scored: boolean;
  /** The cap on the best level this scale may apply (null: none is offered). */
  quota: QuotaRule | null;
}

const FOUR_LEVELS: readonly RatingLevel[] = [
  { code: 'HTXSNV', name: 'Hoàn thành xuất sắc nhiệm vụ', abbreviation: 'HTXSNV', tier: 1 },
  { code: 'HTTNV', name: 'Hoàn thành tốt nhiệm vụ', abbreviation: 'HTTNV', tier: 2 },
  { code: 'HTNV', name: 'Hoàn thành nhiệm vụ', abbreviation: 'HTNV', tier: 3 },
  { code: 'KHTNV', name: 'Không hoàn thành nhiệm vụ', abbreviation: 'KHTNV', tier: 4 },
];

/**
 * Before 2025 the 20% rule is confirmed for party members within each TCCSĐ, but no cap for
 * organisations was found in the texts, and published provincial figures exceed 20%: offered,
 * off by default (DOMAIN.md §3).
 */
const HTXSNV_QUOTA_OFF: QuotaRule = {
  level: 'HTXSNV',
  ofLevel: 'HTTNV',
  percent: 20,
  outstandingPercent: null,
  enabledByDefault: false,
  defaultBase: 'level',
  basis: 'Chưa thấy văn bản giới hạn tỷ lệ HTXSNV đối với tổ chức đảng (chỉ có đối với đảng viên)',
};

/** "TSVM tiêu biểu" among units rated HTXSNV (HD 21-HD/BTCTW, 2019–2024). */
const TSVM_EXEMPLARY_OF_HTXSNV: ExemplaryTitle = {
  label: 'TSVM tiêu biểu',
  name: 'Trong sạch, vững mạnh tiêu biểu',
  // 2018 was rated under QĐ 132 and HD 16 (2018), which we have not read; HD 21 (2019) is the
  // text that links the commendation to HTXSNV. The app records what a committee decided, so
  // it accepts the flag in 2018 rather than refuse a real decision; splitting the 2018–2022
  // scale would also change the scale id of ratings already stored (unverified for 2018).
  basis: 'HD 21-HD/BTCTW (2019)',
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
      // "YK" is not an abbreviation party documents use: the level is written out (DOMAIN.md §6);
      // typing YK still finds it (by its code).
      { code: 'YK', name: 'Yếu kém', abbreviation: 'Yếu kém', tier: 4 },
    ],
    exemplaryLevel: 'TSVM',
    exemplaryTitle: {
      label: 'TSVM tiêu biểu',
      name: 'Trong sạch, vững mạnh tiêu biểu',
      basis: 'HD 20-HD/BTCTW (2008); HD 27-HD/BTCTW (2014)',
    },
    scored: false,
    // TSVM covered most units; no text capped it.
    quota: null,
  },
  {
    id: 'qd132-2018',
    fromYear: 2018,
    toYear: 2022,
    name: 'Thang xếp loại 2018–2022',
    basis: 'QĐ 132-QĐ/TW (2018); HD 16, HD 21-HD/BTCTW (2019)',
    family: 'htxsnv',
    levels: FOUR_LEVELS,
    exemplaryLevel: 'HTXSNV',
    exemplaryTitle: TSVM_EXEMPLARY_OF_HTXSNV,
    scored: false,
    quota: HTXSNV_QUOTA_OFF,
  },
  {
    id: 'qd124-2023',
    fromYear: 2023,
    toYear: 2024,
    name: 'Thang xếp loại 2023–2024',
    basis: 'QĐ 124-QĐ/TW (04/10/2023); HD 25-HD/BTCTW',
    family: 'htxsnv',
    levels: FOUR_LEVELS,
    exemplaryLevel: 'HTXSNV',
    exemplaryTitle: TSVM_EXEMPLARY_OF_HTXSNV,
    scored: false,
    quota: HTXSNV_QUOTA_OFF,
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
    exemplaryLevel: 'HTXSNV',
    exemplaryTitle: {
      label: 'HTXSNV tiêu biểu',
      name: 'Hoàn thành xuất sắc nhiệm vụ tiêu biểu',
      basis: 'HD 06-HD/TW (9/6/2025)',
    },
    scored: true,
    quota: {
      level: 'HTXSNV',
      ofLevel: 'HTTNV',
      percent: 20,
      outstandingPercent: 25,
      enabledByDefault: true,
      defaultBase: 'level',
      basis: 'QĐ 366-QĐ/TW, Điều 11',
    },
  },
];

/**
 * The units rated every year by the committee above them: the TCCSĐ (DOMAIN.md §2, §3). The
 * rating grid and the counts list exactly these unless asked for other kinds.
 */
export const RATED_KINDS: readonly UnitKind[] = BASE_UNIT_KINDS;

/**
 * Kinds a rating query may be asked for: the TCCSĐ, and the units below them, which their own
 * grassroots committee rates. Upper committees (province, district, Khối) are never rows to rate.
 */
export const RATEABLE_KINDS: readonly UnitKind[] = [
  ...BASE_UNIT_KINDS,
  'sub_committee',
  'subordinate_cell',
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

/** The level of a scale named by its abbreviation, full name or code (already folded). */
function levelByKey(scale: RatingScale, key: string): RatingLevel | undefined {
  return scale.levels.find(
    (l) =>
      foldForSearch(l.abbreviation) === key ||
      foldForSearch(l.name) === key ||
      foldForSearch(l.code) === key,
  );
}

/**
 * The folded ways of writing the scale's exemplary rating: the level with "tiêu biểu"
 * ("HTXSNV tiêu biểu"), the commendation itself ("TSVM tiêu biểu", "Trong sạch, vững mạnh tiêu
 * biểu") and both together ("HTXSNV (TSVM tiêu biểu)").
 */
function exemplaryKeys(level: RatingLevel, title: ExemplaryTitle): Set<string> {
  const levelKeys = [level.abbreviation, level.name, level.code].map(foldForSearch);
  const titleKeys = [title.label, title.name].map(foldForSearch);
  const keys = new Set(titleKeys);
  for (const l of levelKeys) {
    keys.add(`${l} tieu bieu`);
    for (const t of titleKeys) keys.add(`${l} ${t}`);
  }
  return keys;
}

/**
 * Reads a level as people write it: the abbreviation or the full name, any case, with or
 * without diacritics ("httnv", "Hoàn thành tốt nhiệm vụ"), and the exemplary rating in the
 * words of its period ("TSVM tiêu biểu" before 2025, "HTXSNV tiêu biểu" from 2025).
 */
export function parseLevel(scale: RatingScale, text: string): ParsedLevel | null {
  const key = foldForSearch(text);
  if (!key) return null;
  const level = levelByKey(scale, key);
  if (level) return { level, exemplary: false };
  const exemplary = levelOf(scale, scale.exemplaryLevel);
  if (!exemplary || !scale.exemplaryTitle) return null;
  return exemplaryKeys(exemplary, scale.exemplaryTitle).has(key)
    ? { level: exemplary, exemplary: true }
    : null;
}

/**
 * How a rating reads in tables and charts: "HTTNV", "TSVM tiêu biểu" (2008–2017), "HTXSNV (TSVM
 * tiêu biểu)" (2018–2024, where the commendation is named after the old level), "HTXSNV tiêu
 * biểu" (from 2025).
 */
export function ratingText(
  scale: RatingScale | null,
  levelCode: string | null,
  exemplary: boolean,
): string {
  if (!levelCode) return '';
  const level = scale ? levelOf(scale, levelCode) : null;
  const abbreviation = level?.abbreviation ?? levelCode;
  const title = scale?.exemplaryTitle;
  if (!exemplary || !title) return abbreviation;
  return foldForSearch(title.label).startsWith(`${foldForSearch(abbreviation)} `)
    ? title.label
    : `${abbreviation} (${title.label})`;
}

/** A level as a choice in a list: "HTTNV — Hoàn thành tốt nhiệm vụ"; "Yếu kém" once. */
export function levelChoiceText(level: RatingLevel): string {
  return level.abbreviation === level.name ? level.name : `${level.abbreviation} — ${level.name}`;
}

/** Levels whose abbreviation starts with what was typed (grid entry by first letters). */
export function levelsByPrefix(scale: RatingScale, typed: string): RatingLevel[] {
  const key = foldForSearch(typed).replace(/ /g, '');
  if (!key) return [];
  return scale.levels.filter(
    (l) =>
      foldForSearch(l.abbreviation).replace(/ /g, '').startsWith(key) ||
      foldForSearch(l.code).startsWith(key),
  );
}
