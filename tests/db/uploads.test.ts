import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MB, UPLOAD_LIMITS } from '../../electron/contract';
import type { Connection, Core } from '../../electron/core';
import { call, freshCore, ok, PARKING_DATASET, signIn, snapshot } from './helpers';

const NOW = new Date('2023-06-15T09:00:00Z');
const b64 = (b: Buffer) => b.toString('base64');

/** The files under the data folder's upload area (every user's), relative to it. */
function uploadFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'tmp', 'uploads');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((u) => fs.readdirSync(path.join(root, u)).map((f) => `${u}/${f}`));
}

/** The risk register exported to a workbook: a real file to upload. */
async function riskWorkbook(core: Core, dataDir: string, conn: Connection): Promise<Buffer> {
  await ok(core, 'risks.save', { description: 'Date de progres lipsă', category: 'operational', inherentProbability: 4, inherentImpact: 4 }, conn);
  const { jobId } = await ok(core, 'risks.exportExcel', {}, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return fs.readFileSync(path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`));
}

/** Uploads `bytes` in pieces of `piece` bytes; returns the upload id. */
async function upload(core: Core, conn: Connection, bytes: Buffer, piece = 4096, purpose: keyof typeof UPLOAD_LIMITS = 'risks.importExcel') {
  const { uploadId, chunkBytes } = await ok(core, 'files.beginUpload', { purpose, fileName: 'registru.xlsx', size: bytes.length }, conn);
  expect(chunkBytes).toBe(MB);
  for (let at = 0; at < bytes.length; at += piece) {
    const r = await ok(core, 'files.appendUpload', { uploadId, offset: at, contentBase64: b64(bytes.subarray(at, at + piece)) }, conn);
    expect(r.received).toBe(Math.min(bytes.length, at + piece));
  }
  return uploadId;
}

describe('uploads in pieces', () => {
  it('a coordinator uploads a workbook in pieces, checks it and imports it with the upload id; a cancel then deletes the file', async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const bytes = await riskWorkbook(core, dataDir, coord);
    const uploadId = await upload(core, coord, bytes);
    expect(uploadFiles(dataDir)).toEqual([`${coord.userId}/${uploadId}.xlsx`]);
    expect(fs.readFileSync(path.join(dataDir, 'tmp', 'uploads', coord.userId, `${uploadId}.xlsx`)).equals(bytes)).toBe(true);

    const dry = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', uploadId, dryRun: true }, coord);
    expect(dry).toMatchObject({ dryRun: true, unchanged: 1 });
    // The dry run and the import read the same upload: it is sent once.
    const done = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', uploadId }, coord);
    expect(done).toMatchObject({ dryRun: false, unchanged: 1 });

    expect(await ok(core, 'files.cancelUpload', { uploadId }, coord)).toBeNull();
    expect(uploadFiles(dataDir)).toEqual([]);
    expect(await call(core, 'risks.importExcel', { fileName: 'registru.xlsx', uploadId }, coord)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("a file over its import's limit is refused before a byte is sent, naming both sizes, and nothing is written", async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const before = await snapshot(dataDir);
    const r = await call(core, 'files.beginUpload', { purpose: 'funding.importExcel', fileName: 'finantare.xlsx', size: 31 * MB }, coord);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'size', reason: 'file_too_big', params: { size: 31, maximum: 30 } }] } },
    });
    // Each import keeps its own limit: 31 MB is within the budgeting one.
    expect((await call(core, 'files.beginUpload', { purpose: 'budgeting.importProposals', fileName: 'p.csv', size: 31 * MB }, coord)).ok).toBe(true);
    expect(await snapshot(dataDir)).toEqual(before);
    expect(uploadFiles(dataDir)).toHaveLength(1);
  });

  it('a piece past the size announced is refused, the upload is dropped and no file is left', async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const { uploadId } = await ok(core, 'files.beginUpload', { purpose: 'risks.importExcel', fileName: 'r.xlsx', size: 10 }, coord);
    const r = await call(core, 'files.appendUpload', { uploadId, offset: 0, contentBase64: b64(Buffer.alloc(11, 1)) }, coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'contentBase64', reason: 'file_too_big' }] } } });
    expect(uploadFiles(dataDir)).toEqual([]);
    expect(await call(core, 'files.appendUpload', { uploadId, offset: 0, contentBase64: b64(Buffer.alloc(5, 1)) }, coord)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('an unfinished upload cannot be imported; a piece sent again is taken once, one out of order is refused', async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const before = await snapshot(dataDir);
    const { uploadId } = await ok(core, 'files.beginUpload', { purpose: 'risks.importExcel', fileName: 'r.xlsx', size: 100 }, coord);
    const half = Buffer.alloc(50, 7);
    expect(await ok(core, 'files.appendUpload', { uploadId, offset: 0, contentBase64: b64(half) }, coord)).toEqual({ received: 50 });
    // The answer was lost and the client sends the same piece again: still 50 bytes.
    expect(await ok(core, 'files.appendUpload', { uploadId, offset: 0, contentBase64: b64(half) }, coord)).toEqual({ received: 50 });
    expect(await call(core, 'files.appendUpload', { uploadId, offset: 70, contentBase64: b64(half) }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'offset', reason: 'upload_offset' }] } },
    });
    expect(await call(core, 'risks.importExcel', { fileName: 'r.xlsx', uploadId }, coord)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'uploadId', reason: 'upload_incomplete' }] } },
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('cancelling half-way leaves no file and no row', async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const before = await snapshot(dataDir);
    const { uploadId } = await ok(core, 'files.beginUpload', { purpose: 'datasets.importFile', fileName: 'date.csv', size: 3 * MB }, coord);
    await ok(core, 'files.appendUpload', { uploadId, offset: 0, contentBase64: b64(Buffer.alloc(MB, 65)) }, coord);
    expect(uploadFiles(dataDir)).toHaveLength(1);
    await ok(core, 'files.cancelUpload', { uploadId }, coord);
    expect(uploadFiles(dataDir)).toEqual([]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("nobody can use, extend or cancel another user's upload: to them the id does not exist", async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const member = await signIn(core, 'member');
    const bytes = await riskWorkbook(core, dataDir, coord);
    const uploadId = await upload(core, coord, bytes, 64 * 1024);
    const notFound = { ok: false, error: { code: 'NOT_FOUND' } };
    expect(await call(core, 'risks.importExcel', { fileName: 'registru.xlsx', uploadId, dryRun: true }, member)).toMatchObject(notFound);
    expect(await call(core, 'files.appendUpload', { uploadId, offset: bytes.length, contentBase64: b64(Buffer.from('x')) }, member)).toMatchObject(notFound);
    expect(await call(core, 'files.cancelUpload', { uploadId }, member)).toMatchObject(notFound);
    // A viewer may not upload at all.
    const viewer = await signIn(core, 'viewer');
    expect(await call(core, 'files.beginUpload', { purpose: 'risks.importExcel', fileName: 'r.xlsx', size: 10 }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The owner's upload is untouched and still theirs.
    expect(uploadFiles(dataDir)).toEqual([`${coord.userId}/${uploadId}.xlsx`]);
    expect(await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', uploadId, dryRun: true }, coord)).toMatchObject({ dryRun: true });
  });

  it('an import needs exactly one file: neither says "choose a file", an upload id that is not one is refused', async () => {
    const { core, dataDir } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const before = await snapshot(dataDir);
    expect(await call(core, 'funding.importExcel', { fileName: 'f.xlsx' }, coord)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'uploadId', reason: 'no_file' }] } },
    });
    expect(await call(core, 'stakeholders.importExcel', { fileName: 'p.xlsx', uploadId: 'nu-e-un-id' }, coord)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // The risks and training copies now check base64 like the others did.
    expect(await call(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: 'nu e base64!' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'contentBase64', reason: 'invalid_base64' }] } },
    });
    expect(await call(core, 'training.importExcel', { fileName: 't.xlsx', contentBase64: 'nu e base64!' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'contentBase64', reason: 'invalid_base64' }] } },
    });
    expect(await snapshot(dataDir)).toEqual(before);
    const tmp = path.join(dataDir, 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });

  it('a dataset file uploaded in pieces becomes an import; the import keeps its own copy', async () => {
    const { core } = await freshCore({ now: () => NOW });
    const coord = await signIn(core, 'coordinator');
    const d = await ok(core, 'datasets.save', PARKING_DATASET, coord);
    const csv = Buffer.from('nume,locuri\nPiața Unirii,40\nPiața Victoriei,25\n', 'utf8');
    const uploadId = await upload(core, coord, csv, 16, 'datasets.importFile');
    const imp = await ok(core, 'datasets.importFile', { datasetId: d.id, fileName: 'parcari.csv', uploadId }, coord);
    expect(imp).toMatchObject({ fileName: 'parcari.csv', bytes: csv.length });
    await ok(core, 'files.cancelUpload', { uploadId }, coord);
    expect((await ok(core, 'datasets.get', { id: d.id }, coord)).imports.map((i) => i.id)).toContain(imp.id);
  });
});
