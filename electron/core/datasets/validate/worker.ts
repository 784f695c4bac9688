/**
 * Worker-thread entry of validateInWorker (runner.ts): validates `workerData.file` and posts its progress, then the
 * report or the error (core/worker.ts, postOutcome).
 */
import { workerData } from 'node:worker_threads';
import { postOutcome } from '../../worker';
import type { Progress, ValidateOptions } from './types';
import { validateFile } from './validator';

const { file, options } = workerData as { file: string; options: Omit<ValidateOptions, 'onProgress' | 'signal'> };
postOutcome((onProgress) => validateFile(file, { ...options, onProgress: (progress: Progress) => onProgress(progress) }));
