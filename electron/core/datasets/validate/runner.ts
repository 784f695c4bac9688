/**
 * validateInWorker: the same validation in a worker thread, so the app's main process stays responsive on a
 * 100 MB file; progress arrives through `onProgress`, and aborting `signal` terminates the worker at once.
 *
 * Which worker file runs: `workerFile` when given; from TypeScript sources (tsx, vitest) worker.ts next to this
 * file with tsx's loader; from a bundle, `datasets-validate-worker.js` next to the bundle (the build must emit
 * electron/core/datasets/validate/worker.ts under that name next to out/main/index.js).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInWorker, workerFileFor } from '../../worker';
import { SchemaError } from './cast';
import type { Progress, Report } from './types';
import type { ValidateFileOptions } from './validator';

export interface WorkerOptions extends ValidateFileOptions {
  /** Path of the worker script (see above for the default). */
  workerFile?: string;
}

export const BUNDLED_WORKER_NAME = 'datasets-validate-worker.js';

export const defaultWorkerFile = () => workerFileFor(import.meta.url, 'worker', BUNDLED_WORKER_NAME.replace(/\.js$/, ''));

export function validateInWorker(file: string, opts: WorkerOptions = {}): Promise<Report> {
  const { onProgress, signal, workerFile, ...options } = opts;
  const wf = workerFile ?? defaultWorkerFile();
  if (!fs.existsSync(wf)) return Promise.reject(new Error(`the validation worker is missing: ${wf}`));
  // the worker spills key runs into a folder of its own, removed here once it has stopped (terminate skips its cleanup)
  const spill = fs.mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'pla-validate-worker-'));
  return runInWorker<Report, Progress>(
    wf,
    { file, options: { ...options, tempDir: spill } },
    {
      onProgress,
      signal,
      onStopped: () => fs.rmSync(spill, { recursive: true, force: true }),
      toError: (name, message) => (name === 'SchemaError' ? new SchemaError(message) : new Error(message)),
    },
  );
}
