// The figures of one group (or of all units: the totals): units counted in year N, per level,
// not rated and missing, moved up / unchanged / down against the compared year, the units
// themselves, and the group's sentence in the province's style.
import type { ReportGroup, ReportUnit } from '../../../shared/contract';
import type { NotRatedReason, RatingScale } from '../../../shared/domain/scales';
import { levelOf } from '../../../shared/domain/scales';
import { summarizeGroup } from '../../../shared/domain/summary';
import type { GroupSpec } from './grouping';
import { factText } from './named-cases';
import type { ReportQuery, ScopedUnit } from './scope-units';

export function reportUnit(unit: ScopedUnit): ReportUnit {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    from: factText(unit.compared),
    to: factText(unit.current),
    fromLevel: unit.compared?.levelCode ?? null,
    toLevel: unit.current?.levelCode ?? null,
    exemplary: unit.current?.exemplary ?? false,
    notRatedReason: unit.current?.levelCode ? null : (unit.current?.notRatedReason ?? null),
    change: unit.comparison?.trend ?? null,
  };
}

/**
 * Counts a group's units existing in year N. Up / same / down / not comparable cover the units
 * rated in N (as the watchlist figures do): a unit without a result is said once, as not rated
 * or missing, never also as "không so sánh được".
 */
export function countGroup(
  spec: GroupSpec,
  scale: RatingScale,
  q: ReportQuery,
  /** A unit's row; the report builds each once and shares it between its group and the totals. */
  rowOf: (unit: ScopedUnit) => ReportUnit = reportUnit,
  /** How many units `units` lists (the first ones); every unit is counted whatever it is. */
  listed = Number.POSITIVE_INFINITY,
): ReportGroup {
  const group: ReportGroup = {
    key: spec.key,
    name: spec.name,
    description: spec.description,
    total: 0,
    rated: 0,
    levels: Object.fromEntries(scale.levels.map((l) => [l.code, 0])),
    exemplary: 0,
    goodOrBetter: 0,
    notRated: {},
    missing: 0,
    up: 0,
    same: 0,
    down: 0,
    notComparable: 0,
    units: [],
    summary: '',
  };
  let compared = 0;
  for (const unit of spec.units) {
    if (!unit.exists) continue;
    group.total++;
    if (group.units.length < listed) group.units.push(rowOf(unit));
    const code = unit.current?.levelCode ?? null;
    const reason: NotRatedReason | null = unit.current?.notRatedReason ?? null;
    if (code === null) {
      if (reason) group.notRated[reason] = (group.notRated[reason] ?? 0) + 1;
      else group.missing++;
      continue;
    }
    group.rated++;
    group.levels[code] = (group.levels[code] ?? 0) + 1;
    const level = levelOf(scale, code);
    if (unit.current?.exemplary && code === scale.exemplaryLevel) group.exemplary++;
    if (level && level.tier <= 2) group.goodOrBetter++;
    if (unit.compared?.levelCode) compared++;
    const trend = unit.comparison?.trend;
    if (trend === 'up') group.up++;
    else if (trend === 'same') group.same++;
    else if (trend === 'down') group.down++;
    else if (trend === 'not_comparable') group.notComparable++;
  }
  group.summary = summarizeGroup(
    {
      year: q.year,
      // A group none of whose rated units has a rating in the compared year has nothing to
      // compare: its sentence leaves the comparison out (a note says the year is missing).
      compareYear: compared > 0 ? q.compareYear : null,
      description: group.description,
      scale,
      total: group.total,
      levels: group.levels,
      exemplary: group.exemplary,
      notRated: group.notRated,
      changes: {
        up: group.up,
        same: group.same,
        down: group.down,
        not_comparable: group.notComparable,
      },
    },
    { style: q.style },
  );
  return group;
}
