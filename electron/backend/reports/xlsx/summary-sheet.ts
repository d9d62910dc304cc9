// Sheet "Biểu tổng hợp": the printable table of a report's figures per group — the document's
// header block, the title in capitals, "(Kèm theo Báo cáo số …)", two merged header rows, the
// row of column numbers, one row per group, the "Tổng cộng" row, the notes, the signature block.
// A4 landscape, one page wide, the header rows repeated on every page.
import type ExcelJS from 'exceljs';
import type { ProgressReport, ReportDocument, ReportGroup } from '../../../../shared/contract';
import { dateInWords, documentNumberLine } from '../../../../shared/domain/party-document';
import type { RatingScale } from '../../../../shared/domain/scales';
import { scaleById, scaleForYear } from '../../../../shared/domain/scales';
import { charsAcross, linesFor, lineHeight, put, putMerged } from './cells';
import { writeDocumentHeader } from './document-header';
import type { SummaryColumn } from './summary-columns';
import { summaryColumns } from './summary-columns';
import {
  BOX,
  CENTERED,
  COUNT_FORMAT,
  HEADER_FONT_SIZE,
  LEFT,
  LEFT_IN_BOX,
  PAGE_FOOTER,
  PERCENT_FORMAT,
  TABLE_FONT_SIZE,
  font,
  printSetup,
} from './style';

export const SUMMARY_SHEET = 'Biểu tổng hợp';

/** Blank rows left for the signature (and the stamp) between the role and the name. */
const SIGNING_ROWS = 4;

function scaleOf(report: ProgressReport): RatingScale | null {
  return (report.scaleId ? scaleById(report.scaleId) : null) ?? scaleForYear(report.year);
}

/** "(Kèm theo Báo cáo số      -BC/BTCTU ngày 15 tháng 01 năm 2018)": the number stays blank. */
export function attachedToLine(document: ReportDocument): string {
  const number = documentNumberLine(document.numberSuffix).replace(/^Số/, 'số');
  return `(Kèm theo Báo cáo ${number} ${dateInWords(document.date)})`;
}

export function summaryTitle(report: ProgressReport): string {
  return `BIỂU TỔNG HỢP KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG NĂM ${report.year}`;
}

/**
 * The lines under the table: how shares are counted, then the report's own notes, which say
 * what is missing and why a comparison across a scale change is left out (its columns are).
 */
export function summaryNotes(report: ProgressReport): string[] {
  return ['Tỷ lệ % tính trên số TCCSĐ được đánh giá, xếp loại.', ...report.notes];
}

function writeTableHeader(sheet: ExcelJS.Worksheet, columns: SummaryColumn[], top: number): void {
  const style = { font: font(TABLE_FONT_SIZE, { bold: true }), alignment: CENTERED, border: BOX };
  let topLines = 1;
  let subLines = 1;
  for (let i = 0; i < columns.length;) {
    const column = columns[i]!;
    const col = i + 1;
    if (column.group === null) {
      putMerged(sheet, { top, left: col, bottom: top + 1, right: col }, column.header, style);
      const lines = linesFor(column.header, charsAcross(column.width, TABLE_FONT_SIZE));
      // The two rows share a header that spans them.
      topLines = Math.max(topLines, Math.ceil(lines / 2));
      subLines = Math.max(subLines, Math.ceil(lines / 2));
      i++;
      continue;
    }
    let end = i;
    while (columns[end + 1]?.group === column.group) end++;
    const width = columns.slice(i, end + 1).reduce((sum, c) => sum + c.width, 0);
    putMerged(sheet, { top, left: col, bottom: top, right: end + 1 }, column.group, style);
    topLines = Math.max(topLines, linesFor(column.group, charsAcross(width, TABLE_FONT_SIZE)));
    for (let j = i; j <= end; j++) {
      const sub = columns[j]!;
      put(sheet, top + 1, j + 1, sub.header, style);
      subLines = Math.max(subLines, linesFor(sub.header, charsAcross(sub.width, TABLE_FONT_SIZE)));
    }
    i = end + 1;
  }
  sheet.getRow(top).height = lineHeight(TABLE_FONT_SIZE) * topLines + 4;
  sheet.getRow(top + 1).height = lineHeight(TABLE_FONT_SIZE) * subLines + 4;
  columns.forEach((_c, i) =>
    put(sheet, top + 2, i + 1, `(${i + 1})`, {
      font: font(TABLE_FONT_SIZE - 1, { italic: true }),
      alignment: CENTERED,
      border: BOX,
    }),
  );
}

function writeGroupRow(
  sheet: ExcelJS.Worksheet,
  columns: SummaryColumn[],
  row: number,
  group: ReportGroup,
  position: number | null,
): void {
  const bold = position === null;
  let lines = 1;
  columns.forEach((column, i) => {
    const value = column.value(group, position);
    const base = { font: font(TABLE_FONT_SIZE, { bold }), border: BOX };
    if (column.kind === 'text') {
      const text = typeof value === 'string' ? value : '';
      put(sheet, row, i + 1, text, {
        ...base,
        alignment: bold && i === 1 ? CENTERED : LEFT_IN_BOX,
      });
      lines = Math.max(lines, linesFor(text, charsAcross(column.width, TABLE_FONT_SIZE)));
    } else {
      put(sheet, row, i + 1, typeof value === 'number' ? value : null, {
        ...base,
        alignment: CENTERED,
        numFmt: column.kind === 'percent' ? PERCENT_FORMAT : COUNT_FORMAT,
      });
    }
  });
  sheet.getRow(row).height = lineHeight(TABLE_FONT_SIZE) * lines + 4;
}

function writeNotes(
  sheet: ExcelJS.Worksheet,
  columns: SummaryColumn[],
  first: number,
  notes: string[],
): number {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  let row = first;
  notes.forEach((note, i) => {
    const text = i === 0 ? `Ghi chú: ${note}` : note;
    putMerged(sheet, { top: row, left: 1, bottom: row, right: columns.length }, text, {
      font: font(TABLE_FONT_SIZE, { italic: true }),
      alignment: LEFT,
    });
    sheet.getRow(row).height =
      lineHeight(TABLE_FONT_SIZE) * linesFor(text, charsAcross(width, TABLE_FONT_SIZE));
    row++;
  });
  return row;
}

/** "T/M BAN THƯỜNG VỤ", the role, room to sign, the name: on the right, under the table. */
function writeSignature(
  sheet: ExcelJS.Worksheet,
  columns: SummaryColumn[],
  first: number,
  document: ReportDocument,
): void {
  const { onBehalf, role, name } = document.signature;
  if (!onBehalf && !role && !name) return;
  let width = 0;
  let left = columns.length;
  while (left > 1 && width < 40) width += columns[--left]!.width;
  left = Math.max(left + 1, 3);
  const line = (row: number, text: string) =>
    putMerged(sheet, { top: row, left, bottom: row, right: columns.length }, text, {
      font: font(HEADER_FONT_SIZE, { bold: true }),
      alignment: CENTERED,
    });
  line(first, onBehalf.toLocaleUpperCase('vi'));
  line(first + 1, role.toLocaleUpperCase('vi'));
  line(first + 2 + SIGNING_ROWS, name);
}

export function writeSummarySheet(
  workbook: ExcelJS.Workbook,
  report: ProgressReport,
  document: ReportDocument,
): void {
  const columns = summaryColumns(report, scaleOf(report));
  const widths = columns.map((c) => c.width);
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, {
    pageSetup: printSetup('landscape', null),
    headerFooter: PAGE_FOOTER,
    views: [{ showGridLines: false }],
  });
  sheet.columns = widths.map((width) => ({ width }));
  const top = writeDocumentHeader(sheet, widths, document, document.tableNumber, [
    { text: summaryTitle(report), bold: true, size: 14 },
    ...(report.scope.title ? [{ text: report.scope.title, bold: true }] : []),
    { text: attachedToLine(document), italic: true },
  ]);
  writeTableHeader(sheet, columns, top);
  sheet.pageSetup.printTitlesRow = `${top}:${top + 2}`;
  let row = top + 3;
  report.groups.forEach((group, i) => writeGroupRow(sheet, columns, row++, group, i + 1));
  writeGroupRow(sheet, columns, row++, report.totals, null);
  row = writeNotes(sheet, columns, row + 1, summaryNotes(report));
  writeSignature(sheet, columns, row + 1, document);
  sheet.commit();
}
