// One entry for every report file format, shared by reports.export and the CLI.
import { writeFileSync } from 'node:fs';
import type { ProgressReport, ReportDocument, ReportFormat } from '../../../shared/contract';
import type { Db } from '../db/open';
import { writeReportDocx } from './docx';
import { reportHtml } from './html';
import { writeReportXlsx } from './xlsx';

/** `db` is read for the Excel file's flat "Dữ liệu" sheet (every rating of the report's units). */
export async function writeReportFile(
  db: Db,
  format: ReportFormat,
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  if (format === 'xlsx') await writeReportXlsx(db, report, document, path);
  else if (format === 'docx') await writeReportDocx(report, document, path);
  else writeFileSync(path, reportHtml(report, document), 'utf8');
}
