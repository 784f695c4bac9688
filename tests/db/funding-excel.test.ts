import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { call, count, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const NOW = new Date('2026-03-10T09:00:00Z');
const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function withData() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const a45 = (await ok(env.core, 'plan.listActions', {}, coord)).find((a) => a.code === 'A4.5')!;
  const regio = await ok(
    env.core,
    'funding.saveCall',
    {
      programme: 'regio_vest',
      managingBody: 'ADR Vest',
      code: 'PRV/1.1',
      title: 'Digitalizare în administrația locală',
      status: 'open',
      openingDate: '2026-01-15',
      deadline: '2026-04-30',
      budget: 123_456_789,
      grantRate: 98.5,
      minGrant: 100_000,
      maxGrant: 50_000_000,
      maxDurationMonths: 24,
      guideUrl: 'https://regio-adrvest.ro/ghid',
      nonReimbursable: true,
      actionIds: [a45.id],
    },
    coord,
  );
  const app = await ok(
    env.core,
    'funding.saveApplication',
    {
      code: 'SMIS 301',
      title: 'Portal de date deschise',
      callId: regio.id,
      applicant: 'Municipiul Timișoara',
      partners: 'Asociația Banat IT',
      actionIds: [a45.id],
      requestedAmount: 49_250_000,
      ownContribution: 750_000,
      status: 'approved',
      submittedOn: '2026-01-20',
      decisionOn: '2026-02-20',
      nextStep: 'Semnare contract',
      nextStepOn: '2026-03-30',
      councilDecisionNo: '45/2026',
      councilDecisionDate: '2026-01-10',
      evaluationFeedback: 'Punctaj 87/100',
    },
    coord,
  );
  return { ...env, coord, a45, regio, app };
}

async function exportTo(core: Core, conn: Parameters<typeof ok>[3], dataDir: string) {
  const { jobId } = await ok(core, 'funding.exportExcel', {}, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`);
}

const importFile = (core: Core, conn: Parameters<typeof ok>[3], file: string, dryRun = false) =>
  call(core, 'funding.importExcel', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun }, conn);

/** Edits cells of an exported workbook: [sheet, header, row, value]. */
async function editWorkbook(file: string, out: string, edits: Array<[string, string, number, ExcelJS.CellValue]>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const [sheet, header, row, value] of edits) {
    const ws = wb.getWorksheet(sheet)!;
    const col = (ws.getRow(1).values as unknown[]).findIndex((v) => v === header);
    if (col < 0) throw new Error(`no column ${header}`);
    ws.getRow(row).getCell(col).value = value;
  }
  await wb.xlsx.writeFile(out);
  return out;
}

describe('funding Excel export and import', () => {
  it('exports both sheets with lei, dates, Romanian labels and action codes', async () => {
    const { core, coord, dataDir, regio } = await withData();
    const file = await exportTo(core, coord, dataDir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Apeluri', 'Cereri de finanțare']);
    const calls = wb.getWorksheet('Apeluri')!;
    const header = calls.getRow(1).values as string[];
    const cell = (h: string) => calls.getRow(2).getCell(header.indexOf(h)).value;
    expect(cell('ID')).toBe(regio.id);
    expect(cell('Program')).toBe('Programul Regional Vest 2021-2027');
    expect(cell('Buget apel (lei)')).toBe(1_234_567.89);
    expect(cell('Nerambursabil')).toBe('da');
    expect(cell('Acțiuni PLA')).toBe('A4.5');
    const apps = wb.getWorksheet('Cereri de finanțare')!;
    const ah = apps.getRow(1).values as string[];
    expect(apps.getRow(2).getCell(ah.indexOf('Stare')).value).toBe('Aprobată');
    expect(apps.getRow(2).getCell(ah.indexOf('Total (lei)')).value).toBe(500_000);
  });

  it('export then import changes nothing: no row rewritten, no audit entry', async () => {
    const { core, coord, dataDir } = await withData();
    const file = await exportTo(core, coord, dataDir);
    const before = await snapshot(dataDir);
    const rows = await peek(dataDir, 'select * from funding_applications');
    const r = await importFile(core, coord, file);
    expect(r).toMatchObject({ ok: true, value: { calls: { created: 0, updated: 0, unchanged: 1 }, applications: { created: 0, updated: 0, unchanged: 1 } } });
    expect(await snapshot(dataDir)).toEqual(before);
    expect(await peek(dataDir, 'select * from funding_applications')).toEqual(rows);
  });

  it('adds new rows (empty ID) and updates changed ones along the pipeline; a dry run reports the same and writes nothing', async () => {
    const { core, coord, dataDir, app } = await withData();
    const file = await exportTo(core, coord, dataDir);
    const edited = await editWorkbook(file, path.join(tempDir(), 'edited.xlsx'), [
      ['Apeluri', 'ID', 3, null],
      ['Apeluri', 'Program', 3, 'PNRR'],
      ['Apeluri', 'Cod apel', 3, 'PNRR/C10'],
      ['Apeluri', 'Titlu apel', 3, 'Fondul local'],
      ['Apeluri', 'Nerambursabil', 3, 'da'],
      ['Apeluri', 'Stare', 3, 'Deschis'],
      ['Apeluri', 'Termen limită', 3, '31.03.2026'],
      ['Cereri de finanțare', 'Stare', 2, 'Contractată'],
      ['Cereri de finanțare', 'Contract semnat la', 2, '05.03.2026'],
      ['Cereri de finanțare', 'ID', 3, null],
      ['Cereri de finanțare', 'Titlu proiect', 3, 'Wi-Fi în parcuri'],
      ['Cereri de finanțare', 'Cod apel', 3, 'PNRR/C10'],
      ['Cereri de finanțare', 'Solicitant', 3, 'Municipiul Timișoara'],
      ['Cereri de finanțare', 'Suma solicitată (lei)', 3, '1.234.567,89'],
      ['Cereri de finanțare', 'Stare', 3, 'Idee'],
    ]);
    const before = await snapshot(dataDir);
    const dry = await importFile(core, coord, edited, true);
    const expected = { calls: { created: 1, updated: 0, unchanged: 1 }, applications: { created: 1, updated: 1, unchanged: 0 } };
    expect(dry, JSON.stringify(dry)).toMatchObject({ ok: true, value: { dryRun: true, ...expected } });
    expect(await snapshot(dataDir)).toEqual(before);
    const real = await importFile(core, coord, edited);
    expect(real).toMatchObject({ ok: true, value: { dryRun: false, ...expected } });
    expect(await peek(dataDir, 'select status, contract_signed_on from funding_applications where id = ?', app.id)).toEqual([
      { status: 'contracted', contract_signed_on: '2026-03-05' },
    ]);
    expect(await peek(dataDir, `select requested_amount, total_amount from funding_applications where title = 'Wi-Fi în parcuri'`)).toEqual([
      { requested_amount: 123_456_789, total_amount: 123_456_789 },
    ]);
  });

  it('names every bad cell (sheet, row, column, what is wrong) and writes nothing', async () => {
    const { core, coord, dataDir } = await withData();
    const file = await exportTo(core, coord, dataDir);
    const edited = await editWorkbook(file, path.join(tempDir(), 'bad.xlsx'), [
      ['Apeluri', 'Buget apel (lei)', 2, 12.345],
      ['Apeluri', 'Ghidul solicitantului (link)', 2, 'http://nesigur.ro'],
      ['Cereri de finanțare', 'Suma solicitată (lei)', 2, -5],
      ['Cereri de finanțare', 'Acțiuni PLA', 2, 'A9.9'],
      ['Cereri de finanțare', 'Stare', 2, 'Câștigată'],
    ]);
    const before = await snapshot(dataDir);
    const r = await importFile(core, coord, edited);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const cells = (r.error.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }>).map(
      (c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`,
    );
    expect(cells).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Apeluri!Buget apel \(lei\) 2: at most two decimals/),
        expect.stringMatching(/^Cereri de finanțare!Suma solicitată \(lei\) 2: must not be negative/),
        expect.stringMatching(/^Cereri de finanțare!Stare 2: expected one of/),
      ]),
    );
    expect(await snapshot(dataDir)).toEqual(before);

    // Cells that parse but break a rule are named too: the link, an unknown action, a jump in the pipeline.
    const edited2 = await editWorkbook(file, path.join(tempDir(), 'bad2.xlsx'), [
      ['Apeluri', 'Ghidul solicitantului (link)', 2, 'http://nesigur.ro'],
      ['Cereri de finanțare', 'Acțiuni PLA', 2, 'A9.9'],
      ['Cereri de finanțare', 'Stare', 2, 'Închisă'],
    ]);
    const r2 = await importFile(core, coord, edited2);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    const cells2 = (r2.error.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }>).map(
      (c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`,
    );
    expect(cells2).toEqual([
      'Apeluri!Ghidul solicitantului (link) 2: Enter a full address starting with https://',
      'Cereri de finanțare!Acțiuni PLA 2: no PLA action with code A9.9',
    ]);
    const edited3 = await editWorkbook(file, path.join(tempDir(), 'bad3.xlsx'), [['Cereri de finanțare', 'Stare', 2, 'Închisă']]);
    const r3 = await importFile(core, coord, edited3);
    expect(r3.ok).toBe(false);
    if (!r3.ok)
      expect(r3.error.details?.cells).toEqual([
        expect.objectContaining({ sheet: 'Cereri de finanțare', row: 2, column: 'Stare', message: expect.stringMatching(/cannot go from approved to closed/) }),
      ]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses a file that is not a workbook, and a viewer', async () => {
    const { core, coord, dataDir } = await withData();
    const before = await snapshot(dataDir);
    const r = await call(core, 'funding.importExcel', { fileName: 'x.xlsx', contentBase64: Buffer.from('not excel').toString('base64') }, coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'not_xlsx' }] } } });
    const viewer = await signIn(core, 'viewer');
    const file = await exportTo(core, coord, dataDir);
    expect(await importFile(core, viewer, file)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await snapshot(dataDir)).funding_applications).toBe(before.funding_applications);
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]); // the uploaded copy is gone
  });
});

describe('pla-desk funding export / import', () => {
  it('exports, re-imports unchanged, and on bad cells prints each on its own line and exits 1', async () => {
    const { core, coord, dataDir } = await withData();
    const file = await exportTo(core, coord, dataDir);
    const bad = await editWorkbook(file, path.join(tempDir(), 'bad.xlsx'), [
      ['Apeluri', 'Buget apel (lei)', 2, -1],
      ['Cereri de finanțare', 'Stare', 2, 'Contractată'],
      ['Cereri de finanțare', 'Decizie la', 2, '31.02.2026'],
    ]);
    await core.close();

    const out = path.join(tempDir(), 'finantare.xlsx');
    const exp = cli(['funding', 'export', '--data-dir', dataDir, '--out', out]);
    expect(exp.code, exp.err).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    const before = await snapshot(dataDir);
    const dry = cli(['funding', 'import', '--data-dir', dataDir, '--file', out, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/Dry run .*calls: 0 new, 0 changed, 1 unchanged; applications: 0 new, 0 changed, 1 unchanged/);
    const again = cli(['funding', 'import', '--data-dir', dataDir, '--file', out]);
    expect(again.code, again.err).toBe(0);
    expect(await snapshot(dataDir)).toEqual(before);

    const r = cli(['funding', 'import', '--data-dir', dataDir, '--file', bad]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[2]).toMatch(/2 bad cell\(s\); nothing was imported/);
    expect(lines.slice(0, 2)).toEqual(['Apeluri!Buget apel (lei) row 2: must not be negative', 'Cereri de finanțare!Decizie la row 2: not a real date']);
    expect(lines[3]).toBe('Reasons, with the first cells:');
    expect(lines.slice(4)).toEqual([
      expect.stringMatching(/^ {2}1 × Apeluri!Buget apel \(lei\): must not be negative — de ex\. Apeluri!\w+2$/),
      expect.stringMatching(/^ {2}1 × Cereri de finanțare!Decizie la: not a real date — de ex\. Cereri de finanțare!\w+2$/),
    ]);
    expect(await snapshot(dataDir)).toEqual(before);

    expect(cli(['funding', 'import', '--data-dir', dataDir]).code).toBe(2);
    expect(cli(['funding', 'export', '--data-dir', dataDir, '--out', path.join(tempDir(), 'x.csv')]).code).toBe(2);
    expect(cli(['funding', 'import', '--help']).out).toMatch(/Usage: pla-desk funding import/);
    expect(await count(dataDir, 'funding_calls')).toBe(1);
  });
});
