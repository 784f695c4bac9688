import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { isBusyError, isDiskFullError } from '../../db/connection';
import { AppError } from '../contract';

/** What a writer that has to wait for another one says (CLI on stderr, a job as its progress message). */
export const WRITE_WAIT_MESSAGE = 'altă operațiune scrie acum; reîncerc…';
/** The disk (or the database's size limit) is full. */
export const DISK_FULL_MESSAGE = 'discul este plin: eliberați spațiu pe disc și încercați din nou';
/** Another writer held the database for longer than a save waits. */
export const BUSY_MESSAGE = 'altă operațiune scrie de prea mult timp; încercați din nou peste câteva momente';

const notifiers = new AsyncLocalStorage<(message: string) => void>();
let processNotifier: ((message: string) => void) | null = null;

/** The CLI prints waits on stderr: `setWriteWaitNotifier((m) => process.stderr.write(…))`. */
export function setWriteWaitNotifier(fn: ((message: string) => void) | null): void {
  processNotifier = fn;
}

/** Runs `work` with its own wait notifier (a job shows the wait as its progress message). */
export function withWriteWaitNotifier<T>(fn: (message: string) => void, work: () => T): T {
  return notifiers.run(fn, work);
}

/** Called by the write transaction when it must wait for another writer. */
export function notifyWriteWait(): void {
  (notifiers.getStore() ?? processNotifier)?.(WRITE_WAIT_MESSAGE);
}

/** SQLITE_FULL / ENOSPC → DISK_FULL and a writer that waited past its deadline → BUSY; anything else unchanged. */
export function faultToAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return null;
  if (isDiskFullError(e)) return new AppError('DISK_FULL', DISK_FULL_MESSAGE);
  if (isBusyError(e)) return new AppError('BUSY', BUSY_MESSAGE);
  return null;
}

/** Rethrows a file-system or SQLite fault as the AppError the user understands. */
export function rethrowFault(e: unknown): never {
  throw faultToAppError(e) ?? e;
}

/**
 * Writes a file whole or not at all: into `<file>.partial`, then renamed over `file`. When the disk fills
 * (or anything fails) the partial file is removed, so no 0-byte or truncated file is left behind.
 */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView): void {
  const tmp = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    rethrowFault(e);
  }
}

/** Runs a step that writes `paths` (files or folders); on failure removes what it left and maps the fault. */
export async function cleanOnFailure<T>(paths: string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    for (const p of paths) fs.rmSync(p, { recursive: true, force: true });
    rethrowFault(e);
  }
}
