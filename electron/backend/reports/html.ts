// PLACEHOLDER (being written by a helper): the printable HTML page of the report.
import type { ProgressReport, ReportDocument } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

export function reportHtml(_report: ProgressReport, _document: ReportDocument): string {
  throw new AppError('INTERNAL', 'Chưa dựng được trang in.');
}
