// Files cross the contract by handle, never as contents inside JSON: the host (Electron's
// dialogs, the preview host's upload) gives the backend a path and the renderer a handle.
import { z } from 'zod';

/** A file the backend can read (picked or uploaded) or has written (a report, an export). */
export interface FileRef {
  handle: string;
  /** The file's own name, for display ("xep-loai-2024.xlsx"), never a path. */
  name: string;
  size: number;
}

export const fileHandle = z
  .string({ error: 'Thiếu tệp: hãy chọn lại tệp.' })
  .regex(/^f_[0-9a-f]{32}$/, { error: 'Tệp không còn hợp lệ: hãy chọn lại tệp.' });

export { MAX_UPLOAD_BYTES } from './upload-limit';

/** What a file-picking request names: a title and the endings offered (without dots). */
export interface PickFileRequest {
  title: string;
  extensions: string[];
}
