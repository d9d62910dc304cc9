// Frozen copy of the ratings import's apply as it was before the rating triggers were set aside
// during its writes (commit 63eb1d4: electron/backend/ratings/import/index.ts `writePlan` and
// ratings/tallies.ts `writingRatingsInBulk`): the triggers of migrations 12 and 18 and the TEMP
// notes of the touched years ran for every rating, the switch off. Kept for the old-vs-new test.
import type { Actor } from '../../electron/backend/context';
import type { Db } from '../../electron/backend/db/open';
import { writeTransaction } from '../../electron/backend/db/write';
import { writingAuditInBulk } from '../../electron/backend/audit/bulk';
import { RecordedRatings, YEAR_READ_FROM } from '../../electron/backend/ratings/import/cached';
import type { ImportPlan } from '../../electron/backend/ratings/import/plan';
import { valuesFor } from '../../electron/backend/ratings/import/plan';
import { writeRating } from '../../electron/backend/ratings/store';
import { BULK_TALLY_THRESHOLDS, withTalliesDeferred } from '../../electron/backend/ratings/tallies';
import { createUnit } from '../../electron/backend/units/operations';

function writingRatingsInBulk<T>(db: Db, rows: number, years: number[], work: () => T): T {
  const { ratingsMinimum, versionsPerRating } = BULK_TALLY_THRESHOLDS;
  const versions =
    (db.prepare('SELECT max(rowid) AS n FROM unit_versions').get() as { n: number | null }).n ?? 0;
  if (rows < ratingsMinimum || rows * versionsPerRating < versions) return work();
  return withTalliesDeferred(db, [...new Set(years)], work);
}

/** The apply's transaction as it was, the plan taken and checked by the caller. */
export function referenceImportApply(db: Db, fileActor: Actor, plan: ImportPlan): void {
  const { units, ratings } = plan;
  writeTransaction(db, () =>
    writingAuditInBulk(db, units.length + ratings.length, () => {
      const ids = new Map<string, string>();
      const idOf = (key: string) => ids.get(key) ?? key;
      for (const unit of units) {
        const created = createUnit(db, fileActor, {
          ...(unit.fromYear === null ? {} : { fromYear: unit.fromYear }),
          name: unit.name,
          code: unit.code,
          kind: unit.kind,
          sector: unit.sector,
          parentId: unit.parent ? idOf(unit.parent.key) : null,
          basis: null,
        });
        ids.set(unit.key, created.id);
      }
      const recorded = new RecordedRatings(db, ratings.length >= YEAR_READ_FROM);
      const years = ratings.map((r) => r.year);
      writingRatingsInBulk(db, ratings.length, years, () => {
        for (const rating of ratings) {
          const unitId = idOf(rating.unit.key);
          const existing = recorded.get(unitId, rating.year);
          writeRating(db, fileActor, unitId, rating.year, valuesFor(rating, existing), existing);
        }
      });
    }),
  );
}
