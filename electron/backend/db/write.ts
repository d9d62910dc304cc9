// Every write of one user action runs here: one transaction that takes the write lock up front
// (BEGIN IMMEDIATE), so that SQLite's busy timeout applies while another program (the CLI, a
// second window, an import) is writing. A deferred transaction would fail at once instead.
import { AppError } from '../../../shared/errors';
import type { Db } from './open';

export const BUSY_MESSAGE =
  'Tệp dữ liệu đang được một chương trình khác ghi (một cửa sổ khác của ứng dụng hoặc lệnh tccsd). ' +
  'Hãy chờ thao tác đó xong rồi thử lại; dữ liệu không bị thay đổi.';

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** Runs `work` in one immediate transaction; a lock still held after the timeout → DATA_BUSY. */
export function writeTransaction<T>(db: Db, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    if (isBusyError(error)) throw new AppError('DATA_BUSY', BUSY_MESSAGE);
    throw error;
  }
}
