// Writing ratings: one at a time, a whole year from the grid, removal. Each call is one transaction.
import type { ParsedInput, Rating, SaveYearResult } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import { mergeRatingValues } from './merge';
import { assertUnitInYear, levelOrThrow, scaleOrThrow } from './rules';
import { findRating, toRating, tombstoneRating, upsertRating } from './store';

/** Sets one rating. Fields left out keep their recorded value; null clears them. */
export function setRating(db: Db, actor: Actor, input: ParsedInput<'ratings.set'>): Rating {
  return writeTransaction(db, () => {
    const scale = scaleOrThrow(input.year);
    assertUnitInYear(db, input.unitId, input.year);
    const level = input.levelCode ? levelOrThrow(scale, input.year, input.levelCode) : null;
    const values = mergeRatingValues(db, scale, input.year, input.unitId, {
      levelCode: level?.level.code ?? null,
      notRatedReason: input.notRatedReason ?? null,
      // Typed as "TSVM tiêu biểu" sets the flag; a plain level leaves it to the merge rule.
      exemplary: input.exemplary ?? (level?.exemplary ? true : undefined),
      rank: input.rank,
      change: input.change,
      score: input.score,
      memberCount: input.memberCount,
      ratedBy: input.ratedBy,
      decisionNumber: input.decisionNumber,
      decisionDate: input.decisionDate,
      note: input.note,
    });
    // The input schema requires a level or a reason, so something is always left to write.
    if (values) upsertRating(db, actor, input.unitId, input.year, values);
    const saved = findRating(db, input.unitId, input.year);
    if (!saved) throw new AppError('NOT_FOUND', 'Không ghi được kết quả xếp loại.');
    return toRating(saved);
  });
}

export function removeRating(db: Db, actor: Actor, input: ParsedInput<'ratings.remove'>) {
  writeTransaction(db, () => {
    if (!tombstoneRating(db, actor, input.unitId, input.year)) {
      throw new AppError('NOT_FOUND', `Không có kết quả xếp loại năm ${input.year} để xóa.`);
    }
  });
  return { unitId: input.unitId, year: input.year };
}

/**
 * Saves the levels of many units for one year (the entry grid). Everything is checked first and
 * written in one transaction: one bad entry and nothing is saved. Each entry is merged into what
 * is recorded by the shared rule: other recorded fields (rank, change, decision …) are kept, and
 * so is "tiêu biểu" when the entry leaves it out and the level stays the same. An entry with
 * neither a level nor a reason clears the rating.
 */
export function saveYear(
  db: Db,
  actor: Actor,
  input: ParsedInput<'ratings.saveYear'>,
): SaveYearResult {
  const result: SaveYearResult = {
    year: input.year,
    created: 0,
    changed: 0,
    removed: 0,
    unchanged: 0,
  };
  const scale = scaleOrThrow(input.year);
  const seen = new Set<string>();
  writeTransaction(db, () => {
    for (const entry of input.entries) {
      if (seen.has(entry.unitId)) {
        throw new AppError(
          'INVALID_INPUT',
          'Một tổ chức xuất hiện hai lần trong cùng một lần lưu.',
        );
      }
      seen.add(entry.unitId);
      const name = assertUnitInYear(db, entry.unitId, input.year);
      const level = entry.levelCode ? levelOrThrow(scale, input.year, entry.levelCode, name) : null;
      const values = mergeRatingValues(db, scale, input.year, entry.unitId, {
        levelCode: level?.level.code ?? null,
        notRatedReason: entry.notRatedReason ?? null,
        exemplary: entry.exemplary ?? (level?.exemplary ? true : undefined),
      });
      if (!values) {
        if (tombstoneRating(db, actor, entry.unitId, input.year)) result.removed++;
        else result.unchanged++;
        continue;
      }
      result[upsertRating(db, actor, entry.unitId, input.year, values)]++;
    }
  });
  return result;
}
