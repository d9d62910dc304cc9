// The exceljs side of reading a worksheet (xlsx.ts): exceljs's streaming reader, fed part by part
// (xlsx-parts.ts), and the whole-workbook reader for what streaming cannot map. Kept apart so
// that exceljs (~0.3-0.5 s of CPU to load) is loaded only for a workbook the plain reader
// (xlsx-plain.ts) leaves to it, not for every .xlsx file read.
import ExcelJS from 'exceljs';
import { AppError } from '../../../../shared/errors';
import type { CellBudget } from '../../limits/cells';
import type { ReadLimits } from '../../limits/read-limits';
import { UNLIMITED } from '../../limits/read-limits';
import type { SheetRow } from './sheet';
import type { SheetInfo, XlsxSheet } from './xlsx';
import { NOT_XLSX, chooseSheet, isVisible } from './xlsx';
import { readParts } from './xlsx-parts';

/** A row's cells as text, column by column from A (empty cells as ''). */
function rowCells(row: ExcelJS.Row, budget: CellBudget): string[] {
  // Counted before the row's array is made up to its last cell. The empty columns are filled
  // here, not by exceljs's `includeEmpty` (a cell object per column: a cell in column XFD made
  // 16,384 of them per row); an empty cell reads as '' either way.
  budget.take(row.cellCount);
  const cells: string[] = new Array<string>(row.cellCount).fill('');
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell);
  });
  return cells;
}

/** What exceljs's streaming classes carry beyond their published types. */
function infoOf(value: unknown): Partial<SheetInfo> {
  if (typeof value !== 'object' || value === null) return {};
  const { name, state } = value as { name?: unknown; state?: unknown };
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof state === 'string' ? { state } : {}),
  };
}

function listedSheets(reader: unknown): SheetInfo[] | null {
  const model = (reader as { model?: { sheets?: unknown } }).model;
  if (!model || !Array.isArray(model.sheets)) return null;
  const sheets: SheetInfo[] = [];
  for (const listed of model.sheets as unknown[]) {
    const { name, state } = infoOf(listed);
    if (name === undefined) return null;
    sheets.push({ name, state });
  }
  return sheets;
}

/**
 * The chosen sheet streamed, or null when the streaming reader cannot tell which part it is (the
 * caller then reads the workbook whole). A refusal (sheet hidden or missing) is final.
 */
export async function readXlsxStreaming(
  bytes: Buffer,
  wanted: string | undefined,
  limits: ReadLimits = UNLIMITED,
): Promise<XlsxSheet | null> {
  let sheets: SheetInfo[] | null = null;
  let chosen: SheetInfo | null = null;
  let rows: SheetRow[] | null = null;
  try {
    // exceljs's own parsers, fed from the archive in memory (xlsx-parts.ts says why).
    const { reader, worksheets } = await readParts(bytes, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      // Styles tell dates from numbers, as the whole-workbook reader does.
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of worksheets()) {
      sheets ??= listedSheets(reader);
      if (!sheets || sheets.length === 0) return null;
      chosen ??= chooseSheet(sheets, wanted);
      // Names are unique within a workbook; a part the reader could not name is not chosen.
      if (infoOf(worksheet).name !== chosen.name) continue;
      rows = [];
      for await (const row of worksheet) {
        limits.deadline.check();
        rows.push({ row: row.number, cells: rowCells(row, limits.cells) });
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    return null;
  }
  if (!sheets || !chosen || !rows) return null;
  return { rows, sheet: chosen.name, sheets: sheets.filter(isVisible).map((s) => s.name) };
}

/** The workbook loaded whole (every cell and style in memory): for files streaming cannot map. */
export async function readWhole(
  bytes: Buffer,
  wanted: string | undefined,
  limits: ReadLimits,
): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer-like "Buffer": hand it exactly the file's bytes.
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw NOT_XLSX();
  }
  if (workbook.worksheets.length === 0) throw NOT_XLSX();
  const chosen = chooseSheet(
    workbook.worksheets.map((s) => ({ name: s.name, state: s.state })),
    wanted,
  );
  const sheet = workbook.worksheets.find((s) => s.name === chosen.name);
  if (!sheet) throw NOT_XLSX();
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    rows.push({ row: rowNumber, cells: rowCells(row, limits.cells) });
  });
  return {
    rows,
    sheet: sheet.name,
    sheets: workbook.worksheets.filter((s) => isVisible(s)).map((s) => s.name),
  };
}

/**
 * A text cell points into the shared strings (xl/sharedStrings.xml); without that part exceljs
 * hands the pointer itself ({ sharedString: 0 }), which reads as "[object Object]".
 */
const NO_SHARED_STRINGS = () =>
  new AppError(
    'BAD_FILE',
    'Bảng tính bị hỏng: các ô chữ trỏ tới danh sách chuỗi dùng chung (xl/sharedStrings.xml) ' +
      'mà tệp không có. Hãy lấy lại tệp gốc, hoặc mở bằng Excel và lưu lại.',
  );

function cellText(cell: ExcelJS.Cell): string {
  const raw: unknown = cell.value;
  if (typeof raw === 'object' && raw !== null && 'sharedString' in raw) throw NO_SHARED_STRINGS();
  try {
    // exceljs writes a date cell as JavaScript's Date text ("Sun Feb 17 2019 07:00:00 GMT+0700
    // …"), English in a Vietnamese message: read it as the user saw it, dd/mm/yyyy.
    const value: unknown = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
    if (value instanceof Date) return dayMonthYear(value);
    // A number cell holding no number (a damaged or hand-made file) would show as "NaN".
    if (typeof value === 'number' && Number.isNaN(value)) return '';
    const text = cell.text ?? '';
    // Any other value exceljs has no text for is read as empty, never as code's words.
    return text === '[object Object]' ? '' : text;
  } catch {
    // A cell exceljs cannot render (an unusual formula result): read it as empty.
    return '';
  }
}

/** A cell's date as dd/mm/yyyy: exceljs gives Excel's day at midnight UTC. */
function dayMonthYear(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}
