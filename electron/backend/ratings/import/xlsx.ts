// One worksheet of an .xlsx workbook as rows of text, read with exceljs: the first visible one
// in tab order, or the one the user chose. Hidden sheets are never read (a hidden "Cũ" sheet
// first in the tabs once put 30 ratings into the wrong year). Each cell gives the text Excel
// would show (numbers, formulas' results and rich text alike). The archive's CRCs are checked
// first (zip.ts): exceljs does not.
//
// The sheet is streamed (exceljs's streaming parsers, fed part by part by xlsx-parts.ts): only
// its rows' text is kept, never the workbook's model of every cell and style, which took a
// 55,000-row file's import to 946 MB. A workbook the streaming reader cannot map (worksheet parts
// not named sheetN.xml, no list of sheets, XML it rejects) is read whole as before.
// A plain workbook (text and numbers, what the import's template and most programs write) is read
// first without exceljs at all (xlsx-plain.ts), with the same answer, several times faster.
import ExcelJS from 'exceljs';
import { foldForSearch } from '../../../../shared/domain/text';
import { AppError } from '../../../../shared/errors';
import { checkArchive } from '../../limits/archive';
import type { CellBudget } from '../../limits/cells';
import type { Deadline } from '../../limits/deadline';
import type { ReadLimits } from '../../limits/read-limits';
import { UNLIMITED, spreadsheetReadLimits } from '../../limits/read-limits';
import type { SheetRow } from './sheet';
import { readParts } from './xlsx-parts';
import { readXlsxPlain } from './xlsx-plain';
import { findZipProblem } from './zip';

const NOT_XLSX = () =>
  new AppError(
    'BAD_FILE',
    'Tệp không phải bảng tính Excel (.xlsx) hợp lệ, hoặc đã bị hỏng hay đặt mật khẩu. ' +
      'Hãy mở tệp bằng Excel và lưu lại dạng "Excel Workbook (*.xlsx)".',
  );

/** Zip archives (which .xlsx files are) start with "PK\x03\x04". */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export interface XlsxSheet {
  rows: SheetRow[];
  /** The worksheet read. */
  sheet: string;
  /** Every visible worksheet, in tab order. */
  sheets: string[];
}

async function assertIntact(fileName: string, bytes: Buffer, deadline: Deadline): Promise<void> {
  const problem = await findZipProblem(bytes, deadline);
  if (!problem) return;
  const retry = 'Hãy lấy lại tệp gốc (sao chép hoặc tải về lại), hoặc mở bằng Excel và lưu lại.';
  if (problem.kind === 'crc') {
    throw new AppError(
      'BAD_FILE',
      `Tệp "${fileName}" bị hỏng (kiểm tra CRC không khớp ở phần "${problem.entry}"): ` +
        `nội dung đã bị thay đổi sau khi lưu, nên không thể tin các số liệu trong đó. ${retry}`,
    );
  }
  if (problem.kind === 'method') {
    throw new AppError(
      'BAD_FILE',
      `Tệp "${fileName}" nén theo cách chưa được hỗ trợ (phương thức ${problem.method}). ` +
        'Hãy mở bằng Excel và lưu lại dạng "Excel Workbook (*.xlsx)".',
    );
  }
  throw new AppError('BAD_FILE', `Tệp "${fileName}" bị hỏng hoặc không đầy đủ. ${retry}`);
}

/** A worksheet as the workbook lists it (xl/workbook.xml), in tab order. */
export interface SheetInfo {
  name: string;
  state: string | undefined;
}

export const isVisible = (sheet: SheetInfo) => !sheet.state || sheet.state === 'visible';

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** The sheet asked for (exactly, else ignoring case and diacritics), or the first visible one. */
export function chooseSheet(sheets: readonly SheetInfo[], wanted: string | undefined): SheetInfo {
  const visible = sheets.filter(isVisible);
  if (wanted === undefined) {
    const first = visible[0];
    if (!first) {
      throw new AppError(
        'BAD_FILE',
        'Tệp không có trang tính nào đang hiện (mọi trang đều bị ẩn).',
      );
    }
    return first;
  }
  const folded = foldForSearch(wanted);
  const exact = visible.find((s) => s.name === wanted);
  const loose = visible.filter((s) => foldForSearch(s.name) === folded);
  const found = exact ?? (loose.length === 1 ? loose[0] : undefined);
  if (found) return found;
  const hidden = sheets.find((s) => s.name === wanted || foldForSearch(s.name) === folded);
  const list = `Các trang tính đang hiện: ${quoted(visible.map((s) => s.name))}.`;
  throw new AppError(
    'INVALID_INPUT',
    hidden
      ? `Trang tính "${hidden.name}" đang bị ẩn nên không được đọc. ${list}`
      : `Tệp không có trang tính "${wanted}". ${list}`,
  );
}

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

export async function readXlsx(
  fileName: string,
  bytes: Buffer,
  wanted: string | undefined,
): Promise<XlsxSheet> {
  if (!isZip(bytes)) throw NOT_XLSX();
  // Sizes, parts and time within limits (limits/): a workbook is a file from outside.
  // Each reader below counts its cells afresh; the time counts from the start.
  const { deadline } = spreadsheetReadLimits(fileName);
  const limits = (): ReadLimits => ({ ...spreadsheetReadLimits(fileName), deadline });
  const archive = checkArchive(fileName, bytes).bytes;
  await assertIntact(fileName, archive, deadline);
  const plain = readXlsxPlain(archive, wanted, limits().cells);
  if (plain) return plain;
  const streamed = await readXlsxStreaming(archive, wanted, limits());
  if (streamed) return streamed;
  return readWhole(archive, wanted, limits());
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
async function readWhole(
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
