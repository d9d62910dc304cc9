// PLACEHOLDER (being written by a helper): the "Biểu tổng hợp", "Danh sách diện củng cố" and
// "Dữ liệu" sheets.
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';

export function writeReportXlsx(
  _db: Db,
  _report: ProgressReport,
  _document: ReportDocument,
  _path: string,
): Promise<void> {
  return Promise.reject(new AppError('INTERNAL', 'Chưa xuất được tệp Excel.'));
}
