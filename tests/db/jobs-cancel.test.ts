import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../electron/contract';
import type { Connection, Core } from '../../electron/core';
import { freshCore, ok, PARKING_DATASET, signIn } from './helpers';

/**
 * Every long job can be stopped, and a stopped job leaves nothing half-written: the job shows as cancelled and the
 * previous output (site, dataset package, workbook) is exactly as it was.
 */

const DAY = '2026-11-27';

/** Every file under `dir`: relative path → bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

async function finished(core: Core, jobId: string): Promise<Job> {
  return core.waitForJob(jobId);
}

/** Cancels the job `kind` at its first progress event with a message (the work is under way, nothing swapped in yet). */
function cancelOnFirstMessage(core: Core, conn: Connection, kind: string): () => void {
  let done = false;
  return core.onEvent((e) => {
    if (done || e.type !== 'job' || e.job.kind !== kind || e.job.status !== 'running' || e.job.message === null) return;
    done = true;
    void core.call('jobs.cancel', { id: e.job.id }, conn);
  });
}

/** Cancels the job `kind` at its first progress report (the work is under way, nothing swapped in yet). */
function cancelOnFirstProgress(core: Core, conn: Connection, kind: string): () => void {
  let done = false;
  return core.onEvent((e) => {
    if (done || e.type !== 'job' || e.job.kind !== kind || e.job.status !== 'running' || e.job.progress === 0) return;
    done = true;
    void core.call('jobs.cancel', { id: e.job.id }, conn);
  });
}

describe('cancelling long jobs', () => {
  it('a site build stopped half-way shows as cancelled and leaves the previous site whole, with no build folder behind', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    await ok(
      core,
      'publishing.saveSiteSettings',
      {
        siteUrl: '',
        contactEmail: 'transparenta@primariatm.example',
        publisher: 'Primăria Municipiului Timișoara',
        riskSummary: false,
        evidenceFiles: true,
        expectedUpdatedAt: null,
      },
      coord,
    );
    const first = await finished(core, (await ok(core, 'publishing.buildSite', { publicationDate: DAY }, coord)).jobId);
    expect(first.status).toBe('done');
    const before = files(path.join(dataDir, 'site'));
    const status = await ok(core, 'publishing.getSiteStatus', {}, coord);
    expect(before.size).toBeGreaterThan(5);

    const stop = cancelOnFirstMessage(core, coord, 'publishing.buildSite');
    const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2026-12-01' }, coord);
    const job = await finished(core, jobId);
    stop();
    expect(job.status).toBe('cancelled');
    expect((await ok(core, 'jobs.get', { id: jobId }, coord)).status).toBe('cancelled');
    expect(files(path.join(dataDir, 'site'))).toEqual(before);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('site.'))).toEqual([]);
    expect((await ok(core, 'publishing.getSiteStatus', {}, coord)).lastBuild).toEqual(status.lastBuild);
  });

  it('a dataset package export stopped before it ends keeps the previous package whole and leaves no partial folder', async () => {
    const { core } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const d = await ok(core, 'datasets.save', PARKING_DATASET, coord);
    // Long enough that the export's first progress report (as it starts writing rows) comes well before its end.
    const csv = `nume,locuri\n${Array.from({ length: 20_000 }, (_, i) => `Piața ${i},${i}`).join('\n')}\n`;
    const imp = await ok(core, 'datasets.importFile', { datasetId: d.id, fileName: 'parcari.csv', contentBase64: Buffer.from(csv).toString('base64') }, coord);
    const processed = await finished(core, (await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' }, coord)).jobId);
    expect(processed.status).toBe('done');
    const exported = await finished(core, (await ok(core, 'datasets.exportPackage', { id: d.id, withBom: true }, coord)).jobId);
    expect(exported.status).toBe('done');
    const folder = (exported.result as { folder: string }).folder;
    const before = files(folder);
    expect([...before.keys()]).toContain('parcari.csv');

    // Stopped half-way, at its first progress report: a cancel sent after the start could arrive after a fast
    // export had ended (it did, on PostgreSQL under load).
    const stop = cancelOnFirstProgress(core, coord, 'datasets.export');
    const { jobId } = await ok(core, 'datasets.exportPackage', { id: d.id, withBom: false }, coord);
    const job = await finished(core, jobId);
    stop();
    expect(job.status).toBe('cancelled');
    expect(files(folder)).toEqual(before);
    expect(fs.readdirSync(path.dirname(folder)).filter((f) => f.includes('.partial') || f.includes('.old'))).toEqual([]);
  });

  it('a workbook export stopped shows as cancelled and offers no file', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const { jobId } = await ok(core, 'plan.exportExcel', {}, coord);
    await ok(core, 'jobs.cancel', { id: jobId }, coord);
    const job = await finished(core, jobId);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeNull();
    const exports = path.join(dataDir, 'exports');
    expect(fs.existsSync(exports) ? fs.readdirSync(exports) : []).toEqual([]);
  });
});
