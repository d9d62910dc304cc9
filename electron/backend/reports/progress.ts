// PLACEHOLDER (being written by a helper): the report's figures.
import type { ParsedInput, ProgressReport } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export type ProgressQuery = Omit<ParsedInput<'reports.export'>, 'format' | 'document'>;

export function progressReport(_ctx: BackendContext, _input: ProgressQuery): ProgressReport {
  throw new AppError('INTERNAL', 'Chưa lập được báo cáo.');
}
