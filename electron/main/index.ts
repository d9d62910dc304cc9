// Electron main: the app's lifecycle and nothing else. Window, protocol, security, menu and ipc
// each live in their own file; all data work goes through the backend.
import { app, dialog, ipcMain, protocol, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { BackendContext } from '../backend/context';
import { openBackend } from '../backend/index';
import { log } from '../backend/log';
import { defaultDbPath } from '../backend/paths';
import { registerContract } from '../ipc/register';
import { isAppUrl } from './app-url';
import { installMenu } from './menu';
import { registerAppScheme, serveApp } from './protocol';
import { hardenSession } from './security';
import { createMainWindow } from './window';

// out/main/index.js sits next to out/preload/ and out/renderer/, inside the asar when packaged.
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const OPEN_FAILED_TITLE = 'Không mở được tệp dữ liệu';
const UNEXPECTED_MESSAGE =
  'Đã xảy ra lỗi ngoài dự kiến khi mở tệp dữ liệu; tệp không bị thay đổi. ' +
  'Chi tiết đã được ghi vào nhật ký.';

let backend: BackendContext | null = null;
let mainWindow: BrowserWindow | null = null;

function osUserName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

function openData(): BackendContext | null {
  const dbPath = defaultDbPath();
  try {
    const ctx = openBackend({ dbPath, origin: 'app', fallbackOperator: osUserName() });
    log.info(`opened ${dbPath}${ctx.backupPath ? ` (backup ${ctx.backupPath})` : ''}`);
    return ctx;
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
  mainWindow = createMainWindow(PRELOAD_PATH, dev);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function start(): void {
  backend = openData();
  if (backend === null) {
    app.quit();
    return;
  }
  const dev = !app.isPackaged;
  hardenSession(session.defaultSession);
  serveApp(protocol, RENDERER_DIR);
  registerContract(ipcMain, backend, isAppUrl);
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
  app.on('will-quit', () => {
    backend?.db.close();
    backend = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', error);
      app.exit(1);
    });
}
