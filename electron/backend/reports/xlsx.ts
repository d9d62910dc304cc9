// The report as an Excel workbook (issue 8 item 3): "Biểu tổng hợp" (the printable table of the
// figures), the list sheet ("Danh sách diện củng cố" of a watchlist, or the units of a subtree)
// and "Dữ liệu" (flat ratings the app's own import reads back unchanged). Streamed to the file
// row by row (exceljs' WorkbookWriter): a national "Dữ liệu" sheet has hundreds of thousands of
// rows, which an in-memory workbook would hold as millions of cell objects.
import ExcelJS from 'exceljs';
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import type { Db } from '../db/open';
import { writeDataSheet } from './xlsx/data-sheet';
import { writeSummarySheet } from './xlsx/summary-sheet';
import { writeUnitsSheet } from './xlsx/units-sheet';
import { writeWatchlistSheet } from './xlsx/watchlist-sheet';

export async function writeReportXlsx(
  db: Db,
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    // Strings as shared strings (t="s"): plain text cells that no spreadsheet evaluates.
    useSharedStrings: true,
    useStyles: true,
  });
  workbook.creator = 'tccsd';
  writeSummarySheet(workbook, report, document);
  if (report.watchlist) writeWatchlistSheet(workbook, db, report, document);
  else writeUnitsSheet(workbook, report, document);
  writeDataSheet(workbook, db, report);
  await workbook.commit();
}
