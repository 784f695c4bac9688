import type { CoreEvent, Job, Result } from '../contract';
import type { PlatformPort } from './platform';

/** A transport's link to core: one per Electron window, per browser tab (X-Pla-Client), or the CLI. */
export interface Connection {
  sessionId: string | null;
  /** The CLI and trusted maintenance code act as the system user: every role check passes. */
  system?: boolean;
}

export interface CoreOptions {
  dataDir: string;
  platform: PlatformPort;
  /** Path to a better_sqlite3.node built for Electron's ABI, when running under Electron. */
  nativeBinding?: string;
  /** Load the PLA seed on first run (default true). */
  seed?: boolean;
  /** Hold the data folder's lock while open (the desktop app and browser mode do; the CLI does not). */
  lock?: boolean;
  /** Override "now" in tests. */
  now?: () => Date;
}

export interface Core {
  readonly dataDir: string;
  /** Parse the input with the method's zod schema, check the role, run the service; never throws. */
  call(method: string, input: unknown, conn: Connection): Promise<Result<unknown>>;
  /** Job progress and other pushes for the renderer. */
  onEvent(listener: (e: CoreEvent) => void): () => void;
  /** A file the connection may download (export output or attachment), or null. */
  resolveFile(kind: 'export' | 'attachment', id: string, conn: Connection): Promise<{ path: string; name: string; mimeType: string } | null>;
  /** Resolves when a job has finished (CLI and tests). */
  waitForJob(id: string): Promise<Job>;
  close(): Promise<void>;
}
