// The one main window: locked-down web preferences, the app page, no navigation away, no popups.
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_INDEX_URL, isAppUrl } from './app-url';

export const WINDOW_TITLE = 'Quản lý tổ chức cơ sở đảng';
export const BACKGROUND_COLOR = '#f6f7f9';

export function windowOptions(
  preloadPath: string,
  devTools = false,
  iconPath?: string,
): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: BACKGROUND_COLOR,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  };
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** No navigation away from the app's own pages, no new windows, no <webview>. */
export function guardWebContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(
  preloadPath: string,
  devTools = false,
  iconPath?: string,
): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath, devTools, iconPath));
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  // The page's <title> must not replace the Vietnamese window title.
  window.on('page-title-updated', (event) => event.preventDefault());
  void window.loadURL(APP_INDEX_URL);
  return window;
}

type MessageBoxes = Pick<Electron.Dialog, 'showMessageBoxSync'>;

/** Asks whether to leave a screen with unsaved edits; true = leave and drop the edits. */
export function confirmLeavingUnsaved(dialog: MessageBoxes, window: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'question',
    title: 'Có thay đổi chưa lưu',
    message: 'Có thay đổi chưa lưu. Đóng mà không lưu?',
    detail: 'Nếu đóng bây giờ, các thay đổi chưa lưu sẽ mất. Chọn "Ở lại" để quay lại và bấm Lưu.',
    buttons: ['Đóng, bỏ thay đổi', 'Ở lại'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}
