// Reads every row of an import file against the register, without writing: which units are new,
// which ratings are new, changed or unchanged, and which rows have errors (with their row numbers).
import type { ImportPreview } from '../../../../shared/contract';
import type { CellChange, RatingCell } from '../../../../shared/domain/rating-merge';
import { mergeCell, mergeRating } from '../../../../shared/domain/rating-merge';
import type { RatingScale } from '../../../../shared/domain/scales';
import type { UnitKind, UnitSector } from '../../../../shared/domain/units';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { assertExemplaryAllowed } from '../rules';
import type { RatingRecord, RatingValues } from '../store';
import { fieldsOf, valuesFromFields, valuesOf } from '../store';
import { RecordedRatings, YEAR_READ_FROM, cachedParse } from './cached';
import { cellOf, findHeader } from './columns';
import type { SheetData } from './sheet';
import type { PlannedUnit, UnitRef } from './units';
import { UnitResolver } from './units';
import type { RatingValue } from './values';
import {
  labelOfValues,
  parseKindCell,
  parseLevelCell,
  parseSectorCell,
  parseYearCell,
  ratingLabel,
} from './values';

/** A rating the import writes (rows that change nothing are left out). */
export interface PlannedRating {
  row: number;
  unit: UnitRef;
  year: number;
  scale: RatingScale;
  /** What the row gives, merged at write time by the rule every write path shares. */
  change: CellChange;
}

export interface ImportPlan {
  preview: ImportPreview;
  /** Units to create, parents first; each "có từ trước" (founding year unknown). */
  units: readonly PlannedUnit[];
  ratings: PlannedRating[];
}

/**
 * What a row gives: its level (or reason for not rating), and "tiêu biểu" only when written. A
 * plain "TSVM" leaves the flag to the merge rule, which keeps a recorded "TSVM tiêu biểu"
 * (reports often count exemplary units inside TSVM without naming them).
 */
function changeOf(value: RatingValue): CellChange {
  return {
    levelCode: value.levelCode,
    notRatedReason: value.notRatedReason,
    ...(value.exemplary ? { exemplary: true } : {}),
  };
}

/**
 * The values written for a planned rating (`existing`: the unit's recorded row for the year, as
 * findRating reads it): the file's level merged into what is recorded, keeping the other
 * recorded fields (rank, decision …). The same rule as mergeRatingValues (ratings/merge.ts),
 * given the row instead of reading it.
 */
export function valuesFor(rating: PlannedRating, existing: RatingRecord | undefined): RatingValues {
  const stored = existing && existing.deleted_at === null ? fieldsOf(existing) : null;
  const merged = mergeRating(rating.scale, stored, rating.change);
  // A row always gives a level or a reason, so the merge never clears the rating.
  if (!merged) throw new AppError('INVALID_INPUT', 'Thiếu xếp loại.');
  assertExemplaryAllowed(rating.scale, rating.year, merged.levelCode, merged.exemplary);
  return valuesFromFields(rating.scale.id, merged);
}

const sameValue = (a: RatingValue, b: RatingValue) =>
  a.levelCode === b.levelCode &&
  a.exemplary === b.exemplary &&
  a.notRatedReason === b.notRatedReason;

/** Where the rows came from, as the preview names it. */
export type ImportSource = Pick<
  ImportPreview,
  'planId' | 'fileName' | 'sheet' | 'sheets' | 'encoding'
>;

/**
 * Plans the import of `sheet.rows` (`thisYear`: the backend clock's, for the year range);
 * `onRow(done, total)` follows the data rows for progress.
 */
export function planImport(
  db: Db,
  source: ImportSource,
  sheet: SheetData,
  thisYear: number,
  onRow: (done: number, total: number) => void = () => undefined,
): ImportPlan {
  const header = findHeader(sheet);
  const data = sheet.rows.filter((r) => r.row > header.row);
  if (data.length === 0) {
    throw new AppError(
      'BAD_FILE',
      `Tệp chỉ có dòng tiêu đề (dòng ${header.row}), không có dòng dữ liệu nào.`,
    );
  }
  const preview: ImportPreview = {
    ...source,
    rows: data.length,
    newUnits: [],
    newRatings: [],
    changedRatings: [],
    unchanged: 0,
    errors: [],
  };
  const resolver = new UnitResolver(db);
  // Every code and name the file uses, read from the register at once; a year's recorded
  // ratings too when the file is long.
  resolver.prefetchRows(
    data.map((r) => ({
      code: cellOf(r, header.columns, 'code'),
      name: cellOf(r, header.columns, 'name'),
      parent: cellOf(r, header.columns, 'parent'),
    })),
  );
  const recordedRatings = new RecordedRatings(db, data.length >= YEAR_READ_FROM);
  // The few distinct years, levels, kinds and sectors of a file, each parsed once.
  const yearOf = cachedParse((text) => parseYearCell(text, thisYear));
  // Keyed by the year's text (four digits once valid), a line break, and the level's text.
  const levelOf = cachedParse((key) => {
    const cut = key.indexOf('\n');
    const { year, scale } = yearOf(key.slice(0, cut));
    return parseLevelCell(scale, year, key.slice(cut + 1));
  });
  const kindOf = cachedParse(parseKindCell);
  const sectorOf = cachedParse(parseSectorCell);
  const ratings: PlannedRating[] = [];
  /** unit key + year → the first row that rated it, and with what. */
  const seen = new Map<string, { row: number; value: RatingValue }>();

  onRow(0, data.length);
  for (const [index, r] of data.entries()) {
    onRow(index, data.length);
    try {
      const cell = (field: Parameters<typeof cellOf>[2]) => cellOf(r, header.columns, field);
      const yearText = cell('year');
      const { year, scale } = yearOf(yearText);
      const value = levelOf(`${yearText}\n${cell('level')}`);
      const code = cell('code') || null;
      const name = cell('name') || null;
      if (!code && !name) throw new AppError('INVALID_INPUT', 'Thiếu cả mã và tên tổ chức.');
      if (code && code.length > 50)
        throw new AppError('INVALID_INPUT', 'Mã tổ chức dài quá 50 ký tự.');
      const kindText = cell('kind');
      const kind: UnitKind | null = kindText ? kindOf(kindText) : null;
      const sectorText = cell('sector');
      const sector: UnitSector | null = sectorText ? sectorOf(sectorText) : null;
      const { unit, commit } = resolver.resolve({
        code,
        name,
        parent: cell('parent') || null,
        kind,
        sector,
        year,
      });

      const key = `${unit.key}|${year}`;
      const earlier = seen.get(key);
      if (earlier) {
        if (!sameValue(earlier.value, value)) {
          const label = labelOf(scale, value);
          throw new AppError(
            'INVALID_INPUT',
            `"${unit.name}" năm ${year} đã có ở dòng ${earlier.row} với xếp loại khác; ` +
              `dòng này ghi ${label}. Hãy giữ một dòng.`,
          );
        }
        commit();
        preview.unchanged++;
        continue;
      }
      seen.set(key, { row: r.row, value });
      for (const created of commit()) {
        preview.newUnits.push({
          row: r.row,
          name: created.name,
          parentName: created.parent?.name ?? null,
          fromYear: created.fromYear,
        });
      }
      const existing = unit.existing ? recordedRatings.get(unit.key, year) : undefined;
      const recorded = existing && !existing.deleted_at ? existing : undefined;
      const change = changeOf(value);
      const kept = mergeCell(scale, recorded ? fieldsOf(recorded) : null, change);
      if (!kept) throw new AppError('INVALID_INPUT', 'Thiếu xếp loại.');
      const planned: PlannedRating = { row: r.row, unit, year, scale, change };
      const to = labelOf(scale, kept);
      if (!recorded) {
        preview.newRatings.push({ row: r.row, unitName: unit.name, year, level: to });
        ratings.push(planned);
      } else if (
        recorded.scale_id !== scale.id ||
        recorded.level_code !== kept.levelCode ||
        recorded.not_rated_reason !== kept.notRatedReason ||
        recorded.exemplary !== (kept.exemplary ? 1 : 0)
      ) {
        const from = labelOfValues(valuesOf(recorded));
        preview.changedRatings.push({ row: r.row, unitName: unit.name, year, from, to });
        ratings.push(planned);
      } else {
        preview.unchanged++;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      preview.errors.push({ row: r.row, message: error.message });
    }
  }
  onRow(data.length, data.length);
  return { preview, units: resolver.plannedUnits, ratings };
}

function labelOf(scale: RatingScale, value: RatingCell): string {
  return ratingLabel(scale.id, value.levelCode, value.exemplary, value.notRatedReason);
}
