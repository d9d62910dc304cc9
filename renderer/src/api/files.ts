// Files by handle, from the renderer's side: pick a file for the backend to read, save one it
// wrote, or have a report page printed to PDF. The bridge does the transport-specific part
// (dialogs and printToPDF in Electron, upload/download and the host's Chromium in a browser);
// screens only ever see a FileRef.
import type { FileRef, PickFileRequest } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { getBridge } from './bridge';

async function settle<T>(work: () => Promise<Result<T>>, fallback: string): Promise<T> {
  let result: Result<T>;
  try {
    result = await work();
  } catch {
    throw new AppError('INTERNAL', fallback);
  }
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value;
}

/** The file the user chose, handed to the backend; null when the user cancelled. */
export function pickFile(request: PickFileRequest): Promise<FileRef | null> {
  return settle(
    () => getBridge().pickFile(request),
    'Không đọc được tệp đã chọn. Hãy thử chọn lại.',
  );
}

/** The files the user chose (several at once), handed to the backend; none when cancelled. */
export function pickFiles(request: PickFileRequest): Promise<FileRef[]> {
  return settle(
    () => getBridge().pickFiles(request),
    'Không đọc được các tệp đã chọn. Hãy thử chọn lại.',
  );
}

/** Offers a file the backend wrote for saving; false when the user cancelled. */
export function saveFile(file: FileRef, suggestedName: string): Promise<boolean> {
  return settle(
    () => getBridge().saveFile(file, suggestedName),
    'Không lưu được tệp. Hãy thử lại hoặc chọn thư mục khác.',
  );
}

/**
 * Prints a report page the backend wrote (an .html handle) to PDF; the PDF comes back by handle,
 * to be offered with saveFile. PDF_UNAVAILABLE says to use the Word file instead.
 */
export function printPdf(page: FileRef): Promise<FileRef> {
  return settle(
    () => getBridge().printPdf(page),
    'Không in được báo cáo ra PDF. Hãy thử lại, hoặc dùng tệp Word (.docx).',
  );
}
