// Helpers for the watchlist tests: a list through the real contract, and a refusal check that
// the message is Vietnamese and nothing was written.
import { expect } from 'vitest';
import type { MethodInput, MethodName, WatchlistDetail } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import type { TestBackend } from './backend';
import { VIETNAMESE_LETTER, errorOf } from './backend';

/** A list of Resolution 33-NQ/TU's shape issued by `issuerId` for `year`. */
export function createList(
  b: TestBackend,
  issuerId: string,
  year: number,
  extra: Partial<MethodInput<'watchlists.create'>> = {},
): WatchlistDetail {
  return b.call('watchlists.create', {
    title: `Củng cố tổ chức cơ sở đảng yếu kém năm ${year}`,
    number: '33-NQ/TU',
    decidedOn: `17/02/${year}`,
    issuerId,
    year,
    ...extra,
  });
}

/** The call is refused with `code`, a Vietnamese message matching `message`, and no write. */
export function expectRefused(
  b: TestBackend,
  method: MethodName,
  input: unknown,
  code: ErrorCode,
  message: RegExp,
): string {
  const before = b.snapshot();
  const error = errorOf(b.attempt(method, input));
  expect(error.code, error.message).toBe(code);
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(VIETNAMESE_LETTER);
  expect(b.snapshot()).toBe(before);
  return error.message;
}
