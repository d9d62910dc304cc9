// The units to keep under watch next year, for the document's direction section (DOMAIN.md §1:
// "the 2017 units whose change was slow stay under watch"). The rule follows the carry-over of
// lists (shared/domain/watchlists.ts `carryReason`): the recorded "mức độ chuyển biến" decides
// first, then the level against the compared year. Two things are added for a report: a unit
// still at the lowest level is always named, and across a scale change (2017 → 2018) the level
// alone says nothing, so only the recorded change, the lowest level or a missing result count.
import type { ProgressReport } from '../../../shared/contract';
import { CHANGE_LABELS, NOT_RATED_LABELS } from '../../../shared/domain/scales';
import { inRunningText } from '../../../shared/domain/summary';
import { factText } from './named-cases';
import type { ReportQuery, ScopeData, ScopedUnit } from './scope-units';
import { tierOfFact } from './scope-units';

const LOWEST_TIER = 4;

/** Why the unit stays under watch, in Vietnamese; null when it need not. */
export function slowChangeWhy(unit: ScopedUnit, q: ReportQuery): string | null {
  if (!unit.exists || unit.status === 'left' || unit.status === 'stopped') return null;
  const current = unit.current;
  if (!current) return `Chưa có kết quả xếp loại năm ${q.year}`;
  const to = factText(current);
  if (!to) {
    const reason = current.notRatedReason;
    return reason && reason !== 'exempt'
      ? `Không xếp loại năm ${q.year} (${inRunningText(NOT_RATED_LABELS[reason])})`
      : `Không xếp loại năm ${q.year}`;
  }
  if (tierOfFact(current) === LOWEST_TIER) {
    const still = tierOfFact(unit.compared) === LOWEST_TIER ? 'Vẫn xếp loại' : 'Xếp loại';
    return `${still} ${inRunningText(to)} năm ${q.year}`;
  }
  if (current.change === 'slow' || current.change === 'none') {
    return `${CHANGE_LABELS[current.change]} năm ${q.year}`;
  }
  if (current.change === 'clear' || current.change === 'some') return null;
  const from = factText(unit.compared);
  const trend = unit.comparison?.trend;
  if (trend === 'same') return `Giữ nguyên mức ${to} so với năm ${q.compareYear}`;
  if (trend === 'down' && from) {
    return `Giảm từ ${inRunningText(from)} xuống ${inRunningText(to)} so với năm ${q.compareYear}`;
  }
  return null;
}

/**
 * A watchlist's members whose change was slow; in a register scope, the watched units of the
 * subtree whose change was slow and every unit rated at the lowest level.
 */
export function carryOver(data: ScopeData, q: ReportQuery): ProgressReport['carryOver'] {
  const candidates =
    data.type === 'watchlist'
      ? data.units
      : data.units.filter((u) => u.selector !== null || tierOfFact(u.current) === LOWEST_TIER);
  return candidates.flatMap((unit) => {
    const why = slowChangeWhy(unit, q);
    return why ? [{ unitId: unit.id, name: unit.name, why }] : [];
  });
}

/** A register scope's unit as its carry-over list names it (as `carryOver` does), or null. */
export function carryOverEntry(
  unit: ScopedUnit,
  q: ReportQuery,
): ProgressReport['carryOver'][number] | null {
  if (unit.selector === null && tierOfFact(unit.current) !== LOWEST_TIER) return null;
  const why = slowChangeWhy(unit, q);
  return why ? { unitId: unit.id, name: unit.name, why } : null;
}
