// The file behind a handle, read from disk in chunks (reporting how many bytes are in) up to a
// stated size. exceljs needs the whole archive in memory (JSZip), so a file is held once, never
// copied into JSON or base64.
import { createReadStream, statSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';

/** Largest spreadsheet the import reads: far above a national file (~600,000 rows as .xlsx). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export async function readFileBytes(
  path: string,
  fileName: string,
  onBytes: (done: number, total: number) => void,
): Promise<Buffer> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError(
      'FILE_NOT_FOUND',
      `Tệp "${fileName}" không còn ở chỗ cũ (đã bị xóa hoặc di chuyển). Hãy chọn lại tệp.`,
    );
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new AppError(
      'BAD_FILE',
      `Tệp "${fileName}" quá lớn (${Math.ceil(size / 1024 / 1024)} MB; giới hạn ` +
        `${MAX_IMPORT_BYTES / 1024 / 1024} MB). Hãy chia tệp theo năm hoặc theo đơn vị.`,
    );
  }
  const chunks: Buffer[] = [];
  let done = 0;
  onBytes(0, size);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      chunks.push(chunk as Buffer);
      done += (chunk as Buffer).length;
      onBytes(Math.min(done, size), size);
    }
  } catch {
    throw new AppError(
      'FILE_NOT_FOUND',
      `Không đọc được tệp "${fileName}" (tệp đang bị khóa hoặc không còn quyền đọc). Hãy đóng ` +
        'tệp trong Excel rồi thử lại.',
    );
  }
  onBytes(size, size);
  return Buffer.concat(chunks);
}
