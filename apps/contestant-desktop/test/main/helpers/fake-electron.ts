/**
 * A recording stand-in for the `electron` module, used only to boot the real main bundle in a
 * test (main-wiring.test.ts) where the Electron binary cannot run: it records what main
 * registers (IPC handlers, protocol handler, session hooks, window options and listeners) so
 * the test can fire events at them. It implements no Electron behaviour beyond that.
 */
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

export interface FakeElectronRecord {
  schemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  app: Emitter & { quitCalls: number; exitCodes: number[] };
  session: Emitter & { permissionRequest?: Listener; permissionCheck?: Listener; certificateVerify?: Listener; headersReceived?: Listener };
  windows: FakeBrowserWindow[];
  errors: string[];
  ready(): void;
}

class FakeWebContents extends Emitter {
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Listener | null = null;
  readonly mainFrame = { url: 'app://arena/index.html', parent: null };
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  async setVisualZoomLevelLimits(): Promise<void> {}
  setZoomFactor(): void {}
}

class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  contentProtection = false;
  menuRemoved = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    record.windows.push(this);
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  setMenuBarVisibility(): void {}
  setContentProtection(on: boolean): void {
    this.contentProtection = on;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {}
  focus(): void {}
}

let resolveReady: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => { resolveReady = resolve; });

const record: FakeElectronRecord = {
  schemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  app: Object.assign(new Emitter(), { quitCalls: 0, exitCodes: [] as number[] }),
  session: new Emitter(),
  windows: [],
  errors: [],
  ready: () => resolveReady(),
};
(globalThis as { __fakeElectron?: FakeElectronRecord }).__fakeElectron = record;

export const app = Object.assign(record.app, {
  isPackaged: false,
  setName(): void {},
  enableSandbox(): void {},
  requestSingleInstanceLock: () => true,
  whenReady: () => readyPromise,
  getVersion: () => '0.0.0-test',
  getPath: (name: string) => {
    const dir = (globalThis as { __fakeElectronUserData?: string }).__fakeElectronUserData;
    if ((name !== 'userData' && name !== 'downloads') || dir === undefined) throw new Error(`unexpected getPath(${name})`);
    return `${dir}/${name}`;
  },
  quit(): void {
    record.app.quitCalls += 1;
  },
  exit(code: number): void {
    record.app.exitCodes.push(code);
  },
});

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record.schemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    record.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>): void {
    record.ipcHandlers.set(channel, handler);
  },
};

export const session = {
  defaultSession: Object.assign(record.session, {
    setPermissionRequestHandler(h: Listener): void { record.session.permissionRequest = h; },
    setPermissionCheckHandler(h: Listener): void { record.session.permissionCheck = h; },
    setDevicePermissionHandler(): void {},
    setDisplayMediaRequestHandler(): void {},
    setCertificateVerifyProc(h: Listener): void { record.session.certificateVerify = h; },
    webRequest: { onHeadersReceived(h: Listener): void { record.session.headersReceived = h; } },
  }),
};

export const screen = Object.assign(new Emitter(), { getAllDisplays: () => [{ id: 1 }] });
export const powerMonitor = new Emitter();
export const net = { fetch: (url: string, init?: RequestInit) => fetch(url, init) };
export const dialog = { showErrorBox: (title: string, message: string) => void record.errors.push(`${title}: ${message}`) };
export const BrowserWindow = FakeBrowserWindow;
export const contextBridge = { exposeInMainWorld(): void {} };
export const ipcRenderer = {};
