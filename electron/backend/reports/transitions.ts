// The transition table: how many units went from each level of the compared year to each level
// of year N (null = no level: not rated or no result), best levels first.
import type { ProgressReport } from '../../../shared/contract';
import { tierOf } from '../../../shared/domain/scales';
import type { ScopedUnit } from './scope-units';

/** After the four tiers: "no level". */
const NO_TIER = 9;

export function transitionsOf(
  units: readonly ScopedUnit[],
  compareYear: number | null,
): ProgressReport['transitions'] {
  if (compareYear === null) return [];
  const cells = new Map<string, { from: string | null; to: string | null; count: number }>();
  const tiers = new Map<string, number>();
  for (const unit of units) {
    if (!unit.exists) continue;
    const from = unit.compared?.levelCode ?? null;
    const to = unit.current?.levelCode ?? null;
    const key = `${from ?? ''}→${to ?? ''}`;
    const cell = cells.get(key) ?? { from, to, count: 0 };
    cell.count++;
    cells.set(key, cell);
    if (unit.compared && from)
      tiers.set(`from:${from}`, tierOf(unit.compared.scaleId, from) ?? NO_TIER);
    if (unit.current && to) tiers.set(`to:${to}`, tierOf(unit.current.scaleId, to) ?? NO_TIER);
  }
  const tier = (side: 'from' | 'to', code: string | null) =>
    code === null ? NO_TIER + 1 : (tiers.get(`${side}:${code}`) ?? NO_TIER);
  return [...cells.values()].sort(
    (a, b) => tier('from', a.from) - tier('from', b.from) || tier('to', a.to) - tier('to', b.to),
  );
}
