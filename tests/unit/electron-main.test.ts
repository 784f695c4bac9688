/**
 * The main-process composition (index.ts), the app:// handler and the Electron PlatformPort, with
 * `electron` and core replaced by vi.mock factories — the real Electron package is never loaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({
  order: [] as string[],
  appListeners: new Map<string, ((...a: any[]) => unknown)[]>(),
  paths: new Map<string, string>(),
  windows: [] as any[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
  saveResult: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  saveCalls: [] as any[],
  createCore: null as null | ((o: any) => Promise<any>),
  gotLock: true,
  readyResolve: null as null | (() => void),
  quitCalls: 0,
  exitCalls: [] as number[],
}));

vi.mock('electron', () => {
  class FakeWebContents {
    id = 1;
    handlers = new Map<string, unknown>();
    on() {}
    once() {}
    setWindowOpenHandler() {}
  }
  class BrowserWindow {
    static getAllWindows = () => m.windows;
    static getFocusedWindow = () => null;
    options: any;
    url = '';
    webContents = new FakeWebContents();
    constructor(options: any) {
      this.options = options;
      m.order.push('window');
      m.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(u: string) {
      this.url = u;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  const ready = new Promise<void>((res) => (m.readyResolve = res));
  const app = {
    isPackaged: false,
    getPath: (name: string) => m.paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => m.paths.set(name, value),
    getVersion: () => '0.1.0',
    enableSandbox: () => m.order.push('enableSandbox'),
    requestSingleInstanceLock: () => {
      m.order.push('lock');
      return m.gotLock;
    },
    whenReady: () => ready,
    isReady: () => true,
    on: (ev: string, l: (...a: any[]) => unknown) => {
      if (!m.appListeners.has(ev)) m.appListeners.set(ev, []);
      m.appListeners.get(ev)!.push(l);
    },
    quit: () => {
      m.quitCalls++;
    },
    exit: (code: number) => m.exitCalls.push(code),
  };
  const fakeSession = {
    protocol: { handle: (scheme: string, h: any) => (m.order.push(`handle:${scheme}`), m.protocolHandlers.set(scheme, h)) },
    setPermissionRequestHandler: () => m.order.push('permissions'),
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    on: () => {},
  };
  return {
    app,
    BrowserWindow,
    session: { defaultSession: fakeSession },
    protocol: { registerSchemesAsPrivileged: (s: any) => m.order.push(`privileged:${JSON.stringify(s)}`) },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    dialog: {
      showSaveDialog: async (...a: any[]) => {
        m.saveCalls.push(a);
        return m.saveResult;
      },
      showErrorBox: (...a: any[]) => m.order.push(`errorBox:${a[0]}`),
      showMessageBox: async () => ({}),
    },
    Menu: { setApplicationMenu: () => m.order.push('menu'), buildFromTemplate: (t: any) => t },
    shell: { openExternal: async () => {} },
    // No OS keychain here: core seals secrets with its key file instead.
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
  };
});

vi.mock('../../electron/core', () => ({
  createCore: (o: any) => {
    m.order.push('createCore');
    return m.createCore!(o);
  },
}));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-main-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('app:// protocol handler', () => {
  const root = path.join(tmp, 'renderer');
  let handler: (req: Request) => Promise<Response>;
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>PLA</p>');
    fs.writeFileSync(path.join(root, 'assets', 'a.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
    const { handleAppProtocol } = await import('../../electron/main/protocol');
    const seen = new Map<string, any>();
    handleAppProtocol({ protocol: { handle: (s: string, h: any) => seen.set(s, h) } } as never, root);
    handler = seen.get('app');
  });

  it('serves files with their type and the CSP header', async () => {
    const res = await handler(new Request('app://pla-desk/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('PLA');
    const js = await handler(new Request('app://pla-desk/assets/a.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal, other hosts, missing files and writes', async () => {
    expect((await handler(new Request('app://pla-desk/..%2fsecret.txt'))).status).toBe(403);
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(403);
    expect((await handler(new Request('app://pla-desk/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://pla-desk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request('app://pla-desk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('Electron PlatformPort', () => {
  it('copies the file where the user chose, or reports a cancel', async () => {
    const { createElectronPlatform } = await import('../../electron/main/platform-electron');
    const src = path.join(tmp, 'export.xlsx');
    fs.writeFileSync(src, 'xlsx-bytes');
    const platform = createElectronPlatform(() => null);
    expect(platform.mode).toBe('electron');

    const dest = path.join(tmp, 'chosen.xlsx');
    m.saveResult = { canceled: false, filePath: dest };
    const saved = await platform.deliverFile({ path: src, open: () => fs.createReadStream(src), suggestedName: '../Raport PLA.xlsx', kind: 'export', id: 'x' });
    expect(saved).toEqual({ savedTo: dest });
    expect(fs.readFileSync(dest, 'utf8')).toBe('xlsx-bytes');
    const opts = m.saveCalls.at(-1)[0];
    expect(path.basename(opts.defaultPath)).toBe('Raport PLA.xlsx');
    expect(opts.filters[0].extensions).toEqual(['xlsx']);

    m.saveResult = { canceled: true };
    expect(await platform.deliverFile({ path: src, open: () => fs.createReadStream(src), suggestedName: 'a.xlsx', kind: 'export', id: 'x' })).toEqual({
      savedTo: null,
    });
  });
});

describe('composition root (electron/main/index.ts)', () => {
  it('registers the scheme before ready, starts core on the data dir, then opens a hardened window; closes core on quit', async () => {
    const dataDir = path.join(tmp, 'data');
    vi.stubEnv('PLA_DESK_DATA_DIR', dataDir);
    const close = vi.fn(async () => {});
    let coreOptions: any;
    m.createCore = async (o) => {
      coreOptions = o;
      return { dataDir, call: vi.fn(), onEvent: () => () => {}, resolveFile: vi.fn(), close };
    };
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    await import('../../electron/main/index');
    // index.ts forwards SIGINT/SIGTERM to app.quit(); keep this test worker's own signal handling.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(sig)) if (!before[sig].includes(l)) process.removeListener(sig, l);
    }

    // Before ready: privileged scheme, sandbox, lock — and Chromium's profile moved into the data dir.
    expect(m.order[0]).toMatch(/^privileged:.*"scheme":"app".*"standard":true.*"secure":true.*"supportFetchAPI":true/);
    expect(m.order.slice(1, 3)).toEqual(['enableSandbox', 'lock']);
    expect(m.paths.get('userData')).toBe(path.join(dataDir, 'electron-profile'));
    expect(m.order).not.toContain('createCore');

    m.readyResolve!();
    await vi.waitFor(() => expect(m.order).toContain('window'));
    const sequence = m.order.filter((s) => ['permissions', 'handle:app', 'menu', 'createCore', 'window'].includes(s));
    expect(sequence).toEqual(['permissions', 'handle:app', 'menu', 'createCore', 'window']);
    expect(coreOptions.dataDir).toBe(dataDir);
    expect(coreOptions.platform.mode).toBe('electron');
    const expectedBinding = path.resolve(__dirname, '../../.cache/electron-native/better_sqlite3.node');
    expect(coreOptions.nativeBinding).toBe(fs.existsSync(expectedBinding) ? expectedBinding : undefined);

    const win = m.windows.at(-1);
    expect(win.url).toBe('app://pla-desk/index.html');
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(path.resolve(__dirname, '../../out/preload/index.cjs'));

    // Quit: will-quit is held until core has closed, then quit proceeds.
    const willQuit = m.appListeners.get('will-quit')![0];
    const ev = { preventDefault: vi.fn() };
    willQuit(ev);
    expect(ev.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(m.quitCalls).toBeGreaterThan(0));
    const ev2 = { preventDefault: vi.fn() };
    willQuit(ev2);
    expect(ev2.preventDefault).not.toHaveBeenCalled();
    vi.unstubAllEnvs();
  });
});
