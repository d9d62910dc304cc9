import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../shared/contract';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).default);

let bridge: Bridge;
let exposeCalls = 0;

beforeAll(async () => {
  await import('../../electron/preload/index');
  exposeCalls = contextBridge.exposeInMainWorld.mock.calls.length;
  bridge = contextBridge.exposed.get('tccsd') as Bridge;
});

describe('preload', () => {
  it('exposes one object, window.tccsd, with exactly invoke, on, the file dialogs and PDF printing', () => {
    expect(exposeCalls).toBe(1);
    expect([...contextBridge.exposed.keys()]).toEqual(['tccsd']);
    expect(Object.keys(bridge).sort()).toEqual([
      'invoke',
      'on',
      'pickFile',
      'pickFiles',
      'printPdf',
      'saveFile',
    ]);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('does not hand the page ipcRenderer or any Electron object', () => {
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(ipcRenderer);
      expect(value).not.toBe(ipcRenderer.invoke);
    }
  });

  it('invokes the one contract channel with method and input', async () => {
    await expect(bridge.invoke('units.list', { year: 2024 })).resolves.toBe('answer');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('tccsd:invoke', 'units.list', { year: 2024 });
  });

  it('asks main for the file dialogs on their own channels, never with a path', async () => {
    const request = { title: 'Chọn tệp xếp loại', extensions: ['xlsx', 'csv'] };
    await bridge.pickFile(request);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('tccsd:pick-file', request);
    const several = { title: 'Chọn tệp dữ liệu', extensions: ['tccsd'] };
    await bridge.pickFiles(several);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('tccsd:pick-files', several);
    const file = { handle: `f_${'a'.repeat(32)}`, name: 'bao-cao.xlsx', size: 10 };
    await bridge.saveFile(file, 'Báo cáo 2017.xlsx');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('tccsd:save-file', file, 'Báo cáo 2017.xlsx');
  });

  it('asks main to print a report page by its handle and name only', async () => {
    const page = { handle: `f_${'b'.repeat(32)}`, name: 'Bao-cao-2017.html', size: 99 };
    await bridge.printPdf(page);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('tccsd:print-pdf', {
      handle: page.handle,
      name: 'Bao-cao-2017.html',
    });
  });

  it('delivers only the events asked for, payload only, until unsubscribed', () => {
    const progress = vi.fn();
    const changed = vi.fn();
    const stopProgress = bridge.on('progress', progress);
    bridge.on('data.changed', changed);
    const ipcEvent = { sender: ipcRenderer };

    ipcRenderer.emit('tccsd:event', ipcEvent, { event: 'progress', payload: { done: 1 } });
    ipcRenderer.emit('tccsd:event', ipcEvent, { event: 'data.changed', payload: { entity: 'u' } });
    ipcRenderer.emit('tccsd:event', ipcEvent, 'garbage');
    ipcRenderer.emit('other-channel', ipcEvent, { event: 'progress', payload: { done: 9 } });

    expect(progress.mock.calls).toEqual([[{ done: 1 }]]);
    expect(changed.mock.calls).toEqual([[{ entity: 'u' }]]);

    stopProgress();
    ipcRenderer.emit('tccsd:event', ipcEvent, { event: 'progress', payload: { done: 2 } });
    expect(progress).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount('tccsd:event')).toBe(1);
  });
});

describe('preload source', () => {
  // A sandboxed preload can require only `electron`: everything else must be bundled in or
  // erased as a type. The one bundled module, the channel names, imports nothing.
  const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
  const runtimeImports = (code: string) =>
    [...code.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

  it('imports at run time only electron and the channel names', () => {
    expect(runtimeImports(source('../../electron/preload/index.ts')).sort()).toEqual([
      '../ipc/channels',
      'electron',
    ]);
    expect(source('../../electron/ipc/channels.ts')).not.toMatch(/^import\s/m);
  });
});
