import type { Api, CoreEvent } from '../../../electron/contract';

/**
 * What the Electron preload exposes. Declared here as optional (the preload's own global declaration,
 * renderer/src/api/globals.d.ts, makes them required); reading them through this type works with or
 * without that declaration, so the two never conflict.
 */
export interface PlaGlobals {
  plaApi?: Api;
  plaEvents?: { onEvent(cb: (e: CoreEvent) => void): () => void };
}

export const plaGlobals = (): PlaGlobals => (typeof window === 'undefined' ? {} : (window as unknown as PlaGlobals));
