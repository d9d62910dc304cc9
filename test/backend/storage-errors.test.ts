// Issue 11 item 3: each cause its own Vietnamese message with what to do — a read-only file, a
// folder without write permission, a full disk, a file locked by another program — and never
// "không phải là tệp dữ liệu (hoặc đã hỏng)" for any of them. The data file is unchanged.
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { storageError } from '../../electron/backend/db/storage-errors';
import { openBackend } from '../../electron/backend/index';
import { openDatabase } from '../../electron/backend/db/open';
import {
  VIETNAMESE_LETTER,
  addUnit,
  cleanupTemp,
  errorOf,
  makeBackend,
  makeTempDir,
  snapshotDb,
  tempDbPath,
} from '../helpers/backend';
import { cli } from '../helpers/cli';
import { fileHash } from '../helpers/damaged-files';
import { canDenyWrites, denyWrites } from '../helpers/permissions';

afterEach(() => cleanupTemp());

const NOT_OURS = /không phải là tệp dữ liệu/;

function expectCause(error: { code: string; message: string }, code: string, words: RegExp) {
  expect(error.code).toBe(code);
  expect(error.message).toMatch(words);
  expect(error.message).toMatch(VIETNAMESE_LETTER);
  expect(error.message).not.toMatch(NOT_OURS);
  expect(error.message).not.toMatch(/SQLITE|Error:/);
}

const CAN_DENY = canDenyWrites('storage-errors');

/** A set-up data file with one unit, closed (its WAL folded in). */
function dataFile(): { path: string; data: string } {
  const backend = makeBackend();
  addUnit(backend, 'Chi bộ thôn Nà Làng', 2015);
  const data = backend.snapshot();
  backend.close();
  return { path: backend.dbPath, data };
}

function dataOf(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return snapshotDb(db);
  } finally {
    db.close();
  }
}

describe('a file locked by another program', () => {
  it('is said as locked at open, not as a foreign or damaged file', () => {
    const { path, data } = dataFile();
    const other = new Database(path);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec("UPDATE meta SET value = value WHERE key = 'operator_name'");
    try {
      let caught: unknown;
      try {
        openBackend({ dbPath: path, origin: 'app', busyTimeoutMs: 50 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expectCause(caught as AppError, 'DATA_LOCKED', /chương trình khác giữ/);
    } finally {
      other.close();
    }
    expect(dataOf(path)).toBe(data);
  });
});

describe.skipIf(!CAN_DENY)('permissions', () => {
  it('a read-only file opens to read; every write is refused with the cause, file unchanged', () => {
    const { path, data } = dataFile();
    const before = fileHash(path);
    const undo = denyWrites(path, 0o444);
    try {
      const backend = makeBackend({ dbPath: path, operator: null });
      expect(backend.attempt('units.list', { year: 2016 }).ok).toBe(true);
      const error = errorOf(
        backend.attempt('units.create', { name: 'Chi bộ mới', fromYear: 2018, kind: 'base_cell' }),
      );
      expectCause(error, 'DATA_READ_ONLY', /chỉ cho phép đọc/);
      expect(error.message).toMatch(/Chỉ đọc/);
      backend.close();
    } finally {
      undo?.();
    }
    expect(fileHash(path)).toBe(before);
    expect(dataOf(path)).toBe(data);
  });

  it('a folder without write permission is named, with what to do', () => {
    const { path, data } = dataFile();
    const undo = denyWrites(dirname(path), 0o555);
    try {
      let caught: unknown;
      try {
        openDatabase(path);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expectCause(caught as AppError, 'FOLDER_READ_ONLY', /quyền ghi vào thư mục/);
    } finally {
      undo?.();
    }
    expect(dataOf(path)).toBe(data);
  });

  it('a new data file in a folder without write permission: the folder is named', () => {
    const dir = makeTempDir('tccsd-ro-');
    const undo = denyWrites(dir, 0o555);
    try {
      let caught: unknown;
      try {
        openDatabase(join(dir, 'tccsd.sqlite3'));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expectCause(caught as AppError, 'FOLDER_READ_ONLY', /quyền ghi vào thư mục/);
    } finally {
      undo?.();
    }
  });

  it('the command line says the same in Vietnamese, exit code 1, nothing on a stack', async () => {
    const { path, data } = dataFile();
    const undo = denyWrites(path, 0o444);
    try {
      const result = await cli(path, 'units', 'add', '--name', 'Chi bộ Bản Chắt');
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/chỉ cho phép đọc/);
      expect(result.err).not.toMatch(NOT_OURS);
      expect(result.err).not.toMatch(/SQLITE|at .*\.ts/);
    } finally {
      undo?.();
    }
    expect(dataOf(path)).toBe(data);
  });
});

describe('a full disk', () => {
  it('a write that does not fit is refused as a full disk, data unchanged', () => {
    const backend = makeBackend();
    addUnit(backend, 'Chi bộ thôn Khòn Quắc', 2015);
    // SQLite's own limit on the file's pages answers SQLITE_FULL exactly as a full disk does.
    const pages = backend.ctx.db.pragma('page_count', { simple: true }) as number;
    backend.ctx.db.pragma(`max_page_count = ${pages}`);
    // Units are created until one needs a page the file may not grow: that write is refused
    // whole (nothing of it kept), the ones before it stay.
    let before = backend.snapshot();
    let failed: ReturnType<typeof backend.attempt> | null = null;
    for (let i = 0; i < 500 && !failed; i++) {
      before = backend.snapshot();
      const result = backend.attempt('units.create', {
        name: `Chi bộ thôn số ${i} xã Thụy Hùng`,
        fromYear: 2018,
        kind: 'base_cell',
      });
      if (!result.ok) failed = result;
    }
    expect(failed).not.toBeNull();
    expectCause(errorOf(failed ?? { ok: true, value: null }), 'DISK_FULL', /đã đầy/);
    expect(backend.snapshot()).toBe(before);
  });
});

describe('a missing backup folder', () => {
  it('restoring a listed backup says the folder is gone and where else to look', async () => {
    const backend = makeBackend();
    addUnit(backend, 'Chi bộ thôn Bó Củng', 2015);
    const before = backend.snapshot();
    const result = await backend.attemptAsync('backups.restore', {
      name: 'tccsd.2026-11-28_100000-000.daily.sqlite3',
    });
    const error = errorOf(result);
    expectCause(error, 'BACKUP_FOLDER_MISSING', /Không có thư mục sao lưu/);
    expect(error.message).toContain(join(dirname(backend.dbPath), 'backups'));
    expect(error.message).toMatch(/Khôi phục từ tệp khác…/);
    expect(backend.snapshot()).toBe(before);
  });
});

describe('SQLite and system error codes', () => {
  const path = tempDbPath();
  const damaged = () => new AppError('DATA_DAMAGED', 'hỏng');
  const cases: [string, string][] = [
    ['SQLITE_BUSY', 'DATA_LOCKED'],
    ['SQLITE_BUSY_SNAPSHOT', 'DATA_LOCKED'],
    ['EBUSY', 'DATA_LOCKED'],
    ['SQLITE_READONLY_CANTINIT', 'FOLDER_READ_ONLY'],
    ['SQLITE_READONLY_DIRECTORY', 'FOLDER_READ_ONLY'],
    ['SQLITE_READONLY', 'DATA_READ_ONLY'],
    ['SQLITE_FULL', 'DISK_FULL'],
    ['ENOSPC', 'DISK_FULL'],
    ['SQLITE_IOERR_WRITE', 'IO_ERROR'],
    ['SQLITE_IOERR_FSYNC', 'IO_ERROR'],
    ['SQLITE_CORRUPT', 'DATA_DAMAGED'],
    ['SQLITE_CORRUPT_INDEX', 'DATA_DAMAGED'],
    ['SQLITE_CANTOPEN', 'FILE_NOT_FOUND'],
  ];
  it.each(cases)('%s → %s', (sqlite, code) => {
    const error = storageError(path, Object.assign(new Error('x'), { code: sqlite }), damaged);
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(VIETNAMESE_LETTER);
    expect(error?.message).not.toMatch(NOT_OURS);
  });

  it('a constraint or a bug is not a storage failure', () => {
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_IOERR_NOMEM', '']) {
      expect(storageError(path, Object.assign(new Error('x'), { code }), damaged)).toBeNull();
    }
  });
});
