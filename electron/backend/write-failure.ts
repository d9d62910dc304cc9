// A file the backend could not write, said plainly in Vietnamese (WRITE_FAILED) with the cause
// the system gave: no permission, a read-only or missing folder, a full disk.
import { basename, dirname } from 'node:path';
import { AppError } from '../../shared/errors';

export function writeFailed(path: string, why: string): AppError {
  return new AppError(
    'WRITE_FAILED',
    `Không ghi được tệp "${basename(path)}": ${why}. Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.`,
  );
}

/** Why a write failed, from the system's error code. */
export function systemReason(error: unknown, path: string): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `không có quyền ghi vào thư mục "${dirname(path)}"`;
    case 'EROFS':
      return `thư mục "${dirname(path)}" chỉ cho phép đọc`;
    case 'ENOENT':
      return `thư mục "${dirname(path)}" không tồn tại`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `một tệp đang chiếm chỗ của thư mục "${dirname(path)}"`;
    case 'ENOSPC':
      return 'ổ đĩa đã đầy';
    default:
      return code ? `lỗi hệ thống ${code}` : 'lỗi không rõ';
  }
}

/** A writer's own refusal (an AppError) passes as it is; a system error is translated. */
export function asWriteFailure(error: unknown, path: string): AppError {
  return error instanceof AppError ? error : writeFailed(path, systemReason(error, path));
}
