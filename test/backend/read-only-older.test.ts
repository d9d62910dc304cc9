// A read-only data file made by an older version (issue 11 item 3): it must be migrated (a
// write) before it can be read, so it does not open at all. The read-only message said "nên ứng
// dụng mở để xem", and the user then found nothing open; it now says why it cannot open, even
// to read, and what to do. The file is unchanged.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { cleanupTemp, makeTempDir } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { fileHash } from '../helpers/damaged-files';
import { canDenyWrites, denyWrites } from '../helpers/permissions';

afterEach(() => cleanupTemp());

const CAN_DENY = canDenyWrites('read-only-older');

const WORDS =
  /^Tệp dữ liệu "older\.sqlite3" chỉ cho phép đọc .* được tạo bởi phiên bản cũ hơn của ứng dụng: phải ghi vào tệp để nâng cấp cấu trúc dữ liệu trước khi mở, nên chưa mở được, kể cả để xem\. Hãy bỏ thuộc tính "Chỉ đọc" của tệp/;

describe.skipIf(!CAN_DENY)('a read-only data file of an older version', () => {
  it('is not said to open for reading: the cause and what to do, file unchanged', async () => {
    const path = join(makeTempDir('tccsd-older-'), 'older.sqlite3');
    openDatabase(path, { migrateTo: LATEST_SCHEMA_VERSION - 1 }).db.close();
    const hash = fileHash(path);
    const undo = denyWrites(path);
    try {
      let caught: unknown;
      try {
        openDatabase(path);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      const error = caught as AppError;
      expect(error.code).toBe('DATA_READ_ONLY');
      expect(error.message).toMatch(WORDS);
      expect(error.message).not.toMatch(/mở để xem/);
      const result = await cli(path, 'units', 'list', '--year', '2017');
      expect(result.code).toBe(1);
      expect(result.err.replace(/^Lỗi: /, '')).toMatch(WORDS);
    } finally {
      undo?.();
    }
    expect(fileHash(path)).toBe(hash);
  });
});
