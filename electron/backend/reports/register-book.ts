// The figures of a register report as they are added up from counted rows, whichever way the
// rows were counted (register-figures.ts: the subtree's walk; register-summary.ts: the summaries
// the writes keep): each committee's group, the totals, the transition table's cells, and the
// units the report names one by one.
import type { ProgressReport } from '../../../shared/contract';
import type { NotRatedReason, RatingScale } from '../../../shared/domain/scales';
import type { UnitSector } from '../../../shared/domain/units';
import type { WatchComparison } from '../../../shared/domain/watchlists';
import { NO_PARENT_GROUP, groupDescription } from './descriptions';
import type { CountedUnit, GroupCount } from './figures';
import { countUnits, emptyGroup } from './figures';
import type { RatingFact } from './scope-units';

export function fact(
  year: number,
  scaleId: string | null,
  levelCode: string | null,
  reason: NotRatedReason | null,
  exemplary: number | null,
): RatingFact | null {
  if (scaleId === null) return null;
  return {
    year,
    scaleId,
    levelCode,
    notRatedReason: reason,
    exemplary: exemplary === 1,
    rank: null,
    change: null,
  };
}

/** A unit the report may name; `shown` when its name was read with it. */
export interface Pick extends CountedUnit {
  unitId: string;
  parentId: string | null;
  shown?: { name: string; code: string | null; sector: UnitSector | null };
}

export type Cell = ProgressReport['transitions'][number] & {
  /** The scales the cell's levels belong to, for their tiers (the first counted's). */
  fromScale: string | null;
  toScale: string | null;
};

export interface Book {
  groups: Map<string | null, GroupCount>;
  totals: GroupCount;
  cells: Map<string, Cell>;
  /** Some unit counted in year N has a rating of the compared year. */
  anyCompared: boolean;
  picks: Pick[];
}

export function newBook(scale: RatingScale): Book {
  return {
    groups: new Map(),
    totals: emptyGroup({ key: 'total', name: 'Tổng số', description: '' }, scale),
    cells: new Map(),
    anyCompared: false,
    picks: [],
  };
}

/** The group of the units directly under `parentId` (named as the per-unit path names it). */
export function groupOf(
  book: Book,
  parentId: string | null,
  names: ReadonlyMap<string, string>,
  scale: RatingScale,
): GroupCount {
  let group = book.groups.get(parentId);
  if (!group) {
    const name = parentId === null ? null : (names.get(parentId) ?? null);
    group = emptyGroup(
      {
        key: `parent:${parentId ?? '-'}`,
        name: name ?? NO_PARENT_GROUP,
        description: groupDescription(
          'register',
          'parent',
          parentId === null ? null : (name ?? NO_PARENT_GROUP),
        ),
      },
      scale,
    );
    book.groups.set(parentId, group);
  }
  return group;
}

/** The key of the transition table's cell of a unit compared → year N: its two levels. */
function cellKey(compared: RatingFact | null, current: RatingFact | null): string {
  return `${compared?.levelCode ?? ''}→${current?.levelCode ?? ''}`;
}

/** The transition table's cell of `n` units compared → year N, counted; the cell is returned. */
export function countCell(
  book: Book,
  compared: RatingFact | null,
  current: RatingFact | null,
  n: number,
): Cell {
  if (compared) book.anyCompared = true;
  const from = compared?.levelCode ?? null;
  const to = current?.levelCode ?? null;
  const key = cellKey(compared, current);
  const cell = book.cells.get(key);
  if (cell) {
    cell.count += n;
    return cell;
  }
  const made: Cell = {
    from,
    to,
    count: n,
    fromScale: compared?.scaleId ?? null,
    toScale: current?.scaleId ?? null,
  };
  book.cells.set(key, made);
  return made;
}

/** `n` units with the same facts, counted in their group, the totals and the table. */
export function countRow(
  book: Book,
  group: GroupCount,
  unit: CountedUnit,
  scale: RatingScale,
  n: number,
): void {
  countUnits(group, unit, scale, n);
  countUnits(book.totals, unit, scale, n);
  countCell(book, unit.compared, unit.current, n);
}

/**
 * The trend part of `n` units rated in year N (the rest of their facts counted apart): what
 * countUnits adds for them from the compared year, in their group and the totals.
 */
export function countTrend(
  book: Book,
  group: GroupCount,
  comparison: WatchComparison | null,
  comparedLevel: string | null,
  n: number,
): void {
  for (const count of [group, book.totals]) {
    if (comparedLevel) count.compared += n;
    const trend = comparison?.trend;
    if (trend === 'up') count.group.up += n;
    else if (trend === 'same') count.group.same += n;
    else if (trend === 'down') count.group.down += n;
    else if (trend === 'not_comparable') count.group.notComparable += n;
  }
}
