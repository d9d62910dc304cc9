// Finds the import columns by their headers, ignoring case, diacritics and surrounding spaces.
import { foldForSearch } from '../../../../shared/domain/text';
import { AppError } from '../../../../shared/errors';
import type { SheetData, SheetRow } from './sheet';

export const COLUMN_FIELDS = ['code', 'name', 'parent', 'kind', 'sector', 'year', 'level'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

/** The header printed in documents and messages, then the other headers accepted (folded). */
export const COLUMN_HEADERS: Record<ColumnField, readonly [string, ...string[]]> = {
  code: ['Mã', 'ma to chuc', 'ma so', 'code'],
  name: ['Tên tổ chức', 'ten', 'ten to chuc dang', 'to chuc', 'name'],
  parent: ['Cấp trên', 'to chuc cap tren', 'truc thuoc', 'parent'],
  // "Loại hình" is the sector (xã, phường, cơ quan …), as party documents use it; the old
  // template's "Loại hình" column of kinds is caught by its values (parseSectorCell).
  kind: ['Loại tổ chức', 'loai to chuc dang', 'cap to chuc', 'kind'],
  sector: ['Loại hình', 'loai hinh to chuc', 'loai hinh to chuc dang', 'sector'],
  year: ['Năm', 'nam xep loai', 'year'],
  level: ['Xếp loại', 'muc xep loai', 'ket qua xep loai', 'level'],
};

export type Columns = Partial<Record<ColumnField, number>>;

export interface Header {
  /** The row holding the headers. */
  row: number;
  columns: Columns;
}

/** A title may sit above the header: the first few rows are searched for it. */
const HEADER_SEARCH_ROWS = 10;

const byFoldedHeader = new Map<string, ColumnField>(
  COLUMN_FIELDS.flatMap((field) => COLUMN_HEADERS[field].map((h) => [foldForSearch(h), field])),
);

function columnsOf(cells: string[]): Columns {
  const columns: Columns = {};
  cells.forEach((cell, index) => {
    const field = byFoldedHeader.get(foldForSearch(cell));
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

function missingOf(columns: Columns): string[] {
  const missing: string[] = [];
  if (columns.code === undefined && columns.name === undefined) {
    missing.push(`"${COLUMN_HEADERS.code[0]}" hoặc "${COLUMN_HEADERS.name[0]}"`);
  }
  for (const field of ['year', 'level'] as const) {
    if (columns[field] === undefined) missing.push(`"${COLUMN_HEADERS[field][0]}"`);
  }
  return missing;
}

/** When the workbook has other visible sheets, the user may have meant one of them. */
function otherSheets(sheet: SheetData): string {
  const others = sheet.sheets.filter((name) => name !== sheet.sheet);
  if (sheet.sheet === null || others.length === 0) return '';
  return (
    ` Đã đọc trang tính "${sheet.sheet}"; có thể chọn trang tính khác: ` +
    `${others.map((n) => `"${n}"`).join(', ')}.`
  );
}

function emptyMessage(sheet: SheetData): string {
  if (sheet.sheet === null) return 'Tệp không có dữ liệu.';
  return `Trang tính "${sheet.sheet}" không có dữ liệu.${otherSheets(sheet)}`;
}

export function findHeader(sheet: SheetData): Header {
  const { rows } = sheet;
  if (rows.length === 0) throw new AppError('BAD_FILE', emptyMessage(sheet));
  for (const r of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns = columnsOf(r.cells);
    if (missingOf(columns).length === 0) return { row: r.row, columns };
  }
  const first = rows[0]!;
  const found = first.cells.filter((c) => c !== '').map((c) => `"${c}"`);
  throw new AppError(
    'BAD_FILE',
    `Tệp thiếu cột ${missingOf(columnsOf(first.cells)).join(', ')}. ` +
      `Các cột tìm thấy ở dòng ${first.row}: ${found.join(', ')}. ` +
      `Tệp cần có các cột: ${COLUMN_FIELDS.map((f) => `"${COLUMN_HEADERS[f][0]}"`).join(', ')} ` +
      `(bắt buộc: "Năm", "Xếp loại" và "Mã" hoặc "Tên tổ chức").` +
      otherSheets(sheet),
  );
}

/** The trimmed text of a field in a data row; '' when the column is absent. */
export function cellOf(row: SheetRow, columns: Columns, field: ColumnField): string {
  const index = columns[field];
  return index === undefined ? '' : (row.cells[index] ?? '');
}
