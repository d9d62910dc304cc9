// PLACEHOLDER (being written by a helper): exchange.preview.
import type { ExchangePreview, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function previewExchange(
  _ctx: BackendContext,
  _input: ParsedInput<'exchange.preview'>,
): Promise<ExchangePreview> {
  throw new AppError('INTERNAL', 'Chưa làm xong.');
}
