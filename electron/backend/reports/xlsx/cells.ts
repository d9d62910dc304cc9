// Writing cells of the streamed workbook. Text goes in as a plain string: with shared strings on,
// exceljs stores it as a string cell (t="s"), which neither Excel nor LibreOffice evaluates on
// opening. That is not enough once the sheet is saved as CSV, copied or pasted elsewhere: text
// that starts like a formula ("=HYPERLINK(…)", "@SUM(A1)", "+84", "-x") would run there. So every
// text cell goes through `guardCellText` (an apostrophe in front, OWASP's advice), which the
// app's own import undoes (ratings/import/sheet.ts), so the "Dữ liệu" sheet still round-trips.
import type ExcelJS from 'exceljs';
import { guardCellText } from '../../../../shared/domain/spreadsheet-text';

export type CellValue = string | number | Date | null;

/** What a cell is given: '' as no value, text guarded, numbers and dates as they are. */
function cellValue(value: CellValue): string | number | Date | null {
  if (value === '') return null;
  return typeof value === 'string' ? guardCellText(value) : value;
}

export function put(
  sheet: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: CellValue,
  style: Partial<ExcelJS.Style>,
): void {
  const cell = sheet.getCell(row, col);
  cell.value = cellValue(value);
  cell.style = style;
}

/**
 * One value over a rectangle of cells, merged; every cell of it carries the style, so that its
 * borders print all round (Excel draws a merged cell's border from each of its cells).
 */
export function putMerged(
  sheet: ExcelJS.Worksheet,
  area: { top: number; left: number; bottom: number; right: number },
  value: CellValue,
  style: Partial<ExcelJS.Style>,
): void {
  if (area.bottom > area.top || area.right > area.left) {
    sheet.mergeCells(area.top, area.left, area.bottom, area.right);
  }
  for (let r = area.top; r <= area.bottom; r++) {
    for (let c = area.left; c <= area.right; c++) sheet.getCell(r, c).style = style;
  }
  sheet.getCell(area.top, area.left).value = cellValue(value);
}

/** A text's height in lines when wrapped at `width` characters (at least one line). */
export function linesFor(text: string, width: number): number {
  return text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / Math.max(1, width))), 0);
}

/**
 * About how many characters of Times New Roman at `fontSize` fit in `width` column units (a
 * unit is one digit of the default 11-point Calibri; Times runs narrower, and words wrap whole,
 * so the estimate stays a little short of the measured ~1.2 characters per unit at 11 points).
 */
export function charsAcross(width: number, fontSize: number): number {
  return (width * 11 * 1.1) / fontSize;
}

/** Points per printed line of a font size (Excel's row height is in points). */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.2);
}
