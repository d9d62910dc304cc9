// Unsaved edits of the year grid: pure functions over the saved grid and a map of changes.
// Every edit goes through the shared merge rule (shared/domain/rating-merge.ts), as the backend's
// writes do: typing the level a row already shows keeps its "tiêu biểu".
import type { RatingGrid, RatingGridRow } from '../../../shared/contract';
import type { QuotaGroup } from '../../../shared/domain/quota';
import type { CellChange, RatingCell, StoredCell } from '../../../shared/domain/rating-merge';
import { canBeExemplary, mergeCell, parseRatingCell } from '../../../shared/domain/rating-merge';
import type { RatingScale } from '../../../shared/domain/scales';
import { levelOf } from '../../../shared/domain/scales';
import { foldForSearch } from '../../../shared/domain/text';

export type CellValue = RatingCell;

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

/** What a row shows, with the scale of a saved value (a draft value is on the grid's scale). */
function shownCell(row: RatingGridRow, draft: Draft): StoredCell {
  const drafted = draft.get(row.unitId);
  if (drafted) return drafted;
  return row.current ? { ...savedValue(row), scaleId: row.current.scaleId } : EMPTY_CELL;
}

/** Whether a value holds anything (a level or a reason for not rating). */
const isFilled = (v: CellValue) => v.levelCode !== null || v.notRatedReason !== null;

/** Puts a row's value into a draft being built; a value equal to the saved one drops out. */
function put(next: Map<string, CellValue>, row: RatingGridRow, value: CellValue): void {
  if (sameValue(savedValue(row), value)) next.delete(row.unitId);
  else next.set(row.unitId, value);
}

/** Sets the value of some rows; a value equal to the saved one drops out of the draft. */
export function withValues(draft: Draft, rows: RatingGridRow[], value: CellValue): Draft {
  const next = new Map(draft);
  for (const row of rows) put(next, row, value);
  return next;
}

/**
 * Applies a change (a level, a reason, "tiêu biểu") to some rows, each merged into what the row
 * shows: the same level keeps "tiêu biểu", another level drops it, nothing left clears the row.
 */
export function withChange(
  draft: Draft,
  rows: RatingGridRow[],
  scale: RatingScale,
  change: CellChange,
): Draft {
  const next = new Map(draft);
  for (const row of rows)
    put(next, row, mergeCell(scale, shownCell(row, next), change) ?? EMPTY_CELL);
  return next;
}

/** Toggles "tiêu biểu" on rows rated at the scale's exemplary level. */
export function toggleExemplary(draft: Draft, rows: RatingGridRow[], scale: RatingScale): Draft {
  const next = new Map(draft);
  for (const row of rows) {
    const value = valueOf(row, next);
    if (canBeExemplary(scale, value.levelCode))
      put(next, row, { ...value, exemplary: !value.exemplary });
  }
  return next;
}

export interface PasteOutcome {
  draft: Draft;
  applied: number;
  /** 1-based line numbers of pasted values that are not levels of this year's scale. */
  invalidLines: number[];
  /** Rows that showed a rating and were cleared by an explicitly empty pasted cell. */
  cleared: string[];
  /** Two-column paste: names that match no row of the grid … */
  unmatched: string[];
  /** … and names that match several rows (left alone: the paste cannot tell which). */
  ambiguous: string[];
}

/** Lines and tab-separated cells as a spreadsheet puts them on the clipboard. */
function pastedCells(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}

/**
 * A two-column paste (name and level, as copied from Excel) is recognised by its first column
 * holding something that is not a level: a level column pasted with its neighbour stays a
 * column paste.
 */
function isNameList(lines: string[][], scale: RatingScale): boolean {
  return (
    lines.some((cells) => cells.length >= 2) &&
    lines.some((cells) => parseRatingCell(scale, cells[0] ?? '') === null)
  );
}

/**
 * Whether a paste needs rows that may not be read yet (the grid reads its pages in the
 * background): a two-column paste looks for its names among every row, and a column pasted from
 * `startIndex` down may run past the `loaded` rows.
 */
export function pasteNeedsEveryRow(
  text: string,
  scale: RatingScale,
  startIndex: number,
  loaded: number,
): boolean {
  const lines = pastedCells(text);
  return isNameList(lines, scale) || startIndex + lines.length > loaded;
}

/**
 * Applies what was pasted from a spreadsheet. One column: one value per line, from `startIndex`
 * down. Two columns: each line's name (or code) finds its row wherever it is, diacritics and
 * case ignored. Values merge as typed ones do ("TSVM" over "TSVM tiêu biểu" keeps the flag); a
 * saved rating is cleared only by a cell that is explicitly empty, and the outcome names it.
 */
export function applyPaste(
  draft: Draft,
  rows: RatingGridRow[],
  startIndex: number,
  text: string,
  scale: RatingScale,
): PasteOutcome {
  const lines = pastedCells(text);
  const next = new Map(draft);
  const outcome: PasteOutcome = {
    draft: next,
    applied: 0,
    invalidLines: [],
    cleared: [],
    unmatched: [],
    ambiguous: [],
  };
  const apply = (row: RatingGridRow, cell: string, line: number) => {
    const parsed = parseRatingCell(scale, cell);
    if (parsed === null) {
      outcome.invalidLines.push(line);
      return;
    }
    const shown = shownCell(row, next);
    if (parsed === 'empty') {
      if (isFilled(shown)) outcome.cleared.push(row.name);
      put(next, row, EMPTY_CELL);
    } else {
      put(next, row, mergeCell(scale, shown, parsed) ?? EMPTY_CELL);
    }
    outcome.applied++;
  };

  if (!isNameList(lines, scale)) {
    lines.forEach((cells, i) => {
      const row = rows[startIndex + i];
      if (row) apply(row, cells[0] ?? '', i + 1);
    });
    return outcome;
  }

  const byKey = new Map<string, RatingGridRow[]>();
  const index = (key: string, row: RatingGridRow) => {
    if (!key) return;
    const found = byKey.get(key) ?? [];
    if (!found.includes(row)) found.push(row);
    byKey.set(key, found);
  };
  for (const row of rows) {
    index(foldForSearch(row.name), row);
    if (row.code) index(foldForSearch(row.code), row);
  }
  lines.forEach((cells, i) => {
    const name = (cells[0] ?? '').trim();
    const level = cells[1];
    // A line without a level column gives nothing: it changes nothing.
    if (!name || level === undefined) return;
    const found = byKey.get(foldForSearch(name)) ?? [];
    if (found.length === 1 && found[0]) apply(found[0], level, i + 1);
    else if (found.length > 1) outcome.ambiguous.push(name);
    // The first line may be the sheet's header ("Tên tổ chức | Xếp loại"): not a name to find.
    else if (i > 0 || parseRatingCell(scale, level) !== null) outcome.unmatched.push(name);
  });
  return outcome;
}

/** The parts of the message a paste shows: i18n keys under `ratings.` with their values. */
export function pasteMessageParts(
  outcome: PasteOutcome,
  year: number,
): { key: string; values: Record<string, string | number> }[] {
  const names = (list: string[]) =>
    list.slice(0, 10).join(', ') + (list.length > 10 ? ` … (+${list.length - 10})` : '');
  const parts: { key: string; values: Record<string, string | number> }[] = [
    outcome.invalidLines.length === 0
      ? { key: 'ratings.pasted', values: { applied: outcome.applied } }
      : {
          key: 'ratings.pastedInvalid',
          values: {
            applied: outcome.applied,
            count: outcome.invalidLines.length,
            year,
            lines: outcome.invalidLines.slice(0, 10).join(', '),
          },
        },
  ];
  if (outcome.cleared.length > 0) {
    parts.push({
      key: 'ratings.pasteCleared',
      values: { count: outcome.cleared.length, names: names(outcome.cleared) },
    });
  }
  if (outcome.unmatched.length > 0) {
    parts.push({
      key: 'ratings.pasteUnmatched',
      values: { count: outcome.unmatched.length, names: names(outcome.unmatched) },
    });
  }
  if (outcome.ambiguous.length > 0) {
    parts.push({
      key: 'ratings.pasteAmbiguous',
      values: { count: outcome.ambiguous.length, names: names(outcome.ambiguous) },
    });
  }
  return parts;
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

/**
 * The backend's saved counts per deciding committee and kind, with the unsaved edits applied:
 * each committee still counts all its like units, not only the rows the grid shows.
 */
export function liveQuotaGroups(grid: RatingGrid, draft: Draft): QuotaGroup[] {
  const groups = grid.quotaGroups.map((g) => ({ ...g, counts: { ...g.counts } }));
  const find = (row: RatingGridRow) =>
    groups.find((g) => g.committeeId === row.parentId && g.kind === row.kind);
  for (const row of grid.rows) {
    const drafted = draft.get(row.unitId);
    const group = drafted ? find(row) : undefined;
    if (!drafted || !group) continue;
    const before = row.current?.levelCode;
    if (before) group.counts[before] = (group.counts[before] ?? 0) - 1;
    if (drafted.levelCode) {
      group.counts[drafted.levelCode] = (group.counts[drafted.levelCode] ?? 0) + 1;
    }
  }
  return groups;
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
