// Before a file replaces the data: is it whole (SQLite's quick_check), is it a data file of this
// app (its application id and our tables), and can this version read it (schema not newer)?
// Each refusal says why in Vietnamese; the chosen file and the data are left as they are.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { APPLICATION_ID } from '../db/open';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { DataFacts } from './facts';
import { factsOf, readOnly } from './facts';

const UNCHANGED = 'Dữ liệu đang dùng không bị thay đổi.';

function damaged(name: string): AppError {
  return new AppError(
    'BAD_FILE',
    `Bản sao lưu "${name}" bị hỏng (SQLite kiểm tra thấy lỗi), nên không khôi phục được. ` +
      `Hãy chọn một bản sao lưu khác. ${UNCHANGED}`,
  );
}

function foreign(name: string): AppError {
  return new AppError(
    'NOT_A_DATABASE',
    `Tệp "${name}" không phải là bản sao lưu tệp dữ liệu của ứng dụng này, nên không khôi phục được. ` +
      `Hãy chọn đúng tệp sao lưu (trong thư mục backups). ${UNCHANGED}`,
  );
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isOurs(db: Database.Database): boolean {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const hasMeta =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get() !==
    undefined;
  if (!hasMeta) return false;
  const installation = db.prepare("SELECT 1 FROM meta WHERE key = 'installation_id'").get();
  // Files made before the application id existed have our meta table and an installation id.
  return (appId === APPLICATION_ID || appId === 0) && installation !== undefined;
}

/** Checks `path` (shown to the user as `name`) and returns what it holds, or throws why not. */
export function checkRestorable(path: string, name: string): DataFacts {
  try {
    return readOnly(path, (db) => {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      if (!isOurs(db)) throw foreign(name);
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_SCHEMA_VERSION) {
        throw new AppError(
          'NEWER_DATABASE',
          `Bản sao lưu "${name}" được tạo bởi phiên bản mới hơn của ứng dụng (cấu trúc dữ liệu số ` +
            `${version}, phiên bản này chỉ đọc được đến số ${LATEST_SCHEMA_VERSION}). Hãy cài ` +
            `phiên bản mới nhất của ứng dụng rồi khôi phục. ${UNCHANGED}`,
        );
      }
      const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
      if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') throw damaged(name);
      return factsOf(db);
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB') throw foreign(name);
    if (code.startsWith('SQLITE_CORRUPT')) throw damaged(name);
    if (code.startsWith('SQLITE_CANTOPEN') || (error as { code?: string }).code === 'ENOENT') {
      throw new AppError(
        'FILE_NOT_FOUND',
        `Không mở được tệp "${name}" (không còn ở chỗ cũ hoặc không có quyền đọc). ${UNCHANGED}`,
      );
    }
    // Any other failure to read it is a damaged file as far as a restore is concerned.
    throw damaged(name);
  }
}
