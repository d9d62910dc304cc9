// The values of one import row as typed in a spreadsheet: year, level, kind.
import type { NotRatedReason, RatingScale } from '../../../../shared/domain/scales';
import {
  FIRST_RATING_YEAR,
  NOT_RATED_LABELS,
  NOT_RATED_REASONS,
  levelOf,
  scaleById,
} from '../../../../shared/domain/scales';
import { foldForSearch } from '../../../../shared/domain/text';
import type { UnitKind } from '../../../../shared/domain/units';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../../../shared/domain/units';
import { latestYear } from '../../../../shared/domain/years';
import { AppError } from '../../../../shared/errors';
import { levelOrThrow, scaleOrThrow } from '../rules';
import type { RatingValues } from '../store';

/**
 * A year of a rating: four digits, from 2000 to next year (`thisYear` is the backend clock's),
 * with a scale.
 */
export function parseYearCell(
  text: string,
  thisYear: number,
): { year: number; scale: RatingScale } {
  if (!text) throw new AppError('INVALID_INPUT', 'Thiếu năm xếp loại.');
  if (!/^\d{4}$/.test(text)) {
    throw new AppError('INVALID_INPUT', `Năm "${text}" không hợp lệ (cần 4 chữ số, ví dụ 2019).`);
  }
  const year = Number(text);
  const last = latestYear(thisYear);
  if (year < FIRST_RATING_YEAR || year > last) {
    throw new AppError(
      'INVALID_INPUT',
      `Năm ${year} không hợp lệ: năm xếp loại phải từ ${FIRST_RATING_YEAR} đến ${last}.`,
    );
  }
  return { year, scale: scaleOrThrow(year) };
}

export interface RatingValue {
  levelCode: string | null;
  exemplary: boolean;
  notRatedReason: NotRatedReason | null;
}

const NOT_RATED_BY_FOLDED = new Map(
  NOT_RATED_REASONS.map((r) => [foldForSearch(NOT_RATED_LABELS[r]), r] as const),
);

/** A level of the year's scale (abbreviation or full name), or a reason for not rating. */
export function parseLevelCell(scale: RatingScale, year: number, text: string): RatingValue {
  if (!text) throw new AppError('INVALID_INPUT', 'Thiếu xếp loại.');
  const reason = NOT_RATED_BY_FOLDED.get(foldForSearch(text));
  if (reason) return { levelCode: null, exemplary: false, notRatedReason: reason };
  const parsed = levelOrThrow(scale, year, text);
  return { levelCode: parsed.level.code, exemplary: parsed.exemplary, notRatedReason: null };
}

export function parseKindCell(text: string): UnitKind {
  const folded = foldForSearch(text);
  const kind = UNIT_KINDS.find(
    (k) => foldForSearch(k) === folded || foldForSearch(UNIT_KIND_LABELS[k]) === folded,
  );
  if (!kind) {
    throw new AppError(
      'INVALID_INPUT',
      `Loại hình "${text}" không hợp lệ. Các loại hình: ${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(', ')}.`,
    );
  }
  return kind;
}

/** How a rating reads in the preview: "HTTNV", "TSVM tiêu biểu", "Mới thành lập". */
export function ratingLabel(
  scaleId: string,
  levelCode: string | null,
  exemplary: boolean,
  notRatedReason: NotRatedReason | null,
): string {
  if (!levelCode) return notRatedReason ? NOT_RATED_LABELS[notRatedReason] : '(trống)';
  const scale = scaleById(scaleId);
  const abbreviation = (scale && levelOf(scale, levelCode)?.abbreviation) ?? levelCode;
  return exemplary ? `${abbreviation} tiêu biểu` : abbreviation;
}

export function labelOfValues(v: RatingValues): string {
  return ratingLabel(v.scale_id, v.level_code, v.exemplary === 1, v.not_rated_reason);
}
