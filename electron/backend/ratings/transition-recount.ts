// The kept pairs of ratings (migration 18, rating_transitions) counted again for some years, by
// a bulk write that switched the triggers off (ratings/tallies.ts rebuildTallies), before it
// commits: each year's rows removed and counted from the register by one statement.
import { COUNT_YEAR_SQL } from '../db/migrations/0018-rating-transitions';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

export function countTransitionYears(db: Db, years: Iterable<number>): void {
  const forget = stmt<[{ year: number }]>(db, 'DELETE FROM rating_transitions WHERE year = :year');
  const count = stmt<[{ year: number }]>(db, COUNT_YEAR_SQL);
  for (const year of new Set(years)) {
    forget.run({ year });
    count.run({ year });
  }
}
