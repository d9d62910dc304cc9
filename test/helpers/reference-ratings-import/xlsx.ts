// Frozen copy of electron/backend/ratings/import/xlsx.ts as it was before issue 10's bulk path (commit
// dbbe2f3), kept so that a test compares the old answers with the new ones. Do not edit.
// One worksheet of an .xlsx workbook as rows of text, read with exceljs: the first visible one
// in tab order, or the one the user chose. Hidden sheets are never read (a hidden "Cũ" sheet
// first in the tabs once put 30 ratings into the wrong year). Each cell gives the text Excel
// would show (numbers, formulas' results and rich text alike). The archive's CRCs are checked
// first (zip.ts): exceljs does not.
import ExcelJS from 'exceljs';
import { foldForSearch } from '../../../shared/domain/text';
import { AppError } from '../../../shared/errors';
import type { SheetRow } from './sheet';
import { findZipProblem } from '../../../electron/backend/ratings/import/zip';

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

async function assertIntact(fileName: string, bytes: Buffer): Promise<void> {
  const problem = await findZipProblem(bytes);
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

const isVisible = (sheet: ExcelJS.Worksheet) => !sheet.state || sheet.state === 'visible';

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** The sheet asked for (exactly, else ignoring case and diacritics), or the first visible one. */
function chooseSheet(workbook: ExcelJS.Workbook, wanted: string | undefined): ExcelJS.Worksheet {
  const visible = workbook.worksheets.filter(isVisible);
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
  const hidden = workbook.worksheets.find(
    (s) => s.name === wanted || foldForSearch(s.name) === folded,
  );
  const list = `Các trang tính đang hiện: ${quoted(visible.map((s) => s.name))}.`;
  throw new AppError(
    'INVALID_INPUT',
    hidden
      ? `Trang tính "${hidden.name}" đang bị ẩn nên không được đọc. ${list}`
      : `Tệp không có trang tính "${wanted}". ${list}`,
  );
}

export async function readXlsx(
  fileName: string,
  bytes: Buffer,
  wanted: string | undefined,
): Promise<XlsxSheet> {
  if (!isZip(bytes)) throw NOT_XLSX();
  await assertIntact(fileName, bytes);
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
  const sheet = chooseSheet(workbook, wanted);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return {
    rows,
    sheet: sheet.name,
    sheets: workbook.worksheets.filter(isVisible).map((s) => s.name),
  };
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    // A cell exceljs cannot render (an unusual formula result): read it as empty.
    return '';
  }
}
