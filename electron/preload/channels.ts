/**
 * The IPC wire names shared by main (ipcMain.handle) and the preload (ipcRenderer.invoke). Pure: no
 * `electron` import, so main's pure modules and the unit tests can use it.
 */
import type { MethodName } from '../contract';

export const CHANNEL_PREFIX = 'pla:';
/** main → renderer pushes (job progress). */
export const EVENT_CHANNEL = 'pla:event';

export type MethodChannel<K extends MethodName = MethodName> = `pla:${K}`;
export const channelOf = <K extends MethodName>(name: K): MethodChannel<K> => `${CHANNEL_PREFIX}${name}` as MethodChannel<K>;

export type { PlaEvents } from '../contract';

/** The connection chooser (electron/main/connection-window.ts): its page, and its two channels. */
export const CONNECT_PAGE_URL = 'app://pla-desk/connect.html';
export const CONNECT_PROBE = 'pla-connect:probe';
export const CONNECT_CHOOSE = 'pla-connect:choose';

export type { ConnectChoice, ConnectProbe, PlaConnect } from '../contract';
