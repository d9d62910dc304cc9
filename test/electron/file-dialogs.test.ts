// Main's file dialogs behind the bridge: the open dialog's path goes to the backend, which
// answers with a handle; the save dialog copies a file the backend wrote, complete or not at all.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileRef } from '../../shared/files';
import type { Result } from '../../shared/errors';
import { inProcessPort } from '../../electron/backend/worker/in-process';
import { registerFileDialogs } from '../../electron/ipc/files';
import { isAppUrl } from '../../electron/main/app-url';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { dialog, ipcMain, resetElectronFake } from './fake-electron';

const fromApp = { senderFrame: { url: 'app://tccsd/index.html' } };
const fromElsewhere = { senderFrame: { url: 'https://evil.example/' } };

function call<T>(channel: string, event: unknown, ...args: unknown[]): Promise<Result<T>> {
  return ipcMain.handlers.get(channel)!(event, ...args) as Promise<Result<T>>;
}

let backend: ReturnType<typeof makeBackend>;

beforeEach(() => {
  resetElectronFake();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  backend = makeBackend();
  registerFileDialogs(ipcMain, dialog, inProcessPort(backend.ctx), isAppUrl, () => null);
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanupTemp();
});

describe('file dialogs', () => {
  it('hands the chosen file to the backend by handle', async () => {
    const path = join(makeTempDir(), 'xep-loai-2017.csv');
    writeFileSync(path, 'Tên,Xếp loại\n');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    const picked = await call<FileRef | null>('tccsd:pick-file', fromApp, {
      title: 'Chọn tệp xếp loại',
      extensions: ['xlsx', 'csv'],
    });
    expect(picked.ok && picked.value?.name).toBe('xep-loai-2017.csv');
    const handle = picked.ok ? picked.value!.handle : '';
    expect(backend.ctx.files.pathOf(handle)).toBe(path);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Chọn tệp xếp loại',
        filters: [{ name: 'Chọn tệp xếp loại', extensions: ['xlsx', 'csv'] }],
      }),
    );
  });

  it('answers null when the user cancels, and refuses other pages and odd requests', async () => {
    const request = { title: 'Chọn tệp', extensions: ['csv'] };
    expect(await call('tccsd:pick-file', fromApp, request)).toEqual({ ok: true, value: null });
    expect(await call('tccsd:pick-file', fromElsewhere, request)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call('tccsd:pick-file', fromApp, { title: 'x', extensions: ['../exe'] }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dialog.showOpenDialog).toHaveBeenCalledOnce();
  });

  it('hands several chosen files to the backend, each by its own handle', async () => {
    const dir = makeTempDir();
    const paths = ['Bac-Son-so-3.tccsd', 'Huu-Lung-so-1.tccsd'].map((name) => join(dir, name));
    for (const path of paths) writeFileSync(path, 'x');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: paths });
    const request = { title: 'Chọn tệp dữ liệu', extensions: ['tccsd'] };
    const picked = await call<FileRef[]>('tccsd:pick-files', fromApp, request);
    const files = picked.ok ? picked.value : [];
    expect(files.map((f) => f.name)).toEqual(['Bac-Son-so-3.tccsd', 'Huu-Lung-so-1.tccsd']);
    expect(files.map((f) => backend.ctx.files.pathOf(f.handle))).toEqual(paths);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Chọn tệp dữ liệu', extensions: ['tccsd'] }],
      }),
    );
    // Cancelled: no file; another page or an odd request: refused, no dialog shown.
    expect(await call('tccsd:pick-files', fromApp, request)).toEqual({ ok: true, value: [] });
    expect(await call('tccsd:pick-files', fromElsewhere, request)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call('tccsd:pick-files', fromApp, { title: 'x', extensions: ['tccsd', '.exe'] }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(2);
  });

  it('saves a file the backend wrote to the chosen place, complete, under its final name only', async () => {
    const written = await backend.ctx.files.writeOutput('bao-cao.csv', (temp) =>
      writeFileSync(temp, 'Báo cáo'),
    );
    const dir = join(makeTempDir(), 'Tài liệu');
    mkdirSync(dir);
    const target = join(dir, 'Báo cáo 2017.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await call('tccsd:save-file', fromApp, written, 'Báo cáo 2017.csv')).toEqual({
      ok: true,
      value: true,
    });
    expect(readFileSync(target, 'utf8')).toBe('Báo cáo');
    expect(readdirSync(dir)).toEqual(['Báo cáo 2017.csv']);
  });

  it('leaves nothing behind when the copy fails, and says so in Vietnamese', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const written = await backend.ctx.files.writeOutput('bao-cao.csv', (temp) =>
      writeFileSync(temp, 'Báo cáo'),
    );
    const missingDir = join(makeTempDir(), 'khong-co', 'bao-cao.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: missingDir });
    const answer = await call('tccsd:save-file', fromApp, written, 'bao-cao.csv');
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!answer.ok && answer.error.message).toContain('Không đọc hoặc ghi được tệp');
  });

  it('refuses an unknown handle with a message to choose again', async () => {
    const unknown = { handle: `f_${'0'.repeat(32)}`, name: 'x.csv', size: 1 };
    expect(await call('tccsd:save-file', fromApp, unknown, 'x.csv')).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
