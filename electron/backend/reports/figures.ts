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

/** What a unit adds to its group's counts: year N's rating, the compared one, their trend. */
export type CountedUnit = Pick<ScopedUnit, 'current' | 'compared' | 'comparison'>;

/** A group being counted: its figures so far and how many of its rated units were compared. */
export interface GroupCount {
  group: ReportGroup;
  compared: number;
}

export function emptyGroup(
  spec: Pick<GroupSpec, 'key' | 'name' | 'description'>,
  scale: RatingScale,
): GroupCount {
  return {
    group: {
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
    },
    compared: 0,
  };
}

/**
 * Counts `n` units existing in year N with the same facts. Up / same / down / not comparable
 * cover the units rated in N (as the watchlist figures do): a unit without a result is said
 * once, as not rated or missing, never also as "không so sánh được".
 */
export function countUnits(count: GroupCount, unit: CountedUnit, scale: RatingScale, n = 1): void {
  const { group } = count;
  group.total += n;
  const code = unit.current?.levelCode ?? null;
  const reason: NotRatedReason | null = unit.current?.notRatedReason ?? null;
  if (code === null) {
    if (reason) group.notRated[reason] = (group.notRated[reason] ?? 0) + n;
    else group.missing += n;
    return;
  }
  group.rated += n;
  group.levels[code] = (group.levels[code] ?? 0) + n;
  const level = levelOf(scale, code);
  if (unit.current?.exemplary && code === scale.exemplaryLevel) group.exemplary += n;
  if (level && level.tier <= 2) group.goodOrBetter += n;
  if (unit.compared?.levelCode) count.compared += n;
  const trend = unit.comparison?.trend;
  if (trend === 'up') group.up += n;
  else if (trend === 'same') group.same += n;
  else if (trend === 'down') group.down += n;
  else if (trend === 'not_comparable') group.notComparable += n;
}

/** The group's sentence in the chosen style, once every unit is counted. */
export function finishGroup(count: GroupCount, scale: RatingScale, q: ReportQuery): ReportGroup {
  const { group } = count;
  group.summary = summarizeGroup(
    {
      year: q.year,
      // A group none of whose rated units has a rating in the compared year has nothing to
      // compare: its sentence leaves the comparison out (a note says the year is missing).
      compareYear: count.compared > 0 ? q.compareYear : null,
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

/** Counts a group's units existing in year N, listing the first `listed` of them. */
export function countGroup(
  spec: GroupSpec,
  scale: RatingScale,
  q: ReportQuery,
  /** A unit's row; the report builds each once and shares it between its group and the totals. */
  rowOf: (unit: ScopedUnit) => ReportUnit = reportUnit,
  /** How many units `units` lists (the first ones); every unit is counted whatever it is. */
  listed = Number.POSITIVE_INFINITY,
): ReportGroup {
  const count = emptyGroup(spec, scale);
  for (const unit of spec.units) {
    if (!unit.exists) continue;
    if (count.group.units.length < listed) count.group.units.push(rowOf(unit));
    countUnits(count, unit, scale);
  }
  return finishGroup(count, scale, q);
}
