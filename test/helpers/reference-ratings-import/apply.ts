// Frozen copy of the apply loop of electron/backend/ratings/import/index.ts as it was before
// issue 10's bulk path (commit dbbe2f3): units created, then each rating through upsertRating
// with its values merged by mergeRatingValues. Kept for the old-vs-new comparison test.
import type { Actor } from '../../../electron/backend/context';
import type { Db } from '../../../electron/backend/db/open';
import { writeTransaction } from '../../../electron/backend/db/write';
import { upsertRating } from '../../../electron/backend/ratings/store';
import { createUnit } from '../../../electron/backend/units/operations';
import type { ImportPlan } from './plan';
import { valuesFor } from './plan';

export function referenceApply(db: Db, actor: Actor, plan: ImportPlan): void {
  writeTransaction(db, () => {
    const ids = new Map<string, string>();
    const idOf = (key: string) => ids.get(key) ?? key;
    for (const unit of plan.units) {
      const created = createUnit(db, actor, {
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
    for (const rating of plan.ratings) {
      const unitId = idOf(rating.unit.key);
      upsertRating(db, actor, unitId, rating.year, valuesFor(db, rating, unitId));
    }
  });
}
