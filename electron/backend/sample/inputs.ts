// The sample goes through the same input schemas as the user's own calls: names are cleaned,
// dates and document numbers checked, years bounded by the backend's clock, exactly as if each
// value had been typed into the app.
import type { MethodInput, MethodName, ParsedInput } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { withSchemaYear } from '../../../shared/domain/years';
import { AppError } from '../../../shared/errors';
import type { BackendContext } from '../context';
import { clockYear } from '../context';

export function parsedInput<M extends MethodName>(
  ctx: BackendContext,
  method: M,
  input: MethodInput<M>,
): ParsedInput<M> {
  const schema = contract[method].input;
  const parsed = withSchemaYear(clockYear(ctx), () => schema.safeParse(input));
  if (!parsed.success) {
    const messages = [...new Set(parsed.error.issues.map((issue) => issue.message))].join(' ');
    throw new AppError('INTERNAL', `Dữ liệu mẫu không hợp lệ (${method}): ${messages}`);
  }
  return parsed.data as ParsedInput<M>;
}
