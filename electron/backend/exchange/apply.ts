// PLACEHOLDER (being written by a helper): exchange.apply.
import type { ApplyResult, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function applyExchange(
  _ctx: BackendContext,
  _input: ParsedInput<'exchange.apply'>,
): ApplyResult {
  throw new AppError('INTERNAL', 'Chưa làm xong.');
}
