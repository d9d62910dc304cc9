// PLACEHOLDER (being written by a helper): the editable Word report.
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

export function writeReportDocx(
  _report: ProgressReport,
  _document: ReportDocument,
  _path: string,
): Promise<void> {
  return Promise.reject(new AppError('INTERNAL', 'Chưa xuất được tệp Word.'));
}
