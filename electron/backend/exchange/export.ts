// PLACEHOLDER (being written by a helper): exchange.export.
import type { ExportResult, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function exportExchange(
  _ctx: BackendContext,
  _input: ParsedInput<'exchange.export'>,
): Promise<ExportResult> {
  throw new AppError('INTERNAL', 'Chưa làm xong.');
}
