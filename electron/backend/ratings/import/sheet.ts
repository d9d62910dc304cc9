// A spreadsheet file (.xlsx or .csv) as rows of trimmed text, numbered as the spreadsheet shows them.
import { AppError } from '../../../../shared/errors';
import { readCsv } from './csv';
import { isZip, readXlsx } from './xlsx';

export interface SheetRow {
  /** The row number a spreadsheet shows (the header is usually row 1). */
  row: number;
  cells: string[];
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Reads the rows of a spreadsheet; anything that is not one is a BAD_FILE error. */
export async function readSheet(fileName: string, bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw new AppError('BAD_FILE', `Tệp "${fileName}" rỗng (0 byte).`);
  const ext = extensionOf(fileName);
  let rows: SheetRow[];
  if (ext === 'xls' || OLE.every((b, i) => bytes[i] === b)) {
    throw new AppError(
      'BAD_FILE',
      'Tệp Excel dạng cũ (.xls) chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8.',
    );
  } else if (
    ext === 'xlsx' ||
    ext === 'xlsm' ||
    ((ext === 'csv' || ext === 'txt') && isZip(bytes))
  ) {
    rows = await readXlsx(bytes);
  } else if (ext === 'csv' || ext === 'txt') {
    rows = readCsv(bytes);
  } else {
    throw new AppError(
      'BAD_FILE',
      `Không đọc được tệp "${fileName}": chỉ nhận bảng tính Excel (.xlsx) hoặc tệp CSV (.csv).`,
    );
  }
  return rows
    .map((r) => ({ row: r.row, cells: r.cells.map((c) => c.normalize('NFC').trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
}
