/**
 * The globals the Electron preload (electron/preload/index.ts) exposes through contextBridge.
 * Absent in browser mode: read them through `plaGlobals()` (./window.ts), which types them as optional.
 * (Kept in step with electron/preload/channels.ts `PlaEvents`; the renderer may import only the contract.)
 */
import type { Api, CoreEvent } from '../../../electron/contract';

declare global {
  interface Window {
    /** One async function per contract method, each resolving to a `Result` (errors are data). */
    plaApi: Api;
    /** Core pushes (job progress); `onEvent` returns the unsubscribe function. */
    plaEvents: { onEvent(cb: (e: CoreEvent) => void): () => void };
  }
}

export {};
