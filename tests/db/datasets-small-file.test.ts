import { describe, expect, it, vi } from 'vitest';
import { VALIDATE_IN_THREAD_MAX_BYTES } from '../../electron/core/datasets/imports';
import { freshCore, ok, signIn } from './helpers';

/**
 * Issue 15 §9: validating a small file in the app finishes in well under a second. Starting the validation worker (a new
 * V8 isolate loading the validator) takes 0.2–1 s by itself, so a small file is validated at once in core's thread; a
 * large one still goes to the worker, so the app stays responsive. (The worker's own behaviour — the same report,
 * progress, cancelling — is tested in tests/unit/datasets-validate.test.ts.)
 */
const worker = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('../../electron/core/datasets/validate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/datasets/validate')>();
  return {
    ...real,
    // the same validation, recording that the worker was asked for (and sparing the test a worker's start)
    validateInWorker: (file: string, opts: Parameters<typeof real.validateInWorker>[1] = {}) => {
      worker.calls.push(file);
      const { workerFile: _unused, ...rest } = opts;
      return real.validateFile(file, rest);
    },
  };
});

const HEADER = 'cod,denumire,cartier\n';
const row = (i: number) => `${i},Parcul ${i},Cetate\n`;

async function importAndValidate(csv: string) {
  const env = await freshCore();
  const coord = await signIn(env.core, 'coordinator');
  const d = await ok(env.core, 'datasets.save', { name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria Municipiului Timișoara' }, coord);
  const contentBase64 = Buffer.from(csv).toString('base64');
  const imp = await ok(env.core, 'datasets.importFile', { datasetId: d.id, fileName: 'parcuri.csv', contentBase64 }, coord);
  worker.calls.length = 0;
  const { jobId } = await ok(env.core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' }, coord);
  const job = await env.core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return ok(env.core, 'datasets.getImport', { importId: imp.id }, coord);
}

describe('validating an import: small files at once, large ones in a worker thread', () => {
  it('validates a 7-row file in core’s own thread, without starting a worker, and reports it valid', async () => {
    const detail = await importAndValidate(HEADER + Array.from({ length: 7 }, (_, i) => row(i + 1)).join(''));
    expect(worker.calls).toEqual([]);
    expect(detail.report).toMatchObject({ valid: true, stats: { rows: 7, errors: 0 } });
  });

  it('sends a file larger than the in-thread limit to the worker, with the same report', async () => {
    const rows: string[] = [];
    let bytes = HEADER.length;
    for (let i = 1; bytes <= VALIDATE_IN_THREAD_MAX_BYTES; i++) {
      rows.push(row(i));
      bytes += row(i).length;
    }
    const detail = await importAndValidate(HEADER + rows.join(''));
    expect(worker.calls).toHaveLength(1);
    expect(detail.report).toMatchObject({ valid: true, stats: { rows: rows.length, errors: 0 } });
  });
});
