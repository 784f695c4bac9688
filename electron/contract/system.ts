import { z } from 'zod';
import { ALL, EDITORS, method } from './define';
import { id } from './common';
import { appendUploadInput, beginUploadInput, type UploadStarted } from './uploads';

export const JOB_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export interface Job {
  id: string;
  kind: string;
  status: (typeof JOB_STATUSES)[number];
  /** 0…1 */
  progress: number;
  message: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * A save somewhere changed a module's data (team mode: a colleague's save): the renderer refetches that
 * module's lists and dashboards. Carries only the module's name — never the record or who saved it.
 */
export interface DataChangedEvent {
  type: 'changed';
  /** The contract module (`risks`, `plan`, …): the part before the dot of the method that wrote. */
  module: string;
}

/** Pushed to the renderer (IPC event or Server-Sent Events): a job's progress, or data changed by a save. */
export type CoreEvent = { type: 'job'; job: Job } | DataChangedEvent;

/** What the Electron preload exposes as `window.plaEvents` (browser mode uses Server-Sent Events instead). */
export interface PlaEvents {
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvent(cb: (e: CoreEvent) => void): () => void;
}

/** The desktop app's connection chooser (electron/main/connection-window.ts): what its page may ask main. */
export type ConnectProbe = { ok: true; origin: string; fingerprint: string; subject: string; validTo: string } | { ok: false; message: string };
export type ConnectChoice = { mode: 'local' } | { mode: 'team'; address: string; fingerprint: string };

/** Exposed by the preload to the connection chooser's page only (`window.plaConnect`); the app's page never has it. */
export interface PlaConnect {
  /** Reads the server's certificate for the user to confirm (nothing else is sent to it). */
  probe(address: string): Promise<ConnectProbe>;
  /** Remembers the choice (pinning the confirmed certificate) and continues into the app. */
  choose(choice: ConnectChoice): Promise<{ ok: true } | { ok: false; message: string }>;
}

export interface Delivery {
  /** Browser mode: a same-origin path to download (the client appends its token). */
  downloadPath?: string;
  /** Electron: where the user saved it (null when they cancelled the dialog). */
  savedTo?: string | null;
}

export const systemContract = {
  'jobs.get': method<Job>()(z.object({ id }).strict(), ALL),
  'jobs.cancel': method<Job>()(z.object({ id }).strict(), ALL),
  /** The caller's own latest jobs, newest first; on a server also those of before a restart (one cut short shows as failed). */
  'jobs.list': method<Job[]>()(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(), ALL),
  /** Hands a produced file (an export) or an attachment to the user: a save dialog, or a download. */
  'files.deliver': method<Delivery>()(z.object({ kind: z.enum(['export', 'attachment']), id }).strict(), ALL),
  /**
   * Starts an upload for an import (`purpose`): refused at once, with nothing written, when `size` is over that
   * import's limit. The upload is the caller's alone; another user's id is unknown to them.
   */
  'files.beginUpload': method<UploadStarted>()(beginUploadInput, EDITORS),
  /** One piece of an upload, at `offset`; answers the bytes received so far. */
  'files.appendUpload': method<{ received: number }>()(appendUploadInput, EDITORS),
  /** Drops an upload (cancelled, or its import is done): its temporary file is deleted. */
  'files.cancelUpload': method<null>()(z.object({ uploadId: id }).strict(), EDITORS),
};
