// Lookups an import repeats for every row, answered once per distinct key: a file of 55,000 rows
// has a handful of years and level texts, and a year's recorded ratings are one query.
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { RatingRecord } from '../store';
import { RATING_COLUMNS, findRating } from '../store';

/**
 * `parse` answered once per key: the value, or the same refusal (AppError) thrown again. Only
 * for pure parsers whose result the caller does not change.
 */
export function cachedParse<T>(parse: (key: string) => T): (key: string) => T {
  const cache = new Map<string, { value: T } | { error: AppError }>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      try {
        hit = { value: parse(key) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        hit = { error };
      }
      cache.set(key, hit);
    }
    if ('error' in hit) throw hit.error;
    return hit.value;
  };
}

/**
 * From this many ratings on, a year's recorded ratings are read with one query (up to a whole
 * nation's year, about 55,000 rows) rather than one lookup per rating: below it, the year's read
 * costs more than the lookups it saves.
 */
export const YEAR_READ_FROM = 1_000;

const YEAR_SQL = `SELECT ${RATING_COLUMNS} FROM ratings WHERE year = ?`;

/**
 * The recorded rating (live or tombstone) of a unit in a year, as `findRating` reads it: per
 * lookup, or for a bulk job from the year's rows read once. Valid while nothing writes the years
 * read (a plan is checked for staleness before its apply; the apply writes each unit and year
 * at most once, after reading it).
 */
export class RecordedRatings {
  private readonly years = new Map<number, Map<string, RatingRecord>>();

  constructor(
    private readonly db: Db,
    private readonly bulk: boolean,
  ) {}

  get(unitId: string, year: number): RatingRecord | undefined {
    if (!this.bulk) return findRating(this.db, unitId, year);
    let byUnit = this.years.get(year);
    if (!byUnit) {
      byUnit = new Map();
      for (const r of stmt<[number], RatingRecord>(this.db, YEAR_SQL).iterate(year)) {
        byUnit.set(r.unit_id, r);
      }
      this.years.set(year, byUnit);
    }
    return byUnit.get(unitId);
  }
}
