// The renderer's typed client: method name + one input object; the result type follows the name.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { getBridge } from './bridge';

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  let result: Result<MethodOutput<M>>;
  try {
    result = (await getBridge().invoke(method, input)) as Result<MethodOutput<M>>;
  } catch {
    throw new AppError(
      'INTERNAL',
      'Mất kết nối với phần xử lý dữ liệu. Hãy khởi động lại ứng dụng.',
    );
  }
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value;
}

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Đã xảy ra lỗi ngoài dự kiến.';
}
