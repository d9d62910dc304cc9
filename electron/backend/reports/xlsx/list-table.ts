// A printable table of units under numbered group headings ("I. Các đảng bộ huyện"), as the
// province's lists print them; rows are committed as they are written, so a national list
// streams to the file instead of growing in memory.
import type ExcelJS from 'exceljs';
import { romanNumeral } from '../../../../shared/domain/party-document';
import type { CellValue } from './cells';
import { charsAcross, linesFor, lineHeight, put, putMerged } from './cells';
import { BOX, CENTERED, LEFT_IN_BOX, TABLE_FONT_SIZE, font } from './style';

export interface ListColumn<T> {
  header: string;
  /** Width in characters. */
  width: number;
  align: 'left' | 'center';
  value(item: T): CellValue;
}

export interface ListSection<T> {
  /** Null: rows without a heading (a list of one group). */
  heading: string | null;
  items: readonly T[];
}

/** Writes the header row at `top`, then the sections; returns the row after the table. */
export function writeListTable<T>(
  sheet: ExcelJS.Worksheet,
  columns: readonly ListColumn<T>[],
  top: number,
  sections: readonly ListSection<T>[],
): number {
  const header = { font: font(TABLE_FONT_SIZE, { bold: true }), alignment: CENTERED, border: BOX };
  let headerLines = 1;
  columns.forEach((c, i) => {
    put(sheet, top, i + 1, c.header, header);
    headerLines = Math.max(headerLines, linesFor(c.header, charsAcross(c.width, TABLE_FONT_SIZE)));
  });
  sheet.getRow(top).height = lineHeight(TABLE_FONT_SIZE) * headerLines + 4;
  sheet.getRow(top).commit();
  // One style object per column, reused for every row: exceljs recognises a style it has seen
  // by identity, and a fresh object per cell costs it a full lookup (a national list: seconds).
  const body = font(TABLE_FONT_SIZE);
  const styles = columns.map((c) => ({
    font: body,
    alignment: c.align === 'center' ? CENTERED : LEFT_IN_BOX,
    border: BOX,
  }));
  let row = top + 1;
  const numbered = sections.filter((s) => s.heading !== null).length > 1;
  sections.forEach((section, index) => {
    if (section.heading !== null) {
      const text = numbered ? `${romanNumeral(index + 1)}. ${section.heading}` : section.heading;
      putMerged(sheet, { top: row, left: 1, bottom: row, right: columns.length }, text, {
        font: font(TABLE_FONT_SIZE, { bold: true }),
        alignment: LEFT_IN_BOX,
        border: BOX,
      });
      sheet.getRow(row).commit();
      row++;
    }
    for (const item of section.items) {
      let lines = 1;
      columns.forEach((c, i) => {
        const value = c.value(item);
        put(sheet, row, i + 1, value, styles[i]!);
        if (typeof value === 'string') {
          lines = Math.max(lines, linesFor(value, charsAcross(c.width, TABLE_FONT_SIZE)));
        }
      });
      sheet.getRow(row).height = lineHeight(TABLE_FONT_SIZE) * lines + 4;
      sheet.getRow(row).commit();
      row++;
    }
  });
  return row;
}
