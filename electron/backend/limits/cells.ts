// The cells a sheet reader keeps, counted as rows are built: a row is an array up to its last
// cell, so one cell typed far to the right (column XFD) costs 16,384 slots, and a small file of
// such rows once took gigabytes. Counted before a row's array is made, refused past the limit.
import { limitError, limitMessages } from './limits';

export interface CellBudget {
  /** Counts a row of `cells` cells (empty ones up to its last cell included). */
  take(cells: number): void;
}

export function cellBudget(fileName: string, limit: number): CellBudget {
  let used = 0;
  return {
    take(cells) {
      used += cells;
      if (used > limit) throw limitError(limitMessages.cells(fileName, limit));
    },
  };
}

/** No limit: for callers that read trusted bytes (tests of the readers themselves). */
export const NO_CELL_LIMIT: CellBudget = { take() {} };
