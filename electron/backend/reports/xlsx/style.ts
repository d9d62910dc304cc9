// Typography and page setup shared by every sheet of the report workbook: Times New Roman as
// party documents use it (HD 36-HD/VPTW), thin borders around table cells, counts and shares
// stored as numbers with a display format (never as text), A4 with page numbers in the footer.
import type ExcelJS from 'exceljs';

export const FONT_NAME = 'Times New Roman';

/** A share stored as 0.455 and shown as 45,5% (Excel uses the reader's decimal comma). */
export const PERCENT_FORMAT = '0.0%';
/** Counts with a thousands separator (45.632 in a Vietnamese Excel). */
export const COUNT_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd/mm/yyyy';

/** Excel's paper size code for A4. */
const A4 = 9;

export const TABLE_FONT_SIZE = 12;
export const HEADER_FONT_SIZE = 13;

export function font(
  size: number,
  style: { bold?: boolean; italic?: boolean } = {},
): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, ...style };
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
export const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const CENTERED: Partial<ExcelJS.Alignment> = {
  horizontal: 'center',
  vertical: 'middle',
  wrapText: true,
};
export const LEFT: Partial<ExcelJS.Alignment> = {
  horizontal: 'left',
  vertical: 'middle',
  wrapText: true,
};
/** Text in a bordered cell, kept off the border. */
export const LEFT_IN_BOX: Partial<ExcelJS.Alignment> = { ...LEFT, indent: 1 };
export const RIGHT: Partial<ExcelJS.Alignment> = { horizontal: 'right', vertical: 'middle' };

/** "Trang 2/5" centred at the foot of every printed page. */
export const PAGE_FOOTER: Partial<ExcelJS.HeaderFooter> = {
  oddFooter: `&C&"${FONT_NAME},Regular"&11Trang &P/&N`,
};

/**
 * A4, one page wide and as many pages high as the rows need, with `titleRows` ("8:10") printed
 * again at the top of every page.
 */
export function printSetup(
  orientation: 'portrait' | 'landscape',
  titleRows: string | null,
): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    // 0: no limit on the number of pages down.
    fitToHeight: 0,
    horizontalCentered: true,
    // Inches: 1.5 cm at the sides, 2 cm at the top, room for the page number at the foot.
    margins: { left: 0.6, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}
