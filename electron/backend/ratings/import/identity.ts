// The identity of the file a plan was made from: its size and the SHA-256 of the very bytes that
// were read and planned. The preview keeps the rows it checked (the plan) for the apply instead
// of reading the file again; the apply first makes sure the file on disk still holds those bytes,
// so a file saved again in between (in Excel, say) is never imported as the preview of its older
// content. A file only touched (its time of change moved, the same bytes) is still the one
// previewed. The same SHA-256 goes on every audit row the apply writes (issue 11 item 4).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createHash, hash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';

export interface FileIdentity {
  size: number;
  /** SHA-256 (hex) of the bytes the plan was made from. */
  sha256: string;
}

/** The identity of the bytes read (hashed once, as read: no second read for the hash). */
export function identityOf(bytes: Buffer): FileIdentity {
  return { size: bytes.length, sha256: hash('sha256', bytes, 'hex') };
}

/** The size of `path`, or null when it is gone. */
function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** Read a megabyte at a time: a file up to the import's 200 MB is never held whole here. */
const CHUNK = 1024 * 1024;

/** SHA-256 (hex) of the file's current content, read synchronously in chunks. */
function sha256Of(path: string): string {
  const digest = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0;) {
      digest.update(buffer.subarray(0, read));
      read = readSync(fd, buffer, 0, CHUNK, null);
    }
  } finally {
    closeSync(fd);
  }
  return digest.digest('hex');
}

/**
 * Refuses (PLAN_STALE) when the file at `path` no longer holds the bytes the plan was made from:
 * gone, unreadable, of another size, or of the same size and other content.
 */
export function assertFileUnchanged(path: string, fileName: string, identity: FileIdentity): void {
  const size = sizeOf(path);
  if (size === null) {
    throw new AppError(
      'PLAN_STALE',
      `Tệp "${fileName}" không còn ở chỗ cũ (đã bị xóa, đổi tên hoặc di chuyển) kể từ lúc xem ` +
        'trước; chưa có gì được nhập. Hãy chọn lại tệp và xem trước lại.',
    );
  }
  // Another size is another content; the same size is compared byte for byte through the hash.
  let same = size === identity.size;
  if (same) {
    let sha: string;
    try {
      sha = sha256Of(path);
    } catch {
      throw new AppError(
        'PLAN_STALE',
        `Không đọc lại được tệp "${fileName}" để đối chiếu với bản xem trước (tệp đang bị khóa ` +
          'hoặc không còn quyền đọc); chưa có gì được nhập. Hãy đóng tệp trong Excel rồi xem ' +
          'trước lại.',
      );
    }
    same = sha === identity.sha256;
  }
  if (!same) {
    throw new AppError(
      'PLAN_STALE',
      `Tệp "${fileName}" đã thay đổi kể từ lúc xem trước (tệp vừa được sửa hoặc lưu lại); chưa ` +
        'có gì được nhập. Hãy xem trước lại tệp để thấy đúng những gì sẽ được nhập.',
    );
  }
}
