import type { Readable } from 'node:stream';
import type { Delivery } from '../contract';
import type { SecretBox } from './secrets';

/**
 * What core needs from the host it runs in (Electron, the browser-mode server, the CLI, tests).
 * Electron functions are injected through this port so core stays plain Node (ARCHITECTURE.md §2).
 */
export interface PlatformPort {
  mode: 'electron' | 'browser' | 'cli';
  /** Hand a file produced by core to the user: a native save dialog under Electron, a download in browser mode. */
  deliverFile(file: DeliverableFile): Promise<Delivery>;
  /** Where secrets are sealed: the desktop app passes Electron's safeStorage; otherwise a key file outside the data folder. */
  secretBox?: SecretBox;
}

/** A file core hands over: on disk (`path`) or only as a stream (evidence kept in the database). */
export interface DeliverableFile {
  path: string | null;
  open(): Readable;
  suggestedName: string;
  kind: 'export' | 'attachment';
  id: string;
}

/** For the CLI and tests: files stay where core wrote them. */
export const headlessPlatform = (mode: 'cli' | 'browser' = 'cli'): PlatformPort => ({
  mode,
  async deliverFile(file) {
    return mode === 'browser' ? { downloadPath: `/files/${file.kind}/${file.id}` } : { savedTo: file.path ?? null };
  },
});
