/**
 * The IPC transport when the desktop app is connected to a team server: the same `pla:<method>` handlers and the
 * same checks as local mode (ipc-dispatch.ts: trusted frame, zod parse), but each call is forwarded to the server
 * with that window's session cookie, which only main holds (remote-core.ts). A signed-in window also receives
 * the server's event stream (job progress, colleagues' saves) on `pla:event`.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Delivery } from '../contract';
import { METHOD_NAMES } from '../contract';
import { EVENT_CHANNEL, channelOf } from '../preload/channels';
import { createDispatcher, type SenderInfo } from './ipc-dispatch';
import type { RemoteClient } from './team/remote';
import { createRemoteCore } from './team/remote-core';
import { isTrustedAppUrl } from './trusted-url';

function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { id: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: !!frame && frame.parent === null && frame === event.sender.mainFrame };
}

export function registerRemoteIpc(client: RemoteClient, origin: string): () => Promise<void> {
  const remote = createRemoteCore(client, origin);
  const dispatcher = createDispatcher(remote);
  const followers = new Map<number, () => void>();
  const watched = new Set<number>();
  const pending = new Set<Promise<void>>();

  const stopFollowing = (id: number) => {
    followers.get(id)?.();
    followers.delete(id);
  };
  /** After each call: a signed-in window follows the server's events; a signed-out one stops. */
  const syncEvents = (id: number) => {
    const jar = remote.jarOf(dispatcher.connectionFor(id));
    if (!jar.cookie) return stopFollowing(id);
    if (followers.has(id)) return;
    followers.set(
      id,
      client.follow(jar, (e) => {
        const wc = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.id === id)?.webContents;
        if (!wc || wc.isDestroyed() || !isTrustedAppUrl(wc.getURL())) return;
        wc.send(EVENT_CHANNEL, e);
      }),
    );
  };

  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), async (event, input: unknown) => {
      const wc = event.sender;
      if (!watched.has(wc.id)) {
        watched.add(wc.id);
        const id = wc.id;
        wc.once('destroyed', () => {
          watched.delete(id);
          stopFollowing(id);
          const p = dispatcher.release(id).finally(() => pending.delete(p));
          pending.add(p);
        });
      }
      const r = await dispatcher.dispatch(name, senderInfo(event), input);
      if (dispatcher.has(wc.id)) syncEvents(wc.id);
      // The server offers a download (it sees a browser): the desktop app saves it where the user says, as in local mode.
      const path = name === 'files.deliver' && r.ok ? (r.value as Delivery).downloadPath : undefined;
      if (path) {
        const win = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.id === wc.id);
        return client.download(path, remote.jarOf(dispatcher.connectionFor(wc.id)), async (suggested) => {
          const options = { defaultPath: suggested };
          const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
        });
      }
      return r;
    });
  }

  return async () => {
    for (const id of [...followers.keys()]) stopFollowing(id);
    for (const name of METHOD_NAMES) ipcMain.removeHandler(channelOf(name));
    // Windows still open at quit: sign them out on the server too.
    for (const win of BrowserWindow.getAllWindows()) if (dispatcher.has(win.webContents.id)) pending.add(dispatcher.release(win.webContents.id));
    await Promise.allSettled([...pending]);
    client.close();
  };
}
