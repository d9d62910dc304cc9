// The limits inside which files from outside (spreadsheets for the ratings import, .tccsd
// exchange files) are parsed, and the Vietnamese sentences that refuse a file beyond one. A file
// is untrusted: a 1.5 MB .xlsx once inflated to 4.7 GB of memory. Each limit leaves a wide margin
// over a real national file (measured on the bench's data, docs/performance.md): the 55,000-row
// ratings workbook has 10 parts, its largest 11.9 MB inflated (14.4 MB in all, ~440,000 cells,
// read in a few seconds); the national exchange file is 27.5 MB.
import { AppError } from '../../../shared/errors';

export const SPREADSHEET_LIMITS = {
  /** Parts of the archive (a workbook has about ten; one per sheet, picture, comment…). */
  maxEntries: 2_000,
  /**
   * Inflated size of one part (the national sheet: 11.9 MB). A plain sheet is inflated and
   * decoded whole (ratings/import/xlsx-plain.ts): a 54 MB one peaks at ~440 MB of memory.
   */
  maxEntryBytes: 64 * 1024 ** 2,
  /** Inflated size of all parts read, pictures and other media left out (national: 14.4 MB). */
  maxTotalBytes: 128 * 1024 ** 2,
  /** Cells kept of the sheet read, empty ones before the last filled one included (~440,000). */
  maxCells: 5_000_000,
  /** Time to read the file into rows. */
  maxMs: 120_000,
} as const;

export const EXCHANGE_LIMITS = {
  /** The file as stored (national: 27.5 MB). */
  maxFileBytes: 1024 ** 3,
  /** The record lines inflated, written to a temporary file on disk, never held in memory. */
  maxInflatedBytes: 2 * 1024 ** 3,
  /** One line (one record; the largest real record is a few kilobytes). */
  maxLineBytes: 1024 ** 2,
  /** Time to inflate and check the file. */
  maxMs: 600_000,
} as const;

/** Parts that are pictures or embedded files: never inflated, never handed to a parser. */
export function isMediaEntry(name: string): boolean {
  return (
    /^xl\/(media|embeddings|printerSettings|activeX)\//i.test(name) ||
    /^docProps\/thumbnail\./i.test(name)
  );
}

function number(value: number): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}

/** Bytes as people read them: "128 MB", "2 GB", "1,5 MB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${number(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${number(bytes / 1024 ** 2)} MB`;
  return `${number(Math.max(1, Math.ceil(bytes / 1024)))} KB`;
}

const SPLIT = 'Hãy chia tệp theo năm hoặc theo đơn vị, hoặc kiểm tra lại tệp gốc.';
const DAMAGED = 'Tệp không được đọc: có thể tệp đã bị làm hỏng hoặc không phải là bảng tính thật.';

/** Vietnamese refusals, each naming the limit and the value found. */
export const limitMessages = {
  entries: (file: string, count: number, limit: number) =>
    `Tệp "${file}" có ${number(count)} phần nén bên trong, vượt giới hạn ${number(limit)} ` +
    `phần của một bảng tính. ${DAMAGED}`,
  entrySize: (file: string, entry: string, bytes: number, limit: number) =>
    `Phần "${entry.slice(0, 80)}" của tệp "${file}" khi giải nén lớn ${sizeText(bytes)}, vượt ` +
    `giới hạn ${sizeText(limit)} cho một phần. ${SPLIT}`,
  totalSize: (file: string, bytes: number, limit: number) =>
    `Tệp "${file}" khi giải nén lớn ${sizeText(bytes)}, vượt giới hạn ${sizeText(limit)}. ${SPLIT}`,
  cells: (file: string, limit: number) =>
    `Trang tính của tệp "${file}" có hơn ${number(limit)} ô, là giới hạn số ô đọc được của ` +
    `một trang tính (kể cả ô trống nằm trước ô cuối cùng có dữ liệu của mỗi dòng). ${SPLIT}`,
  time: (file: string, limitMs: number) =>
    `Đọc tệp "${file}" quá ${(limitMs / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 })} giây (giới hạn thời gian đọc một tệp) ` +
    `nên đã dừng. ${SPLIT}`,
  /** The words the CRC check (ratings/import/xlsx.ts) uses for a damaged archive. */
  damaged: (file: string) =>
    `Tệp "${file}" bị hỏng hoặc không đầy đủ. Hãy lấy lại tệp gốc (sao chép hoặc tải về lại), ` +
    'hoặc mở bằng Excel và lưu lại.',
  fileSize: (file: string, bytes: number, limit: number) =>
    `Tệp "${file}" lớn ${sizeText(bytes)}, vượt giới hạn ${sizeText(limit)}. ${SPLIT}`,
} as const;

export function limitError(message: string): AppError {
  return new AppError('BAD_FILE', message);
}
