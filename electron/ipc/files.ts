// The file dialogs behind the bridge's pickFile, pickFiles and saveFile. Main shows the dialog and
// gives the backend a path (open) or copies a file the backend wrote to the chosen place (save:
// under a temporary name first, renamed when complete). The page never sees a path.
import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import { copyFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { FileRef } from '../../shared/files';
import { fileHandle } from '../../shared/files';
import type { Result } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { partPath } from '../backend/files';
import { log } from '../backend/log';
import type { BackendPort } from '../backend/worker/host';
import { PICK_FILE_CHANNEL, PICK_FILES_CHANNEL, SAVE_FILE_CHANNEL } from './channels';
import type { IpcSender, SenderCheck } from './register';
import { refusal } from './register';

const pickRequest = z.strictObject({
  title: z.string().min(1).max(200),
  extensions: z
    .array(z.string().regex(/^[a-z0-9]{1,10}$/))
    .min(1)
    .max(10),
});
type PickRequest = z.infer<typeof pickRequest>;
const saveRequest = z.tuple([z.object({ handle: fileHandle }).loose(), z.string().min(1).max(255)]);

const BAD_REQUEST: Result<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Yêu cầu chọn tệp không hợp lệ.' },
};

type Dialogs = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

async function settle<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    log.error('file dialog failed', error);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Không đọc hoặc ghi được tệp (có thể ổ đĩa đầy hoặc không có quyền ghi).',
      },
    };
  }
}

/** Copies `source` to `target` through a temporary sibling renamed when complete. */
export async function copyComplete(source: string, target: string): Promise<void> {
  const temp = partPath(target);
  try {
    await copyFile(source, temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function registerFileDialogs(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dialog: Dialogs,
  backend: BackendPort,
  isTrustedSender: SenderCheck,
  windowOf: (event: IpcSender) => BrowserWindow | null,
): () => void {
  /** Shows the open dialog; the chosen paths, none when cancelled. */
  const choosePaths = async (event: IpcSender, request: PickRequest, several: boolean) => {
    const window = windowOf(event);
    const options = {
      title: request.title,
      properties: several
        ? ['openFile' as const, 'multiSelections' as const]
        : ['openFile' as const],
      filters: [{ name: request.title, extensions: request.extensions }],
    };
    const chosen = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return chosen.canceled ? [] : chosen.filePaths;
  };
  ipcMain.handle(PICK_FILE_CHANNEL, async (event, raw: unknown) => {
    const refused = refusal(isTrustedSender, event, 'pick-file');
    if (refused) return refused;
    const request = pickRequest.safeParse(raw);
    if (!request.success) return BAD_REQUEST;
    return settle<FileRef | null>(async () => {
      const [path] = await choosePaths(event, request.data, false);
      return path ? backend.registerFile(path) : null;
    });
  });
  ipcMain.handle(PICK_FILES_CHANNEL, async (event, raw: unknown) => {
    const refused = refusal(isTrustedSender, event, 'pick-files');
    if (refused) return refused;
    const request = pickRequest.safeParse(raw);
    if (!request.success) return BAD_REQUEST;
    return settle<FileRef[]>(async () => {
      const files: FileRef[] = [];
      for (const path of await choosePaths(event, request.data, true)) {
        files.push(await backend.registerFile(path));
      }
      return files;
    });
  });
  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, file: unknown, suggestedName: unknown) => {
    const refused = refusal(isTrustedSender, event, 'save-file');
    if (refused) return refused;
    const request = saveRequest.safeParse([file, suggestedName]);
    if (!request.success) return BAD_REQUEST;
    const [{ handle }, name] = request.data;
    return settle<boolean>(async () => {
      const source = await backend.filePath(handle);
      const window = windowOf(event);
      const options = { title: 'Lưu tệp', defaultPath: name };
      const chosen = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return false;
      await copyComplete(source, chosen.filePath);
      return true;
    });
  });
  return () => {
    ipcMain.removeHandler(PICK_FILE_CHANNEL);
    ipcMain.removeHandler(PICK_FILES_CHANNEL);
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
  };
}
