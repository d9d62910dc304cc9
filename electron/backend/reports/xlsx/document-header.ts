// The header of a printable sheet, laid out as party documents lay theirs (HD 36-HD/VPTW): on the
// left the superior body, the issuing body in bold and "*"; on the right "ĐẢNG CỘNG SẢN VIỆT
// NAM" in bold and the table's number; then the title in capitals and the lines under it.
import type ExcelJS from 'exceljs';
import type { ReportDocument } from '../../../../shared/contract';
import { charsAcross, linesFor, lineHeight, putMerged } from './cells';
import { CENTERED, HEADER_FONT_SIZE, font } from './style';

/** Width (characters) each side block of the header takes at least. */
const SIDE_WIDTH = 40;

export interface HeaderLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

/** How many columns from the start (or the end) make up at least `width` characters. */
function span(widths: readonly number[], width: number): number {
  let sum = 0;
  for (let i = 0; i < widths.length; i++) {
    sum += widths[i]!;
    if (sum >= width) return i + 1;
  }
  return widths.length;
}

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/**
 * Writes the header block from row 1 over columns of the given widths; returns the first row
 * after it (one blank row left). `tableNumber` null: no "Biểu số" line.
 */
export function writeDocumentHeader(
  sheet: ExcelJS.Worksheet,
  widths: readonly number[],
  document: ReportDocument,
  tableNumber: string | null,
  lines: readonly HeaderLine[],
): number {
  const columns = widths.length;
  const left = Math.min(span(widths, SIDE_WIDTH), Math.max(1, columns - 1));
  const right = Math.max(left + 1, columns + 1 - span([...widths].reverse(), SIDE_WIDTH));
  const side = (row: number, from: number, to: number, text: string, bold = false) =>
    putMerged(sheet, { top: row, left: from, bottom: row, right: to }, text, {
      font: font(HEADER_FONT_SIZE, { bold }),
      alignment: CENTERED,
    });
  side(1, 1, left, upper(document.superiorBody));
  side(2, 1, left, upper(document.issuingBody), true);
  side(3, 1, left, '*');
  side(1, right, columns, 'ĐẢNG CỘNG SẢN VIỆT NAM', true);
  if (tableNumber !== null && tableNumber.trim() !== '') {
    putMerged(sheet, { top: 2, left: right, bottom: 2, right: columns }, `Biểu số ${tableNumber}`, {
      font: font(HEADER_FONT_SIZE, { italic: true }),
      alignment: CENTERED,
    });
  }
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  let row = 5;
  for (const line of lines) {
    const size = line.size ?? HEADER_FONT_SIZE;
    putMerged(sheet, { top: row, left: 1, bottom: row, right: columns }, line.text, {
      font: font(size, { bold: line.bold, italic: line.italic }),
      alignment: CENTERED,
    });
    // Merged cells never grow by themselves: a long line gets the height of its wrapped lines.
    sheet.getRow(row).height =
      lineHeight(size) * linesFor(line.text, charsAcross(totalWidth, size));
    row++;
  }
  return row + 1;
}
