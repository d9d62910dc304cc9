// The lifecycle in electron/main/index.ts, run against the fake `electron` and a real data folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { AppInfo } from '../../shared/contract';

const fake = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fake.default);

let dataDir: string;

beforeEach(() => {
  fake.resetElectronFake();
  vi.resetModules();
  dataDir = mkdtempSync(path.join(tmpdir(), 'tccsd-main-'));
  vi.stubEnv('TCCSD_DATA_DIR', dataDir);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  // Quit, so the database a test opened is closed (and its worker ended) before its folder goes.
  await quit();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts main and waits until it has either opened the backend worker or given up. */
async function startApp(): Promise<void> {
  await import('../../electron/main/index');
  await fake.app.ready;
  await vi.waitFor(
    () => {
      const settled =
        fake.FakeBrowserWindow.created.length > 0 || fake.app.quit.mock.calls.length > 0;
      if (!settled) throw new Error('main has not finished starting');
    },
    { timeout: 20_000, interval: 20 },
  );
}

/** Fires will-quit and waits for main to close the backend and quit for real. */
async function quit(): Promise<void> {
  const quits = fake.app.quit.mock.calls.length;
  const prevented = fake.app.fire('will-quit');
  if (!prevented) return;
  await vi.waitFor(
    () => {
      if (fake.app.quit.mock.calls.length === quits) throw new Error('not closed yet');
    },
    { timeout: 10_000, interval: 20 },
  );
}

function invoke(url: string, method: string): Promise<Result<unknown>> {
  const handler = fake.ipcMain.handlers.get('tccsd:invoke');
  expect(handler).toBeDefined();
  return handler!({ senderFrame: { url } }, method, {}) as Promise<Result<unknown>>;
}

describe('main process lifecycle', () => {
  it('opens the data file, serves the app and shows one locked-down window', async () => {
    await startApp();

    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(fake.session.defaultSession.permissionCheckHandler).not.toBeNull();
    // Reports print to PDF in a locked session of their own.
    expect(fake.ipcMain.handlers.has('tccsd:print-pdf')).toBe(true);
    expect(fake.session.partitions.get('tccsd-print')?.beforeRequest).not.toBeNull();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    // Chromium's own texts are Vietnamese.
    expect(fake.app.switches.get('lang')).toBe('vi');

    expect(fake.FakeBrowserWindow.created).toHaveLength(1);
    const window = fake.FakeBrowserWindow.created[0]!;
    expect(window.loadURL).toHaveBeenCalledWith('app://tccsd/index.html');
    const web = window.options.webPreferences as Record<string, unknown>;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(web.devTools).toBe(false); // packaged
    expect(String(web.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(String(window.options.icon)).toMatch(/[\\/]renderer[\\/]icon\.png$/);

    const info = await invoke('app://tccsd/index.html', 'app.info');
    expect(info.ok).toBe(true);
    expect((info as { ok: true; value: AppInfo }).value.dbPath).toBe(
      path.join(dataDir, 'tccsd.sqlite3'),
    );
    expect(await invoke('https://evil.example/', 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('shows reload and developer tools only when not packaged', async () => {
    fake.app.isPackaged = false;
    await startApp();
    const web = fake.FakeBrowserWindow.created[0]!.options.webPreferences as Record<
      string,
      unknown
    >;
    expect(web.devTools).toBe(true);
  });

  it('focuses the running window when started a second time', async () => {
    await startApp();
    fake.app.fire('second-instance', [], dataDir);
    expect(fake.FakeBrowserWindow.created).toHaveLength(1);
    expect(fake.FakeBrowserWindow.created[0]!.focus).toHaveBeenCalledOnce();
  });

  it('quits when the last window closes and closes the database', async () => {
    await startApp();
    fake.app.fire('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledOnce();
    await quit();
    expect(fake.app.quit).toHaveBeenCalledTimes(2);
    expect(await invoke('app://tccsd/index.html', 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'BACKEND_UNAVAILABLE' },
    });
  });

  it('asks before closing a window whose screen has unsaved edits', async () => {
    await startApp();
    const window = fake.FakeBrowserWindow.created[0]!;
    fake.dialog.nextMessageBoxChoice = 1; // "Ở lại"
    expect(window.webContents.fire('will-prevent-unload')).toBe(false);
    const [, options] = fake.dialog.showMessageBoxSync.mock.calls[0] as [
      unknown,
      { message: string },
    ];
    expect(options.message).toBe('Có thay đổi chưa lưu. Đóng mà không lưu?');
    fake.dialog.nextMessageBoxChoice = 0; // "Đóng, bỏ thay đổi"
    expect(window.webContents.fire('will-prevent-unload')).toBe(true);
  });

  it('passes the events of the backend worker to the window', async () => {
    await startApp();
    const window = fake.FakeBrowserWindow.created[0]!;
    const sent: unknown[] = [];
    (window.webContents as unknown as { send: (...a: unknown[]) => void }).send = (...a) =>
      sent.push(a);
    (window.webContents as unknown as { isDestroyed: () => boolean }).isDestroyed = () => false;
    await invoke('app://tccsd/index.html', 'app.info');
    const handler = fake.ipcMain.handlers.get('tccsd:invoke')!;
    await handler({ senderFrame: { url: 'app://tccsd/index.html' } }, 'settings.setOperator', {
      operatorName: 'Lý Thị Mai',
    });
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    expect(sent[0]).toEqual([
      'tccsd:event',
      { event: 'data.changed', payload: { entities: ['settings'], ids: ['operator_name'] } },
    ]);
  });

  it('leaves when another copy already runs', async () => {
    fake.app.singleInstance = false;
    await startApp();
    expect(fake.app.quit).toHaveBeenCalledOnce();
    expect(fake.protocol.handle).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.created).toHaveLength(0);
  });

  it('explains in Vietnamese and quits when the data file is not a database', async () => {
    writeFileSync(path.join(dataDir, 'tccsd.sqlite3'), 'this is not sqlite '.repeat(100));
    await startApp();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('Không mở được tệp dữ liệu');
    expect(message).toContain('không phải là tệp dữ liệu');
    expect(fake.app.quit).toHaveBeenCalledOnce();
    expect(fake.FakeBrowserWindow.created).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
