import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Job } from '../../electron/contract';
import * as excelImport from '../../electron/core/excel-import';
import * as worker from '../../electron/core/worker';
import { zipBombWorkbook } from '../fixtures/imports/zips';
import { writeScimRegister } from '../bench/risks';
import { count, freshCore, ok, signIn, tempDir } from './helpers';

/**
 * Issue 13, "many users at once": the risk import's parse of the workbook (ExcelJS, a second or more of JavaScript
 * for a 2,000-risk register) runs in a worker thread, not on the thread that answers every other user's requests.
 * The module the server's thread loads is watched here; the worker loads its own copy.
 */
vi.mock('../../electron/core/excel-import', async (importOriginal) => {
  const real = await importOriginal<typeof excelImport>();
  return { ...real, readSheet: vi.fn(real.readSheet) };
});
// The real worker runner, watched: a file refused from its zip directory starts no thread.
vi.mock('../../electron/core/worker', async (importOriginal) => {
  const real = await importOriginal<typeof worker>();
  return { ...real, runInWorker: vi.fn(real.runInWorker) };
});

describe('a risk import on the team server', () => {
  it("parses the workbook in a worker thread, never on the thread that answers the others' requests, and imports every risk", async () => {
    const { core, dataDir } = await freshCore();
    const ana = await signIn(core, 'member');
    const ion = await signIn(core, 'member');
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, 300);
    const contentBase64 = fs.readFileSync(file).toString('base64');
    const before = await count(dataDir, 'risks');

    const importing = ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64, dryRun: false }, ana);
    // Ion reads meanwhile, and is answered before the import ends.
    let answeredFirst = false;
    const reading = ok(core, 'risks.list', { limit: 50 }, ion).then((r) => ((answeredFirst = true), r));
    const report = await importing;
    expect(answeredFirst).toBe(true);
    expect((await reading).total).toBe(before);

    expect(report).toMatchObject({ created: 300, updated: 0 });
    expect(await count(dataDir, 'risks')).toBe(before + 300);
    expect(vi.mocked(excelImport.readSheet)).not.toHaveBeenCalled();
  }, 120_000);

  it('stops when the one who started it cancels its job, and writes nothing', async () => {
    const { core, dataDir } = await freshCore();
    const ana = await signIn(core, 'member');
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, 2000);
    const before = await count(dataDir, 'risks');

    const importing = core.call(
      'risks.importExcel',
      { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false },
      ana,
    );
    let job: Job | undefined;
    for (const end = Date.now() + 30_000; !job && Date.now() < end; await new Promise((r) => setTimeout(r, 5)))
      job = (await ok(core, 'jobs.list', {}, ana)).find((j) => j.kind === 'risks.importExcel' && j.status === 'running');
    expect(job, 'the import runs as a job of Ana').toBeDefined();
    await ok(core, 'jobs.cancel', { id: job!.id }, ana);

    const r = await importing;
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'cancelled' } });
    expect((await ok(core, 'jobs.get', { id: job!.id }, ana)).status).toBe('cancelled');
    expect(await count(dataDir, 'risks')).toBe(before);
    expect(await count(dataDir, 'risk_import_risks')).toBe(0);
  }, 120_000);

  it('names the bad cells found by the worker, and writes nothing', async () => {
    const { core, dataDir } = await freshCore();
    const ana = await signIn(core, 'member');
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, 3);
    // A register with a probability of 9 (1–5 only).
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Registrul riscurilor')!;
    const header = (ws.getRow(1).values as unknown[]).findIndex((v) => v === 'Probabilitate');
    ws.getRow(3).getCell(header).value = 9;
    await wb.xlsx.writeFile(file);
    const before = await count(dataDir, 'risks');

    const r = await core.call('risks.importExcel', { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false }, ana);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/rând(ul)? 3|row 3/i);
    expect(r.error.message).toMatch(/at most 5|cel mult 5/);
    expect(await count(dataDir, 'risks')).toBe(before);
    expect(vi.mocked(excelImport.readSheet)).not.toHaveBeenCalled();
  }, 120_000);
  it('refuses a zip bomb and a file that is not a workbook at once, from the zip directory, without starting a thread', async () => {
    const { core, dataDir } = await freshCore();
    const ana = await signIn(core, 'member');
    const bomb = path.join(tempDir(), 'bomba.xlsx');
    zipBombWorkbook(bomb, { sheet: 'Registrul riscurilor', headers: ['Descrierea riscului'], mib: 1024 });
    const before = await count(dataDir, 'risks');
    vi.mocked(worker.runInWorker).mockClear();

    const r = await core.call('risks.importExcel', { fileName: 'bomba.xlsx', contentBase64: fs.readFileSync(bomb).toString('base64'), dryRun: false }, ana);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'zip_bomb' }] } } });
    const text = await core.call(
      'risks.importExcel',
      { fileName: 'registru.xlsx', contentBase64: Buffer.from('nu este un registru').toString('base64'), dryRun: false },
      ana,
    );
    expect(text).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'not_xlsx' }] } } });
    expect(vi.mocked(worker.runInWorker)).not.toHaveBeenCalled();
    expect(await count(dataDir, 'risks')).toBe(before);
  });
});
