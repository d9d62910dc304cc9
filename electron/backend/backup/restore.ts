// Restoring a backup: check the chosen file, back up the data as it is now, then copy the chosen
// file over the data with SQLite's backup API in the other direction (as the sqlite3 shell's
// `.restore`): the copy is one write transaction on the data file, so a failure leaves the data
// as it was, and the open connection (this window's, another window's) reads the restored data
// at its next statement — SQLite reopens its view of the file itself. A backup from an older
// app is migrated first on a temporary copy, never in the backups folder.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CHANGED_ENTITIES } from '../../../shared/changed-entities';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { BackupCheck, RestoreResult } from '../../../shared/methods/backups';
import type { BackendContext } from '../context';
import { afterReplace } from '../db/access';
import { errorCode, fileNotWritable } from '../db/storage-errors';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { isBusyError } from '../db/write';
import { log } from '../log';
import { getMeta } from '../meta';
import { checkRestorable } from './check';
import { createBackup } from './create';
import { factsOf, fromOtherInstallation } from './facts';

/** All remaining pages in one step: the data file's write lock is not held across turns. */
const ALL_PAGES = 0x7fffffff;

/** Another program held the data file's write lock for longer than the busy timeout. */
class StillBusy extends Error {}

function notRestored(why: string, code: ErrorCode = 'WRITE_FAILED'): AppError {
  return new AppError(
    code,
    `Không khôi phục được: ${why}. Dữ liệu đang dùng không bị thay đổi; bản sao lưu vừa tạo ` +
      'trước khi khôi phục vẫn còn trong thư mục backups.',
  );
}

/** Why a read-only data file takes no restore, and what the user does about it. */
function readOnlyCause(path: string): string {
  return (
    `tệp dữ liệu "${basename(path)}" chỉ cho phép đọc (thuộc tính "Chỉ đọc", thiếu quyền ghi, ` +
    'hoặc nằm trên ổ đĩa, USB, đĩa CD chỉ đọc). Hãy bỏ thuộc tính "Chỉ đọc" của tệp (hoặc chép ' +
    'tệp vào một thư mục ghi được và mở tệp đó) rồi khôi phục lại'
  );
}

/**
 * A data file the system will not let us write is refused before anything is backed up: the
 * copy would fail anyway, and a generic "could not write" made the user guess the cause.
 */
function refuseReadOnly(ctx: BackendContext): void {
  if (ctx.access.refusal?.code !== 'DATA_READ_ONLY' && !fileNotWritable(ctx.dbPath)) return;
  throw new AppError(
    'DATA_READ_ONLY',
    `Không khôi phục được: ${readOnlyCause(ctx.dbPath)}. Chưa sao lưu hay thay đổi gì; dữ liệu ` +
      'đang dùng vẫn như cũ.',
  );
}

/** The copy into the data file failed: said by its cause, with what to do. */
function copyFailure(path: string, error: unknown): AppError {
  const code = errorCode(error);
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return notRestored(
      `ổ đĩa chứa tệp dữ liệu "${basename(path)}" đã đầy. Hãy giải phóng dung lượng (xóa tệp ` +
        'không cần, dọn thùng rác) rồi khôi phục lại',
      'DISK_FULL',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) return notRestored(readOnlyCause(path), 'DATA_READ_ONLY');
  return notRestored('không ghi được vào tệp dữ liệu (chi tiết đã được ghi vào nhật ký)');
}

const TEMP_PREFIX = 'tccsd-restore-';

/**
 * A temporary copy older than this was left by a restore that was killed (power cut, Task
 * Manager) before its cleanup ran: a restore takes minutes at most, and a national file's copy
 * is 100-200 MB of the system's temporary folder kept for nothing.
 */
const STALE_COPY_MS = 6 * 60 * 60 * 1000;

function sweepStaleCopies(now: number): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      // File times are the system's, so the system's clock (not ctx.clock) judges their age.
      if (now - statSync(dir).mtimeMs > STALE_COPY_MS)
        rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      log.warn(`restore: stale copy ${dir} not removed: ${String(error)}`);
    }
  }
}

/** A migrated temporary copy of an older backup, or the backup itself when it is current. */
async function currentSchemaCopy(
  path: string,
  schemaVersion: number,
): Promise<{ path: string; cleanup: () => void }> {
  if (schemaVersion === LATEST_SCHEMA_VERSION) return { path, cleanup: () => undefined };
  sweepStaleCopies(Date.now());
  const dir = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, 'restore.sqlite3');
    const source = new Database(path, { readonly: true, fileMustExist: true });
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    openDatabase(copy, { backupDir: join(dir, 'migration') }).db.close();
    return { path: copy, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

const RETRY_MS = 50;

/** Whether two paths name one file (a link, another spelling of the same folder). */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Copies the database at `from` over the one at `to` with the backup API, in one write
 * transaction of `to`. better-sqlite3 reads a first step that the lock of `to` refused
 * (SQLITE_BUSY, no page counted yet) as a finished copy of nothing: such a try is made again
 * until `waitMs` (the connection's busy timeout) has passed, then refused as busy.
 */
async function copyInto(from: string, to: string, waitMs: number): Promise<void> {
  const started = performance.now();
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    for (;;) {
      const { totalPages } = await db.backup(to, {
        progress: () => {
          if (performance.now() - started > waitMs) throw new StillBusy();
          return ALL_PAGES;
        },
      });
      if (totalPages > 0) return;
      if (performance.now() - started > waitMs) throw new StillBusy();
      await new Promise((done) => setTimeout(done, RETRY_MS));
    }
  } finally {
    db.close();
  }
}

/**
 * Refused unless the user was told: a backup of another installation brings that installation's
 * id with it. Right on a new PC that takes over from the old one; wrong when both keep working,
 * as two offices would then send exchange files under one id (docs/exchange-format.md).
 */
function otherInstallation(name: string): AppError {
  return new AppError(
    'OTHER_INSTALLATION',
    `Bản sao lưu "${name}" được tạo ở một bản cài đặt khác (một máy khác, hoặc máy này trước ` +
      'khi khôi phục dữ liệu của máy khác). Khôi phục nó thì máy này nhận mã bản cài đặt của ' +
      'máy đó: chỉ đúng khi chuyển sang máy mới và máy cũ thôi dùng. Nếu cả hai máy còn làm việc, ' +
      'hai nơi sẽ gửi dữ liệu trao đổi dưới cùng một mã. Chưa khôi phục; dữ liệu đang dùng ' +
      'không bị thay đổi.',
  );
}

function refuseDataFile(ctx: BackendContext, path: string, name: string): void {
  if (sameFile(path, ctx.dbPath)) {
    throw new AppError(
      'INVALID_INPUT',
      `Tệp "${name}" chính là tệp dữ liệu đang dùng, không phải một bản sao lưu. Hãy chọn một ` +
        'bản sao lưu (trong thư mục backups). Dữ liệu đang dùng không bị thay đổi.',
    );
  }
}

/** Checks the backup at `path` as the restore does and compares its installation with ours. */
export function checkBackup(ctx: BackendContext, path: string, name: string): BackupCheck {
  refuseDataFile(ctx, path, name);
  const { units, ratings, schemaVersion, installationId } = checkRestorable(path, name);
  return {
    name,
    // A backup that passed the check is counted (the null is a damaged copy's).
    units: units ?? 0,
    ratings: ratings ?? 0,
    schemaVersion,
    otherInstallation:
      fromOtherInstallation(installationId, getMeta(ctx.db, 'installation_id')) === true,
  };
}

/**
 * Replaces the data of `ctx` with the backup at `path` (shown to the user as `name`), after
 * checking it and backing up the current data. A backup of another installation is restored
 * only when `acceptOtherInstallation` says the user was told.
 */
export async function restoreFrom(
  ctx: BackendContext,
  path: string,
  name: string,
  acceptOtherInstallation = false,
): Promise<RestoreResult> {
  refuseDataFile(ctx, path, name);
  const checked = checkRestorable(path, name);
  const other = fromOtherInstallation(checked.installationId, getMeta(ctx.db, 'installation_id'));
  if (other === true && !acceptOtherInstallation) throw otherInstallation(name);
  refuseReadOnly(ctx);
  const before = await createBackup(ctx, 'restore');
  const source = await currentSchemaCopy(path, checked.schemaVersion);
  try {
    await copyInto(
      source.path,
      ctx.dbPath,
      Number(ctx.db.pragma('busy_timeout', { simple: true })),
    );
  } catch (error) {
    if (error instanceof StillBusy || isBusyError(error)) {
      throw notRestored('tệp dữ liệu đang được một chương trình khác ghi; hãy chờ rồi thử lại');
    }
    log.error('restore failed', error);
    throw copyFailure(ctx.dbPath, error);
  } finally {
    source.cleanup();
  }
  // A damaged file replaced whole takes writes again (after the next write's quick_check).
  afterReplace(ctx.db, ctx.access);
  // Fold the restored pages into the data file now, so the file alone is whole on disk.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.emit('data.changed', { entities: [...CHANGED_ENTITIES], ids: [] });
  const facts = factsOf(ctx.db);
  return { restored: name, before, units: facts.units, ratings: facts.ratings };
}
