// Files by handle, from the renderer's side: pick a file for the backend to read, or save one it
// wrote. The bridge does the transport-specific part (dialogs in Electron, upload/download in a
// browser); screens only ever see a FileRef.
import type { FileRef, PickFileRequest } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { getBridge } from './bridge';

export async function pickFile(request: PickFileRequest): Promise<FileRef | null> {
  try {
    return await getBridge().pickFile(request);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_NOT_FOUND', 'Không đọc được tệp đã chọn. Hãy thử chọn lại.');
  }
}

export async function saveFile(file: FileRef, suggestedName: string): Promise<boolean> {
  try {
    return await getBridge().saveFile(file, suggestedName);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INTERNAL', 'Không lưu được tệp. Hãy thử lại hoặc chọn thư mục khác.');
  }
}
