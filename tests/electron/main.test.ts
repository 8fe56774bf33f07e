/**
 * main.ts's wiring, run against a fake of the few Electron APIs it touches (vi.mock: the
 * real electron package is never loaded). The settings themselves are tested as data
 * elsewhere; this checks that main.ts actually applies them.
 */
import { defaultVaultDir } from '../../db/vault/paths';
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL, CSP, SESSION_PARTITION, browserWindowOptions } from '../../electron/window';
import { methods, shellMethods } from '../../shared/api/index';
import { tempDir } from '../helpers';

type Fn = (...args: never[]) => unknown;

function makeFakeElectron(opts: { userData: string; documents: string; singleInstance: boolean; packaged: boolean }) {
  const order: string[] = [];
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const ready = () => {
    order.push('ready');
    resolveReady();
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: opts.packaged,
    getPath: (name: string) => (name === 'userData' ? opts.userData : name === 'documents' ? opts.documents : `/nowhere/${name}`),
    requestSingleInstanceLock: () => opts.singleInstance,
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    whenReady: () => readyPromise,
  });
  const makeSession = () => {
    const s = {
      permissionRequest: null as Fn | null,
      permissionCheck: null as Fn | null,
      headers: null as Fn | null,
      events: new EventEmitter(),
      handled: new Map<string, Fn>(),
      setPermissionRequestHandler: (h: Fn) => void (s.permissionRequest = h),
      setPermissionCheckHandler: (h: Fn) => void (s.permissionCheck = h),
      webRequest: { onHeadersReceived: (h: Fn) => void (s.headers = h) },
      on: (event: string, listener: (...a: unknown[]) => void) => void s.events.on(event, listener),
      protocol: { handle: (scheme: string, h: Fn) => void s.handled.set(scheme, h) },
    };
    return s;
  };
  const partitions = new Map<string, ReturnType<typeof makeSession>>();
  const session = {
    defaultSession: makeSession(),
    fromPartition: (name: string) => {
      const existing = partitions.get(name);
      if (existing) return existing;
      const created = makeSession();
      partitions.set(name, created);
      return created;
    },
  };
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    loaded: string[] = [];
    minimized = true;
    focused = 0;
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused++;
    }
    show() {}
  }
  const ipcHandlers = new Map<string, Fn>();
  const electron = {
    app,
    protocol: { registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')) },
    session,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, h: Fn) => void ipcHandlers.set(channel, h) },
    powerMonitor: new EventEmitter(),
    shell: { openExternal: vi.fn(async () => {}) },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn() },
  };
  return { electron, ready, order, partitions, windows, ipcHandlers };
}

// The mock registry survives vi.resetModules(), so the mocked module forwards every
// export to the fake of the test at hand.
const fake = vi.hoisted((): { current: Record<string, unknown> } => ({ current: {} }));
vi.mock('electron', () => {
  const names = ['app', 'protocol', 'session', 'Menu', 'BrowserWindow', 'ipcMain', 'powerMonitor', 'shell', 'dialog'];
  const forward = {};
  for (const name of names) Object.defineProperty(forward, name, { enumerable: true, get: () => fake.current[name] });
  return forward;
});

async function startMain(opts: { singleInstance?: boolean; packaged?: boolean } = {}) {
  const root = tempDir('registre-main-');
  const f = makeFakeElectron({
    userData: join(root, 'profile'),
    documents: join(root, 'documents'),
    singleInstance: opts.singleInstance ?? true,
    packaged: opts.packaged ?? true,
  });
  fake.current = f.electron;
  vi.resetModules();
  await import('../../electron/main');
  f.ready();
  await vi.waitFor(() => expect(f.windows.length).toBe(1));
  return { ...f, root };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('main process wiring', () => {
  it('quits at once when another instance holds the lock', async () => {
    const f = makeFakeElectron({ userData: tempDir(), documents: tempDir(), singleInstance: false, packaged: true });
    fake.current = f.electron;
    vi.resetModules();
    await import('../../electron/main');
    f.ready();
    await new Promise((r) => setTimeout(r, 20));
    expect(f.electron.app.quit).toHaveBeenCalled();
    expect(f.electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(f.windows).toEqual([]);
    expect(f.ipcHandlers.size).toBe(0);
  });

  it('registers the scheme and the sandbox before ready, then opens the hardened window', async () => {
    const f = await startMain();
    expect(f.order).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'ready']);
    const win = f.windows[0]!;
    expect(win.options).toEqual(browserWindowOptions(expect.stringMatching(/preload\.cjs$/) as unknown as string, { devTools: false }));
    expect(win.loaded).toEqual([APP_INDEX_URL]);
  });

  it('denies every permission and sets the CSP on both sessions', async () => {
    const f = await startMain();
    const sessions = [f.electron.session.defaultSession, f.partitions.get(SESSION_PARTITION)!];
    expect(sessions[1]).toBeDefined();
    for (const s of sessions) {
      const answers: boolean[] = [];
      s.permissionRequest?.(...([null, 'media', (ok: boolean) => answers.push(ok)] as never[]));
      expect(answers).toEqual([false]);
      expect(s.permissionCheck?.()).toBe(false);
      let headers: unknown;
      s.headers?.(...([{ responseHeaders: { 'X-Other': ['1'] } }, (r: { responseHeaders: unknown }) => (headers = r.responseHeaders)] as never[]));
      expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CSP] });
      const download = { prevented: false, preventDefault: () => void (download.prevented = true) };
      s.events.emit('will-download', download);
      expect(download.prevented).toBe(true);
    }
  });

  it('serves app:// from the renderer folder on the app session only', async () => {
    const f = await startMain();
    expect(f.electron.session.defaultSession.handled.size).toBe(0);
    const handler = f.partitions.get(SESSION_PARTITION)?.handled.get('app');
    expect(handler).toBeDefined();
    const res = (await handler?.(...([{ url: 'app://registre/%2e%2e%2fmain.cjs', method: 'GET' }] as never[]))) as Response;
    expect(res.status).toBe(404);
  });

  it('registers exactly the API channels', async () => {
    const f = await startMain();
    expect([...f.ipcHandlers.keys()].sort()).toEqual([...methods, ...shellMethods].map((m) => `registre:${m}`).sort());
    const status = await f.ipcHandlers.get('registre:vault.status')?.(...([{ senderFrame: { url: APP_INDEX_URL } }, {}] as never[]));
    expect(status).toMatchObject({ ok: true, data: { state: 'absent', vaultDir: defaultVaultDir() } });
    const refused = await f.ipcHandlers.get('registre:vault.status')?.(...([{ senderFrame: { url: 'https://evil.example/' } }, {}] as never[]));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens the vault folder saved in config.json', async () => {
    const root = tempDir('registre-main-');
    const saved = join(root, 'elsewhere', 'vault');
    mkdirSync(join(root, 'profile'), { recursive: true });
    writeFileSync(join(root, 'profile', 'config.json'), JSON.stringify({ vaultDir: saved }));
    const f = makeFakeElectron({ userData: join(root, 'profile'), documents: join(root, 'documents'), singleInstance: true, packaged: true });
    fake.current = f.electron;
    vi.resetModules();
    await import('../../electron/main');
    f.ready();
    await vi.waitFor(() => expect(f.ipcHandlers.size).toBeGreaterThan(0));
    const status = await f.ipcHandlers.get('registre:vault.status')?.(...([{ senderFrame: { url: APP_INDEX_URL } }, {}] as never[]));
    expect(status).toMatchObject({ ok: true, data: { vaultDir: saved } });
  });

  it('hardens every new webContents and focuses the window on a second launch', async () => {
    const f = await startMain();
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as Fn | null,
      setWindowOpenHandler(h: Fn) {
        this.openHandler = h;
      },
    });
    f.electron.app.emit('web-contents-created', {}, contents);
    const nav = { prevented: false, preventDefault: () => void (nav.prevented = true) };
    contents.emit('will-navigate', nav, 'https://example.org/');
    expect(nav.prevented).toBe(true);
    expect(f.electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
    expect(contents.openHandler?.(...([{ url: 'https://example.org/x' }] as never[]))).toEqual({ action: 'deny' });

    f.electron.app.emit('second-instance');
    expect(f.windows[0]!.focused).toBe(1);
    expect(f.windows[0]!.minimized).toBe(false);
  });

  it('builds the menu without developer tools when packaged, with them in development', async () => {
    const packaged = await startMain({ packaged: true });
    expect(JSON.stringify(packaged.electron.Menu.setApplicationMenu.mock.calls)).not.toMatch(/toggleDevTools|reload/);
    const dev = await startMain({ packaged: false });
    expect(JSON.stringify(dev.electron.Menu.setApplicationMenu.mock.calls)).toMatch(/toggleDevTools/);
    expect((dev.windows[0]!.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
  });

  it('quits when the window closes, after locking the vault', async () => {
    const f = await startMain();
    f.electron.app.emit('window-all-closed');
    expect(f.electron.app.quit).toHaveBeenCalledTimes(1);
    const quit = { prevented: false, preventDefault: () => void (quit.prevented = true) };
    f.electron.app.emit('before-quit', quit);
    expect(quit.prevented).toBe(true);
    await vi.waitFor(() => expect(f.electron.app.quit).toHaveBeenCalledTimes(2));
  });
});
