/**
 * A stand-in for the `electron` module, just enough for out/main/index.js to boot in plain Node:
 * records IPC handlers, protocol handlers and windows so drive.mjs can call them like Electron would.
 */
export const handlers = new Map();
export const protocols = new Map();
export const windows = [];
export const log = [];
const listeners = new Map();
let quitting = false;

const paths = new Map();

export const app = {
  isPackaged: false,
  getPath: (name) => paths.get(name) ?? `/nonexistent/${name}`,
  setPath: (name, value) => {
    paths.set(name, value);
    log.push(`setPath:${name}:${value}`);
  },
  relaunch: () => log.push('relaunch'),
  getVersion: () => '0.0.0-stub',
  enableSandbox: () => log.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  on: (event, listener) => listeners.set(event, listener),
  quit: () => {
    const willQuit = listeners.get('will-quit');
    if (willQuit && !quitting) {
      quitting = true;
      willQuit({ preventDefault: () => log.push('will-quit held') });
    } else {
      log.push('quit');
      globalThis.__stubQuit?.();
    }
  },
  exit: (code) => {
    log.push(`exit:${code}`);
    globalThis.__stubQuit?.(code);
  },
};

class WebContents {
  constructor() {
    this.id = 1;
    this.mainFrame = { url: 'app://pla-desk/index.html', parent: null };
    this.sent = [];
  }
  on() {}
  once() {}
  setWindowOpenHandler() {}
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.mainFrame.url;
  }
  send(...args) {
    this.sent.push(args);
  }
}

export class BrowserWindow {
  static getAllWindows = () => windows;
  static getFocusedWindow = () => null;
  constructor(options) {
    this.options = options;
    this.webContents = new WebContents();
    windows.push(this);
  }
  once() {}
  on() {}
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
}

const defaultSession = {
  protocol: { handle: (scheme, handler) => protocols.set(scheme, handler) },
  setPermissionRequestHandler: () => log.push('permissionRequestHandler'),
  setPermissionCheckHandler: () => log.push('permissionCheckHandler'),
  setDevicePermissionHandler: () => {},
  on: () => {},
};
export const session = { defaultSession };
export const protocol = { registerSchemesAsPrivileged: (schemes) => log.push(`privileged:${schemes.map((s) => s.scheme).join(',')}`) };
export const ipcMain = { handle: (ch, h) => handlers.set(ch, h), removeHandler: (ch) => handlers.delete(ch) };
export const dialog = {
  showErrorBox: (title, body) => log.push(`errorBox:${title}:${body}`),
  showSaveDialog: async () => ({ canceled: true }),
  showMessageBox: async () => ({ response: 0 }),
};
export const Menu = { setApplicationMenu: () => log.push('menu'), buildFromTemplate: (t) => t };
export const shell = { openExternal: async () => {} };
/** Electron's safeStorage (OS keychain / DPAPI): here a reversible stand-in, enough for main to seal and open secrets. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`stub:${s}`, 'utf8'),
  decryptString: (b) =>
    Buffer.from(b)
      .toString('utf8')
      .replace(/^stub:/, ''),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

export default { app, BrowserWindow, session, protocol, ipcMain, dialog, Menu, shell, safeStorage };
