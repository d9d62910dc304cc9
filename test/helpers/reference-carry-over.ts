// reports.carryOver as it was before helper CARRYOVER (issue 10): for year N against N - 1 by
// committee, the summaries' reading of the units the list may name (register-figures.ts
// carryOverScope: the year's ratings at the lowest level, then each unit's version and both
// years' ratings looked up, joined to the scope's walk, the units sorted by their group's rank);
// any other question as the one call counts it (that path is not changed: its list is the one
// call's, reports.progress with every unit counted).
// carryOverScope is no longer called by the app (reports/carry-over-units.ts reads the same
// units); it stays in register-figures.ts as this reference.
import type { BackendContext } from '../../electron/backend/context';
import { scaleOrThrow } from '../../electron/backend/ratings/rules';
import { carryOver } from '../../electron/backend/reports/carry-over';
import type { ProgressQuery } from '../../electron/backend/reports/progress';
import { progressReport, settleQuery } from '../../electron/backend/reports/progress';
import { carryOverScope } from '../../electron/backend/reports/register-figures';
import type { CarryOverUnit } from '../../shared/contract';

export function referenceCarryOver(ctx: BackendContext, input: ProgressQuery): CarryOverUnit[] {
  const q = settleQuery(input);
  const named =
    input.scope.type === 'register' && q.groupBy === 'parent'
      ? carryOverScope(ctx.db, input.scope.unitId, q, scaleOrThrow(q.year))
      : null;
  return named
    ? carryOver(named, q)
    : progressReport(ctx, { ...input, unitsPerGroup: 0 }).carryOver;
}
