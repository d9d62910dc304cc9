// PLACEHOLDER (being written by a helper): exchange.ledger.
import type { ExchangeLedger, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function exchangeLedger(
  _ctx: BackendContext,
  _input: ParsedInput<'exchange.ledger'>,
): ExchangeLedger {
  throw new AppError('INTERNAL', 'Chưa làm xong.');
}
