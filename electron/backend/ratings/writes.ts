// Writing ratings: one at a time, a whole year from the grid, removal. Each call is one transaction.
import type { ParsedInput, Rating, SaveYearResult } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../context';
import type { Db } from '../db/open';
import { assertExemplaryAllowed, assertUnitInYear, levelOrThrow, scaleOrThrow } from './rules';
import type { RatingValues } from './store';
import { findRating, toRating, tombstoneRating, upsertRating, valuesOf } from './store';
import { writeTransaction } from '../db/write';

const EMPTY: Omit<RatingValues, 'scale_id' | 'level_code' | 'not_rated_reason' | 'exemplary'> = {
  rank: null,
  change: null,
  score: null,
  member_count: null,
  rated_by: null,
  decision_number: null,
  decision_date: null,
  note: null,
};

/** Sets one rating. Fields left out keep their recorded value; null clears them. */
export function setRating(db: Db, actor: Actor, input: ParsedInput<'ratings.set'>): Rating {
  return writeTransaction(db, () => {
    const scale = scaleOrThrow(input.year);
    assertUnitInYear(db, input.unitId, input.year);
    const level = input.levelCode ? levelOrThrow(scale, input.year, input.levelCode) : null;
    const existing = findRating(db, input.unitId, input.year);
    const base: RatingValues =
      existing && !existing.deleted_at
        ? valuesOf(existing)
        : { scale_id: scale.id, level_code: null, not_rated_reason: null, exemplary: 0, ...EMPTY };
    const levelCode = level?.level.code ?? null;
    // Left out, the flag is kept while the level stays the same ("TSVM" typed again keeps
    // "tiêu biểu"); typed as "TSVM tiêu biểu" it is set; exemplary: false clears it.
    const exemplary =
      input.exemplary ??
      (level?.exemplary ||
        (base.exemplary === 1 && levelCode !== null && levelCode === base.level_code));
    assertExemplaryAllowed(scale, input.year, levelCode, exemplary);
    const pick = <T>(value: T | undefined, kept: T) => (value === undefined ? kept : value);
    upsertRating(db, actor, input.unitId, input.year, {
      scale_id: scale.id,
      level_code: levelCode,
      not_rated_reason: levelCode ? null : (input.notRatedReason ?? null),
      exemplary: exemplary ? 1 : 0,
      rank: pick(input.rank, base.rank),
      change: pick(input.change, base.change),
      score: pick(input.score, base.score),
      member_count: pick(input.memberCount, base.member_count),
      rated_by: pick(input.ratedBy, base.rated_by),
      decision_number: pick(input.decisionNumber, base.decision_number),
      decision_date: pick(input.decisionDate, base.decision_date),
      note: pick(input.note, base.note),
    });
    return toRating(findRating(db, input.unitId, input.year)!);
  });
}

export function removeRating(db: Db, actor: Actor, input: ParsedInput<'ratings.remove'>) {
  writeTransaction(db, () => {
    if (!tombstoneRating(db, actor, input.unitId, input.year)) {
      throw new AppError('NOT_FOUND', `Không có kết quả xếp loại năm ${input.year} để xoá.`);
    }
  });
  return { unitId: input.unitId, year: input.year };
}

/**
 * Saves the levels of many units for one year (the entry grid). Everything is checked first and
 * written in one transaction: one bad entry and nothing is saved. Other recorded fields
 * (rank, change, decision …) are kept.
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
      if (!entry.levelCode && !entry.notRatedReason) {
        if (tombstoneRating(db, actor, entry.unitId, input.year)) result.removed++;
        else result.unchanged++;
        continue;
      }
      const level = entry.levelCode ? levelOrThrow(scale, input.year, entry.levelCode, name) : null;
      const levelCode = level?.level.code ?? null;
      const exemplary = entry.exemplary ?? level?.exemplary ?? false;
      assertExemplaryAllowed(scale, input.year, levelCode, exemplary);
      const existing = findRating(db, entry.unitId, input.year);
      const kept = existing && !existing.deleted_at ? valuesOf(existing) : { ...EMPTY };
      const outcome = upsertRating(db, actor, entry.unitId, input.year, {
        ...EMPTY,
        ...kept,
        scale_id: scale.id,
        level_code: levelCode,
        not_rated_reason: levelCode ? null : (entry.notRatedReason ?? null),
        exemplary: exemplary ? 1 : 0,
      });
      result[outcome]++;
    }
  });
  return result;
}
