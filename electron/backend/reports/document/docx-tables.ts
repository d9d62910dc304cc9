// The appended tables of the Word report: the shared table model drawn as Word tables with thin
// borders, header rows repeated on every page, the title block above and the notes below.
import type { FileChild } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { halfPoints, line, runs } from './docx-parts';
import { FONT } from './page';
import type { Cell, DocumentTable } from './summary-table';

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function cellOf(cell: Cell, widthTwips: number): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    columnSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 57, right: 57, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: ALIGN[cell.align ?? 'center'],
        children: runs(cell.text, {
          size: halfPoints(cell.heading ? FONT.tableHeading : FONT.table),
          bold: cell.bold,
          italics: cell.italic,
        }),
      }),
    ],
  });
}

/**
 * The width of each cell of `rows`, in twips: a cell spans `colSpan` grid columns, starting after
 * the columns taken by earlier cells of its row and by cells of rows above that span down into
 * it (HTML's table model, which the shared model follows).
 */
function cellWidths(rows: readonly Cell[][], columns: readonly number[]): number[][] {
  const taken: number[] = columns.map(() => 0); // rows still covered by a rowSpan, per column
  return rows.map((row) => {
    let column = 0;
    const widths = row.map((cell) => {
      while (column < columns.length && (taken[column] ?? 0) > 0) column += 1;
      const span = cell.colSpan ?? 1;
      let width = 0;
      for (let i = column; i < column + span && i < columns.length; i += 1) {
        width += columns[i] ?? 0;
        if ((cell.rowSpan ?? 1) > 1) taken[i] = cell.rowSpan ?? 1;
      }
      column += span;
      return width;
    });
    for (let i = 0; i < taken.length; i += 1)
      if ((taken[i] ?? 0) > 0) taken[i] = (taken[i] ?? 0) - 1;
    return widths;
  });
}

/** The table itself, `widthsMm` already scaled to the page's text width. */
function tableOf(table: DocumentTable, widthsMm: readonly number[]): Table {
  const columns = widthsMm.map((mm) => convertMillimetersToTwip(mm));
  const rows = [...table.header, ...table.body];
  const widths = cellWidths(rows, columns);
  return new Table({
    width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: rows.map(
      (row, r) =>
        new TableRow({
          tableHeader: r < table.header.length,
          cantSplit: true,
          children: row.map((cell, c) => cellOf(cell, widths[r]?.[c] ?? 0)),
        }),
    ),
  });
}

/** The label, title, scope and "Kèm theo" lines, the table, and its notes. */
export function tableBlocks(table: DocumentTable, widthsMm: readonly number[]): FileChild[] {
  return [
    ...(table.label ? [line(table.label, { bold: true, align: AlignmentType.RIGHT })] : []),
    line(table.title, { bold: true }),
    line(table.scope, { bold: true }),
    ...(table.attachedTo ? [line(table.attachedTo, { italics: true, after: 8 })] : []),
    tableOf(table, widthsMm),
    ...table.notes.map((note) =>
      line(note, { size: FONT.table, italics: true, align: AlignmentType.LEFT, before: 4 }),
    ),
  ];
}
