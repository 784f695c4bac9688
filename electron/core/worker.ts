/**
 * Work in a worker thread, so the process's main thread (the team server answering fifty users, the desktop app's
 * main process) stays free while it runs: one worker per run, its progress through `onProgress`, and aborting
 * `signal` terminates it at once. The worker posts `{ type: 'progress', progress }` messages, then
 * `{ type: 'done', value }` or `{ type: 'error', … }` (see postOutcome); an AppError crosses as an AppError.
 *
 * Which file runs: from TypeScript sources (tsx, vitest) `<name>.ts` beside the caller, through tsx's loader; from a
 * bundle, `<bundled>.js` beside the bundle (the CLI build and the Electron build emit each worker under that name).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { AppError } from '../contract/errors'; // not the index: the validate command's worker path loads no zod

/** The worker script for a caller at `callerUrl` (its import.meta.url): `<source>.ts` beside it, or `<bundled>.js` beside the bundle. */
export function workerFileFor(callerUrl: string, source: string, bundled: string): string {
  const here = fileURLToPath(callerUrl);
  return here.endsWith('.ts') ? path.join(path.dirname(here), `${source}.ts`) : path.join(path.dirname(here), `${bundled}.js`);
}

/** A .ts worker starts through tsx's loader (registered inside the worker: Node 20 workers do not take --import hooks). */
export function startWorker(file: string, workerData: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

type Outcome =
  | { type: 'progress'; progress: unknown }
  | { type: 'done'; value: unknown }
  | { type: 'error'; name: string; message: string; code?: string; details?: unknown };

const cancelled = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });
/** What an import stopped by its owner says (as the sheet reader's own cancel, excel-import.ts). */
export const importCancelled = () => new AppError('INTERNAL', 'cancelled');

/** Inside a worker: runs `work` and posts its outcome to the thread that started it. */
export function postOutcome(work: (onProgress: (progress: unknown) => void) => Promise<unknown>): void {
  const post = (m: Outcome) => parentPort!.postMessage(m);
  work((progress) => post({ type: 'progress', progress })).then(
    (value) => post({ type: 'done', value }),
    (e: unknown) =>
      post(
        e instanceof AppError
          ? { type: 'error', name: 'AppError', message: e.message, code: e.code, details: e.details }
          : { type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) },
      ),
  );
}

export interface RunOptions<P> {
  onProgress?: (progress: P) => void;
  signal?: AbortSignal;
  /** Called once the worker has stopped, however it ended (e.g. to remove its temporary files). */
  onStopped?: () => void;
  /** The error for a worker's `{ type: 'error' }` message that is not an AppError (default: an Error with its message). */
  toError?: (name: string, message: string) => Error;
  /** The error when `signal` aborts (default: an AbortError). */
  cancelled?: () => Error;
}

/** Runs the worker at `file` with `workerData` and resolves with the value it posts. */
export function runInWorker<T, P = unknown>(file: string, workerData: unknown, opts: RunOptions<P> = {}): Promise<T> {
  const { onProgress, signal, onStopped, toError = (_n: string, m: string) => new Error(m), cancelled: stopped = cancelled } = opts;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      onStopped?.();
      return reject(stopped());
    }
    const worker = startWorker(file, workerData);
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= worker.terminate().then(
        () => onStopped?.(),
        () => onStopped?.(),
      ));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => void stop().then(() => reject(stopped())));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: Outcome) => {
      if (m.type === 'progress') return onProgress?.(m.progress as P);
      if (m.type === 'done') settle(() => resolve(m.value as T));
      else
        settle(() =>
          reject(m.name === 'AppError' ? new AppError(m.code as AppError['code'], m.message, m.details as AppError['details']) : toError(m.name, m.message)),
        );
      void stop();
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => {
      void stop();
      settle(() => reject(new Error(`the worker stopped (exit code ${code})`)));
    });
  });
}
