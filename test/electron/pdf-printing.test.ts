// Main's PDF printing behind the bridge: the page the backend wrote is loaded in a hidden,
// script-less window of a locked session, printed with printToPDF, and handed back by handle.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileRef } from '../../shared/files';
import type { Result } from '../../shared/errors';
import { inProcessPort } from '../../electron/backend/worker/in-process';
import { printWindowOptions, registerPdfPrinting } from '../../electron/ipc/pdf';
import { isAppUrl } from '../../electron/main/app-url';
import { cleanupTemp, makeBackend, makeTempDir } from '../helpers/backend';
import { FakeBrowserWindow, createFakeSession, ipcMain, resetElectronFake } from './fake-electron';

const fromApp = { senderFrame: { url: 'app://tccsd/index.html' } };
const fromElsewhere = { senderFrame: { url: 'https://evil.example/' } };

let backend: ReturnType<typeof makeBackend>;
let printSession: ReturnType<typeof createFakeSession>;
let stop: () => void;
/** Lets a test reach the window before the page is loaded into it. */
let prepare: ((window: FakeBrowserWindow) => void) | null = null;

function print(event: unknown, file: unknown): Promise<Result<FileRef>> {
  return ipcMain.handlers.get('tccsd:print-pdf')!(event, file) as Promise<Result<FileRef>>;
}

/** Whether the printing session lets a request for `url` through. */
function allowed(url: string): boolean {
  let cancel = true;
  printSession.beforeRequest!({ url }, (response) => {
    cancel = response.cancel === true;
  });
  return !cancel;
}

function lastWindow(): FakeBrowserWindow {
  const window = FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was opened');
  return window;
}

async function reportPage(name = 'Bao-cao-2017-Huyen-Bac-Son.html'): Promise<FileRef> {
  return backend.ctx.files.writeOutput(name, (temp) =>
    writeFileSync(temp, '<!doctype html><p>Báo cáo</p>'),
  );
}

beforeEach(() => {
  resetElectronFake();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  backend = makeBackend();
  printSession = createFakeSession();
  stop = registerPdfPrinting(
    ipcMain,
    inProcessPort(backend.ctx),
    isAppUrl,
    () => {
      const options = printWindowOptions(printSession as never) as Record<string, unknown>;
      const window = new FakeBrowserWindow(options);
      prepare?.(window);
      // The fake has what printing uses of a window, not all of Electron's.
      return window as never;
    },
    printSession as never,
  );
});
afterEach(() => {
  prepare = null;
  stop();
  vi.restoreAllMocks();
  cleanupTemp();
});

describe('printing a report page to PDF', () => {
  it('prints the page in a hidden script-less window and hands the PDF back by handle', async () => {
    const page = await reportPage();
    const answer = await print(fromApp, { handle: page.handle, name: page.name });
    expect(answer.ok).toBe(true);
    const pdf = answer.ok ? answer.value : null;
    expect(pdf?.name).toBe('Bao-cao-2017-Huyen-Bac-Son.pdf');
    expect(readFileSync(backend.ctx.files.pathOf(pdf!.handle), 'latin1')).toBe('%PDF-1.4\n%%EOF\n');

    const window = lastWindow();
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, nodeIntegration: false },
    });
    expect((window.options.webPreferences as Record<string, unknown>).session).toBe(printSession);
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(window.loadFile).toHaveBeenCalledWith(backend.ctx.files.pathOf(page.handle));
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
    });
    expect(window.destroy).toHaveBeenCalledOnce();
    // The page may not open windows or navigate anywhere.
    expect(window.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
    expect(window.webContents.fire('will-navigate', 'https://example.com')).toBe(true);
  });

  it('lets the print session load only the page being printed and data: fonts', async () => {
    const page = await reportPage();
    const pageUrl = pathToFileURL(backend.ctx.files.pathOf(page.handle)).href;
    let whilePrinting: Record<string, boolean> = {};
    const otherFile = pathToFileURL(join(makeTempDir(), 'khac.html')).href;
    // What the session lets through while the page loads.
    prepare = (window) =>
      window.loadFile.mockImplementation(() => {
        whilePrinting = {
          page: allowed(pageUrl),
          font: allowed('data:font/woff2;base64,AAAA'),
          web: allowed('https://example.com/x.css'),
          otherFile: allowed(otherFile),
        };
        return Promise.resolve();
      });
    expect((await print(fromApp, page)).ok).toBe(true);
    expect(whilePrinting).toEqual({ page: true, font: true, web: false, otherFile: false });
    expect(allowed(pageUrl)).toBe(false);
    expect(printSession.permissionCheckHandler?.()).toBe(false);
  });

  it('refuses other pages, odd requests and files that are not a report page, opening no window', async () => {
    const page = await reportPage();
    expect(await print(fromElsewhere, page)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await print(fromApp, { handle: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const spreadsheet = await backend.ctx.files.writeOutput('Bieu-tong-hop.xlsx', (temp) =>
      writeFileSync(temp, 'PK'),
    );
    const refused = await print(fromApp, spreadsheet);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!refused.ok && refused.error.message).toContain('Chỉ in được trang báo cáo');
    expect(await print(fromApp, { handle: `f_${'0'.repeat(32)}` })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    });
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('says in Vietnamese when printing fails, and closes the window', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const page = await reportPage();
    prepare = (window) =>
      window.webContents.printToPDF.mockRejectedValueOnce(new Error('renderer gone'));
    const result = await print(fromApp, page);
    expect(result).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    expect(!result.ok && result.error.message).toContain('Không in được báo cáo ra PDF');
    expect(lastWindow().destroy).toHaveBeenCalledOnce();
  });

  it('removes the PDFs of the run when printing stops', async () => {
    const page = await reportPage();
    const answer = await print(fromApp, page);
    const path = answer.ok ? backend.ctx.files.pathOf(answer.value.handle) : '';
    expect(existsSync(path)).toBe(true);
    stop();
    expect(existsSync(path)).toBe(false);
    expect(ipcMain.handlers.has('tccsd:print-pdf')).toBe(false);
  });
});
