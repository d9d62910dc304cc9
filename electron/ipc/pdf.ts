// The bridge's printPdf in Electron: main loads the report page the backend wrote into a hidden,
// sandboxed window with JavaScript off and a session of its own that lets nothing load but that
// one file (its fonts are data: URLs), prints it with Chromium's printToPDF, writes the PDF
// complete under a temporary name, and hands it to the backend by handle.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  Session,
  WebContents,
} from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { FileRef } from '../../shared/files';
import { fileHandle } from '../../shared/files';
import type { Result } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { newHandle, writeAtomically } from '../backend/files';
import { log } from '../backend/log';
import type { BackendPort } from '../backend/worker/host';
import { isPrintablePage, pdfFileName } from '../pdf/name';
import { PRINT_PDF_CHANNEL } from './channels';
import type { SenderCheck } from './register';
import { refusal } from './register';

/** What printing needs of a window: Electron's BrowserWindow, or a test's stand-in. */
export type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed'> & {
  webContents: Pick<WebContents, 'printToPDF' | 'on' | 'setWindowOpenHandler'>;
};

export type PrintSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'
>;

const request = z.object({ handle: fileHandle, name: z.string().max(255).optional() }).loose();

const BAD_REQUEST: Result<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Yêu cầu in PDF không hợp lệ.' },
};

const NOT_A_PAGE = 'Chỉ in được trang báo cáo do ứng dụng lập ra PDF. Hãy lập lại báo cáo rồi in.';

const PRINT_FAILED =
  'Không in được báo cáo ra PDF. Hãy thử lại, hoặc dùng tệp Word (.docx) rồi lưu thành PDF từ Word.';

/** The page's window: hidden, sandboxed, no script, no preload, in the printing session. */
export function printWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi: what the page is laid out for before printing
    height: 1123,
    webPreferences: {
      session,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/**
 * The printing session lets through only the pages being printed (file: URLs registered in
 * `allowed`) and data: URLs; every other request, and every permission, is refused.
 */
export function hardenPrintSession(session: PrintSession, allowed: ReadonlySet<string>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    callback({ cancel: !(url.startsWith('data:') || allowed.has(url)) });
  });
}

async function settle(work: () => Promise<FileRef>): Promise<Result<FileRef>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    log.error('pdf printing failed', error);
    return { ok: false, error: { code: 'WRITE_FAILED', message: PRINT_FAILED } };
  }
}

export function registerPdfPrinting(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  backend: BackendPort,
  isTrustedSender: SenderCheck,
  openWindow: () => PrintWindow,
  session: PrintSession,
): () => void {
  const allowed = new Set<string>();
  hardenPrintSession(session, allowed);
  // The printed files live in a private folder of this run, removed when main stops.
  let folder: string | null = null;
  const outputFolder = () => (folder ??= mkdtempSync(join(tmpdir(), 'tccsd-pdf-')));

  const print = async (handle: string, name: string | undefined): Promise<FileRef> => {
    const source = await backend.filePath(handle);
    if (!isPrintablePage(source)) throw new AppError('INVALID_INPUT', NOT_A_PAGE);
    const url = pathToFileURL(source).href;
    const window = openWindow();
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    allowed.add(url);
    try {
      await window.loadFile(source);
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
      });
      const fileName = pdfFileName(name ?? source);
      const target = join(outputFolder(), `${newHandle()}-${fileName}`);
      await writeAtomically(target, (temp) => writeFile(temp, pdf));
      return await backend.registerFile(target, fileName);
    } finally {
      allowed.delete(url);
      if (!window.isDestroyed()) window.destroy();
    }
  };

  ipcMain.handle(PRINT_PDF_CHANNEL, async (event, file: unknown) => {
    const refused = refusal(isTrustedSender, event, 'print-pdf');
    if (refused) return refused;
    const parsed = request.safeParse(file);
    if (!parsed.success) return BAD_REQUEST;
    return settle(() => print(parsed.data.handle, parsed.data.name));
  });
  return () => {
    ipcMain.removeHandler(PRINT_PDF_CHANNEL);
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  };
}
