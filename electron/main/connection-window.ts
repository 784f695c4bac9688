/**
 * The connection chooser's window (Electron glue; the steps are in team/connect-flow.ts, the remembered choice in
 * team/settings.ts). Resolves with the user's choice, already saved, or null when they closed the window.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { CONNECT_CHOOSE, CONNECT_PAGE_URL, CONNECT_PROBE, type ConnectProbe } from '../preload/channels';
import { confirmServer, probeServer } from './team/connect-flow';
import { saveConnectionSettings, type ConnectionSettings } from './team/settings';

const choiceInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('team'), address: z.string().max(2000), fingerprint: z.string().max(200) }).strict(),
]);

const fromChooser = (e: IpcMainInvokeEvent) => !!e.senderFrame && e.senderFrame.parent === null && e.senderFrame.url === CONNECT_PAGE_URL;

export function chooseConnection(opts: { preloadPath: string; settingsDir: string; parent?: BrowserWindow | null }): Promise<ConnectionSettings | null> {
  return new Promise((resolve) => {
    let chosen: ConnectionSettings | null = null;
    const win = new BrowserWindow({
      width: 640,
      height: 560,
      resizable: false,
      title: 'PLA Desk — conexiune',
      show: false,
      ...(opts.parent ? { parent: opts.parent, modal: true } : {}),
      // The same hardening as the main window (window.ts), written out here on purpose: the security scan in
      // tests/config (electronegativity) reads webPreferences where each BrowserWindow is made, not through a helper.
      // The navigation and window-open guards apply to every window.
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
        disableBlinkFeatures: 'Auxclick',
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        devTools: false,
      },
    });
    const done = () => {
      ipcMain.removeHandler(CONNECT_PROBE);
      ipcMain.removeHandler(CONNECT_CHOOSE);
      resolve(chosen);
    };
    ipcMain.handle(CONNECT_PROBE, async (e, address: unknown): Promise<ConnectProbe> => {
      if (!fromChooser(e) || typeof address !== 'string' || address.length > 2000) return { ok: false, message: 'Cerere refuzată.' };
      const p = await probeServer(address);
      return p.ok ? { ok: true, origin: p.origin, fingerprint: p.certificate.fingerprint, subject: p.certificate.subject, validTo: p.certificate.validTo } : p;
    });
    ipcMain.handle(CONNECT_CHOOSE, async (e, input: unknown) => {
      const parsed = choiceInput.safeParse(input);
      if (!fromChooser(e) || !parsed.success) return { ok: false, message: 'Cerere refuzată.' };
      let settings: ConnectionSettings;
      if (parsed.data.mode === 'local') settings = { mode: 'local' };
      else {
        const r = await confirmServer(parsed.data.address, parsed.data.fingerprint);
        if (!r.ok) return r;
        settings = r.settings;
      }
      try {
        saveConnectionSettings(opts.settingsDir, settings);
      } catch (err) {
        return { ok: false, message: `Alegerea nu a putut fi salvată în ${opts.settingsDir}: ${(err as Error).message}` };
      }
      chosen = settings;
      win.close();
      return { ok: true };
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', done);
    void win.loadURL(CONNECT_PAGE_URL);
  });
}
