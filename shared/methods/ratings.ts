// Methods of the yearly quality ratings (DOMAIN.md §3).
import { z } from 'zod';
import { UUID_PATTERN } from '../domain/ids';
import type { ExemplaryStreak, Trend } from '../domain/progress';
import type { AppliedQuota, QuotaGroup, QuotaWarning } from '../domain/quota';
import type {
  NotRatedReason,
  QualitativeChange,
  QuotaBase,
  Rank,
  RatedBy,
  Tier,
} from '../domain/scales';
import {
  CHANGES,
  FIRST_RATING_YEAR,
  NOT_RATED_REASONS,
  QUOTA_BASES,
  RANKS,
  RATED_BY,
} from '../domain/scales';
import { UNIT_KINDS } from '../domain/units';
import type { UnitKind } from '../domain/units';
import { latestYear, schemaCurrentYear } from '../domain/years';
import { fileHandle } from '../files';
import { basis, isoDate, unitId, year } from '../schemas';
import { method } from './define';

export interface Rating {
  id: string;
  unitId: string;
  year: number;
  scaleId: string;
  levelCode: string | null;
  tier: Tier | null;
  notRatedReason: NotRatedReason | null;
  exemplary: boolean;
  rank: Rank | null;
  change: QualitativeChange | null;
  score: number | null;
  memberCount: number | null;
  ratedBy: RatedBy | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  note: string | null;
  updatedAt: string;
}

/**
 * What the grid shows and edits of a saved rating: its level on its scale, "tiêu biểu", or why it
 * was not rated (the rest of a Rating is read by ratings.history when a unit is opened).
 */
export interface GridRating {
  scaleId: string;
  levelCode: string | null;
  notRatedReason: NotRatedReason | null;
  exemplary: boolean;
}

/** One unit valid in the year, with its rating that year and the year before. */
export interface RatingGridRow {
  unitId: string;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  parentName: string | null;
  current: GridRating | null;
  previous: GridRating | null;
}

export interface RatingGrid {
  year: number;
  scaleId: string;
  previousScaleId: string | null;
  rows: RatingGridRow[];
  /** The quota that applies this year (per the settings), or null. */
  quota: AppliedQuota | null;
  /**
   * Saved levels per deciding committee and kind, over all like units of each committee that
   * has a row here (not only the rows shown): the grid adds its unsaved edits to these.
   */
  quotaGroups: QuotaGroup[];
  /**
   * Only when a page was asked for (`pageSize` or `after`): the cursor of the next page (pass it
   * as `after`), null on the last page.
   */
  next?: string | null;
  /**
   * Only on the first page of a paged read: how many rows the whole set has. The first page's
   * `quota` and `quotaGroups` are the whole set's; a later page's `quotaGroups` is empty.
   */
  total?: number;
}

/** Rows a page of the rating grid holds at most. */
export const GRID_MAX_PAGE_SIZE = 1000;

/** A page's cursor as the backend handed it out (its content is checked there). */
const gridCursor = z
  .string({ error: 'Vị trí trang của bảng xếp loại không hợp lệ.' })
  .min(1, { error: 'Vị trí trang của bảng xếp loại không hợp lệ.' })
  .max(2000, { error: 'Vị trí trang của bảng xếp loại không hợp lệ.' });

const gridPageSize = z
  .number({ error: 'Số dòng của một trang bảng xếp loại phải là số.' })
  .int({ error: 'Số dòng của một trang bảng xếp loại phải là số nguyên.' })
  .min(1, { error: `Số dòng của một trang bảng xếp loại phải từ 1 đến ${GRID_MAX_PAGE_SIZE}.` })
  .max(GRID_MAX_PAGE_SIZE, {
    error: `Số dòng của một trang bảng xếp loại phải từ 1 đến ${GRID_MAX_PAGE_SIZE}.`,
  });

/** A unit's ratings over the years, with its current run of "tiêu biểu" years. */
export interface RatingHistory {
  unitId: string;
  ratings: Rating[];
  exemplaryStreak: ExemplaryStreak | null;
}

/** The quota setting of one scale, as the Cài đặt screen shows it. */
export interface QuotaSettingRow {
  scaleId: string;
  scaleName: string;
  fromYear: number;
  toYear: number | null;
  level: string;
  ofLevel: string;
  percent: number;
  outstandingPercent: number | null;
  enabled: boolean;
  base: QuotaBase;
  /** Whether the setting is the scale's default (nothing chosen yet). */
  isDefault: boolean;
  enabledByDefault: boolean;
  basis: string;
}

export interface SaveYearResult {
  year: number;
  created: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface RatingListRow {
  unitId: string;
  code: string | null;
  name: string;
  year: number;
  levelCode: string | null;
  tier: Tier | null;
  exemplary: boolean;
  notRatedReason: NotRatedReason | null;
}

export interface LevelCounts {
  year: number;
  scaleId: string;
  /** Units in the set valid that year. */
  total: number;
  counts: Record<string, number>;
  exemplary: number;
  notRated: Partial<Record<NotRatedReason, number>>;
  /** Units with no rating recorded at all. */
  missing: number;
  /** Per deciding committee and kind, over all their like units (see shared/domain/quota.ts). */
  warnings: QuotaWarning[];
}

export interface TransitionCell {
  from: string | null;
  to: string | null;
  count: number;
}

export interface TrendCounts {
  up: number;
  same: number;
  down: number;
  not_comparable: number;
  total: number;
}

export interface UnitTrend {
  unitId: string;
  name: string;
  groupId: string | null;
  from: string | null;
  to: string | null;
  trend: Trend;
}

export interface TransitionReport {
  fromYear: number;
  toYear: number;
  fromScaleId: string | null;
  toScaleId: string | null;
  crossesScale: boolean;
  crosswalk: boolean;
  matrix: TransitionCell[];
  totals: TrendCounts;
  /** By parent as of toYear. */
  groups: (TrendCounts & { groupId: string | null; groupName: string | null })[];
}

/** The units of one group of a TransitionReport (ratings.transitionUnits), in name order. */
export interface TransitionUnits {
  fromYear: number;
  toYear: number;
  groupId: string | null;
  units: UnitTrend[];
}

export interface ImportRowIssue {
  row: number;
  message: string;
}

/** The text encodings a CSV file is read in (Excel on Vietnamese Windows writes all of them). */
export type CsvEncoding = 'utf-8' | 'windows-1258' | 'utf-16le' | 'utf-16be';

export const CSV_ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1258': 'Windows-1258',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

export interface ImportPreview {
  /** Hand this to `ratings.importApply`: it writes exactly this preview, once. */
  planId: string;
  fileName: string;
  /** The worksheet read (.xlsx); null for CSV. */
  sheet: string | null;
  /** The visible worksheets in tab order (.xlsx), to choose from; empty for CSV. */
  sheets: string[];
  /** The encoding a CSV file was read in; null for .xlsx. */
  encoding: CsvEncoding | null;
  /** Data rows (below the header, empty rows not counted). */
  rows: number;
  /** Units the import creates: "có từ trước" (fromYear null) or from their parent's founding. */
  newUnits: { row: number; name: string; parentName: string | null; fromYear: number | null }[];
  newRatings: { row: number; unitName: string; year: number; level: string }[];
  changedRatings: { row: number; unitName: string; year: number; from: string; to: string }[];
  unchanged: number;
  errors: ImportRowIssue[];
}

export interface ImportResult extends ImportPreview {
  applied: boolean;
  skippedRows: number;
}

/** Ratings are made at year end: accepted from 2000 up to next year. */
export const ratingYear = year.refine((y) => y >= FIRST_RATING_YEAR, {
  // The upper bound is every year field's (schemas.ts `year`): next year by the backend's clock.
  error: () => `Năm xếp loại phải từ ${FIRST_RATING_YEAR} đến ${latestYear(schemaCurrentYear())}.`,
});

const scopeFields = {
  /** A unit: its subtree as of the year (the unit itself excluded). */
  scopeId: unitId.optional(),
  /** Or any list of units. */
  unitIds: z.array(unitId).max(100_000).optional(),
  kinds: z.array(z.enum(UNIT_KINDS)).optional(),
};

const ratingFields = {
  levelCode: z.string().trim().max(30).nullable().optional(),
  notRatedReason: z
    .enum(NOT_RATED_REASONS, { error: 'Lý do không xếp loại không hợp lệ.' })
    .nullable()
    .optional(),
  exemplary: z.boolean().optional(),
  rank: z.enum(RANKS).nullable().optional(),
  change: z.enum(CHANGES).nullable().optional(),
  score: z
    .number()
    .min(0, { error: 'Điểm phải từ 0 đến 100.' })
    .max(100, { error: 'Điểm phải từ 0 đến 100.' })
    .nullable()
    .optional(),
  memberCount: z
    .number()
    .int()
    .min(0, { error: 'Số đảng viên không được âm.' })
    .nullable()
    .optional(),
  ratedBy: z.enum(RATED_BY).nullable().optional(),
  decisionNumber: basis.optional(),
  decisionDate: isoDate.nullable().optional(),
  note: z.string().trim().max(2000, { error: 'Ghi chú dài quá 2000 ký tự.' }).nullable().optional(),
};

export const ratingMethods = {
  'ratings.set': method<Rating>()(
    z
      .strictObject({ unitId, year: ratingYear, ...ratingFields })
      .refine((v) => !!v.levelCode !== !!v.notRatedReason, {
        error: 'Hãy chọn một mức xếp loại, hoặc lý do không xếp loại.',
        path: ['levelCode'],
      }),
    ['NOT_FOUND', 'INVALID_LEVEL', 'NO_SCALE', 'UNIT_NOT_IN_YEAR'],
    true,
  ),
  'ratings.remove': method<{ unitId: string; year: number }>()(
    z.strictObject({ unitId, year: ratingYear }),
    ['NOT_FOUND'],
    true,
  ),
  /** The grid's save: many levels of one year in one transaction; null level = clear. */
  'ratings.saveYear': method<SaveYearResult>()(
    z.strictObject({
      year: ratingYear,
      entries: z
        .array(
          z.strictObject({
            unitId,
            levelCode: z.string().trim().max(30).nullable(),
            exemplary: z.boolean().optional(),
            notRatedReason: ratingFields.notRatedReason,
          }),
        )
        .max(100_000),
    }),
    ['NOT_FOUND', 'INVALID_LEVEL', 'NO_SCALE', 'UNIT_NOT_IN_YEAR'],
    true,
  ),
  /**
   * The year's grid. Paging by key: with `pageSize` (and `after`, the `next` of the previous
   * page) one page of rows in display order; without either, the whole set as before.
   */
  'ratings.grid': method<RatingGrid>()(
    z.strictObject({
      year: ratingYear,
      scopeId: unitId.optional(),
      kinds: scopeFields.kinds,
      pageSize: gridPageSize.optional(),
      after: gridCursor.optional(),
    }),
    ['NOT_FOUND', 'NO_SCALE', 'INVALID_INPUT'],
    false,
  ),
  'ratings.history': method<RatingHistory>()(z.strictObject({ unitId }), ['NOT_FOUND'], false),
  'ratings.list': method<{ year: number; rows: RatingListRow[] }>()(
    z.strictObject({ year: ratingYear, ...scopeFields }),
    ['NOT_FOUND'],
    false,
  ),
  'ratings.counts': method<LevelCounts>()(
    z.strictObject({ year: ratingYear, ...scopeFields }),
    ['NOT_FOUND', 'NO_SCALE'],
    false,
  ),
  /** The HTXSNV quota of every scale that offers one, as set for this data file. */
  'ratings.quotas': method<QuotaSettingRow[]>()(z.strictObject({}), [], false),
  /** Switches a scale's quota on or off, with its base; audited. */
  'ratings.setQuota': method<QuotaSettingRow[]>()(
    z.strictObject({
      scaleId: z.string().trim().min(1).max(40),
      enabled: z.boolean({ error: 'Hãy chọn áp dụng hay không áp dụng giới hạn.' }),
      base: z.enum(QUOTA_BASES, {
        error: 'Cơ sở tính tỷ lệ phải là số xếp loại HTTNV, hoặc số xếp loại HTTNV trở lên.',
      }),
    }),
    ['NOT_FOUND', 'INVALID_INPUT'],
    true,
  ),
  'ratings.transitions': method<TransitionReport>()(
    z.strictObject({
      fromYear: ratingYear,
      toYear: ratingYear,
      ...scopeFields,
      /** Compare tiers across a scale change (the result is marked as crossing it). */
      crosswalk: z.boolean().optional(),
    }),
    ['NOT_FOUND'],
    false,
  ),
  /** The units of one group of ratings.transitions (groupId null: the units without a parent). */
  'ratings.transitionUnits': method<TransitionUnits>()(
    z.strictObject({
      fromYear: ratingYear,
      toYear: ratingYear,
      ...scopeFields,
      crosswalk: z.boolean().optional(),
      groupId: unitId.nullable(),
    }),
    ['NOT_FOUND'],
    false,
  ),
  /** Reads a file by handle and plans its import; writes nothing. */
  'ratings.importPreview': method<ImportPreview>()(
    z.strictObject({
      file: fileHandle,
      /** A worksheet of an .xlsx file; default the first visible one. */
      sheet: z
        .string({ error: 'Tên trang tính không hợp lệ.' })
        .trim()
        .min(1, { error: 'Tên trang tính không được để trống.' })
        .max(100, { error: 'Tên trang tính dài quá 100 ký tự.' })
        .optional(),
    }),
    ['BAD_FILE', 'FILE_NOT_FOUND', 'INVALID_INPUT'],
    false,
  ),
  /** Writes a previewed plan, or refuses (PLAN_STALE) if the data changed since the preview. */
  'ratings.importApply': method<ImportResult>()(
    z.strictObject({
      planId: z
        .string({ error: 'Thiếu mã bản xem trước; hãy xem trước lại tệp.' })
        .regex(UUID_PATTERN, { error: 'Mã bản xem trước không hợp lệ; hãy xem trước lại tệp.' }),
      /** Import the valid rows even though some rows have errors. */
      skipErrors: z.boolean().optional(),
    }),
    ['NOT_FOUND', 'PLAN_STALE', 'INVALID_INPUT'],
    true,
  ),
} as const;
