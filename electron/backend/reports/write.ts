// One entry for every report file format, shared by reports.export and the CLI.
import { writeFileSync } from 'node:fs';
import type { ProgressReport, ReportDocument, ReportFormat } from '../../../shared/contract';
import type { Db } from '../db/open';
import { reportHtml } from './html';

/** `db` is read for the Excel file's flat "Dữ liệu" sheet (every rating of the report's units). */
export async function writeReportFile(
  db: Db,
  format: ReportFormat,
  report: ProgressReport,
  document: ReportDocument,
  path: string,
): Promise<void> {
  // exceljs and docx take ~0.5 s to load: only when such a file is written, not at every start
  // of the CLI or the backend worker (issue 10: a CLI query within 400 ms).
  if (format === 'xlsx') {
    const { writeReportXlsx } = await import('./xlsx');
    await writeReportXlsx(db, report, document, path);
  } else if (format === 'docx') {
    const { writeReportDocx } = await import('./docx');
    await writeReportDocx(report, document, path);
  } else writeFileSync(path, reportHtml(report, document), 'utf8');
}
