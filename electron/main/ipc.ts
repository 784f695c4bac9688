/**
 * Electron IPC transport: one `ipcMain.handle` per contract method on `pla:<method>` (never a generic
 * channel). The checks (trusted sender frame, zod input parse) are in ipc-dispatch.ts; this file only
 * wires them to Electron and forwards core's events to the app's windows on `pla:event`.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type CoreEvent } from '../contract';
import type { Core } from '../core/types';
import { EVENT_CHANNEL, channelOf } from '../preload/channels';
import { createDispatcher, type SenderInfo } from './ipc-dispatch';
import { isTrustedAppUrl } from './trusted-url';

function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    id: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: !!frame && frame.parent === null && frame === event.sender.mainFrame,
  };
}

/**
 * Registers every method handler and the event forwarder. The returned function removes them and
 * resolves once pending sign-outs (of closed windows) have finished, so core can then be closed.
 */
export function registerIpc(core: Core): () => Promise<void> {
  const dispatcher = createDispatcher(core);
  const watched = new Set<number>();
  const pending = new Set<Promise<void>>();

  const watch = (event: IpcMainInvokeEvent) => {
    const wc = event.sender;
    const id = wc.id;
    if (watched.has(id)) return;
    watched.add(id);
    wc.once('destroyed', () => {
      watched.delete(id);
      const p = dispatcher.release(id).finally(() => pending.delete(p));
      pending.add(p);
    });
  };

  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), (event, input: unknown) => {
      watch(event);
      return dispatcher.dispatch(name, senderInfo(event), input);
    });
  }

  // A job's events go only to the windows signed in as the user who started it; a data-changed notice to every
  // signed-in window whose role may read the module.
  const stopEvents = core.onEvent((e: CoreEvent, audience) => {
    if (!audience.userId && !audience.everyone) return;
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      if (wc.isDestroyed() || !dispatcher.has(wc.id) || !isTrustedAppUrl(wc.getURL())) continue;
      const conn = dispatcher.connectionFor(wc.id);
      const uid = core.userOf(conn);
      if (uid === null || (!audience.everyone && uid !== audience.userId)) continue;
      const roles = audience.roles;
      if (!audience.everyone || !roles) wc.send(EVENT_CHANNEL, e);
      else
        void core.roleOf(conn).then(
          (role) => {
            if (role && roles.includes(role) && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, e);
          },
          () => {},
        );
    }
  });

  return async () => {
    stopEvents();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(channelOf(name));
    await Promise.allSettled([...pending]);
  };
}
