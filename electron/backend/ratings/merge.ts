// The values a write stores for a unit's rating in a year: what it gives merged into what is
// recorded, by the one rule every write path shares (shared/domain/rating-merge.ts).
import type { RatingChange } from '../../../shared/domain/rating-merge';
import { mergeRating } from '../../../shared/domain/rating-merge';
import type { RatingScale } from '../../../shared/domain/scales';
import type { Db } from '../db/open';
import { assertExemplaryAllowed } from './rules';
import type { RatingValues } from './store';
import { fieldsOf, findRating, valuesFromFields } from './store';

/**
 * The columns to write, or null when nothing is left (the caller tombstones the rating). A
 * removed rating counts as none, so rating again does not bring its old details back. Refuses
 * (INVALID_LEVEL) a "tiêu biểu" on a level that cannot carry it.
 */
export function mergeRatingValues(
  db: Db,
  scale: RatingScale,
  year: number,
  unitId: string,
  change: RatingChange,
): RatingValues | null {
  const existing = findRating(db, unitId, year);
  const stored = existing && existing.deleted_at === null ? fieldsOf(existing) : null;
  const merged = mergeRating(scale, stored, change);
  if (!merged) return null;
  assertExemplaryAllowed(scale, year, merged.levelCode, merged.exemplary);
  return valuesFromFields(scale.id, merged);
}
