// A spreadsheet file (.xlsx or .csv) as rows of trimmed text, numbered as the spreadsheet shows them.
import type { CsvEncoding } from '../../../../shared/contract';
import { unguardCellText } from '../../../../shared/domain/spreadsheet-text';
import { PLAIN_NAME } from '../../../../shared/domain/text';
import { AppError } from '../../../../shared/errors';
import { spreadsheetReadLimits } from '../../limits/read-limits';
import { readCsv } from './csv';

export interface SheetRow {
  /** The row number a spreadsheet shows (the header is usually row 1). */
  row: number;
  cells: string[];
}

export interface SheetData {
  rows: SheetRow[];
  /** The worksheet read (.xlsx), null for CSV. */
  sheet: string | null;
  /** The visible worksheets in tab order (.xlsx), empty for CSV. */
  sheets: string[];
  /** The encoding a CSV file was read in, null for .xlsx. */
  encoding: CsvEncoding | null;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0];
/** A zip's signature: an .xlsx (or an .xlsx renamed .csv). */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * Reads the rows of a spreadsheet (`sheet`: the worksheet chosen, for .xlsx); anything that is
 * not one is a BAD_FILE error.
 */
export async function readSheet(
  fileName: string,
  bytes: Buffer,
  sheet?: string,
): Promise<SheetData> {
  if (bytes.length === 0) throw new AppError('BAD_FILE', `Tệp "${fileName}" rỗng (0 byte).`);
  const ext = extensionOf(fileName);
  let data: SheetData;
  if (OLE.every((b, i) => bytes[i] === b) && (ext === 'xlsx' || ext === 'xlsm')) {
    // Excel stores a password-protected workbook inside an OLE container, not a zip.
    throw new AppError(
      'BAD_FILE',
      `Tệp "${fileName}" được đặt mật khẩu (hoặc là tệp .xls cũ đổi tên). ` +
        'Hãy mở bằng Excel, bỏ mật khẩu và lưu lại dạng "Excel Workbook (*.xlsx)".',
    );
  } else if (ext === 'xls' || OLE.every((b, i) => bytes[i] === b)) {
    throw new AppError(
      'BAD_FILE',
      'Tệp Excel dạng cũ (.xls) chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8.',
    );
  } else if (
    ext === 'xlsx' ||
    ext === 'xlsm' ||
    ((ext === 'csv' || ext === 'txt') && ZIP.every((b, i) => bytes[i] === b))
  ) {
    // The workbook readers only when a workbook is read (exceljs, ~0.5 s to load, only when
    // the plain reader leaves the workbook to it: xlsx.ts), not at every start of the CLI.
    const { readXlsx } = await import('./xlsx');
    data = { ...(await readXlsx(fileName, bytes, sheet)), encoding: null };
  } else if (ext === 'csv' || ext === 'txt') {
    if (sheet !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `Tệp CSV "${fileName}" chỉ có một trang dữ liệu; không chọn được trang tính "${sheet}".`,
      );
    }
    data = {
      ...readCsv(bytes, undefined, spreadsheetReadLimits(fileName)),
      sheet: null,
      sheets: [],
    };
  } else {
    throw new AppError(
      'BAD_FILE',
      `Không đọc được tệp "${fileName}": chỉ nhận bảng tính Excel (.xlsx) hoặc tệp CSV (.csv).`,
    );
  }
  // The readers' rows are their own: cells read in place, no second row and array per row.
  const rows: SheetRow[] = [];
  for (const r of data.rows) {
    const { cells } = r;
    for (let i = 0; i < cells.length; i++) cells[i] = cellText(cells[i] ?? '');
    if (cells.some((c) => c !== '')) rows.push(r);
  }
  return { ...data, rows };
}

/**
 * A cell as the import reads it: NFC, trimmed, and without the apostrophe the app's own export
 * puts before text a spreadsheet could run (reports/xlsx/cells.ts), so its files read back as
 * the names they were written from. Trimmed again after, as the guarded text may start with a tab.
 */
function cellText(raw: string): string {
  // Plain text (PLAIN_NAME: a name, a code, a year, a level) is NFC already.
  const text = PLAIN_NAME.test(raw) ? raw : raw.normalize('NFC').trim();
  return unguardCellText(text).trim();
}
