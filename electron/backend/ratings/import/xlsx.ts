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
// first without exceljs at all (xlsx-plain.ts), with the same answer, several times faster; the
// exceljs readers (xlsx-exceljs.ts) and exceljs itself are loaded only when it gives up.
import { foldForSearch } from '../../../../shared/domain/text';
import { AppError } from '../../../../shared/errors';
import { checkArchive } from '../../limits/archive';
import type { Deadline } from '../../limits/deadline';
import type { ReadLimits } from '../../limits/read-limits';
import { UNLIMITED, spreadsheetReadLimits } from '../../limits/read-limits';
import type { SheetRow } from './sheet';
import { readXlsxPlain } from './xlsx-plain';
import { findZipProblem } from './zip';

export const NOT_XLSX = () =>
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
  // exceljs (~0.3-0.5 s of CPU to load) only for a workbook the plain reader leaves to it.
  const exceljs = await import('./xlsx-exceljs');
  const streamed = await exceljs.readXlsxStreaming(archive, wanted, limits());
  if (streamed) return streamed;
  return exceljs.readWhole(archive, wanted, limits());
}

/**
 * The chosen sheet streamed by exceljs, or null when its streaming reader cannot tell which part
 * it is (xlsx-exceljs.ts); exceljs loaded on the first call.
 */
export async function readXlsxStreaming(
  bytes: Buffer,
  wanted: string | undefined,
  limits: ReadLimits = UNLIMITED,
): Promise<XlsxSheet | null> {
  return (await import('./xlsx-exceljs')).readXlsxStreaming(bytes, wanted, limits);
}
