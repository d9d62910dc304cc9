// A stand-in for the `electron` module: the binary cannot run on our build machines, so the thin
// Electron layer is tested against these fakes (vi.mock('electron', ...) in each test file).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/** Records listeners like an EventEmitter and lets a test fire them with a preventable event. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  /** Fires `name` with a fresh event object; returns whether a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(name) ?? []) {
      (listener as (...a: unknown[]) => unknown)(event, ...args);
    }
    return prevented;
  }
}

export class FakeWebContents extends FakeEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** Resolves with the bytes a test sets (a tiny PDF by default). */
  readonly printToPDF = vi.fn((_options: Record<string, unknown>) =>
    Promise.resolve(Buffer.from('%PDF-1.4\n%%EOF\n')),
  );
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly loadFile = vi.fn((_path: string) => Promise.resolve());
  destroyed = false;
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
  });
  isDestroyed(): boolean {
    return this.destroyed;
  }
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  isMinimized(): boolean {
    return false;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.created.find((w) => w.webContents === contents) ?? null;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve('answer')),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type Check = (...args: unknown[]) => boolean;
type WebRequestListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: Record<string, unknown>) => void,
) => void;

export function createFakeSession() {
  const session = {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as Check | null,
    devicePermissionHandler: null as Check | null,
    beforeRequest: null as WebRequestListener | null,
    headersReceived: null as WebRequestListener | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      session.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Check) {
      session.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: Check) {
      session.devicePermissionHandler = handler;
    },
    webRequest: {
      onBeforeRequest(listener: WebRequestListener) {
        session.beforeRequest = listener;
      },
      onHeadersReceived(listener: WebRequestListener) {
        session.headersReceived = listener;
      },
    },
  };
  return session;
}

export const session = {
  defaultSession: createFakeSession(),
  /** Sessions by partition name, made on first use as Electron does. */
  partitions: new Map<string, ReturnType<typeof createFakeSession>>(),
  fromPartition(name: string) {
    const made = session.partitions.get(name) ?? createFakeSession();
    session.partitions.set(name, made);
    return made;
  },
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const dialog = {
  showErrorBox: vi.fn(),
  /** Answers with the button index a test sets in `nextMessageBoxChoice`. */
  nextMessageBoxChoice: 1,
  showMessageBoxSync: vi.fn((..._args: unknown[]) => dialog.nextMessageBoxChoice),
  showOpenDialog: vi.fn((..._args: unknown[]) =>
    Promise.resolve({ canceled: true, filePaths: [] as string[] }),
  ),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

class FakeApp extends FakeEmitter {
  isPackaged = true;
  singleInstance = true;
  ready: Promise<void> = Promise.resolve();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  /** Chromium switches main sets before `ready` (name → value). */
  readonly switches = new Map<string, string | undefined>();
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => this.switches.set(name, value),
  };
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
}

export const app = new FakeApp();

/** Fresh fakes for a test that imports a module with side effects (main/index.ts). */
export function resetElectronFake(): void {
  FakeBrowserWindow.created = [];
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  session.defaultSession = createFakeSession();
  session.partitions.clear();
  app.listeners.clear();
  app.switches.clear();
  app.isPackaged = true;
  app.singleInstance = true;
  app.ready = Promise.resolve();
  dialog.nextMessageBoxChoice = 1;
  vi.clearAllMocks();
}

export const electronFake = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  protocol,
  session,
};
export default electronFake;
