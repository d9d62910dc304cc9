// Opening the one SQLite file: pragmas, refusal of foreign or newer files, backup, migrations.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { backupBeforeMigration as backupBeforeMigrationInto } from '../backup/migration';
import type { DataAccess } from './access';
import { refuseWrites, writableAccess } from './access';
import { backupDirOf, damagedFile, newestGoodBackup, quickCheck, truncation } from './integrity';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { dataReadOnly, errorCode, fileNotWritable, storageError } from './storage-errors';

export type Db = Database.Database;

/**
 * `PRAGMA application_id` of the app's data files ("TCSD" in ASCII): SQLite files of other
 * programs carry another id (or none, and tables of their own) and are refused untouched.
 */
export const APPLICATION_ID = 0x54435344;

/** Long enough for another program's write (an import, a CLI command) to finish. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Run migrations (default true). Tests pass a target version to build older files. */
  migrateTo?: number;
  /** Folder for the pre-migration backup; default `<db folder>/backups`. */
  backupDir?: string;
  /** How long a write waits for another program's write lock (default 5 s). */
  busyTimeoutMs?: number;
}

export interface OpenedDatabase {
  db: Db;
  /** Path of the backup taken before migrating, if one was taken. */
  backupPath: string | null;
  /** Whether writes may reach the file (a damaged or read-only file is opened to read only). */
  access: DataAccess;
}

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const target = options.migrateTo ?? LATEST_SCHEMA_VERSION;
  const isNew = !existsSync(path) || statSync(path).size === 0;
  if (isNew) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  try {
    // The timeout applies from the first read: a file another program holds is said as locked.
    db = new Database(path, { timeout: Math.max(0, Math.trunc(busyTimeoutMs)) });
  } catch (error) {
    throw openFailure(path, error);
  }
  try {
    const version = readUserVersion(db, path);
    assertOurs(db, path, version);
    const access = writableAccess();
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'NEWER_DATABASE',
        `Tệp dữ liệu "${basename(path)}" được tạo bởi phiên bản mới hơn của ứng dụng ` +
          `(cấu trúc dữ liệu số ${version}, phiên bản này chỉ đọc được đến số ${LATEST_SCHEMA_VERSION}). ` +
          'Hãy cài phiên bản mới nhất của ứng dụng; tệp dữ liệu không bị thay đổi.',
      );
    }
    const refusal = isNew ? null : readOnlyReason(db, path, version < target);
    try {
      applyPragmas(db, busyTimeoutMs, refusal === null);
    } catch (error) {
      throw storageError(path, error, () => damagedAt(path, false)) ?? error;
    }
    if (refusal) {
      // A migration writes: a file that cannot take writes cannot be brought up to date.
      if (version < target) {
        throw refusal.code === 'DATA_DAMAGED' ? damagedAt(path, false) : readOnlyOlder(path);
      }
      refuseWrites(db, access, refusal);
      return { db, backupPath: null, access };
    }
    let backupPath: string | null = null;
    if (version > 0 && version < target) {
      access.checked = true; // readOnlyReason ran quick_check before the migration
      backupPath = backupBeforeMigration(db, path, options.backupDir);
    }
    try {
      migrate(db, version, target);
    } catch (error) {
      throw storageError(path, error, () => damagedAt(path, false)) ?? error;
    }
    return { db, backupPath, access };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Why writes must not reach an existing file, found at open: cut short (read from the header,
 * free), damaged (quick_check, only before a migration: see access.ts for why not at every
 * open), or not writable by this user.
 */
function readOnlyReason(db: Db, path: string, migrating: boolean): AppError | null {
  const cut = truncation(path);
  const report = cut ? [cut] : migrating ? quickCheck(db) : [];
  if (report.length > 0) return damagedAt(path, true);
  return fileNotWritable(path) ? dataReadOnly(path) : null;
}

/**
 * A read-only file made by an older version: it must be brought up to this version's structure
 * (a write) before anything reads it, so it does not open even to read; the read-only message
 * said "mở để xem", and the user then found nothing open.
 */
function readOnlyOlder(path: string): AppError {
  return new AppError(
    'DATA_READ_ONLY',
    `Tệp dữ liệu "${basename(path)}" chỉ cho phép đọc (thuộc tính "Chỉ đọc", thiếu quyền ghi, ` +
      'hoặc nằm trên ổ đĩa, USB, đĩa CD chỉ đọc) và được tạo bởi phiên bản cũ hơn của ứng dụng: ' +
      'phải ghi vào tệp để nâng cấp cấu trúc dữ liệu trước khi mở, nên chưa mở được, kể cả để ' +
      'xem. Hãy bỏ thuộc tính "Chỉ đọc" của tệp hoặc chép tệp vào một thư mục ghi được rồi mở ' +
      'lại; dữ liệu không bị thay đổi.',
  );
}

function damagedAt(path: string, opened: boolean): AppError {
  return damagedFile(path, newestGoodBackup(path), backupDirOf(path), opened);
}

/** A file SQLite would not open: its cause (lock, permission, folder, disk) before "not ours". */
function openFailure(path: string, error: unknown): AppError {
  if (errorCode(error) === 'SQLITE_NOTADB') return notADatabase(path, error);
  return storageError(path, error, () => damagedAt(path, false)) ?? notADatabase(path, error);
}

function readUserVersion(db: Db, path: string): number {
  try {
    // Reading the schema forces SQLite to parse the header: a foreign file fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw openFailure(path, error);
  }
}

/**
 * Refuses, before anything is written, a SQLite file that is not ours: another application id,
 * or no id and tables that are not the app's (files made before the id existed have our `meta`
 * table with an installation id, and get the id when next migrated or opened).
 */
function assertOurs(db: Db, path: string, version: number): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  const tables = db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
    .pluck()
    .get() as number;
  if (appId === 0 && version === 0 && tables === 0) return; // a new, empty file
  const legacy =
    appId === 0 &&
    version > 0 &&
    db
      .prepare(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta' AND sql LIKE '%value%'",
      )
      .get() !== undefined &&
    db.prepare("SELECT 1 FROM meta WHERE key = 'installation_id'").get() !== undefined;
  if (!legacy) throw notADatabase(path, `application_id ${appId}, user_version ${version}`);
}

function notADatabase(path: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const error = new AppError(
    'NOT_A_DATABASE',
    `Tệp "${basename(path)}" không phải là tệp dữ liệu của ứng dụng (hoặc đã hỏng), nên không mở được. ` +
      'Hãy chọn đúng tệp dữ liệu; tệp này không bị thay đổi.',
  );
  error.cause = detail;
  return error;
}

function applyPragmas(db: Db, busyTimeoutMs: number, writable: boolean): void {
  // Switching a file to WAL writes its header: a file opened to read keeps its journal mode.
  if (writable) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  // Reads of national-size sets touch hundreds of thousands of rows: map the file and keep a
  // larger page cache (64 MB) so year-wide queries stay well under a second on an old PC.
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
}

/** A backup named like every other (backup/migration.ts), listed and pruned with them. */
function backupBeforeMigration(db: Db, path: string, dir?: string): string {
  // No backend clock exists yet while the file opens: the PC's own time names it.
  return backupBeforeMigrationInto(db, path, dir ?? join(dirname(path), 'backups'), new Date());
}

function migrate(db: Db, from: number, to: number): void {
  assertMigrationSequence(MIGRATIONS);
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= to);
  // Nothing to do: no write lock asked for, so the file opens while another program (a long
  // import in the CLI, another window) holds one.
  if (
    pending.length === 0 &&
    (db.pragma('application_id', { simple: true }) as number) === APPLICATION_ID
  ) {
    return;
  }
  db.transaction(() => {
    for (const step of pending) {
      db.exec(step.sql);
      step.fill?.(db);
    }
    if (pending.length > 0) db.pragma(`user_version = ${to}`);
    // New files and files from before the id existed are marked as the app's own.
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
  }).immediate();
}

/** Migration versions must run 1, 2, 3 … without gaps or repeats: a mistake here corrupts files. */
export function assertMigrationSequence(migrations: readonly { version: number }[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migration ${i + 1} has version ${m.version}: versions must be 1..n in order`,
      );
    }
  });
}
