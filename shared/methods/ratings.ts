// Methods of the yearly quality ratings (DOMAIN.md §3).
import { z } from 'zod';
import type { QuotaWarning, Trend } from '../domain/progress';
import type { NotRatedReason, QualitativeChange, Rank, RatedBy, Tier } from '../domain/scales';
import { CHANGES, FIRST_RATING_YEAR, NOT_RATED_REASONS, RANKS, RATED_BY } from '../domain/scales';
import { UNIT_KINDS } from '../domain/units';
import type { UnitKind } from '../domain/units';
import { currentYear } from '../domain/years';
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

/** One unit valid in the year, with its rating that year and the year before. */
export interface RatingGridRow {
  unitId: string;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  parentName: string | null;
  current: Rating | null;
  previous: Rating | null;
}

export interface RatingGrid {
  year: number;
  scaleId: string;
  previousScaleId: string | null;
  rows: RatingGridRow[];
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
  units: UnitTrend[];
}

export interface ImportRowIssue {
  row: number;
  message: string;
}

export interface ImportPreview {
  fileName: string;
  rows: number;
  newUnits: { row: number; name: string; parentName: string | null }[];
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
export const ratingYear = year.refine((y) => y >= FIRST_RATING_YEAR && y <= currentYear() + 1, {
  error: `Năm xếp loại phải từ ${FIRST_RATING_YEAR} đến năm sau năm hiện tại.`,
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

const fileInput = z.strictObject({
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64: the same path for the app, the preview host and the CLI. */
  dataBase64: z.string().max(70_000_000, { error: 'Tệp quá lớn (tối đa khoảng 50 MB).' }),
});

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
  'ratings.grid': method<RatingGrid>()(
    z.strictObject({ year: ratingYear, scopeId: unitId.optional(), kinds: scopeFields.kinds }),
    ['NOT_FOUND', 'NO_SCALE'],
    false,
  ),
  'ratings.history': method<{ unitId: string; ratings: Rating[] }>()(
    z.strictObject({ unitId }),
    ['NOT_FOUND'],
    false,
  ),
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
  'ratings.importPreview': method<ImportPreview>()(fileInput, ['BAD_FILE'], false),
  'ratings.importApply': method<ImportResult>()(
    fileInput.extend({
      /** Import the valid rows even though some rows have errors. */
      skipErrors: z.boolean().optional(),
    }),
    ['BAD_FILE', 'INVALID_INPUT'],
    true,
  ),
} as const;
