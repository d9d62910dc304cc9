// `tccsd audit verify`: walks the audit log's hash chain, as Cài đặt → Kiểm tra nhật ký does.
// Exit code 0 when the log is whole, 1 when anyone edited it outside the app (the first broken
// row said: its number, when it was written, by whom, about what, and what is wrong).
import type { BackendContext } from '../backend/context';
import type { Output } from './common';
import { UsageError, call } from './common';

export async function runAudit(
  ctx: BackendContext,
  command: string,
  args: string[],
): Promise<Output> {
  if (command !== 'verify') throw new UsageError(`Lệnh không hợp lệ: audit ${command}`);
  if (args.length > 0) throw new UsageError(`Thừa tham số: ${args.join(' ')}`);
  const result = await call(ctx, 'audit.verify', {});
  if (result.ok) return { json: result, text: result.summary };
  return { json: result, text: '', err: result.summary, code: 1 };
}
