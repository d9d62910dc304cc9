// PLACEHOLDER (being written by a helper): exchange.undo.
import type { ExchangeBatch, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function undoBatch(
  _ctx: BackendContext,
  _input: ParsedInput<'exchange.undo'>,
): ExchangeBatch {
  throw new AppError('INTERNAL', 'Chưa làm xong.');
}
