/**
 * Worker-thread entry of validateInWorker (runner.ts): validates `workerData.file` and posts
 * `{ type: 'progress', progress }` messages, then `{ type: 'done', report }` or `{ type: 'error', name, message }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Progress, ValidateOptions } from './types';
import { validateFile } from './validator';

const { file, options } = workerData as { file: string; options: Omit<ValidateOptions, 'onProgress' | 'signal'> };
validateFile(file, { ...options, onProgress: (progress: Progress) => parentPort!.postMessage({ type: 'progress', progress }) }).then(
  (report) => parentPort!.postMessage({ type: 'done', report }),
  (e: unknown) => parentPort!.postMessage({ type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) }),
);
