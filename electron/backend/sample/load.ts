// PLACEHOLDER (being written by a helper): loads resources/sample into an empty data file.
import type { ParsedInput, SampleLoadResult } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';

export function loadSample(
  _ctx: BackendContext,
  _input: ParsedInput<'sample.load'>,
): SampleLoadResult {
  throw new AppError('INTERNAL', 'Chưa nạp được dữ liệu mẫu.');
}
