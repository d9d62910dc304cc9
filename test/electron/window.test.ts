import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetElectronFake } from './fake-electron';
import { APP_INDEX_URL } from '../../electron/main/app-url';
import { createMainWindow, windowOptions, WINDOW_TITLE } from '../../electron/main/window';

vi.mock('electron', async () => (await import('./fake-electron')).default);

beforeEach(() => resetElectronFake());

describe('windowOptions', () => {
  const options = windowOptions('/app/out/preload/index.cjs');
  const web = options.webPreferences!;

  it('isolates the page from Node and Electron', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
  });

  it('uses the built preload and hides developer tools unless asked', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(web.devTools).toBe(false);
    expect(windowOptions('/p.cjs', true).webPreferences!.devTools).toBe(true);
  });

  it('shows the app icon when given one', () => {
    expect(windowOptions('/p.cjs', false, '/app/out/renderer/icon.png').icon).toBe(
      '/app/out/renderer/icon.png',
    );
    expect(options.icon).toBeUndefined();
  });

  it('has a Vietnamese title and a usable minimum size', () => {
    expect(options.title).toBe('Quản lý tổ chức cơ sở đảng');
    expect(WINDOW_TITLE).toBe(options.title);
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('createMainWindow', () => {
  function open() {
    createMainWindow('/app/out/preload/index.cjs');
    expect(FakeBrowserWindow.created).toHaveLength(1);
    return FakeBrowserWindow.created[0]!;
  }

  it('loads the app page over the app scheme, never file://', () => {
    const window = open();
    expect(window.loadURL).toHaveBeenCalledWith(APP_INDEX_URL);
    expect(APP_INDEX_URL).toBe('app://tccsd/index.html');
    expect(window.options).toEqual(windowOptions('/app/out/preload/index.cjs'));
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///C:/Windows/win.ini',
    'app://other/index.html',
    'javascript:alert(1)',
  ])('blocks navigation to %s', (url) => {
    const { webContents } = open();
    expect(webContents.fire('will-navigate', url)).toBe(true);
    expect(webContents.fire('will-redirect', url)).toBe(true);
  });

  it('lets the app move between its own pages', () => {
    const { webContents } = open();
    expect(webContents.fire('will-navigate', 'app://tccsd/index.html#/units')).toBe(false);
    expect(webContents.fire('will-redirect', 'app://tccsd/index.html')).toBe(false);
  });

  it('denies every new window, even one for the app itself', () => {
    const { webContents } = open();
    expect(webContents.openHandler).not.toBeNull();
    for (const url of ['https://evil.example/', 'app://tccsd/index.html', 'about:blank']) {
      expect(webContents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses <webview> and keeps the Vietnamese window title', () => {
    const window = open();
    expect(window.webContents.fire('will-attach-webview', {}, {})).toBe(true);
    expect(window.fire('page-title-updated', 'tccsd')).toBe(true);
  });

  it('shows the window only once it has painted', () => {
    const window = open();
    expect(window.show).not.toHaveBeenCalled();
    window.fire('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });
});
