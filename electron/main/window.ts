/** The main window: sandboxed, context-isolated renderer on app://pla-desk, with the bundled preload. */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './trusted-url';

export interface MainWindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** Allow DevTools (development builds only). */
  devTools: boolean;
  /** The window's title: which data the app shows (local, or which team server); the page cannot change it. */
  title?: string;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: opts.title ?? 'PLA Desk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open windows (they would be denied anyway by the window-open guard).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (opts.title) win.on('page-title-updated', (e) => e.preventDefault());
  win.webContents.on('render-process-gone', (_e, details) => {
    console.error(`[window] renderer gone: ${details.reason} (exit ${details.exitCode})`);
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
