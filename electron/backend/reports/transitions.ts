// The transition table: how many units went from each level of the compared year to each level
// of year N (null = no level: not rated or no result), best levels first.
import type { ProgressReport } from '../../../shared/contract';
import { tierOf } from '../../../shared/domain/scales';
import type { ScopedUnit } from './scope-units';

/** After the four tiers: a level no scale knows, then no level at all. */
const UNKNOWN_TIER = 9;
const NO_LEVEL = 10;

interface Cell {
  from: string | null;
  to: string | null;
  count: number;
  /** The scales the cell's levels belong to, for their tiers. */
  fromScale: string | null;
  toScale: string | null;
}

function tier(scaleId: string | null, code: string | null): number {
  if (code === null || scaleId === null) return NO_LEVEL;
  return tierOf(scaleId, code) ?? UNKNOWN_TIER;
}

export function transitionsOf(
  units: readonly ScopedUnit[],
  compareYear: number | null,
): ProgressReport['transitions'] {
  if (compareYear === null) return [];
  const cells = new Map<string, Cell>();
  for (const unit of units) {
    if (!unit.exists) continue;
    const from = unit.compared?.levelCode ?? null;
    const to = unit.current?.levelCode ?? null;
    const key = `${from ?? ''}→${to ?? ''}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else {
      cells.set(key, {
        from,
        to,
        count: 1,
        fromScale: unit.compared?.scaleId ?? null,
        toScale: unit.current?.scaleId ?? null,
      });
    }
  }
  return [...cells.values()]
    .sort(
      (a, b) =>
        tier(a.fromScale, a.from) - tier(b.fromScale, b.from) ||
        tier(a.toScale, a.to) - tier(b.toScale, b.to),
    )
    .map(({ from, to, count }) => ({ from, to, count }));
}
