// The values of one import row as typed in a spreadsheet: year, level, kind, sector.
import type { NotRatedReason, RatingScale } from '../../../../shared/domain/scales';
import {
  FIRST_RATING_YEAR,
  NOT_RATED_LABELS,
  NOT_RATED_REASONS,
  levelOf,
  scaleById,
} from '../../../../shared/domain/scales';
import { echoText, foldForSearch } from '../../../../shared/domain/text';
import type { UnitKind, UnitSector } from '../../../../shared/domain/units';
import {
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_KIND_TERM,
  UNIT_SECTORS,
  UNIT_SECTOR_LABELS,
  UNIT_SECTOR_TERM,
} from '../../../../shared/domain/units';
import { latestYear } from '../../../../shared/domain/years';
import { AppError } from '../../../../shared/errors';
import { levelOrThrow, scaleOrThrow } from '../rules';
import type { RatingValues } from '../store';

/** A date as the import reads one from a cell (dd/mm/yyyy, xlsx.ts) or as typed in a CSV. */
const DATE_CELL = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;

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
    throw new AppError(
      'INVALID_INPUT',
      DATE_CELL.test(text)
        ? // Often a year typed into a cell Excel formats as a date (2019 shows as 11/07/1905).
          `Năm "${text}" là một ngày, không phải năm: hãy ghi 4 chữ số, ví dụ 2019 (nếu ô đang ` +
            'định dạng ngày trong Excel, hãy đổi sang định dạng Số hoặc Văn bản rồi ghi lại năm).'
        : `Năm "${echoText(text)}" không hợp lệ (cần 4 chữ số, ví dụ 2019).`,
    );
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

/** A value typed as the code or the Vietnamese label, folded (case and diacritics ignored). */
function matchFolded<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  text: string,
): T | undefined {
  const folded = foldForSearch(text);
  return values.find((v) => foldForSearch(v) === folded || foldForSearch(labels[v]) === folded);
}

const KIND_LIST = UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(', ');
const SECTOR_LIST = UNIT_SECTORS.map((s) => UNIT_SECTOR_LABELS[s]).join(', ');

/** "Loại tổ chức": Đảng bộ cơ sở, Chi bộ cơ sở, … */
export function parseKindCell(text: string): UnitKind {
  const kind = matchFolded(UNIT_KINDS, UNIT_KIND_LABELS, text);
  if (kind) return kind;
  // A sector typed in the kind's column: say where it belongs.
  const sector = matchFolded(UNIT_SECTORS, UNIT_SECTOR_LABELS, text);
  throw new AppError(
    'INVALID_INPUT',
    sector
      ? `"${echoText(text)}" là loại hình, không phải loại tổ chức: hãy ghi vào cột "${UNIT_SECTOR_TERM}". ` +
          `Cột "${UNIT_KIND_TERM}" ghi một trong: ${KIND_LIST}.`
      : `${UNIT_KIND_TERM} "${echoText(text)}" không hợp lệ. Các loại tổ chức: ${KIND_LIST}.`,
  );
}

/**
 * "Loại hình": xã, phường, cơ quan, … Files made with the old template had the kind in a column
 * of this name; such a value is refused with the new meaning spelt out, never taken as a kind,
 * so that a whole file is not read with its columns swapped unnoticed.
 */
export function parseSectorCell(text: string): UnitSector {
  const sector = matchFolded(UNIT_SECTORS, UNIT_SECTOR_LABELS, text);
  if (sector) return sector;
  const kind = matchFolded(UNIT_KINDS, UNIT_KIND_LABELS, text);
  throw new AppError(
    'INVALID_INPUT',
    kind
      ? `Cột "${UNIT_SECTOR_TERM}" nay ghi loại hình (${SECTOR_LIST}); ` +
          `"${echoText(text)}" là loại tổ chức, hãy ghi vào cột "${UNIT_KIND_TERM}". ` +
          `Tệp theo mẫu cũ: đổi tên cột "${UNIT_SECTOR_TERM}" thành "${UNIT_KIND_TERM}".`
      : `${UNIT_SECTOR_TERM} "${echoText(text)}" không hợp lệ. Các loại hình: ${SECTOR_LIST}.`,
  );
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
