// What went wrong with the data file, said by its cause: SQLite's result codes and the system's
// errno mapped to one error code each, with a Vietnamese message that says what to do. A user
// told that a locked or read-only file "is not a data file or is damaged" may delete a good file,
// so each cause keeps its own words.
import { accessSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AppError } from '../../../shared/errors';

/** The `code` better-sqlite3 and node:fs put on their errors ('' when there is none). */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLite's primary result code: SQLITE_IOERR_WRITE → SQLITE_IOERR. */
function primary(code: string): string {
  const match = /^SQLITE_[A-Z]+/.exec(code);
  return match ? match[0] : code;
}

export function dataLocked(path: string): AppError {
  return new AppError(
    'DATA_LOCKED',
    `Tệp dữ liệu "${basename(path)}" đang bị một chương trình khác giữ (một cửa sổ khác của ứng dụng, ` +
      'lệnh tccsd, phần mềm diệt virus, phần mềm đồng bộ hoặc sao chép tệp). Hãy đóng chương trình đó ' +
      'hoặc chờ nó xong rồi thử lại; tệp không hỏng và dữ liệu không bị thay đổi.',
  );
}

export function dataReadOnly(path: string): AppError {
  return new AppError(
    'DATA_READ_ONLY',
    `Tệp dữ liệu "${basename(path)}" chỉ cho phép đọc (thuộc tính "Chỉ đọc", thiếu quyền ghi, hoặc ` +
      'nằm trên ổ đĩa, USB, đĩa CD chỉ đọc), nên ứng dụng mở để xem, không ghi được. Hãy bỏ thuộc tính ' +
      '"Chỉ đọc" của tệp hoặc chép tệp vào một thư mục ghi được rồi mở lại; dữ liệu không bị thay đổi.',
  );
}

export function folderReadOnly(path: string): AppError {
  return new AppError(
    'FOLDER_READ_ONLY',
    `Không có quyền ghi vào thư mục "${dirname(path)}" chứa tệp dữ liệu "${basename(path)}": ứng dụng ` +
      'cần tạo tệp nhật ký ghi (-wal, -shm) bên cạnh tệp dữ liệu. Hãy cấp quyền ghi cho thư mục đó ' +
      'hoặc chép tệp dữ liệu vào một thư mục ghi được; tệp không hỏng và dữ liệu không bị thay đổi.',
  );
}

export function diskFull(path: string): AppError {
  return new AppError(
    'DISK_FULL',
    `Ổ đĩa chứa tệp dữ liệu "${basename(path)}" đã đầy, nên thao tác không ghi được. Hãy giải phóng ` +
      'dung lượng (xóa tệp không cần, dọn thùng rác) rồi thử lại; thao tác vừa rồi không được ghi, ' +
      'dữ liệu trước đó vẫn còn nguyên.',
  );
}

export function ioError(path: string): AppError {
  return new AppError(
    'IO_ERROR',
    `Ổ đĩa báo lỗi khi đọc hoặc ghi tệp dữ liệu "${basename(path)}" (ổ đĩa lỗi, USB hoặc ổ mạng bị ` +
      'rút ra). Hãy kiểm tra ổ đĩa, cắm lại USB hoặc kết nối lại ổ mạng rồi mở lại ứng dụng; thao tác ' +
      'vừa rồi không được ghi.',
  );
}

/** The file refuses even reading: said as such, never as read-only (which "opens to view"). */
export function dataUnreadable(path: string): AppError {
  return new AppError(
    'FILE_NOT_FOUND',
    `Không có quyền đọc tệp dữ liệu "${basename(path)}" (tệp thuộc tài khoản khác trên máy, hoặc ` +
      'bị chặn quyền truy cập), nên không mở được, kể cả để xem. Hãy nhờ người quản trị máy cấp ' +
      'quyền đọc và ghi tệp cho tài khoản đang dùng, hoặc đăng nhập bằng tài khoản đã tạo tệp; ' +
      'tệp không hỏng và dữ liệu không bị thay đổi.',
  );
}

/**
 * The -wal and -shm beside the file were left by another account's read (SQLite gives them the
 * data file's permissions of that moment, read-only): the file itself takes writes again, but
 * SQLite cannot. Deleting them could lose committed changes held in the -wal, so the user is
 * told to have write permission given, never to delete them.
 */
export function sidecarsReadOnly(path: string): AppError {
  const name = basename(path);
  return new AppError(
    'DATA_READ_ONLY',
    `Tệp dữ liệu "${name}" ghi được, nhưng hai tệp phụ "${name}-wal" và "${name}-shm" bên cạnh ` +
      'nó chỉ cho phép đọc (để lại từ một lần mở tệp bằng tài khoản khác trên máy, hoặc khi tệp ' +
      'còn thuộc tính "Chỉ đọc"), nên không ghi được. Hãy đóng mọi cửa sổ ứng dụng và lệnh tccsd ' +
      'đang mở tệp này, rồi nhờ người quản trị máy cấp quyền ghi hai tệp phụ đó cho tài khoản ' +
      'đang dùng (đừng xóa chúng: tệp -wal có thể còn giữ thay đổi chưa chép vào tệp dữ liệu); ' +
      'dữ liệu không bị thay đổi.',
  );
}

/** Whether an existing -wal or -shm beside the data file refuses writes. */
function sidecarsNotWritable(path: string): boolean {
  return [`${path}-wal`, `${path}-shm`].some((side) => existsSync(side) && !writable(side));
}

/** A folder named where the data file was expected (a --db without the file's name). */
export function folderGiven(path: string): AppError {
  return new AppError(
    'FILE_NOT_FOUND',
    `"${path}" là một thư mục, không phải tệp dữ liệu. Hãy ghi đường dẫn đến tệp dữ liệu trong ` +
      'thư mục đó (ví dụ tccsd.sqlite3); không có gì bị thay đổi.',
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function cannotOpen(path: string): AppError {
  return new AppError(
    'FILE_NOT_FOUND',
    `Không mở được tệp dữ liệu "${path}": tệp hoặc thư mục không tồn tại, hoặc không có quyền đọc. ` +
      'Hãy kiểm tra đường dẫn và quyền truy cập.',
  );
}

/** The folder of `path` refuses new files (the WAL and its shared-memory file). */
export function folderNotWritable(path: string): boolean {
  return !writable(dirname(path));
}

/** The file itself refuses writes (the read-only attribute, permissions, a read-only mount). */
export function fileNotWritable(path: string): boolean {
  return fileAnswer(path) === 'denied';
}

/**
 * How the file answers being opened for writing, as SQLite will: a sharing violation of another
 * program on Windows is EBUSY ('locked'); permissions, the read-only attribute or a read-only
 * disk refuse it ('denied'). Opening changes nothing in the file.
 */
function fileAnswer(path: string): 'ok' | 'missing' | 'locked' | 'denied' | 'unreadable' {
  if (!existsSync(path)) return 'missing';
  if (!readable(path)) return 'unreadable';
  try {
    closeSync(openSync(path, 'r+'));
    return 'ok';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EBUSY') return 'locked';
    return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'denied' : 'ok';
  }
}

/** Whether the file opens for reading (permissions; a lock is judged by the caller). */
function readable(path: string): boolean {
  try {
    closeSync(openSync(path, 'r'));
    return true;
  } catch (error) {
    const code = errorCode(error);
    return !(code === 'EACCES' || code === 'EPERM');
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    // A missing path is another cause (said by the caller), not a permission problem.
    return errorCode(error) === 'ENOENT';
  }
}

/**
 * The error the user sees for a failure of the data file, or null when `error` is not one
 * (a bug, a constraint: the caller handles it). `damaged` builds the damaged-file message,
 * which names the newest backup.
 */
export function storageError(
  path: string,
  error: unknown,
  damaged: () => AppError,
): AppError | null {
  const code = errorCode(error);
  switch (primary(code)) {
    // EBUSY: on Windows, another program opened the file without sharing it.
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
    case 'EBUSY':
      return dataLocked(path);
    case 'SQLITE_READONLY':
      // SQLITE_READONLY_CANTINIT / _DIRECTORY: the -shm or -wal could not be made in the folder.
      if (folderNotWritable(path) || /CANTINIT|DIRECTORY/.test(code)) return folderReadOnly(path);
      return fileAnswer(path) === 'ok' && sidecarsNotWritable(path)
        ? sidecarsReadOnly(path)
        : dataReadOnly(path);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS': {
      const answer = fileAnswer(path);
      if (answer === 'locked') return dataLocked(path);
      if (answer === 'unreadable') return dataUnreadable(path);
      if (answer === 'denied') return dataReadOnly(path);
      if (isFolder(path)) return folderGiven(path);
      if (folderNotWritable(path)) return folderReadOnly(path);
      return cannotOpen(path);
    }
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return diskFull(path);
    case 'SQLITE_IOERR':
      return code === 'SQLITE_IOERR_NOMEM' ? null : ioError(path);
    case 'SQLITE_CORRUPT':
      return damaged();
    default:
      return null;
  }
}

/** The backups folder beside the data file is gone (deleted, renamed, moved with the file). */
export function backupFolderMissing(folder: string): AppError {
  return new AppError(
    'BACKUP_FOLDER_MISSING',
    `Không có thư mục sao lưu "${folder}" bên cạnh tệp dữ liệu (đã bị xóa, đổi tên hoặc chuyển đi ` +
      'nơi khác). Hãy dùng "Khôi phục từ tệp khác…" (dòng lệnh: tccsd restore TỆP) để chọn bản sao ' +
      'lưu ở nơi khác, như USB hoặc ổ đĩa khác; dữ liệu đang dùng không bị thay đổi.',
  );
}
