/**
 * Runs: node (tests only). An in-memory stand-in for the parts of the `electron` module the
 * shell uses. Tests install it with
 *   vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule)
 * and inspect it through `fake`.
 */
import { EventEmitter } from 'node:events';

/** An Electron `Event` (also the `details` of `will-navigate`/`will-redirect`). */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly loaded: string[] = [];
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  crashes = 0;
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emit a cancellable event as Electron does; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    const e = new FakeEvent();
    this.emit(name, e, ...args);
    return e.defaultPrevented;
  }
  /** `will-navigate` / `will-redirect` carry the URL on the event itself. */
  navigate(name: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const e = new FakeEvent(url);
    this.emit(name, e, url);
    return e.defaultPrevented;
  }
  key(input: { key: string; control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }): boolean {
    return this.fire('before-input-event', { type: 'keyDown', control: false, shift: false, alt: false, meta: false, ...input });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  shown = false;
  menuRemoved = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  /** Emit a cancellable window event (`close`); returns whether it was prevented. */
  fire(name: string): boolean {
    const e = new FakeEvent();
    this.emit(name, e);
    return e.defaultPrevented;
  }
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type RequestListener = (details: { url: string; responseHeaders?: Record<string, string | string[]> }, callback: (r: Record<string, unknown>) => void) => void;

class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string) => boolean) | undefined;
  devicePermissionHandler: ((details: unknown) => boolean) | undefined;
  beforeRequest: RequestListener | undefined;
  headersReceived: RequestListener | undefined;
  readonly webRequest = {
    onBeforeRequest: (l: RequestListener) => {
      this.beforeRequest = l;
    },
    onHeadersReceived: (l: RequestListener) => {
      this.headersReceived = l;
    },
  };
  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: (wc: unknown, permission: string, origin: string) => boolean): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: (details: unknown) => boolean): void {
    this.devicePermissionHandler = h;
  }
  /** What the webRequest listener answers for `url`. */
  request(url: string): Record<string, unknown> {
    let answer: Record<string, unknown> = {};
    this.beforeRequest?.({ url }, (r) => (answer = r));
    return answer;
  }
  headers(url: string, responseHeaders: Record<string, string | string[]>): Record<string, unknown> {
    let answer: Record<string, unknown> = {};
    this.headersReceived?.({ url, responseHeaders }, (r) => (answer = r));
    return answer;
  }
}

class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  quits = 0;
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quits++;
  }
  exit(): void {}
  enableSandbox(): void {}
  getPath(): string {
    return '/tmp/lane-user-data';
  }
}

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** Invoke `channel` as a renderer whose frame is at `frameUrl` would. */
  invoke(channel: string, frameUrl: string | null, ...args: unknown[]): unknown {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

class FakePowerSaveBlocker {
  readonly active = new Map<number, string>();
  private next = 1;
  start(type: string): number {
    const id = this.next++;
    this.active.set(id, type);
    return id;
  }
  stop(id: number): void {
    this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: string[] = [];
  invokeReply: unknown = undefined;
  invoke(channel: string): Promise<unknown> {
    this.invoked.push(channel);
    return Promise.resolve(this.invokeReply);
  }
}

export const app = new FakeApp();
const session = new FakeSession();
const ipcMain = new FakeIpcMain();
const ipcRenderer = new FakeIpcRenderer();
const powerSaveBlocker = new FakePowerSaveBlocker();

export const fake = {
  windows: [] as FakeBrowserWindow[],
  session,
  ipcMain,
  ipcRenderer,
  powerSaveBlocker,
  menu: { set: false as boolean, value: undefined as unknown },
  exposed: {} as Record<string, unknown>,
  lastWindow(): FakeBrowserWindow {
    const w = fake.windows.at(-1);
    if (!w) throw new Error('no window created');
    return w;
  },
  /** Forget everything: windows, handlers, listeners. */
  reset(): void {
    fake.windows.length = 0;
    session.removeAllListeners();
    session.permissionRequestHandler = session.permissionCheckHandler = session.devicePermissionHandler = undefined;
    session.beforeRequest = session.headersReceived = undefined;
    ipcMain.handlers.clear();
    ipcRenderer.removeAllListeners();
    ipcRenderer.invoked.length = 0;
    ipcRenderer.invokeReply = undefined;
    powerSaveBlocker.active.clear();
    fake.menu = { set: false, value: undefined };
    fake.exposed = {};
    app.removeAllListeners();
    app.lock = true;
    app.isPackaged = false;
    app.quits = 0;
  },
};

/** The module object `vi.mock('electron')` returns. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Menu: {
    setApplicationMenu(menu: unknown): void {
      fake.menu = { set: true, value: menu };
    },
  },
  session: { defaultSession: session },
  ipcMain,
  ipcRenderer,
  powerSaveBlocker,
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      fake.exposed[key] = api;
    },
  },
};
