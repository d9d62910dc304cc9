// Whether a write may reach the data file. A file found damaged, or one the system will not let
// us write, is kept open for reading only: every write method is refused with the cause before
// it starts, and the connection is made query-only so no path around dispatch can write either.
//
// quick_check costs ~0.3 s on a national file, more than the whole budget of opening the app
// and showing Tổng quan, so it does not run at every open: it runs before the first write of a
// connection (and when the worker is idle after opening); a file cut short, a file that must be
// migrated and a file SQLite cannot read are checked at open.
import type { AppError } from '../../../shared/errors';
import { log } from '../log';
import { backupDirOf, damagedFile, newestGoodBackup, quickCheck } from './integrity';
import type { Db } from './open';
import { errorCode, storageError } from './storage-errors';

/** A check slower than this is logged (the national file's ~300 ms is worth knowing). */
const SLOW_CHECK_MS = 50;

export interface DataAccess {
  /** Why no write may reach the file; null while writes are allowed. */
  refusal: AppError | null;
  /** quick_check has run on this connection (or the file is known bad without it). */
  checked: boolean;
}

export function writableAccess(): DataAccess {
  return { refusal: null, checked: false };
}

/** Makes the connection read-only for the rest of its life, for the reason given. */
export function refuseWrites(db: Db, access: DataAccess, reason: AppError): void {
  access.refusal = reason;
  access.checked = true;
  db.pragma('query_only = 1');
}

/** The file is damaged: writes refused with the message that names the newest good backup. */
export function markDamaged(db: Db, path: string, access: DataAccess, report: string[]): void {
  if (access.refusal?.code === 'DATA_DAMAGED') return;
  log.warn(`data file ${path} is damaged: ${report.join(' | ')}`);
  refuseWrites(db, access, damagedFile(path, newestGoodBackup(path), backupDirOf(path)));
}

/** Runs quick_check once per connection; a damaged file is refused from then on. */
export function checkOnce(db: Db, path: string, access: DataAccess): void {
  if (access.checked) return;
  const started = performance.now();
  const report = quickCheck(db);
  access.checked = true;
  const ms = performance.now() - started;
  if (ms > SLOW_CHECK_MS) log.info(`quick_check of ${path}: ${ms.toFixed(0)} ms`);
  if (report.length > 0) markDamaged(db, path, access, report);
}

/** Throws the refusal when no write may reach the file; checks the file on the first write. */
export function assertWritable(db: Db, path: string, access: DataAccess): void {
  checkOnce(db, path, access);
  if (access.refusal) throw access.refusal;
}

/**
 * The user's message for a failure of the data file met during a call (a full disk, a lock, a
 * page found damaged), or null when `error` is something else. A damaged page refuses writes
 * from then on; a write stopped by the query-only guard reports the guard's reason.
 */
export function storageFailure(
  db: Db,
  path: string,
  access: DataAccess,
  error: unknown,
): AppError | null {
  if (access.refusal && errorCode(error).startsWith('SQLITE_READONLY')) return access.refusal;
  const failure = storageError(path, error, () => {
    markDamaged(db, path, access, [error instanceof Error ? error.message : String(error)]);
    return access.refusal ?? damagedFile(path, newestGoodBackup(path), backupDirOf(path));
  });
  if (failure) log.error(`data file ${path}: ${failure.code}`, error);
  return failure;
}

/**
 * After the data file was replaced whole (a restore): a damaged file's refusal no longer holds,
 * so writes are allowed again once the next write's quick_check passes. A read-only file stays
 * refused: replacing its content did not make it writable.
 */
export function afterReplace(db: Db, access: DataAccess): void {
  if (access.refusal?.code !== 'DATA_DAMAGED') return;
  db.pragma('query_only = 0');
  access.refusal = null;
  access.checked = false;
}
