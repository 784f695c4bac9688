/**
 * The sandboxed preload: exposes exactly one function per contract method (`window.plaApi`) and an
 * event subscription (`window.plaEvents`) — never a generic `invoke`, never `ipcRenderer` itself.
 * Bundled by electron-vite into one CommonJS file (out/preload/index.cjs): sandboxed preloads can only
 * `require('electron')` and a few Node shims, and cannot be ES modules.
 *
 * No logic lives here: main checks the sender and parses every input with the method's zod schema.
 * The connection chooser's page (app://pla-desk/connect.html) gets `window.plaConnect` instead, and nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api, CoreEvent, MethodName } from '../contract';
import { CONNECT_CHOOSE, CONNECT_PAGE_URL, CONNECT_PROBE, EVENT_CHANNEL, channelOf, type PlaConnect, type PlaEvents } from './channels';

/**
 * The contract's METHOD_NAMES, inlined at build time by electron.vite.config.ts (`define`), so the
 * preload bundle carries a list of strings instead of zod and every schema.
 */
declare const __PLA_METHOD_NAMES__: readonly MethodName[];

/** `window.plaApi[name](input)` → `ipcRenderer.invoke('pla:<name>', input)`; main answers with a Result. */
const bind = <K extends MethodName>(name: K): Api[K] => ((input: unknown) => ipcRenderer.invoke(channelOf(name), input)) as Api[K];

const plaApi = Object.freeze(Object.fromEntries(__PLA_METHOD_NAMES__.map((name) => [name, bind(name)])) as { [K in MethodName]: Api[K] }) satisfies Api;

const plaEvents = Object.freeze({
  onEvent(cb: (e: CoreEvent) => void): () => void {
    if (typeof cb !== 'function') throw new TypeError('onEvent expects a function');
    // The IpcRendererEvent never reaches the page: it carries `sender` (the ipcRenderer).
    const listener = (_event: IpcRendererEvent, e: CoreEvent) => cb(e);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
}) satisfies PlaEvents;

if ((globalThis as { location?: { href?: string } }).location?.href === CONNECT_PAGE_URL) {
  // The connection chooser (first run, or File → Connection): two functions, and none of the contract's.
  const plaConnect = Object.freeze({
    probe: (address: string) => ipcRenderer.invoke(CONNECT_PROBE, String(address)),
    choose: (choice: unknown) => ipcRenderer.invoke(CONNECT_CHOOSE, choice),
  }) satisfies PlaConnect;
  contextBridge.exposeInMainWorld('plaConnect', plaConnect);
} else {
  contextBridge.exposeInMainWorld('plaApi', plaApi);
  contextBridge.exposeInMainWorld('plaEvents', plaEvents);
}
