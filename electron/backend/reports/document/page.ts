// The page of a party document (Hướng dẫn 36-HD/VPTW, 2018; DOMAIN.md §6): A4, Times New Roman,
// margins 25 mm top and bottom, 35 mm left (the binding), 15 mm right. The Word writer and the
// printable page both read these, so the two outputs lay out the same.
import type { DocumentTable } from './summary-table';
import { fitsPortrait } from './summary-table';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const A4 = { width: 210, height: 297 } as const;
/** Word's own A4 in twips (the millimetres rounded as Word rounds them). */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;

/** Millimetres. */
export const PORTRAIT_MARGINS: Margins = { top: 25, right: 15, bottom: 25, left: 35 };

/**
 * The appended tables' landscape pages: the binding edge is the page's short side, so the long
 * sides keep narrower margins and the table gets the width it needs.
 */
export const LANDSCAPE_MARGINS: Margins = { top: 20, right: 15, bottom: 20, left: 20 };

export const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right;
export const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;

/** Font sizes in points. */
export const FONT = {
  family: 'Times New Roman',
  /** Body, header lines, signature. */
  body: 14,
  /** "ĐẢNG CỘNG SẢN VIỆT NAM". */
  party: 15,
  /** "BÁO CÁO". */
  kind: 16,
  /** "Nơi nhận:". */
  recipientsLabel: 12,
  /** The recipients' lines. */
  recipients: 11,
  /** The appended tables' cells. */
  table: 11,
  /** Their headings (narrow columns: "Số lượng", "Tỷ lệ %"). */
  tableHeading: 10,
} as const;

/** Body paragraphs start 1 cm in, as party documents do. */
export const FIRST_LINE_INDENT = 10;

/** The appendix turns landscape when one of its tables is wider than a portrait page's text. */
export function appendixIsLandscape(tables: readonly DocumentTable[]): boolean {
  return tables.some((table) => !fitsPortrait(table, PORTRAIT_TEXT_WIDTH));
}

/** Column widths scaled to exactly `textWidth` mm (the model's widths are relative). */
export function scaledWidths(table: DocumentTable, textWidth: number): number[] {
  const total = table.widths.reduce((a, b) => a + b, 0);
  return table.widths.map((w) => (w * textWidth) / total);
}
