/**
 * Composition root of the Electron main process — the only place (with the preload) that touches
 * Electron. Everything the product does lives in core (plain Node); this file wires core to a window.
 *
 * Order matters: privileged scheme + data dir + single-instance lock before `ready`; then security
 * guards, the app:// handler, core, IPC, menu and the window.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import type { Core } from '../core/types';
import { chooseConnection } from './connection-window';
import { registerIpc } from './ipc';
import { registerRemoteIpc } from './ipc-remote';
import { pinMismatchMessage } from './team/pin';
import { createRemoteClient } from './team/remote';
import { loadConnectionSettings, modeLabel, type ConnectionSettings, type TeamSettings } from './team/settings';
import { installMenu } from './menu';
import { chooseNativeBinding, resolveDataDir } from './paths';
import { createElectronPlatform } from './platform-electron';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { installSecurityGuards } from './security';
import { createMainWindow } from './window';

/** out/main/index.js → the app root (the repo in development, app.asar when packaged). */
const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
const PRELOAD_PATH = path.join(APP_ROOT, 'out', 'preload', 'index.cjs');

registerAppScheme();
app.enableSandbox();

const { dir: dataDir, explicit: explicitDataDir } = resolveDataDir({
  argv: process.argv,
  env: process.env,
  defaultDir: app.getPath('userData'),
});
if (explicitDataDir) {
  // Tests and `--data-dir` runs keep Chromium's profile (and the single-instance lock) inside the data dir.
  const profile = path.join(dataDir, 'electron-profile');
  mkdirSync(profile, { recursive: true });
  app.setPath('userData', profile);
}

let core: Core | null = null;
/** Team mode: the server this app is connected to (no local core then). */
let teamServer: TeamSettings | null = null;
/** Where the connection choice is remembered: the user's data folder (the data dir's profile under --data-dir). */
const settingsDir = app.getPath('userData');
let mainWindow: BrowserWindow | null = null;
let disposeIpc: (() => Promise<void>) | null = null;
let shutdown: 'running' | 'closing' | 'closed' = 'running';

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, devTools: !app.isPackaged, title: modeLabel(teamServer) });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  installSecurityGuards();
  handleAppProtocol(session.defaultSession, RENDERER_DIR);
  installMenu({ devTools: !app.isPackaged, onConnection: () => void changeConnection() });

  // First run asks where the data lives (not under --data-dir, which is local by definition: tests, portable runs).
  let choice: ConnectionSettings | null = loadConnectionSettings(settingsDir);
  if (!choice && !explicitDataDir) {
    choice = await chooseConnection({ preloadPath: PRELOAD_PATH, settingsDir });
    if (!choice) {
      app.quit();
      return;
    }
  }
  if (choice?.mode === 'team') return startTeam(choice);

  const nativeBinding = chooseNativeBinding({ isPackaged: app.isPackaged, appRoot: APP_ROOT, exists: existsSync });
  let created: Core;
  try {
    created = await createCore({
      dataDir,
      lock: true,
      platform: createElectronPlatform(() => BrowserWindow.getFocusedWindow() ?? mainWindow),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    console.error('[main] core failed to start', e);
    dialog.showErrorBox(
      'PLA Desk nu a putut porni',
      `Baza de date din ${dataDir} nu a putut fi deschisă.\n\n${detail}\n\n` + `PLA Desk could not open the database in ${dataDir}.`,
    );
    app.exit(1);
    return;
  }

  core = created;
  disposeIpc = registerIpc(created);
  showMainWindow();
}

/** Team mode: contract calls go to the server through main (the pinned certificate and the session stay here). */
function startTeam(settings: TeamSettings): void {
  teamServer = settings;
  let warned = false;
  const client = createRemoteClient(settings, {
    onPinMismatch: (e) => {
      if (warned) return;
      warned = true;
      dialog.showErrorBox('Certificatul serverului echipei s-a schimbat', pinMismatchMessage(settings.origin, e.expected, e.actual));
    },
  });
  disposeIpc = registerRemoteIpc(client, settings.origin);
  showMainWindow();
}

/** File → Connection…: choose again; the app restarts in the chosen mode. */
async function changeConnection(): Promise<void> {
  const choice = await chooseConnection({ preloadPath: PRELOAD_PATH, settingsDir, parent: mainWindow });
  if (!choice) return;
  app.relaunch();
  app.quit();
}

async function closeCore(): Promise<void> {
  const dispose = disposeIpc;
  disposeIpc = null;
  if (dispose) await dispose();
  const c = core;
  core = null;
  if (c) await c.close();
}

if (!app.requestSingleInstanceLock()) {
  // Another PLA Desk already runs on this data dir: it gets focused (second-instance below).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady() && (core || teamServer)) showMainWindow();
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  // After every window has closed: close core (checkpoint and close the database) before exiting.
  app.on('will-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    closeCore()
      .catch((e: unknown) => console.error('[main] closing core failed', e))
      .finally(() => {
        shutdown = 'closed';
        app.quit();
      });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  start().catch((e: unknown) => {
    console.error('[main] startup failed', e);
    app.exit(1);
  });
}
