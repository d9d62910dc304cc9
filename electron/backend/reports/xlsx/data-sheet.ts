// Sheet "Dữ liệu": one row per unit and year, flat, under the very headers the ratings import
// reads (electron/backend/ratings/import/columns.ts), so the file goes back into the app through
// "Nhập từ tệp…" (choosing this sheet) and changes nothing. The columns after "Xếp loại" are for
// people (filters, sums) and carry names the import does not take for its own.
import type ExcelJS from 'exceljs';
import type { ProgressReport } from '../../../../shared/contract';
import { NOT_RATED_LABELS, ratingText, scaleById } from '../../../../shared/domain/scales';
import { UNIT_KIND_LABELS, UNIT_SECTOR_LABELS } from '../../../../shared/domain/units';
import type { Db } from '../../db/open';
import { COLUMN_HEADERS } from '../../ratings/import/columns';
import type { CellValue } from './cells';
import { put } from './cells';
import type { DataRow } from './data-rows';
import { dataRows } from './data-rows';
import {
  BOX,
  CENTERED,
  DATE_FORMAT,
  LEFT,
  PAGE_FOOTER,
  TABLE_FONT_SIZE,
  font,
  printSetup,
} from './style';

export const DATA_SHEET = 'Dữ liệu';

interface DataColumn {
  header: string;
  width: number;
  value(row: DataRow): CellValue;
  numFmt?: string;
}

/** "2018-01-15" → a date cell (midnight UTC, which is how exceljs turns dates into serials). */
function dateCell(iso: string | null): Date | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : null;
}

/**
 * The level as the import reads it back: "HTTNV", "TSVM tiêu biểu", "HTXSNV (TSVM tiêu biểu)",
 * or the reason a unit was not rated ("Mới thành lập").
 */
export function levelCell(row: DataRow): string {
  if (row.levelCode === null) return row.notRatedReason ? NOT_RATED_LABELS[row.notRatedReason] : '';
  return ratingText(scaleById(row.scaleId), row.levelCode, row.exemplary);
}

export const DATA_COLUMNS: readonly DataColumn[] = [
  { header: COLUMN_HEADERS.code[0], width: 12, value: (r) => r.code },
  { header: COLUMN_HEADERS.name[0], width: 40, value: (r) => r.name },
  // The parent's code finds it without doubt; its name only when it has no code.
  { header: COLUMN_HEADERS.parent[0], width: 30, value: (r) => r.parentCode ?? r.parentName },
  { header: COLUMN_HEADERS.kind[0], width: 16, value: (r) => UNIT_KIND_LABELS[r.kind] },
  {
    header: COLUMN_HEADERS.sector[0],
    width: 16,
    value: (r) => (r.sector ? UNIT_SECTOR_LABELS[r.sector] : null),
  },
  { header: COLUMN_HEADERS.year[0], width: 7, value: (r) => r.year },
  { header: COLUMN_HEADERS.level[0], width: 24, value: levelCell },
  { header: 'Tiêu biểu', width: 9, value: (r) => (r.exemplary ? 'x' : null) },
  {
    header: 'Lý do không xếp loại',
    width: 20,
    value: (r) => (r.notRatedReason ? NOT_RATED_LABELS[r.notRatedReason] : null),
  },
  { header: 'Điểm', width: 7, value: (r) => r.score },
  { header: 'Số quyết định', width: 16, value: (r) => r.decisionNumber },
  {
    header: 'Ngày quyết định',
    width: 14,
    value: (r) => dateCell(r.decisionDate),
    numFmt: DATE_FORMAT,
  },
];

/** The units of every group, in the report's order (each once), then the totals' own. */
export function reportUnitIds(report: ProgressReport): string[] {
  const ids = [...report.groups, report.totals].flatMap((g) => g.units.map((u) => u.id));
  return [...new Set(ids)];
}

/** The distribution's years and the compared year. */
export function reportYears(report: ProgressReport): number[] {
  const years = report.distribution.map((d) => d.year);
  years.push(report.year);
  if (report.compareYear !== null) years.push(report.compareYear);
  return [...new Set(years)].sort((a, b) => a - b);
}

export function writeDataSheet(workbook: ExcelJS.Workbook, db: Db, report: ProgressReport): void {
  const sheet = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Mostly read on screen; printed, it still fits the page's width and repeats its header.
    pageSetup: printSetup('landscape', '1:1'),
    headerFooter: PAGE_FOOTER,
  });
  sheet.columns = DATA_COLUMNS.map((c) => ({ width: c.width }));
  const header = { font: font(TABLE_FONT_SIZE, { bold: true }), alignment: CENTERED, border: BOX };
  DATA_COLUMNS.forEach((c, i) => put(sheet, 1, i + 1, c.header, header));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DATA_COLUMNS.length } };
  sheet.getRow(1).commit();
  // One style object per column, reused: exceljs recognises a style it has seen by identity.
  const body = { font: font(TABLE_FONT_SIZE), alignment: LEFT };
  const styles = DATA_COLUMNS.map((c) => (c.numFmt ? { ...body, numFmt: c.numFmt } : body));
  let row = 2;
  // Synchronous to the end: the statement keeps the connection while it is iterated.
  for (const data of dataRows(db, reportUnitIds(report), reportYears(report))) {
    DATA_COLUMNS.forEach((c, i) => put(sheet, row, i + 1, c.value(data), styles[i]!));
    sheet.getRow(row).commit();
    row++;
  }
  sheet.commit();
}
