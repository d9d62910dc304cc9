// Checks of a rating before it is written: a scale for the year, a level of that scale,
// a unit that exists in that year.
import type { ParsedLevel, RatingScale } from '../../../shared/domain/scales';
import {
  FIRST_RATING_YEAR,
  levelNames,
  parseLevel,
  scaleForYear,
} from '../../../shared/domain/scales';
import { echoText } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { loadUnit, nameAt, versionAt } from '../units/queries';

export function scaleOrThrow(year: number): RatingScale {
  const scale = scaleForYear(year);
  if (!scale) {
    throw new AppError(
      'NO_SCALE',
      `Chưa có thang xếp loại cho năm ${year}. Ứng dụng có các thang từ năm 2008; ` +
        `năm xếp loại hợp lệ từ ${FIRST_RATING_YEAR}.`,
    );
  }
  return scale;
}

/** A level as typed (abbreviation or full name), valid in the year's scale. */
export function levelOrThrow(
  scale: RatingScale,
  year: number,
  text: string,
  unitName?: string,
): ParsedLevel {
  const parsed = parseLevel(scale, text);
  if (!parsed) {
    const exemplaryHint =
      scale.exemplaryLevel && scale.exemplaryTitle
        ? ` (với ${scale.exemplaryLevel} có thể ghi "${scale.exemplaryTitle.label}")`
        : '';
    throw new AppError(
      'INVALID_LEVEL',
      `${unitName ? `${unitName}: mức` : 'Mức'} "${echoText(text)}" không có trong thang xếp loại năm ${year}. ` +
        `Các mức của năm ${year}: ${levelNames(scale)}${exemplaryHint}.`,
    );
  }
  return parsed;
}

export function assertExemplaryAllowed(
  scale: RatingScale,
  year: number,
  levelCode: string | null,
  exemplary: boolean,
) {
  if (exemplary && levelCode !== scale.exemplaryLevel) {
    throw new AppError(
      'INVALID_LEVEL',
      scale.exemplaryLevel && scale.exemplaryTitle
        ? `Chỉ tổ chức xếp loại ${scale.exemplaryLevel} mới được ghi là "${scale.exemplaryTitle.label}".`
        : `Thang xếp loại năm ${year} không có danh hiệu "tiêu biểu".`,
    );
  }
}

/** The unit must exist (be founded and not yet ended) in the year; returns its name then. */
export function assertUnitInYear(db: Db, unitId: string, year: number): string {
  const unit = loadUnit(db, unitId);
  const version = versionAt(db, unitId, year);
  if (version) return version.name;
  const name = nameAt(db, unitId, year) ?? 'Tổ chức';
  if (year < unit.founded_year) {
    throw new AppError(
      'UNIT_NOT_IN_YEAR',
      `"${name}" thành lập năm ${unit.founded_year}, nên không có xếp loại năm ${year}.`,
    );
  }
  throw new AppError(
    'UNIT_NOT_IN_YEAR',
    `"${name}" đã kết thúc hoạt động năm ${unit.ended_year ?? '?'}, nên không có xếp loại năm ${year}.`,
  );
}
