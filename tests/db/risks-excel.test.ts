import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { call, count, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const NOW = new Date('2023-06-15T09:00:00Z');

async function register() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const actions = await ok(env.core, 'plan.listActions', {}, coord);
  const a42 = actions.find((a) => a.code === 'A4.2')!;
  const commitments = await ok(env.core, 'plan.listCommitments', {}, coord);
  const a4 = commitments.find((c) => c.code === 'A4')!;
  const r1 = await ok(
    env.core,
    'risks.save',
    {
      area: 'Direcția Comunicare',
      description: 'Date de progres lipsă',
      category: 'operational',
      owner: 'Ana Pop',
      inherentProbability: 4,
      inherentImpact: 4,
      residualProbability: 2,
      residualImpact: 3,
      deadline: '2023-12-31',
      commitmentIds: [a4.id],
      actionIds: [a42.id],
      notes: 'Rând 1\nrând 2',
    },
    coord,
  );
  await ok(env.core, 'risks.saveMeasure', { riskId: r1.id, description: 'Calendar de raportare', owner: 'Ion Ionescu', deadline: '2023-09-30' }, coord);
  await ok(
    env.core,
    'risks.save',
    { description: 'Conflict de interese în evaluare', category: 'integrity', inherentProbability: 2, inherentImpact: 5, strategy: 'terminate' },
    coord,
  );
  return { ...env, coord, a42, r1 };
}

async function exportFile(core: Core, dataDir: string, conn: Parameters<Core['call']>[2]) {
  const { jobId } = await ok(core, 'risks.exportExcel', {}, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  const { fileId, fileName } = job.result as { fileId: string; fileName: string };
  expect(fileName).toBe('Registrul-riscurilor-2023-06-15.xlsx');
  return path.join(dataDir, 'exports', `${fileId}.xlsx`);
}

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

async function workbook(rows: unknown[][], sheet = 'Registru') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  const file = path.join(tempDir(), 'registru.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('risk register in Excel', () => {
  it('exports the SCIM layout with Romanian headers, and importing the export changes nothing', async () => {
    const { core, dataDir, coord } = await register();
    const file = await exportFile(core, dataDir, coord);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Registrul riscurilor')!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 12)).toEqual([
      'ID',
      'Cod risc',
      'Compartiment / Domeniu',
      'Obiectiv / Acțiune asociată',
      'Descrierea riscului',
      'Categorie',
      'Cauze',
      'Consecințe',
      'Responsabil risc',
      'Probabilitate inerentă',
      'Impact inerent',
      'Expunere inerentă',
    ]);
    const row = (n: number) => Object.fromEntries(headers.map((h, i) => [h, ws.getRow(n).getCell(i + 1).value]));
    expect(row(2)).toMatchObject({
      'Cod risc': 'R-001',
      Categorie: 'Operațional',
      'Expunere inerentă': 16,
      'Expunere reziduală': 6,
      'Strategie de răspuns': 'Tratare',
      'Măsuri de control': 'Calendar de raportare',
      'Responsabil măsuri': 'Ion Ionescu',
      Angajamente: 'A4',
      'Acțiuni asociate': 'A4.2',
      Stare: 'Deschis',
      'Peste limita de toleranță': 'Nu',
      'Nivel de risc': 'Mediu',
    });
    expect(row(3)).toMatchObject({ 'Cod risc': 'R-002', Categorie: 'Integritate', 'Strategie de răspuns': 'Terminare', 'Expunere inerentă': 10 });
    expect(wb.getWorksheet('Măsuri de control')!.getRow(2).getCell(2).value).toBe('Calendar de raportare');

    const before = await snapshot(dataDir);
    const dry = await ok(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(file), dryRun: true }, coord);
    expect(dry).toMatchObject({ dryRun: true, rows: 2, created: 0, updated: 0, unchanged: 2, ignoredColumns: [] });
    const real = await ok(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(file) }, coord);
    expect(real).toMatchObject({ dryRun: false, unchanged: 2, created: 0, updated: 0 });
    expect(await snapshot(dataDir)).toEqual(before); // not even an audit entry
  });

  it('updates only the rows that changed, keeping the residual change in the history', async () => {
    const { core, dataDir, coord, r1 } = await register();
    const file = await exportFile(core, dataDir, coord);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Registrul riscurilor')!;
    const col = (h: string) => (ws.getRow(1).values as string[]).indexOf(h);
    ws.getRow(2).getCell(col('Responsabil risc')).value = 'Maria Ionescu';
    ws.getRow(2).getCell(col('Probabilitate reziduală')).value = 4;
    ws.getRow(2).getCell(col('Expunere reziduală')).value = 12;
    await wb.xlsx.writeFile(file);
    const r = await ok(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(file) }, coord);
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const d = await ok(core, 'risks.get', { id: r1.id }, coord);
    expect(d).toMatchObject({ owner: 'Maria Ionescu', residualExposure: 12, actionCodes: ['A4.2'] });
    expect(d.residualHistory.map((h) => [h.exposure, h.source])).toEqual([
      [6, 'create'],
      [12, 'import'],
    ]);
  });

  it('imports a register laid out with the Romanian SCIM headers, creating risks, their measures and links', async () => {
    const { core, dataDir, coord } = await freshCore({ now: () => NOW }).then(async (e) => ({ ...e, coord: await signIn(e.core, 'coordinator') }));
    const file = await workbook([
      [
        'Nr. crt.',
        'Compartimentul',
        'Obiective',
        'Riscuri identificate',
        'Tipul riscului',
        'Cauze care favorizează apariția riscului',
        'Probabilitate',
        'Impact',
        'Expunere la risc',
        'Strategia adoptată',
        'Măsuri de control',
        'Responsabil cu implementarea măsurii',
        'Termen de implementare',
        'Observatii',
        'Actiuni',
      ],
      [
        '1',
        'Serviciul Buget',
        'Execuția bugetului participativ',
        'Depășirea costurilor proiectelor câștigătoare',
        'financiara',
        'Estimări optimiste',
        4,
        4,
        16,
        'Tratare',
        '- Verificare tehnică\n- Rezervă de 10 %',
        'Ion Ionescu',
        '31.12.2023',
        '',
        'A2.1',
      ],
      [
        '2',
        'Compartiment Integritate',
        'Evaluarea proiectelor',
        'Conflict de interese al evaluatorilor',
        'Integritate',
        '',
        2,
        5,
        10,
        'Evitare',
        '',
        '',
        '',
        'din raportul de audit',
        '',
      ],
    ]);
    const before = await snapshot(dataDir);
    const dry = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: b64(file), dryRun: true }, coord);
    expect(dry).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, sheet: 'Registru' });
    expect(await snapshot(dataDir)).toEqual(before);
    await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: b64(file) }, coord);
    const list = (await ok(core, 'risks.list', {}, coord)).rows;
    expect(list.map((r) => [r.code, r.category, r.strategy, r.inherentExposure, r.aboveTolerance, r.actionCodes])).toEqual([
      ['1', 'financial', 'treat', 16, true, ['A2.1']],
      ['2', 'integrity', 'terminate', 10, false, []],
    ]);
    const d = await ok(core, 'risks.get', { id: list[0].id }, coord);
    expect(d.measures.map((m) => [m.description, m.owner, m.deadline])).toEqual([
      ['Verificare tehnică', 'Ion Ionescu', '2023-12-31'],
      ['Rezervă de 10 %', 'Ion Ionescu', '2023-12-31'],
    ]);
    // Importing the same register again matches the rows by code: nothing changes.
    const again = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: b64(file) }, coord);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await count(dataDir, 'risk_measures')).toBe(2);
  });

  it('names every bad cell and writes nothing', async () => {
    const { core, dataDir, coord } = await register();
    const file = await workbook([
      [
        'Cod risc',
        'Descrierea riscului',
        'Categorie',
        'Probabilitate',
        'Impact',
        'Expunere',
        'Termen',
        'Acțiuni asociate',
        'Probabilitate reziduală',
        'Măsuri de control',
      ],
      ['R-100', 'Risc bun', 'Operațional', 3, 3, 9, '01.10.2023', 'A4.2', null, null],
      ['R-101', 'Scor greșit', 'Operațional', 7, 3, 21, '31.02.2023', 'A9.9', null, null],
      ['R-102', '', 'vremea', 3, 3, 10, null, null, 2, 'Măsură fără responsabil'],
      ['R-001', 'Cod deja folosit', 'Altele', 1, 1, 1, null, null, null, null],
    ]);
    const before = await snapshot(dataDir);
    const r = await call(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: b64(file) }, coord);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/nothing was imported/);
    const cells = (r.error.details?.cells as Array<{ row: number; column: string; message: string }>).map((c) => `${c.column}${c.row}: ${c.message}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Probabilitate3: must be at most 5/),
        expect.stringMatching(/^Termen3: not a real date/),
        expect.stringMatching(/^Descrierea riscului4: required/),
        expect.stringMatching(/^Categorie4: expected one of/),
      ]),
    );
    expect(cells).toHaveLength(4); // row checks run once every cell parses
    expect(await snapshot(dataDir)).toEqual(before);

    // Cells that parse but break the register's rules are named too.
    const rules = await workbook([
      ['Cod risc', 'Descrierea riscului', 'Probabilitate', 'Impact', 'Expunere', 'Acțiuni asociate', 'Probabilitate reziduală', 'Măsuri de control'],
      ['R-101', 'Expunere greșită', 3, 3, 10, 'A9.9', null, null],
      ['R-102', 'Rezidual pe jumătate', 2, 2, null, null, 2, 'Măsură fără responsabil'],
      ['R-001', 'Cod deja folosit', 1, 1, null, null, null, null],
      ['R-101', 'Cod dublat', 1, 1, null, null, null, null],
    ]);
    const r2 = await call(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: b64(rules) }, coord);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    const cells2 = (r2.error.details?.cells as Array<{ row: number; column: string; message: string }>).map((c) => `${c.column}${c.row}: ${c.message}`);
    expect(cells2).toEqual([
      'Expunere inerentă2: must be probability × impact = 9',
      'Acțiuni asociate2: no action with code A9.9',
      'Impact rezidual3: give both residual probability and residual impact, or neither',
      'Responsabil măsuri3: control measures need an owner (this column or the risk owner)',
      'Cod risc5: the same code is on row 2',
    ]);
    expect(await snapshot(dataDir)).toEqual(before);
    // R-001 matched the existing risk by code: that row is an update, not a clash.
    expect(await peek(dataDir, `select description from risks where code = 'R-001'`)).toEqual([{ description: 'Date de progres lipsă' }]);
  });

  it('refuses a file that is not a workbook, and a workbook without the register columns', async () => {
    const { core, dataDir, coord } = await register();
    const before = await snapshot(dataDir);
    const notXlsx = await call(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: Buffer.from('nu este excel').toString('base64') }, coord);
    expect(notXlsx).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'not_xlsx' }] } } });
    const wrong = await workbook([
      ['Nume', 'Prenume'],
      ['Ana', 'Pop'],
    ]);
    const r = await call(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(wrong) }, coord);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/missing column "Descrierea riscului"/);
    expect(await call(core, 'risks.importExcel', { fileName: 'r.csv', contentBase64: b64(wrong) }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'fileName' }] } },
    });
    const viewer = await signIn(core, 'viewer');
    const mid = await snapshot(dataDir);
    expect(await call(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(wrong) }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await snapshot(dataDir)).toEqual(mid);
    expect(mid.risks).toBe(before.risks);
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]); // temp files are removed
  });
});

describe('pla-desk risks export / import', () => {
  const BIN = path.resolve('bin/pla-desk.js');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('exports, imports back with and without --dry-run, and prints each bad cell on its own line', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const scim = await workbook([
      ['Riscuri identificate', 'Probabilitate', 'Impact', 'Acțiuni'],
      ['Întârzierea raportărilor', 4, 4, 'A4.2'],
    ]);
    const dry = cli(['risks', 'import', '--data-dir', dir, '--file', scim, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Dry run \(nothing written\): would create 1/);
    expect(await count(dir, 'risks')).toBe(0);
    const imp = cli(['risks', 'import', '--data-dir', dir, '--file', scim]);
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/Imported: created 1, updated 0, unchanged 0 of 1/);

    const out = path.join(root, 'registru.xlsx');
    const exp = cli(['risks', 'export', '--data-dir', dir, '--out', out]);
    expect(exp.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    const before = await snapshot(dir);
    expect(cli(['risks', 'import', '--data-dir', dir, '--file', out]).out).toMatch(/created 0, updated 0, unchanged 1 of 1/);
    expect(await snapshot(dir)).toEqual(before);

    const bad = await workbook([
      ['Riscuri identificate', 'Probabilitate', 'Impact'],
      ['x', 9, 2],
      ['', 2, 'mare'],
    ]);
    const r = cli(['risks', 'import', '--data-dir', dir, '--file', bad]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'Registru!Probabilitate row 2: must be at most 5',
      'Registru!Riscuri identificate row 3: required',
      'Registru!Impact row 3: expected a whole number',
      'pla-desk risks import: 3 bad cell(s); nothing was imported. Fix the cells above and import again.',
      'Reasons, with the first cells:',
      '  1 × Registru!Probabilitate: must be at most 5 — de ex. Registru!B2',
      '  1 × Registru!Riscuri identificate: required — de ex. Registru!A3',
      '  1 × Registru!Impact: expected a whole number — de ex. Registru!C3',
    ]);
    expect(await snapshot(dir)).toEqual(before);

    for (const [args, msg] of [
      [['risks', 'import', '--data-dir', dir], /--file is required/],
      [['risks', 'export', '--data-dir', dir, '--out', path.join(root, 'x.csv')], /--out must end in .xlsx/],
      [['risks', 'import', '--data-dir', dir, '--file', path.join(root, 'lipsa.xlsx')], /file not found/],
    ] as Array<[string[], RegExp]>) {
      const e = cli(args);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.err.trim().split('\n')).toHaveLength(1);
      expect(e.err).toMatch(msg);
    }
    expect(cli(['risks', 'import', '--help']).out).toMatch(/Usage: pla-desk risks import/);
  }, 120_000);
});
