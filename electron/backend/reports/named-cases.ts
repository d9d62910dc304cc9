// The units a report names ("Đảng bộ xã Đồng Ý từ yếu kém lên TSVM"): those that moved up two
// tiers or more or out of the lowest level, and every watched unit whose "mức độ chuyển biến" that
// year was recorded as a clear positive change (Hòa Sơn kept HTTNV but left the bottom of it).
// In a register scope the change and rank are read for the units on a list (scope-register.ts).
import type { NamedCase } from '../../../shared/domain/summary';
import { inRunningText } from '../../../shared/domain/summary';
import { CHANGE_LABELS, ratingText, scaleById } from '../../../shared/domain/scales';
import type { RatingFact, ScopedUnit } from './scope-units';
import { tierOfFact } from './scope-units';

const LOWEST_TIER = 4;

export function factText(fact: RatingFact | null): string | null {
  if (!fact?.levelCode) return null;
  return ratingText(scaleById(fact.scaleId), fact.levelCode, fact.exemplary) || null;
}

/** What is said after the change: "ra khỏi tốp cuối, có chuyển biến tích cực, rõ nét". */
function remark(unit: ScopedUnit, sameLevel: boolean): string | undefined {
  const parts: string[] = [];
  if (sameLevel && unit.compared?.rank === 'bottom' && unit.current?.rank !== 'bottom') {
    parts.push('ra khỏi tốp cuối');
  }
  if (unit.current?.change === 'clear') {
    parts.push(`có ${inRunningText(CHANGE_LABELS.clear)}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The unit as a named case, or null when its change is not worth telling (or cannot be told). */
export function namedCaseOf(unit: ScopedUnit): NamedCase | null {
  const to = factText(unit.current);
  const from = factText(unit.compared);
  if (!unit.exists || !unit.comparison || !to || !from) return null;
  const { trend } = unit.comparison;
  const before = tierOfFact(unit.compared);
  const after = tierOfFact(unit.current);
  const bigStep =
    trend === 'up' &&
    before !== null &&
    after !== null &&
    (before - after >= 2 || before === LOWEST_TIER);
  if (!bigStep && unit.current?.change !== 'clear') return null;
  const note = remark(unit, trend === 'same');
  return {
    name: unit.name,
    fromLevel: from,
    toLevel: to,
    trend,
    ...(note === undefined ? {} : { note }),
  };
}
