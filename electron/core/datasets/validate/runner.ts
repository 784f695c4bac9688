/**
 * validateInWorker: the same validation in a worker thread, so the app's main process stays responsive on a
 * 100 MB file; progress arrives through `onProgress`, and aborting `signal` terminates the worker at once.
 *
 * Which worker file runs: `workerFile` when given; from TypeScript sources (tsx, vitest) worker.ts next to this
 * file with tsx's loader; from a bundle, `datasets-validate-worker.js` next to the bundle (the build must emit
 * electron/core/datasets/validate/worker.ts under that name next to out/main/index.js).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SchemaError } from './cast';
import type { Report } from './types';
import type { ValidateFileOptions } from './validator';

export interface WorkerOptions extends ValidateFileOptions {
  /** Path of the worker script (see above for the default). */
  workerFile?: string;
}

export const BUNDLED_WORKER_NAME = 'datasets-validate-worker.js';

export function defaultWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(path.dirname(here), 'worker.ts') : path.join(path.dirname(here), BUNDLED_WORKER_NAME);
}

/** A .ts worker starts through tsx's loader (registered inside the worker: Node 20 workers do not take --import hooks). */
function startWorker(file: string, workerData: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export function validateInWorker(file: string, opts: WorkerOptions = {}): Promise<Report> {
  const { onProgress, signal, workerFile, ...options } = opts;
  const wf = workerFile ?? defaultWorkerFile();
  if (!fs.existsSync(wf)) return Promise.reject(new Error(`the validation worker is missing: ${wf}`));
  return new Promise<Report>((resolve, reject) => {
    if (signal?.aborted) return reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    // the worker spills key runs into a folder of its own, removed here once it has stopped (terminate skips its cleanup)
    const spill = fs.mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'pla-validate-worker-'));
    const worker = startWorker(wf, { file, options: { ...options, tempDir: spill } });
    const stopped = () =>
      worker.terminate().then(
        () => fs.rmSync(spill, { recursive: true, force: true }),
        () => fs.rmSync(spill, { recursive: true, force: true }),
      );
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => void stopped().then(() => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }))));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: { type: string; progress?: never; report?: Report; name?: string; message?: string }) => {
      if (m.type === 'progress') onProgress?.(m.progress!);
      else if (m.type === 'done') settle(() => resolve(m.report!));
      else if (m.type === 'error') settle(() => reject(m.name === 'SchemaError' ? new SchemaError(m.message!) : new Error(m.message)));
      if (m.type !== 'progress') void stopped();
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => {
      fs.rmSync(spill, { recursive: true, force: true });
      settle(() => reject(new Error(`the validation worker stopped (exit code ${code})`)));
    });
  });
}
