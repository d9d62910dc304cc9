import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { openBackend } from '../../electron/backend/index';
import { dispatch } from '../../electron/backend/dispatch';
import type * as DispatchModule from '../../electron/backend/dispatch';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc/channels';
import { FORBIDDEN_MESSAGE, broadcast, registerContract } from '../../electron/ipc/register';
import { inProcessPort } from '../../electron/backend/worker/in-process';
import { isAppUrl } from '../../electron/main/app-url';
import { ipcMain, resetElectronFake } from './fake-electron';

// The real dispatch runs; the spy only tells whether it was reached.
vi.mock('../../electron/backend/dispatch', async (importOriginal) => {
  const actual = await importOriginal<typeof DispatchModule>();
  return { ...actual, dispatch: vi.fn(actual.dispatch) };
});

const dir = mkdtempSync(path.join(tmpdir(), 'tccsd-ipc-'));
const ctx = openBackend({
  dbPath: path.join(dir, 'tccsd.sqlite3'),
  origin: 'app',
  fallbackOperator: 'Kiểm thử',
});
const port = inProcessPort(ctx);
afterAll(() => {
  ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

beforeEach(() => {
  resetElectronFake();
  warn.mockClear();
  registerContract(ipcMain, port, isAppUrl);
});

function invoke(frame: unknown, method: unknown, input?: unknown): Promise<Result<unknown>> {
  const handler = ipcMain.handlers.get(INVOKE_CHANNEL);
  expect(handler).toBeDefined();
  return handler!({ senderFrame: frame }, method, input) as Promise<Result<unknown>>;
}

const fromApp = { url: 'app://tccsd/index.html' };

describe('registerContract', () => {
  it('registers exactly one channel', async () => {
    expect(ipcMain.handle).toHaveBeenCalledOnce();
    expect(ipcMain.handle).toHaveBeenCalledWith('tccsd:invoke', expect.any(Function));
  });

  it('answers the app page from the real database', async () => {
    const result = await invoke(fromApp, 'app.info', {});
    expect(dispatch).toHaveBeenCalledOnce();
    expect(result.ok).toBe(true);
    const info = (result as { ok: true; value: AppInfo }).value;
    expect(info.dbPath).toBe(ctx.dbPath);
    expect(info.schemaVersion).toBeGreaterThan(0);
    expect(info.needsSetup).toBe(true);
  });

  it('writes for the app page, with the contract checking the input', async () => {
    const saved = await invoke(fromApp, 'settings.setOperator', { operatorName: 'Nguyễn Văn An' });
    expect(saved).toMatchObject({ ok: true, value: { operatorName: 'Nguyễn Văn An' } });
    const invalid = await invoke(fromApp, 'settings.setOperator', { operatorName: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await invoke(fromApp, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/index.html',
    'file:///C:/Users/a/Downloads/index.html',
    'app://evil/index.html',
    'app://tccsd.evil.example/index.html',
    'about:blank',
    '',
  ])('refuses a call from %j without running anything', async (url) => {
    const before = await invoke(fromApp, 'app.info', {});
    vi.mocked(dispatch).mockClear();
    const result = await invoke({ url }, 'settings.setOperator', { operatorName: 'Kẻ Lạ' });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused ipc call'));
    expect(await invoke(fromApp, 'app.info', {})).toEqual(before);
  });

  it('refuses a call whose frame is gone or unreadable', async () => {
    const unreadable = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
    };
    for (const frame of [null, undefined, unreadable]) {
      expect(await invoke(frame, 'app.info', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('says no in Vietnamese', async () => {
    expect(FORBIDDEN_MESSAGE).toMatch(/từ chối/);
  });

  it('can be unregistered', async () => {
    const dispose = registerContract(ipcMain, port, isAppUrl);
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('tccsd:invoke');
  });
});

describe('broadcast', () => {
  it('sends the event name with its payload on the event channel', async () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    broadcast(contents, 'progress', { job: 'import', phase: 'read', done: 1, total: 3 });
    expect(contents.send).toHaveBeenCalledWith(EVENT_CHANNEL, {
      event: 'progress',
      payload: { job: 'import', phase: 'read', done: 1, total: 3 },
    });
  });

  it('skips a closed window', async () => {
    const contents = { send: vi.fn(), isDestroyed: () => true };
    broadcast(contents, 'data.changed', { entities: ['units'], ids: [] });
    expect(contents.send).not.toHaveBeenCalled();
  });
});
