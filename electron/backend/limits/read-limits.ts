// What reading one spreadsheet may spend (time, cells kept), handed to its reader.
import type { CellBudget } from './cells';
import { NO_CELL_LIMIT, cellBudget } from './cells';
import type { Deadline } from './deadline';
import { NO_DEADLINE, startDeadline } from './deadline';
import { SPREADSHEET_LIMITS } from './limits';

export interface ReadLimits {
  deadline: Deadline;
  cells: CellBudget;
}

/** The stated limits of SPREADSHEET_LIMITS, counted from now. */
export function spreadsheetReadLimits(fileName: string): ReadLimits {
  return {
    deadline: startDeadline(fileName, SPREADSHEET_LIMITS.maxMs),
    cells: cellBudget(fileName, SPREADSHEET_LIMITS.maxCells),
  };
}

/** No limits: for callers that read trusted bytes (tests of the readers themselves). */
export const UNLIMITED: ReadLimits = { deadline: NO_DEADLINE, cells: NO_CELL_LIMIT };
