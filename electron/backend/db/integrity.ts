// Is the data file whole? SQLite's quick_check (every b-tree page, record and index entry
// counted, ~0.3 s on a 270 MB national file with a warm cache) and a header check that costs
// nothing (a file cut short). A damaged file gets one message that points to the newest backup
// that passes the same check.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { withoutMemoryMap } from './bulk';
import type { Db } from './open';
import { parseBackupName } from '../backup/names';
import { errorCode } from './storage-errors';

/** SQLite's own report, at most this many lines kept for the log. */
const REPORT_LINES = 20;

/**
 * What quick_check found wrong; empty when the file is whole. Read with the memory map off: the
 * check reads every page, and through the map each one stays in the process's resident memory
 * (a ratings import's peak went from about 393 to 636 MB when its first write ran the check).
 */
export function quickCheck(db: Db): string[] {
  try {
    const lines = withoutMemoryMap(
      db,
      () =>
        db.pragma(`quick_check(${REPORT_LINES})`, { simple: false }) as {
          quick_check: string;
        }[],
    );
    const report = lines.map((row) => row.quick_check);
    return report.length === 1 && report[0] === 'ok' ? [] : report;
  } catch (error) {
    // A page so broken that the check itself stops (SQLITE_CORRUPT) is a damaged file too.
    if (errorCode(error).startsWith('SQLITE_CORRUPT') || errorCode(error) === 'SQLITE_NOTADB') {
      return [error instanceof Error ? error.message : String(error)];
    }
    throw error;
  }
}

/**
 * A file shorter than its header says, or not a whole number of pages: cut short by a copy that
 * did not finish or a full disk. Read from the header alone, so it runs at every open.
 */
export function truncation(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // unreadable: SQLite says why when it opens the file
  }
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null; // new or foreign: checked elsewhere
    const size = statSync(path).size;
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null;
    if (size % pageSize !== 0)
      return `file size ${size} is not a multiple of page size ${pageSize}`;
    // The header's page count is valid only when written by the same change (SQLite ≥ 3.7.0).
    const pages = header.readUInt32BE(28);
    const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
    if (valid && pages > 0 && size < pages * pageSize) {
      return `file has ${size / pageSize} pages, its header ${pages}`;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** `opened`: the file stays open for reading; false when it cannot even be opened to read. */
export function damagedFile(
  path: string,
  backup: string | null,
  backupDir: string,
  opened = true,
): AppError {
  const where = backup
    ? `Bản sao lưu tốt mới nhất là "${basename(backup)}" trong thư mục "${backupDir}": hãy khôi phục ` +
      'từ bản đó (Cài đặt → Sao lưu và khôi phục, hoặc lệnh tccsd restore).'
    : existsSync(backupDir)
      ? `Thư mục sao lưu "${backupDir}" không có bản sao lưu nào dùng được: hãy tìm bản sao của tệp ` +
        'dữ liệu (USB, thư điện tử, máy khác) hoặc nhờ cán bộ kỹ thuật cứu dữ liệu.'
      : `Không có thư mục sao lưu "${backupDir}" bên cạnh tệp: hãy tìm bản sao của tệp dữ liệu ` +
        '(USB, thư điện tử, máy khác) hoặc nhờ cán bộ kỹ thuật cứu dữ liệu.';
  return new AppError(
    'DATA_DAMAGED',
    `Tệp dữ liệu "${basename(path)}" bị hỏng, nên ứng dụng ` +
      (opened ? 'chỉ mở để xem và không ghi gì vào tệp' : 'không mở và không ghi gì vào tệp') +
      ` (ghi vào tệp hỏng có thể làm mất thêm dữ liệu). ${where} Đừng xóa tệp hỏng trước khi ` +
      'khôi phục xong.',
  );
}

/** The backups folder beside the data file (where the app writes its backups). */
export function backupDirOf(path: string): string {
  return join(dirname(path), 'backups');
}

/** How many of the newest backups are checked before giving up (each check reads the file). */
const BACKUPS_TRIED = 3;

/**
 * The newest backup of `path` that opens as a SQLite file and passes quick_check; null when
 * there is none. The app's own backups (backup/names.ts: what Cài đặt → Sao lưu và khôi phục
 * lists and restores by name) come first, newest by the time in their name; then any other
 * copy in the folder (a backup taken before a migration), newest first.
 */
export function newestGoodBackup(path: string, dir = backupDirOf(path)): string | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const own = names
    .flatMap((name) => parseBackupName(path, name) ?? [])
    .sort((a, b) => b.stamp.localeCompare(a.stamp))
    .map((backup) => join(dir, backup.name));
  const others = names
    .filter((name) => !parseBackupName(path, name) && /\.(sqlite3?|db|bak)$/i.test(name))
    .map((name) => join(dir, name))
    .filter(isFile)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return [...own, ...others].slice(0, BACKUPS_TRIED).find(passesCheck) ?? null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function passesCheck(file: string): boolean {
  if (truncation(file)) return false;
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return quickCheck(db).length === 0;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
