// The first worksheet of an .xlsx workbook as rows of text, read with exceljs. Each cell gives
// the text Excel would show (numbers, formulas' results and rich text alike).
import ExcelJS from 'exceljs';
import { AppError } from '../../../../shared/errors';
import type { SheetRow } from './sheet';

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

export async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  if (!isZip(bytes)) throw NOT_XLSX();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer-like "Buffer": hand it exactly the file's bytes.
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw NOT_XLSX();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw NOT_XLSX();
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    // A cell exceljs cannot render (an unusual formula result): read it as empty.
    return '';
  }
}
