// The files of the ratings import's rows (issue 10: a 55,000-row CSV and a 55,000-row .xlsx):
// one year's ratings of the nation as a province office would type them, built from the data set
// and cached under `.bench/`. The year is the one after the data set's last (2025): every row is
// a new rating of a unit that exists, found by its name under its district's code (grassroots
// units have no code), the level written out in full as offices write it.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../electron/backend/db/open';
import { YEAR } from './cases';
import { BENCH_DIR } from './paths';

export const IMPORT_YEAR = YEAR + 1;
const HEADER = ['Mã', 'Tên tổ chức', 'Cấp trên', 'Năm', 'Xếp loại'];
/** The 2018 scale's levels in full, spread as ratings are (HTXSNV capped). */
const LEVELS = [
  'Hoàn thành xuất sắc nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ',
  'Hoàn thành nhiệm vụ',
  'Hoàn thành nhiệm vụ',
  'Hoàn thành nhiệm vụ',
  'Không hoàn thành nhiệm vụ',
];

/** Every grassroots unit valid in IMPORT_YEAR, with its district's code, in the register's order. */
function importRows(nationalPath: string): string[][] {
  const { db } = openDatabase(nationalPath);
  try {
    const rows = db
      .prepare(
        `SELECT v.name, d.code FROM unit_versions v
         JOIN unit_versions d ON d.unit_id = v.parent_id
           AND d.valid_from <= @year AND (d.valid_to IS NULL OR d.valid_to >= @year)
         JOIN units u ON u.id = v.unit_id AND (u.ended_year IS NULL OR u.ended_year >= @year)
         WHERE v.kind IN ('base_committee', 'base_cell') AND v.deleted_at IS NULL
           AND v.valid_from <= @year AND (v.valid_to IS NULL OR v.valid_to >= @year)
         ORDER BY d.code, v.seq`,
      )
      .raw()
      .all({ year: IMPORT_YEAR }) as [string, string][];
    return rows.map(([name, parent], i) => [
      '',
      name,
      parent,
      String(IMPORT_YEAR),
      LEVELS[(i * 7) % LEVELS.length] as string,
    ]);
  } finally {
    db.close();
  }
}

const csvCell = (text: string) => (/[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export interface RatingsFiles {
  csv: string;
  xlsx: string;
  rows: number;
}

/** The two files for the data set `key` (built once; a half-written file is never kept). */
export async function ensureRatingsFiles(nationalPath: string, key: string): Promise<RatingsFiles> {
  const csv = join(BENCH_DIR, `${key}-ratings-${IMPORT_YEAR}.csv`);
  const xlsx = join(BENCH_DIR, `${key}-ratings-${IMPORT_YEAR}.xlsx`);
  const rows = importRows(nationalPath);
  if (!existsSync(csv)) {
    const text = [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
    writeFileSync(`${csv}.part`, `${text}\r\n`);
    renameSync(`${csv}.part`, csv);
  }
  if (!existsSync(xlsx)) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: `${xlsx}.part`,
      useSharedStrings: true,
    });
    const sheet = workbook.addWorksheet(`Xếp loại ${IMPORT_YEAR}`);
    sheet.addRow(HEADER).commit();
    for (const row of rows) sheet.addRow([...row.slice(0, 3), IMPORT_YEAR, row[4]]).commit();
    sheet.commit();
    await workbook.commit();
    renameSync(`${xlsx}.part`, xlsx);
  }
  return { csv, xlsx, rows: rows.length };
}
