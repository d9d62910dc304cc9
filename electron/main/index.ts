// Electron main: the app's lifecycle and nothing else. Window, protocol, security, menu and ipc
// each live in their own file; all data work runs in the backend worker, never on this thread.
import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { log } from '../backend/log';
import { defaultDbPath } from '../backend/paths';
import type { BackendPort } from '../backend/worker/host';
import { startBackendWorker } from '../backend/worker/host';
import { registerFileDialogs } from '../ipc/files';
import { printWindowOptions, registerPdfPrinting } from '../ipc/pdf';
import { broadcast, registerContract } from '../ipc/register';
import { isAppUrl } from './app-url';
import { installMenu } from './menu';
import { registerAppScheme, serveApp } from './protocol';
import { hardenSession } from './security';
import { confirmLeavingUnsaved, createMainWindow } from './window';

// out/main/index.js sits next to out/preload/ and out/renderer/, inside the asar when packaged;
// the backend worker is built beside it (out/main/backend-worker.js).
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
// resources/ is the renderer's public folder: the icon is built into out/renderer.
const ICON_PATH = join(RENDERER_DIR, 'icon.png');
const OPEN_FAILED_TITLE = 'Không mở được tệp dữ liệu';
const UNEXPECTED_MESSAGE =
  'Đã xảy ra lỗi ngoài dự kiến khi mở tệp dữ liệu; tệp không bị thay đổi. ' +
  'Chi tiết đã được ghi vào nhật ký.';

let backend: BackendPort | null = null;
let mainWindow: BrowserWindow | null = null;
/** Stops PDF printing and removes the PDFs printed in this run. */
let stopPrinting: (() => void) | null = null;

function osUserName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

async function openData(): Promise<BackendPort | null> {
  const dbPath = defaultDbPath();
  try {
    const port = await startBackendWorker({
      dbPath,
      origin: 'app',
      fallbackOperator: osUserName(),
    });
    log.info(`opened ${dbPath}`);
    return port;
  } catch (error) {
    // NOT_A_DATABASE, NEWER_DATABASE: the message is already written for the user.
    if (error instanceof AppError) {
      log.warn(`cannot open ${dbPath}: ${error.code}`);
      dialog.showErrorBox(OPEN_FAILED_TITLE, error.message);
    } else {
      log.error(`cannot open ${dbPath}`, error);
      dialog.showErrorBox(OPEN_FAILED_TITLE, UNEXPECTED_MESSAGE);
    }
    return null;
  }
}

function showMainWindow(dev: boolean): void {
  const window = createMainWindow(PRELOAD_PATH, dev, ICON_PATH);
  mainWindow = window;
  // A screen with unsaved edits refuses to unload: ask before the window closes or reloads.
  window.webContents.on('will-prevent-unload', (event) => {
    if (confirmLeavingUnsaved(dialog, window)) event.preventDefault();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  const port = await openData();
  if (port === null) {
    app.quit();
    return;
  }
  backend = port;
  const dev = !app.isPackaged;
  hardenSession(session.defaultSession);
  serveApp(protocol, RENDERER_DIR);
  registerContract(ipcMain, port, isAppUrl);
  registerFileDialogs(ipcMain, dialog, port, isAppUrl, (event) =>
    'sender' in event ? BrowserWindow.fromWebContents(event.sender as Electron.WebContents) : null,
  );
  // Reports print in a session of their own that loads nothing but the page being printed.
  const printSession = session.fromPartition('tccsd-print');
  stopPrinting = registerPdfPrinting(
    ipcMain,
    port,
    isAppUrl,
    () => new BrowserWindow(printWindowOptions(printSession)),
    printSession,
  );
  port.onEvent((event, payload) => {
    if (mainWindow) broadcast(mainWindow.webContents, event, payload as never);
  });
  installMenu(dev);
  showMainWindow(dev);
  app.on('activate', () => {
    if (mainWindow === null) showMainWindow(dev);
  });
}

// Chromium's own texts (context menus, built-in messages) in Vietnamese.
app.commandLine.appendSwitch('lang', 'vi');

// Before `ready`: privileged schemes can only be registered now.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // Another copy is running on the same data: it gets focused instead (second-instance below).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (backend === null) return;
    // Close the data file cleanly (the worker finishes its request first), then quit for real.
    event.preventDefault();
    stopPrinting?.();
    stopPrinting = null;
    const closing = backend;
    backend = null;
    void closing.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', error);
      app.exit(1);
    });
}
