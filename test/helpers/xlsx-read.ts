// Reading a written workbook back with exceljs for the writers' tests: cells by their text,
// rows as values, merged ranges.
import ExcelJS from 'exceljs';

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

export function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    throw new Error(`no sheet "${name}" in ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  }
  return sheet;
}

/** The first cell (top to bottom, left to right) whose text is exactly `text`. */
export function cellWithText(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (!found && cell.type !== ExcelJS.ValueType.Merge && cell.text === text) found = cell;
    });
  });
  if (!found) throw new Error(`no cell reads "${text}" in sheet "${sheet.name}"`);
  return found;
}

/** Every non-empty text of the sheet, in reading order (merged cells once). */
export function textsOf(sheet: ExcelJS.Worksheet): string[] {
  const texts: string[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Merge && cell.text !== '') texts.push(cell.text);
    });
  });
  return texts;
}

/** A row's values from column 1 to `last` (null for empty cells). */
export function rowValues(sheet: ExcelJS.Worksheet, row: number, last: number): unknown[] {
  return Array.from({ length: last }, (_v, i) => sheet.getCell(row, i + 1).value ?? null);
}

/** The sheet's merged ranges ("A1:B2"). */
export function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  return sheet.model.merges;
}

/** The number of the last column holding anything in `row`. */
export function lastColumn(sheet: ExcelJS.Worksheet, row: number): number {
  return sheet.getRow(row).cellCount;
}
