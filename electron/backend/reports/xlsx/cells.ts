// Writing cells of the streamed workbook. Text goes in as a plain string: with shared strings on,
// exceljs stores it as a string cell (t="s"), which neither Excel nor LibreOffice ever evaluates,
// so a name typed as "=1+1" or "@SUM(A1)" stays text. exceljs has no "quotePrefix" (the stored
// form of a typed apostrophe), and a literal apostrophe would become part of the name and break
// the round trip of the "Dữ liệu" sheet, so the string type is the guard.
import type ExcelJS from 'exceljs';

export type CellValue = string | number | Date | null;

export function put(
  sheet: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: CellValue,
  style: Partial<ExcelJS.Style>,
): void {
  const cell = sheet.getCell(row, col);
  cell.value = value === '' ? null : value;
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
  sheet.getCell(area.top, area.left).value = value === '' ? null : value;
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
