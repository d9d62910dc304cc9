// Each watched unit's ratings over the report's years (the small multiples): every member of a
// watchlist; in a register scope, the units of the subtree on a list covering year N. Capped, so
// a national register never sends thousands of little charts.
import type { Trajectory } from '../../../shared/contract';
import { NOT_RATED_LABELS, ratingText, scaleById, tierOf } from '../../../shared/domain/scales';
import { inRunningText } from '../../../shared/domain/summary';
import type { ReportGrouping } from '../../../shared/methods/reports';
import { groupKeyOf } from './grouping';
import type { RatingFact, ScopeData } from './scope-units';

export const TRAJECTORY_LIMIT = 200;

/** "TSVM", "HTXSNV (TSVM tiêu biểu)", "Không xếp loại (mới thành lập)". */
export function pointText(fact: RatingFact): string {
  if (fact.levelCode) {
    return ratingText(scaleById(fact.scaleId), fact.levelCode, fact.exemplary);
  }
  if (!fact.notRatedReason || fact.notRatedReason === 'exempt') return 'Không xếp loại';
  return `Không xếp loại (${inRunningText(NOT_RATED_LABELS[fact.notRatedReason])})`;
}

export interface Trajectories {
  items: Trajectory[];
  /** How many watched units there were, when more than the limit. */
  cappedFrom: number | null;
}

export function trajectories(
  data: ScopeData,
  groupBy: ReportGrouping,
  years: readonly number[],
): Trajectories {
  const watched =
    data.type === 'watchlist' ? data.units : data.units.filter((u) => u.selector !== null);
  const shown = watched.slice(0, TRAJECTORY_LIMIT);
  const histories = data.histories(shown, years);
  return {
    items: shown.map((unit) => ({
      unitId: unit.id,
      name: unit.name,
      groupKey: groupKeyOf(unit, groupBy),
      points: (histories.get(unit.id) ?? []).map((fact) => ({
        year: fact.year,
        scaleId: fact.scaleId,
        levelCode: fact.levelCode,
        tier: tierOf(fact.scaleId, fact.levelCode),
        text: pointText(fact),
      })),
    })),
    cappedFrom: watched.length > TRAJECTORY_LIMIT ? watched.length : null,
  };
}
