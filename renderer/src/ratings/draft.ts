// Unsaved edits of the year grid: pure functions over the saved grid and a map of changes.
import type { RatingGrid, RatingGridRow } from '../../../shared/contract';
import type { NotRatedReason, RatingScale } from '../../../shared/domain/scales';
import { levelOf, parseLevel } from '../../../shared/domain/scales';

export interface CellValue {
  levelCode: string | null;
  exemplary: boolean;
  notRatedReason: NotRatedReason | null;
}

/** unitId → the value the user gave; only rows that differ from what is saved. */
export type Draft = ReadonlyMap<string, CellValue>;

export const EMPTY_CELL: CellValue = { levelCode: null, exemplary: false, notRatedReason: null };

export function savedValue(row: RatingGridRow): CellValue {
  const r = row.current;
  return r
    ? { levelCode: r.levelCode, exemplary: r.exemplary, notRatedReason: r.notRatedReason }
    : EMPTY_CELL;
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  return (
    a.levelCode === b.levelCode &&
    a.exemplary === b.exemplary &&
    a.notRatedReason === b.notRatedReason
  );
}

export function valueOf(row: RatingGridRow, draft: Draft): CellValue {
  return draft.get(row.unitId) ?? savedValue(row);
}

/** Sets the value of some rows; a value equal to the saved one drops out of the draft. */
export function withValues(draft: Draft, rows: RatingGridRow[], value: CellValue): Draft {
  const next = new Map(draft);
  for (const row of rows) {
    if (sameValue(savedValue(row), value)) next.delete(row.unitId);
    else next.set(row.unitId, value);
  }
  return next;
}

/** Toggles "tiêu biểu" on rows rated at the scale's exemplary level. */
export function toggleExemplary(draft: Draft, rows: RatingGridRow[], scale: RatingScale): Draft {
  let next: Draft = draft;
  for (const row of rows) {
    const value = valueOf(row, next);
    if (value.levelCode && value.levelCode === scale.exemplaryLevel) {
      next = withValues(next, [row], { ...value, exemplary: !value.exemplary });
    }
  }
  return next;
}

export interface PasteOutcome {
  draft: Draft;
  applied: number;
  /** 1-based line numbers of pasted values that are not levels of this year's scale. */
  invalidLines: number[];
}

/**
 * Applies a column pasted from a spreadsheet, one value per line, from `startIndex` down.
 * Blank lines clear the cell; values that are not levels are reported, not applied.
 */
export function applyPaste(
  draft: Draft,
  rows: RatingGridRow[],
  startIndex: number,
  text: string,
  scale: RatingScale,
): PasteOutcome {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  let next: Draft = draft;
  let applied = 0;
  const invalidLines: number[] = [];
  lines.forEach((line, i) => {
    const row = rows[startIndex + i];
    if (!row) return;
    const cell = (line.split('\t')[0] ?? '').trim();
    if (cell === '') {
      next = withValues(next, [row], EMPTY_CELL);
      applied++;
      return;
    }
    const parsed = parseLevel(scale, cell);
    if (!parsed) {
      invalidLines.push(i + 1);
      return;
    }
    next = withValues(next, [row], {
      levelCode: parsed.level.code,
      exemplary: parsed.exemplary,
      notRatedReason: null,
    });
    applied++;
  });
  return { draft: next, applied, invalidLines };
}

export interface DraftCounts {
  counts: Record<string, number>;
  exemplary: number;
  notRated: number;
  missing: number;
}

/** Live counts per level of what the grid shows now (saved values overlaid with the draft). */
export function countLevels(grid: RatingGrid, draft: Draft, scale: RatingScale): DraftCounts {
  const result: DraftCounts = {
    counts: Object.fromEntries(scale.levels.map((l) => [l.code, 0])),
    exemplary: 0,
    notRated: 0,
    missing: 0,
  };
  for (const row of grid.rows) {
    const value = valueOf(row, draft);
    if (value.levelCode && levelOf(scale, value.levelCode)) {
      result.counts[value.levelCode] = (result.counts[value.levelCode] ?? 0) + 1;
      if (value.exemplary) result.exemplary++;
    } else if (value.notRatedReason) result.notRated++;
    else result.missing++;
  }
  return result;
}

/** The entries `ratings.saveYear` takes for the draft. */
export function saveEntries(draft: Draft) {
  return [...draft.entries()].map(([unitId, v]) => ({
    unitId,
    levelCode: v.levelCode,
    exemplary: v.exemplary,
    notRatedReason: v.notRatedReason,
  }));
}
